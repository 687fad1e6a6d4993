#!/usr/bin/env python3
"""One benchmark run: migrate, generate data, serve under gunicorn, measure on loopback.

`make bench-throughput` runs it inside bin/with-postgres (a throwaway PostgreSQL). Everything
listens on 127.0.0.1 only, every load is bounded in time, and every server started here is stopped
afterwards. Beside the site it measures two ceilings: nginx serving the same guarantee HTML as
a static file, and pgbench running the vote transaction directly in PostgreSQL. The table
goes to bench/README.md (the latest run) and bench/results/ (every run, not in git).

Environment: BENCH_UNITS, BENCH_FEEDBACK, BENCH_PROPOSALS, BENCH_VOTES (scale),
BENCH_DURATION (seconds per load, default 10), BENCH_CONNECTIONS (default 16),
BENCH_WORKERS / BENCH_THREADS (gunicorn gthread workers and threads per worker, default 2 x 4).
The shared cache is the database's unless REDIS_URL names a Redis, or BENCH_REDIS=1 starts
Debian's redis-server on a free loopback port for the run (as production with REDIS_URL).

Every row is reported as a ratio to its ceiling and to the previous recorded run
(bench/baseline.json, committed; `--record-baseline` makes this run the next baseline).
Rows measured through the reference proxy come from bench/proxy.py: see
`extra_rows` below.
"""

import datetime
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
PYTHON = sys.executable

UNITS = int(os.environ.get("BENCH_UNITS", "200"))
FEEDBACK = int(os.environ.get("BENCH_FEEDBACK", "20000"))
PROPOSALS = int(os.environ.get("BENCH_PROPOSALS", "500"))
VOTES = int(os.environ.get("BENCH_VOTES", "50000"))
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
# Two cores: two worker processes, each with threads so that one request's database round
# trips overlap another's Python; connections persist between requests (CONN_MAX_AGE).
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
BASELINE = BENCH / "baseline.json"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_tool(binary, package):
    """Install a Debian package when its binary is missing and we may (root), like
    bin/ensure-chromium does for the browser tests."""
    found = shutil.which(binary) or next(
        (p for p in (f"/usr/sbin/{binary}", f"/usr/bin/{binary}") if os.path.exists(p)), None
    )
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(f"bench: `{binary}` is missing; install it as root: apt-get install {package}")
    print(f"Installing {package} ...", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", package], check=True, env=env, stdout=subprocess.DEVNULL
    )
    return shutil.which(binary) or f"/usr/sbin/{binary}"


def site_env(var_dir):
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
        "RATELIMIT_ENABLE": "false",
        "CONN_MAX_AGE": "600",
        # Mail goes nowhere during the benchmark: the outbox keeps it, unsent.
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(free_port()),
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def start_redis(run_dir):
    """A throwaway redis-server on loopback for BENCH_REDIS=1; returns (process, url)."""
    binary = ensure_tool("redis-server", "redis-server")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(run_dir)]
        + ["--save", "", "--appendonly", "no", "--logfile", str(Path(run_dir) / "redis.log")]
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("bench: redis-server stopped at start")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return process, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.05)
    sys.exit("bench: redis-server did not answer")


def wait_for(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"bench: server for {url} exited with {process.returncode}")
        try:
            if requests.get(url, timeout=10).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    sys.exit(f"bench: {url} did not answer within {timeout} s")


def stop(process):
    if process and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def parse_wrk(output):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {}
    for pct in ("50%", "99%"):
        match = re.search(rf"{re.escape(pct)}\s+([\d.]+)(us|ms|s)", output)
        value, unit = float(match.group(1)), match.group(2)
        latency[pct] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    return {
        "rps": rps,
        "p50_ms": latency["50%"],
        "p99_ms": latency["99%"],
        "bad": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def run_wrk(wrk, url, script=None):
    args = [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", url]
    if script:
        args[1:1] = ["-s", str(script)]
    output = subprocess.run(args, capture_output=True, text=True, check=True, timeout=DURATION + 60)
    return parse_wrk(output.stdout)


def run_flow(wrk, base, kind, target):
    """One row of bench/flows.py: a path for wrk, a dict (path, script, per_request, check)
    for a wrk script, or a function for the threaded Python client."""
    if kind != "wrk":
        return run_python_load(target)
    if isinstance(target, str):
        return run_wrk(wrk, base + target)
    result = run_wrk(wrk, base + target["path"], target.get("script"))
    result["rps"] *= target.get("per_request", 1)
    if target.get("check"):
        result["check"] = target["check"]()
    return result


def run_python_load(make_request, duration=DURATION, threads=CONNECTIONS):
    """For POST flows that need a fresh CSRF token and form per request: threads of
    requests.Session, each request timed; same bounded duration as wrk."""
    latencies, bad = [], [0]
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def worker(index):
        session = requests.Session()
        n = 0
        while time.monotonic() < deadline:
            started = time.monotonic()
            ok = make_request(session, index, n)
            elapsed = (time.monotonic() - started) * 1000
            n += 1
            with lock:
                latencies.append(elapsed)
                if not ok:
                    bad[0] += 1

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    started = time.monotonic()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    if not latencies:
        return {"rps": 0.0, "p50_ms": 0.0, "p99_ms": 0.0, "bad": bad[0], "socket_errors": ""}
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": latencies[len(latencies) // 2],
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "bad": bad[0],
        "socket_errors": "",
    }


NGINX_CONF = """
worker_processes {workers};
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
{user}
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    default_type text/html;
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/www;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""


def nginx_ceiling(nginx, wrk, html, path):
    tmp = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    try:
        target = tmp / "www" / path.strip("/") / "index.html"
        target.parent.mkdir(parents=True)
        target.write_bytes(html)
        for folder in tmp.rglob("*"):
            folder.chmod(0o755 if folder.is_dir() else 0o644)
        tmp.chmod(0o755)
        port = free_port()
        conf = tmp / "nginx.conf"
        user = "user root;" if os.geteuid() == 0 else ""
        conf.write_text(NGINX_CONF.format(workers=WORKERS, tmp=tmp, port=port, user=user))
        process = subprocess.Popen([nginx, "-c", str(conf), "-e", str(tmp / "nginx-error.log")])
        try:
            url = f"http://127.0.0.1:{port}{path}"
            wait_for(url, process)
            return run_wrk(wrk, url)
        finally:
            stop(process)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# The vote transaction as PostgreSQL sees it; bench flows may replace it once the proposals
# room is merged (see VOTE_TRANSACTION_SQL in the flows below).
# The POST of a mailed vote link: spend the link, insert the vote, move the counter;
# all links point at one proposal, as in the HTTP row (its counter is the hot row of both).
PGBENCH_SETUP = """
DROP TABLE IF EXISTS bench_vote; DROP TABLE IF EXISTS bench_confirmation;
DROP TABLE IF EXISTS bench_proposal;
CREATE TABLE bench_proposal (
    id serial PRIMARY KEY, title text NOT NULL, vote_count int NOT NULL DEFAULT 0);
CREATE TABLE bench_confirmation (
    id serial PRIMARY KEY, proposal_id int NOT NULL REFERENCES bench_proposal(id),
    token_hash text NOT NULL, voter_hash text NOT NULL, used_at timestamptz);
CREATE TABLE bench_vote (
    id bigserial PRIMARY KEY, proposal_id int NOT NULL REFERENCES bench_proposal(id),
    email_hash text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (proposal_id, email_hash));
INSERT INTO bench_proposal (title)
    SELECT 'Förslag ' || g FROM generate_series(1, {proposals}) g;
INSERT INTO bench_confirmation (proposal_id, token_hash, voter_hash)
    SELECT 1, md5(g::text), md5('v' || g) FROM generate_series(1, 1000000) g;
"""
# As the POST runs it (proposals/models.py, Proposal.record_mailed_vote): one statement that
# spends the link, moves the counter and inserts the vote, in autocommit.
PGBENCH_SCRIPT = """
\\set c random(1, 1000000)
WITH c AS (
    UPDATE bench_confirmation SET used_at = now() WHERE id = :c AND used_at IS NULL
    RETURNING voter_hash
), p AS (
    UPDATE bench_proposal SET vote_count = vote_count + 1
    WHERE id = 1 AND EXISTS (SELECT 1 FROM c) RETURNING id
)
INSERT INTO bench_vote (proposal_id, email_hash)
    SELECT 1, voter_hash FROM c WHERE EXISTS (SELECT 1 FROM p);
"""


def pgbench_ceiling(setup_sql, script_sql):
    url = os.environ["DATABASE_URL"]
    parts = urllib.parse.urlsplit(url)
    env = dict(
        os.environ,
        PGHOST=parts.hostname or "127.0.0.1",
        PGPORT=str(parts.port or 5432),
        PGUSER=parts.username or "postgres",
        PGDATABASE=parts.path.lstrip("/") or "postgres",
    )
    if parts.password:
        env["PGPASSWORD"] = parts.password
    psql = shutil.which("psql") or sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"))[-1]
    pgbench = (
        shutil.which("pgbench") or sorted(Path("/usr/lib/postgresql").glob("*/bin/pgbench"))[-1]
    )
    subprocess.run([psql, "-q", "-v", "ON_ERROR_STOP=1", "-c", setup_sql], env=env, check=True)
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write(script_sql)
    try:
        output = subprocess.run(
            [
                pgbench,
                "-n",
                "-c",
                str(CONNECTIONS),
                "-j",
                "2",
                "-T",
                str(DURATION),
                "-r",
                "-f",
                script.name,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=DURATION + 60,
        ).stdout
    finally:
        os.unlink(script.name)
    tps = float(re.search(r"tps = ([\d.]+)", output).group(1))
    latency = float(re.search(r"latency average = ([\d.]+) ms", output).group(1))
    return {"rps": tps, "p50_ms": latency, "p99_ms": float("nan"), "bad": 0, "socket_errors": ""}


def prepare_site(env):
    """The bench's data in DATABASE_URL: the demo and BENCH_UNITS units; returns the seconds
    bench/generate.py took."""
    print("Preparing the database ...", flush=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "createcachetable")  # the shared cache, as `make run` and deployments have
    manage(env, "load_demo", "--force", "--no-admin")
    t0 = time.monotonic()
    subprocess.run(
        [
            PYTHON,
            str(BENCH / "generate.py"),
            "--units",
            str(UNITS),
            "--feedback",
            str(FEEDBACK),
            "--proposals",
            str(PROPOSALS),
            "--votes",
            str(VOTES),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    generate_seconds = time.monotonic() - t0
    manage(env, "collectstatic", "--noinput", "-v", "0")
    return generate_seconds


def start_gunicorn(env):
    """The site under gunicorn on a free loopback port, as production runs it; returns
    (process, base URL). The caller waits for it (`wait_for`) and stops it (`stop`)."""
    port = free_port()
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-w",
            str(WORKERS),
            "-k",
            "gthread",
            "--threads",
            str(THREADS),
            "-b",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    return process, f"http://127.0.0.1:{port}"


def main():
    if "DATABASE_URL" not in os.environ:
        sys.exit(
            "bench: run me through `make bench-throughput` (bin/with-postgres sets DATABASE_URL)."
        )
    wrk = ensure_tool("wrk", "wrk")
    nginx = ensure_tool("nginx", "nginx-light")
    RESULTS.mkdir(parents=True, exist_ok=True)
    var_dir = Path(tempfile.mkdtemp(prefix="bench-var-"))
    env = site_env(var_dir)
    redis = None
    if os.environ.get("BENCH_REDIS") == "1" and not env.get("REDIS_URL"):
        redis, env["REDIS_URL"] = start_redis(var_dir)
    started_at = datetime.datetime.now().astimezone()

    generate_seconds = prepare_site(env)
    gunicorn, base = start_gunicorn(env)
    rows = []
    try:
        wait_for(base + "/healthz", gunicorn)
        from flows import prepare_flows  # bench/flows.py: what to measure against the site

        context = prepare_flows(base, env)
        guarantee_path = context["guarantee_path"]
        guarantee_html = requests.get(base + guarantee_path, timeout=10).content

        for name, kind, target in context["flows"]:
            print(f"Measuring {name} ...", flush=True)
            rows.append({"name": name, "via": kind, **run_flow(wrk, base, kind, target)})
        rows += extra_rows(base, wrk, nginx, env, context)
    finally:
        stop(gunicorn)
        context.get("cleanup", lambda: None)()
        if redis is not None:
            stop(redis)

    print("Measuring the nginx ceiling ...", flush=True)
    rows.append(
        {
            "name": "ceiling: nginx, same guarantee HTML as a static file",
            "via": "wrk",
            **nginx_ceiling(nginx, wrk, guarantee_html, guarantee_path),
        }
    )
    print("Measuring the pgbench ceiling ...", flush=True)
    setup_sql, script_sql = context["pgbench"]
    rows.append(
        {
            "name": "ceiling: pgbench, the vote transaction",
            "via": "pgbench",
            **pgbench_ceiling(setup_sql, script_sql),
        }
    )
    shutil.rmtree(var_dir, ignore_errors=True)

    previous = json.loads(BASELINE.read_text()) if BASELINE.exists() else None
    report = render_report(rows, started_at, generate_seconds, context, previous)
    if "--record-baseline" in sys.argv:
        BASELINE.write_text(
            json.dumps({"run": f"{started_at:%Y-%m-%d %H:%M %Z}", "rows": rows}, indent=2) + "\n"
        )
    stamp = started_at.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"{stamp}.json").write_text(json.dumps({"rows": rows}, indent=2))
    (RESULTS / f"{stamp}.md").write_text(report)
    readme = BENCH / "README.md"
    text = readme.read_text()
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    text = text[: text.index(start) + len(start)] + "\n" + report + text[text.index(end) :]
    readme.write_text(text)
    print(report)


def extra_rows(base, wrk, nginx, env, context):
    """Rows measured through the reference reverse proxy of deploy/ (bench/proxy.py), shaped
    like the others and ratioed like every row."""
    from proxy import proxy_rows

    return list(
        proxy_rows(run_wrk, wrk, base, [("guarantee page", context["guarantee_path"])], WORKERS)
    )


def _ratio(part, whole):
    return part / whole if whole else float("nan")


def render_report(rows, started_at, generate_seconds, context, previous=None):
    nginx = next(r for r in rows if r["name"].startswith("ceiling: nginx"))
    pg = next(r for r in rows if r["name"].startswith("ceiling: pgbench"))
    before = {row["name"]: row for row in (previous or {}).get("rows", [])}
    redis = os.environ.get("REDIS_URL") or os.environ.get("BENCH_REDIS") == "1"
    shared_cache = "Redis" if redis else "database"
    lines = [
        f"Run {started_at:%Y-%m-%d %H:%M %Z} on {os.cpu_count()} CPU cores; gunicorn with "
        f"{WORKERS} gthread workers x {THREADS} threads, config.settings.production, "
        f"PostgreSQL on loopback, shared cache: {shared_cache}; {CONNECTIONS} connections, "
        f"{DURATION} s per row. Data: "
        f"{context['scale']} (generated in {generate_seconds:.0f} s). Previous run: "
        f"{(previous or {}).get('run', 'none recorded')} (bench/baseline.json).",
        "",
        "| what | via | requests/s | p50 ms | p99 ms | non-2xx | ratio to ceiling "
        "| × previous run | ratio to ceiling then |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        db_bound = row["name"] in context.get("db_bound", ()) or row.get("ceiling") == "pgbench"
        ceiling = pg if db_bound else nginx
        ceiling_name = "pgbench" if db_bound else "nginx"
        old = before.get(row["name"])
        if row["name"].startswith("ceiling"):
            ratio = then = "1 (ceiling)"
        else:
            ratio = f"{_ratio(row['rps'], ceiling['rps']):.3f} of {ceiling_name}"
            old_ceiling = before.get(ceiling["name"])
            then = f"{_ratio(old['rps'], old_ceiling['rps']):.3f}" if old and old_ceiling else "–"
        change = f"{_ratio(row['rps'], old['rps']):.2f}×" if old else "–"
        p99 = "–" if row["p99_ms"] != row["p99_ms"] else f"{row['p99_ms']:.1f}"
        name = row["name"]
        check = row.get("check")
        if check:
            name += (
                f" (count {'exact' if check['exact'] else 'NOT exact'}: counter "
                f"{check['counter']}, votes {check['votes']}, links used {check['links_used']})"
            )
        lines.append(
            f"| {name} | {row['via']} | {row['rps']:.0f} | {row['p50_ms']:.1f} | {p99} "
            f"| {row['bad']} | {ratio} | {change} | {then} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH))
    main()
