#!/usr/bin/env python3
"""Run the reference reverse proxy (deploy/nginx.conf.template) in the foreground.

    python deploy/proxy.py --listen 127.0.0.1:8080 --upstream 127.0.0.1:8000

Fills in the template's @NAME@ placeholders, keeps pid, logs and cache in a temporary folder,
and stops nginx with itself. The tests (tests/quality/test_reverse_proxy.py) and the benchmark
(bench/proxy.py) start it through `ReverseProxy`. Needs Debian's nginx with the cache purge
module: bin/ensure-proxy installs both.
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
TEMPLATE = DEPLOY / "nginx.conf.template"
ENSURE = DEPLOY.parent / "bin" / "ensure-proxy"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")


def nginx_binary():
    return shutil.which("nginx") or "/usr/sbin/nginx"


def ensure_installed():
    """nginx and its purge module, installed from Debian's packages when missing."""
    subprocess.run([str(ENSURE)], check=True)


def render(
    listen,
    upstreams,
    run_dir,
    cache_dir,
    purge_from=("127.0.0.1",),
    workers="auto",
    media_root=None,
):
    values = {
        "LISTEN": listen,
        "UPSTREAM": "\n        ".join(f"server {address};" for address in upstreams),
        "PURGE_ALLOW": " ".join(f"allow {address};" for address in purge_from),
        "RUN_DIR": str(run_dir),
        "CACHE_DIR": str(cache_dir),
        "WORKERS": str(workers),
        # Started as root, nginx would hand its workers to nobody, who cannot write here.
        "USER": "user root;" if os.geteuid() == 0 else "",
        # Without uploads on disk (S3 storage, the benchmark) an empty folder of its own.
        "MEDIA_ROOT": str(media_root or Path(run_dir) / "media"),
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ReverseProxy:
    """The reference proxy on a free loopback port in front of `upstream` (host:port)."""

    def __init__(self, upstream, workers=1, media_root=None):
        self.upstream = upstream
        self.workers = workers
        self.media_root = media_root
        self.port = None
        self.process = None
        self.run_dir = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=20):
        self.run_dir = Path(tempfile.mkdtemp(prefix="reverse-proxy-"))
        self.port = free_port()
        conf = self.run_dir / "nginx.conf"
        conf.write_text(
            render(
                f"127.0.0.1:{self.port}",
                [self.upstream],
                self.run_dir,
                self.run_dir / "cache",
                workers=self.workers,
                media_root=self.media_root,
            )
        )
        self.process = subprocess.Popen(
            [
                nginx_binary(),
                "-c",
                str(conf),
                "-e",
                str(self.run_dir / "error.log"),
                "-g",
                "daemon off;",
            ]
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx stopped at start:\n{self.error_log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"nginx did not listen within {timeout} s")

    def error_log(self):
        log = self.run_dir / "error.log"
        return log.read_text() if log.exists() else ""

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.run_dir is not None:
            shutil.rmtree(self.run_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1:8080")
    parser.add_argument("--upstream", action="append", default=[], help="host:port, repeatable")
    parser.add_argument("--workers", default="auto")
    parser.add_argument(
        "--media-root",
        default=os.environ.get("VAR_DIR", str(DEPLOY.parent / "var")) + "/media",
        help="editors' uploads on disk (MEDIA_ROOT), served under /media/",
    )
    args = parser.parse_args()
    ensure_installed()
    run_dir = Path(tempfile.mkdtemp(prefix="reverse-proxy-"))
    conf = run_dir / "nginx.conf"
    upstreams = args.upstream or ["127.0.0.1:8000"]
    conf.write_text(
        render(
            args.listen,
            upstreams,
            run_dir,
            run_dir / "cache",
            workers=args.workers,
            media_root=args.media_root,
        )
    )
    print(f"Proxy on http://{args.listen} in front of {', '.join(upstreams)}; config {conf}")
    try:
        subprocess.run(
            [
                nginx_binary(),
                "-c",
                str(conf),
                "-e",
                str(run_dir / "error.log"),
                "-g",
                "daemon off;",
            ],
            check=False,
        )
    except KeyboardInterrupt:
        pass
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
