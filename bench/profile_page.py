#!/usr/bin/env python3
"""Where a request's time goes, and two trees compared side by side in one run.

    bin/with-postgres .venv/bin/python bench/profile_page.py [--base /path/to/other/tree]
        [--path /forskola/forskolan-solrosen/] [--rounds 7] [--requests 30] [--profile]

Each tree (this one, and `--base` if given) runs in its own worker process with its own
database on the same PostgreSQL server: migrate, `load_demo`, then requests through Django's
handler (production middleware, no HTTP). The driver interleaves rounds between the workers
so that a noisy machine slows both alike, and prints per path the SQL query count, the median
time of one request alone and the ratio between the trees; `--profile` adds a cProfile summary
grouped by room and the SQL of one request.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

WORKER = r"""
import cProfile, io, json, os, pstats, sys, time
sys.path.insert(0, os.getcwd())
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

call_command("migrate", verbosity=0, interactive=False)
call_command("createcachetable", verbosity=0)
if os.environ.get("PROFILE_SETUP") == "1":
    call_command("load_demo", "--force", "--no-admin", verbosity=0, stdout=io.StringIO())
client = Client(REMOTE_ADDR="192.0.2.7")
print(json.dumps({"ready": True}), flush=True)

def rooms(stats):
    totals = {}
    for (filename, _line, _name), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():
        key = "other"
        for room in ("guarantees/followup", "guarantees", "feedback", "home", "proposals",
                     "kolada", "examples", "search", "wagtail", "django/template", "django/db",
                     "psycopg", "django/middleware", "django/urls", "modelcluster"):
            if "/" + room + "/" in filename:
                key = room
                break
        totals[key] = totals.get(key, 0) + tt
    return totals

for line in sys.stdin:
    command = json.loads(line)
    path = command["path"]
    if command["do"] == "time":
        times = []
        for _ in range(command["n"]):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        print(json.dumps({"times": times}), flush=True)
    elif command["do"] == "queries":
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        print(json.dumps({"queries": [q["sql"] for q in queries.captured_queries]}), flush=True)
    elif command["do"] == "origins":
        import traceback
        origins = []
        def record(execute, sql, params, many, context):
            frames = [f for f in traceback.extract_stack()[:-1]
                      if os.getcwd() in f.filename and "/.venv/" not in f.filename]
            origins.append(sql[:90] + "  <- " + " < ".join(
                f"{f.filename.split('/')[-2]}/{f.filename.split('/')[-1]}:{f.lineno}"
                for f in reversed(frames[-4:])))
            return execute(sql, params, many, context)
        client.get(path)
        with connection.execute_wrapper(record):
            client.get(path)
        print(json.dumps({"queries": origins}), flush=True)
    elif command["do"] == "profile":
        client.get(path)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(command["n"]):
            client.get(path)
        profiler.disable()
        stats = pstats.Stats(profiler)
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
        total = sum(tt for (_cc, _nc, tt, _ct, _c) in stats.stats.values())
        print(json.dumps({"rooms": rooms(stats), "total": total, "text": out.getvalue()}),
              flush=True)
"""


def start_worker(tree, database_url, setup, name):
    env = dict(
        os.environ,
        PROFILE_SETUP="1" if setup else "0",
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings.test",
        RATELIMIT_ENABLE="false",
    )
    process = subprocess.Popen(
        [str(HERE / ".venv" / "bin" / "python"), "-c", WORKER],
        cwd=tree,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    process.name = name
    return process


def ask(process, **command):
    process.stdin.write(json.dumps(command) + "\n")
    process.stdin.flush()
    line = process.stdout.readline()
    if not line:
        sys.exit(f"worker {process.name} died")
    return json.loads(line)


def create_database(url, name, reuse):
    """A database of its own for one tree; with `reuse`, one kept from an earlier run."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not (reuse and exists):
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name)), not (reuse and exists)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="another tree to compare with (e.g. a worktree of main)")
    parser.add_argument("--path", action="append", help="paths to measure")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the databases of an earlier run (no setup)"
    )
    args = parser.parse_args()
    url = os.environ["DATABASE_URL"]
    paths = args.path or ["/forskola/forskolan-solrosen/"]
    trees = [("this", HERE)] + ([("base", Path(args.base).resolve())] if args.base else [])
    workers = [
        start_worker(tree, *create_database(url, f"profile_{name}", args.reuse), name)
        for name, tree in trees
    ]
    for worker in workers:
        assert json.loads(worker.stdout.readline())["ready"]
    for path in paths:
        print(f"\n== {path}")
        medians = {}
        for worker in workers:
            queries = ask(worker, do="origins" if args.profile else "queries", path=path)["queries"]
            print(f"{worker.name}: {len(queries)} SQL queries")
            if args.profile:
                for sql in queries:
                    print("   ", sql[:250])
        samples = {worker.name: [] for worker in workers}
        for round_ in range(args.rounds):
            order = workers if round_ % 2 == 0 else list(reversed(workers))
            for worker in order:
                samples[worker.name] += ask(worker, do="time", path=path, n=args.requests)["times"]
        for worker in workers:
            medians[worker.name] = statistics.median(samples[worker.name])
            print(f"{worker.name}: median {medians[worker.name]:.1f} ms per request alone")
        if "base" in medians:
            print(f"ratio base / this: {medians['base'] / medians['this']:.2f}x faster")
        if args.profile:
            for worker in workers:
                result = ask(worker, do="profile", path=path, n=args.requests)
                total = result["total"]
                print(f"\n{worker.name}: own time by room (share of {total:.2f} s)")
                for room, seconds in sorted(result["rooms"].items(), key=lambda kv: -kv[1]):
                    print(f"  {room:22} {seconds / total:6.1%}")
                print(result["text"])
    for worker in workers:
        worker.stdin.close()
        worker.wait(timeout=30)


if __name__ == "__main__":
    main()
