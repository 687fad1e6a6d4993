#!/usr/bin/env python3
"""Votes, search and a guarantee page through HTTP for two trees, side by side in one run.

    bin/with-postgres .venv/bin/python bench/side_by_side.py --base /path/to/worktree-of-main \\
        [--rounds 3] [--seconds 8] [--units 60] [--tokens 24000]

On a shared, busy machine two `make bench-throughput` runs minutes apart say little about each
other. This serves both trees at once (each its own database on the one PostgreSQL server, its own
gunicorn as bench/run.py starts it: production settings, gthread workers, loopback) and
measures them in interleaved rounds, alternating which goes first, so that load from
elsewhere slows both alike:

- the vote flow of `make bench-throughput` (bench/vote_flow.lua: GET the mailed link's page,
  POST its button, one fresh link per vote), votes per second, and afterwards whether the count is
  exact (the counter, the vote rows and the links spent agree);
- `/sok/?q=förskola` and a guarantee page under wrk, direct to gunicorn (no proxy, nothing
  cached in front: the uncached render).

It prints the median of the rounds per tree and the ratio this / base.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "bench"))

import run  # noqa: E402  bench/run.py: its gunicorn, wrk and environment
from flows import COUNT_CHECK, PREPARE  # noqa: E402

# The GET rows: what each measures, by the name `--only` takes.
GETS = {
    "search": "/sok/?q=" + urllib.parse.quote("förskola"),
    "guarantee": "/forskola/forskolan-solrosen/",
}


class Tree:
    def __init__(self, name, path, url, args):
        self.name, self.path = name, Path(path).resolve()
        self.python = str(self.path / ".venv" / "bin" / "python")
        self.var = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
        self.env = run.site_env(self.var) | {"DATABASE_URL": url}
        self.args = args
        self.votes = []
        self.gets = {what: [] for what in GETS}

    def manage(self, *args):
        subprocess.run([self.python, "manage.py", *args], cwd=self.path, env=self.env, check=True)

    def python_script(self, code, *args):
        return subprocess.run(
            [self.python, "-c", code, *map(str, args)],
            cwd=self.path,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def prepare(self):
        print(f"[{self.name}] preparing {self.path} ...", flush=True)
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("createcachetable")
        self.manage("load_demo", "--force", "--no-admin")
        subprocess.run(
            [self.python, str(self.path / "bench" / "generate.py"), "--units", str(self.args.units)]
            + ["--feedback", "2000", "--proposals", "100", "--votes", "5000"],
            cwd=self.path,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.manage("collectstatic", "--noinput", "-v", "0")
        prepared = json.loads(self.python_script(PREPARE, self.args.tokens))
        self.proposal = prepared["proposal"]
        self.tokens = Path(self.var / "tokens.txt")
        self.tokens.write_text(
            "\n".join(urllib.parse.quote(t, safe="") for t in prepared["tokens"])
        )
        self.vote_path = f"/e-forslag/{self.proposal}/rosta/epost/"
        port = run.free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.gunicorn = subprocess.Popen(
            [self.python, "-m", "gunicorn", "config.wsgi", "-w", str(run.WORKERS)]
            + ["-k", "gthread", "--threads", str(run.THREADS), "-b", f"127.0.0.1:{port}"]
            + ["--access-logfile", "/dev/null", "--log-level", "warning"],
            cwd=self.path,
            env=self.env,
        )
        run.wait_for(self.base + "/healthz", self.gunicorn)

    def measure_votes(self, wrk, seconds, offset):
        # Each round has links of its own: a slice of the file from `offset`.
        remaining = self.tokens.read_text().split("\n")[offset:]
        chunk = Path(self.var / "chunk.txt")
        chunk.write_text("\n".join(remaining))
        os.environ.update(
            BENCH_VOTE_TOKENS=str(chunk), BENCH_VOTE_PATH=self.vote_path, BENCH_WRK_THREADS="2"
        )
        result = wrk_run(wrk, self.base + self.vote_path, seconds, run.BENCH / "vote_flow.lua")
        result["rps"] *= 0.5  # two requests per vote
        self.votes.append(result)
        return result

    def measure_get(self, wrk, what, seconds):
        result = wrk_run(wrk, self.base + GETS[what], seconds)
        self.gets[what].append(result)
        return result

    def count_check(self):
        # A tree that counts votes periodically (PR 691 of alphagov/e-petitions) is counted
        # first, as its job would after the load; the base tree's counter is synchronous.
        if (self.path / "proposals" / "management" / "commands" / "count_votes.py").exists():
            self.manage("count_votes")
        counts = json.loads(self.python_script(COUNT_CHECK, self.proposal))
        counts["exact"] = counts["counter"] == counts["votes"] == counts["links_used"]
        return counts

    def stop(self):
        run.stop(getattr(self, "gunicorn", None))


def wrk_run(wrk, url, seconds, script=None):
    args = [wrk, "-t2", f"-c{run.CONNECTIONS}", f"-d{seconds}s", "--latency", url]
    if script:
        args[1:1] = ["-s", str(script)]
    output = subprocess.run(args, capture_output=True, text=True, check=True, timeout=seconds + 60)
    return run.parse_wrk(output.stdout)


def create_database(url, name):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the tree to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--tokens", type=int, default=24000)
    parser.add_argument("--only", choices=["votes", *GETS], help="measure one path only")
    parser.add_argument(
        "--this-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="environment for this tree's site only (SEARCH_RESULTS_SECONDS=0: the search itself)",
    )
    args = parser.parse_args()
    wrk = run.ensure_tool("wrk", "wrk")
    url = os.environ["DATABASE_URL"]
    trees = [
        Tree("this", HERE, create_database(url, "side_this"), args),
        Tree("base", args.base, create_database(url, "side_base"), args),
    ]
    trees[0].env.update(item.split("=", 1) for item in args.this_env)
    try:
        for tree in trees:
            tree.prepare()
        for round_ in range(args.rounds):
            order = trees if round_ % 2 == 0 else trees[::-1]
            for tree in order:
                if args.only in (None, "votes"):
                    per_round = args.tokens // args.rounds
                    result = tree.measure_votes(wrk, args.seconds, round_ * per_round)
                    print(
                        f"round {round_} {tree.name}: votes {result['rps']:.0f}/s "
                        f"(non-2xx {result['bad']})",
                        flush=True,
                    )
                for what in GETS:
                    if args.only not in (None, what):
                        continue
                    result = tree.measure_get(wrk, what, args.seconds)
                    print(
                        f"round {round_} {tree.name}: {what} {result['rps']:.0f} req/s "
                        f"(non-2xx {result['bad']})",
                        flush=True,
                    )
        print()
        medians = {}
        for tree in trees:
            line = [f"{tree.name}:"]
            if tree.votes:
                medians[(tree.name, "votes")] = statistics.median(r["rps"] for r in tree.votes)
                check = tree.count_check()
                line.append(
                    f"votes {medians[(tree.name, 'votes')]:.0f}/s (count "
                    f"{'exact' if check['exact'] else 'NOT EXACT'}: {check})"
                )
            for what, results in tree.gets.items():
                if results:
                    medians[(tree.name, what)] = statistics.median(r["rps"] for r in results)
                    line.append(f"{what} {medians[(tree.name, what)]:.0f} req/s")
            print("  ".join(line))
        for what in ("votes", *GETS):
            if (("base", what)) in medians:
                ratio = medians[("this", what)] / medians[("base", what)]
                print(f"{what}: this / base = {ratio:.2f}x (medians of {args.rounds} rounds)")
    finally:
        for tree in trees:
            tree.stop()


if __name__ == "__main__":
    main()
