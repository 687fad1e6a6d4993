"""The reverse proxy rows of `make bench-throughput`: the site's public pages through the reference
proxy of deploy/ (Debian's nginx, proxy_cache), measured like the nginx static ceiling
(same wrk, same worker count), so the ratio to that ceiling is the proxy's own cost.

Called from bench/run.py while the site is served; the proxy runs on a free loopback port
and is stopped afterwards.
"""

import importlib.util
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def _deploy_proxy():
    spec = importlib.util.spec_from_file_location("deploy_proxy", ROOT / "deploy" / "proxy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def proxy_rows(run_wrk, wrk, base, pages, workers=2):
    """One row per (name, path) in `pages`: anonymous GETs through the proxy, all hits after
    one warming request (checked: a row that measured misses would measure the app)."""
    deploy_proxy = _deploy_proxy()
    deploy_proxy.ensure_installed()
    rows = []
    with deploy_proxy.ReverseProxy(base.removeprefix("http://"), workers=workers) as proxy:
        for name, path in pages:
            url = proxy.url + path
            requests.get(url, timeout=30)
            status = requests.get(url, timeout=30).headers.get("X-Cache-Status")
            if status != "HIT":
                raise SystemExit(f"bench: {path} is not cached by the proxy ({status})")
            print(f"Measuring {name} through the reverse proxy ...", flush=True)
            rows.append(
                {"name": f"{name}, through the reverse proxy (deploy/)", "via": "wrk"}
                | run_wrk(wrk, url)
            )
    return rows
