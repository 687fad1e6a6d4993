"""What the side-by-side benches share: their databases on one PostgreSQL server, and each
site measured in a long-lived worker process of its own.

bench/scale.py (scale_worker.py) and bench/search_bench.py (search_worker.py) use both, and
every bench reads a process's CPU from /proc through `process_cpu`. A
worker reads one JSON command a line on its standard input and answers one JSON line:
{"ok": result}, or {"error": ..., "trace": ...}, which stops the bench.
"""

import json
import os
import subprocess
import sys
import urllib.parse

# BENCH_REUSE=1, with a DATABASE_URL that outlives the run, keeps the databases an earlier
# run made (their data; new migrations are applied): for measuring a change of code.
REUSE = os.environ.get("BENCH_REUSE") == "1"


_TICKS = os.sysconf("SC_CLK_TCK")
_SCHEDSTAT = os.path.exists("/proc/self/schedstat")


def _stat(pid):
    """The fields of /proc/<pid>/stat after the command's name (the state is the first)."""
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()


def process_cpu(pid):
    """CPU seconds a process has run on this machine: the sum of its threads' time on a CPU
    in nanoseconds (/proc/<pid>/task/<tid>/schedstat), or user + system time in 10 ms ticks
    where the kernel keeps no schedstat. In ticks, a batch of searches costing a PostgreSQL
    backend 50 ms read as 40 or 60. A thread that has exited is no longer counted: every
    process measured (a PostgreSQL backend, redis-server, a gunicorn worker) keeps its
    threads for the whole measurement."""
    if not _SCHEDSTAT:
        fields = _stat(pid)
        return (int(fields[11]) + int(fields[12])) / _TICKS
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as schedstat:
                total += int(schedstat.read().split()[0])
        except FileNotFoundError:  # a thread that ended as it was read
            continue
    return total / 1e9


def reaped_children_cpu(pid):
    """CPU seconds of the exited children a process has reaped: for the postmaster, the
    parallel query workers a backend started (they are gone before a batch ends)."""
    fields = _stat(pid)
    return (int(fields[13]) + int(fields[14])) / _TICKS


def parent_of(pid):
    return int(_stat(pid)[1])


def exists(url, name):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def database(url, name, template=None):
    """The URL of database `name` on the server of `url`: made afresh (a copy of `template`,
    if named), or with BENCH_REUSE=1 the one an earlier run left, if any."""
    import psycopg

    if not (REUSE and exists(url, name)):
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path="/" + name))


def answer(handle, command):
    """A worker's side: what `handle(op, **args)` returns, as the line to write back."""
    try:
        return json.dumps({"ok": handle(command.pop("op"), **command)})
    except Exception as exc:  # reported to the bench, which stops the run
        import traceback

        return json.dumps(
            {"error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc()}
        )


class Worker:
    """One site in a worker process (`script`, a file of bench/), run by `python` in `cwd`."""

    def __init__(self, name, python, script, cwd, env):
        self.name = name
        self.process = subprocess.Popen(
            [str(python), str(script)],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def __call__(self, op, **args):
        self.process.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            sys.exit(f"bench: the {self.name} worker stopped")
        reply = json.loads(line)
        if "error" in reply:
            sys.exit(f"bench: {self.name} {op}: {reply['error']}\n{reply['trace']}")
        return reply["ok"]

    def stop(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
