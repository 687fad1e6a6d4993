#!/usr/bin/env python3
"""The feedback submit of `make bench-throughput` on each shared cache, side by side.

    bin/with-postgres .venv/bin/python bench/submit_cache.py [--rounds 3]

One database (bench/run.py's data: the demo and BENCH_UNITS units), one throwaway
redis-server, and in each round the site under gunicorn twice, as bench/run.py serves it: on
the database cache, then with REDIS_URL (the order reversed every other round). Against each
it runs, BENCH_DURATION seconds apiece:

- the feedback submit of bench/run.py (GET the guarantee, GET the form's key, POST), by its
  threaded Python client;
- the guarantee page alone, by the same Python client (what the client itself can drive);
- the guarantee page alone under wrk (what the site can serve).

Each line gives the requests per second, the load average of the machine at its end, and
the CPU milliseconds per operation of: the client (this process), gunicorn's workers, their
PostgreSQL backends and redis-server; how many backends were busy and how many waited for a
lock (pg_stat_activity sampled every 20 ms); with Redis, the Redis commands per operation
(INFO commandstats). BENCH_REUSE=1 with a DATABASE_URL that outlives the run skips making the
data when an earlier run made it.
"""

import argparse
import collections
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from flows import feedback_submitter  # noqa: E402  bench/flows.py
from harness import parent_of, process_cpu  # noqa: E402  bench/harness.py
from run import (  # noqa: E402  bench/run.py
    ROOT,
    ensure_tool,
    prepare_site,
    run_python_load,
    run_wrk,
    site_env,
    start_gunicorn,
    start_redis,
    stop,
    wait_for,
)

FIRST_GUARANTEE = """
import django
django.setup()
from guarantees.models import GuaranteePage
page = GuaranteePage.objects.live().order_by("pk").first()
print(page.url if page else "")
"""


def first_guarantee(env):
    return subprocess.run(
        [sys.executable, "-c", FIRST_GUARANTEE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def children_cpu(parent):
    """CPU seconds of the living children of `parent` (gunicorn's workers, the postmaster's
    backends)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if parent_of(entry.name) == parent:
                    total += process_cpu(entry.name)
            except (OSError, ValueError, IndexError):
                continue  # a process that ended meanwhile
    return total


def postmaster_pid():
    datadir = os.environ.get("TEST_POSTGRES_DATADIR")
    if not datadir:
        return None
    return int((Path(datadir) / "postmaster.pid").read_text().split()[0])


def redis_commands(url):
    import redis

    info = redis.Redis.from_url(url).info("commandstats")
    return {name.removeprefix("cmdstat_"): value["calls"] for name, value in info.items()}


class LockWaits(threading.Thread):
    """Samples pg_stat_activity while a load runs: how many of the site's backends are busy
    and how many of them wait for a lock (the feedback's reference counter row is one)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.done = threading.Event()
        self.samples = []
        self.statements = collections.Counter()  # what the waiting backends run

    def run(self):
        import psycopg

        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
            while not self.done.wait(0.02):
                rows = conn.execute(
                    "SELECT state = 'active', wait_event_type = 'Lock', wait_event,"
                    " left(regexp_replace(query, '\\s+', ' ', 'g'), 70)"
                    " FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                ).fetchall()
                self.samples.append((sum(1 for r in rows if r[0]), sum(1 for r in rows if r[1])))
                self.statements.update(f"{r[2]}: {r[3]}" for r in rows if r[1])

    def stop(self):
        self.done.set()
        self.join()
        n = len(self.samples) or 1
        return (
            sum(active for active, _ in self.samples) / n,
            sum(waiting for _, waiting in self.samples) / n,
        )


def measured(load, gunicorn, redis_process, redis_url):
    """Run `load`; its result with the load average at its end and the CPU seconds spent."""
    postmaster = postmaster_pid()

    def cpu():
        return {
            "client": time.process_time(),
            "gunicorn": children_cpu(gunicorn.pid),
            "postgres": children_cpu(postmaster) if postmaster else float("nan"),
            "redis": process_cpu(redis_process.pid),
        }

    commands = redis_commands(redis_url) if redis_url else None
    waits = LockWaits()
    waits.start()
    before = cpu()
    started = time.monotonic()
    result = load()
    result["operations"] = result["rps"] * (time.monotonic() - started)
    after = cpu()
    result["backends_active"], result["backends_waiting_for_lock"] = waits.stop()
    result["lock_waits"] = waits.statements.most_common(3)
    result["load"] = os.getloadavg()[0]
    result["cpu"] = {name: after[name] - before[name] for name in before}
    if redis_url:
        now = redis_commands(redis_url)
        result["redis_commands"] = {
            name: calls - commands.get(name, 0)
            for name, calls in now.items()
            if calls != commands.get(name, 0)
        }
    return result


def one_cache(name, env, wrk, guarantee, redis_process, redis_url):
    gunicorn, base = start_gunicorn(env)
    try:
        wait_for(base + "/healthz", gunicorn)
        submit = feedback_submitter(base, guarantee)
        for _ in range(3):  # every worker has rendered the page and its parts
            submit(requests.Session(), 0, 0)

        def get_guarantee(session, worker, n):
            return session.get(base + guarantee, timeout=10).status_code == 200

        html = requests.get(base + guarantee, timeout=10).text
        parts_url = base + re.search(r'data-form-parts="([^"]+)"', html).group(1)

        def get_key(session, worker, n):
            return session.get(parts_url, timeout=10).status_code == 200

        return {
            "submit": measured(lambda: run_python_load(submit), gunicorn, redis_process, redis_url),
            "key (python)": measured(
                lambda: run_python_load(get_key), gunicorn, redis_process, redis_url
            ),
            "get (python)": measured(
                lambda: run_python_load(get_guarantee), gunicorn, redis_process, redis_url
            ),
            "get (wrk)": measured(
                lambda: run_wrk(wrk, base + guarantee), gunicorn, redis_process, redis_url
            ),
        }
    finally:
        stop(gunicorn)


def per_operation(result):
    """CPU milliseconds per operation (a submit, a GET) of each process."""
    return {k: 1000 * v / result["operations"] for k, v in result["cpu"].items()}


def rate(result):
    return result["rps"]


def server_cpu(result):
    """The site's CPU per operation: gunicorn's workers, PostgreSQL and redis-server."""
    return sum(v for k, v in per_operation(result).items() if k != "client")


def line(cache, flow, result):
    cpu = " ".join(f"{k} {v:.1f}" for k, v in per_operation(result).items())
    text = (
        f"{cache:8} {flow:13} {result['rps']:7.1f}/s p50 {result['p50_ms']:7.1f} ms "
        f"bad {result['bad']} load {result['load']:.2f} cpu ms/op: {cpu} "
        f"backends active {result['backends_active']:.2f}, "
        f"waiting for a lock {result['backends_waiting_for_lock']:.2f}"
    )
    if result["lock_waits"]:
        text += f" (samples: {result['lock_waits']})"
    if result.get("redis_commands"):
        per = {
            k: round(v / result["operations"], 2)
            for k, v in sorted(result["redis_commands"].items())
        }
        text += f" redis commands/op {per}"
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        sys.exit("bench: run me through bin/with-postgres (it sets DATABASE_URL).")
    wrk = ensure_tool("wrk", "wrk")
    var_dir = Path(tempfile.mkdtemp(prefix="bench-var-"))
    env = site_env(var_dir)
    env.pop("REDIS_URL", None)
    guarantee = first_guarantee(env) if os.environ.get("BENCH_REUSE") == "1" else ""
    if not guarantee:
        prepare_site(env)
        guarantee = first_guarantee(env)
    redis_process, redis_url = start_redis(var_dir)
    caches = {"database": (env, None), "redis": (dict(env, REDIS_URL=redis_url), redis_url)}
    results = {name: [] for name in caches}
    try:
        for round_ in range(args.rounds):
            order = list(caches) if round_ % 2 == 0 else list(caches)[::-1]
            for name in order:
                cache_env, url = caches[name]
                result = one_cache(name, cache_env, wrk, guarantee, redis_process, url)
                results[name].append(result)
                for flow, value in result.items():
                    print(f"round {round_ + 1} " + line(name, flow, value), flush=True)
    finally:
        stop(redis_process)
        shutil.rmtree(var_dir, ignore_errors=True)
    print(f"\nMedians over {args.rounds} rounds; redis / database per round:")
    pairs = list(zip(results["database"], results["redis"], strict=True))
    for flow in results["database"][0]:
        for what, value in (("per s", rate), ("server CPU ms/op", server_cpu)):
            db = statistics.median(value(d[flow]) for d, _ in pairs)
            rd = statistics.median(value(r[flow]) for _, r in pairs)
            ratios = ", ".join(f"{value(r[flow]) / value(d[flow]):.2f}" for d, r in pairs)
            print(f"{flow:13} {what:17} database {db:7.1f}  redis {rd:7.1f}  ratios {ratios}")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (BENCH / "results").mkdir(exist_ok=True)
    (BENCH / "results" / f"submit-cache-{stamp}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
