#!/usr/bin/env python3
"""Search, CPU per request, this site beside wagtail/bakerydemo in one run of interleaved rounds.

    bin/with-postgres .venv/bin/python bench/search_bench.py [--units 2000] [--rounds 5]

The machine is shared (2 cores, other work running): absolute milliseconds say little, so
the sites are measured in the same run, in rounds that change which goes first, and the
report is the ratio of medians. Each site runs in its own long-lived process
(bench/search_worker.py), on its own database of the one PostgreSQL server, with DEBUG off
and its production settings; requests go through Django's test client in-process (no HTTP,
no proxy, nothing cached in front). CPU per request is the worker's own CPU plus its
PostgreSQL backend's (read from /proc), so work moved into SQL is counted.

- This site: the demo (`load_demo`), with `--units N` units more (bench/generate.py), its
  queries the committed set bench/search_queries.txt (everyday Swedish: inflected, misspelt,
  half words, phrases, zero-hit), each asked once in the run (distinct queries: nothing a
  previous request did helps the next).
- bakerydemo: its own demo data (`load_initial_data`), its own distinct queries built from
  its pages (bench/search_worker.py), its own search view `/search/`.
  BENCH_BAKERYDEMO names its checkout (default var/bench/bakerydemo, cloned at the commit
  below) and BENCH_BAKERYDEMO_PYTHON a Python with its requirements (default: the virtualenv
  `make bench` makes, var/bench/bakerydemo-venv: this project's packages and bakerydemo's
  four small extras, so both run the same Django and Wagtail).
- With `--units`, a third site: bakerydemo grown to as many pages as this site then holds
  (bench/bakerydemo.py `grow`: its blog posts, generated as bench/generate.py generates this
  site's news articles, in English bakery words), on a database of its own
  (search_bench_bakery_<pages>), its queries made by the same builder from its pages, now
  generated ones too; measured in the same rounds (each round another site goes first) and
  reported in a second column beside bakerydemo at its demo size.
- With `--units`, also precision@3 over bench/search_scaled.tsv (made from the scaled data by
  bench/search_queries.py scaled, re-made when missing).

BENCH_REUSE=1 with a DATABASE_URL that outlives the run keeps the databases of an earlier run
with the same `--units` (their data; new migrations are applied), to measure a change of code;
a grown bakerydemo's is grown again only up to the pages this site holds.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
from pathlib import Path

import bakerydemo  # bench/bakerydemo.py: the reference site
import generate  # bench/generate.py: what this site's generated pages are made of
from harness import REUSE, Worker, database, exists  # bench/harness.py

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VAR = ROOT / "var" / "bench"
WORKER = BENCH / "search_worker.py"
OUR_PATH, BAKERY_PATH = "/sok/", "/search/"
WARM_UP = 10


def run(cmd, cwd, env, quiet=True):
    subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def prepare_ours(base_url, units):
    sys.path.insert(0, str(BENCH))
    import run as bench_run  # bench/run.py: the environment make bench gives the site

    VAR.mkdir(parents=True, exist_ok=True)
    name = f"search_bench_ours_{units}"
    reused = REUSE and exists(base_url, name)
    env = bench_run.site_env(VAR) | {
        "DATABASE_URL": database(base_url, name),
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
    }
    python = ROOT / ".venv" / "bin" / "python"
    print("Preparing this site ...", flush=True)
    run([python, "manage.py", "migrate", "--noinput"], ROOT, env)  # a reused one: new ones
    # Static files belong to the checkout, not the database: a reused database from another
    # checkout still needs them collected here.
    run([python, "manage.py", "collectstatic", "--noinput"], ROOT, env)
    if reused:
        return python, env
    run([python, "manage.py", "createcachetable"], ROOT, env)
    run([python, "manage.py", "load_demo", "--force", "--no-admin"], ROOT, env)
    if units:
        print(f"  + {units} units (bench/generate.py) ...", flush=True)
        generate = [python, BENCH / "generate.py", "--units", units]
        run([*generate, "--feedback", 0, "--proposals", 200, "--votes", 0], ROOT, env)
    run([python, "manage.py", "update_index"], ROOT, env)
    run([python, "manage.py", "rebuild_search_words"], ROOT, env)
    return python, env


def prepare_bakerydemo(base_url, pages=None):
    """bakerydemo on its demo data, or grown to `pages` pages in all on a database of its own."""
    checkout, python = bakerydemo.checkout(VAR), bakerydemo.python(VAR)
    name = "search_bench_bakery" + (f"_{pages}" if pages else "")
    reused = REUSE and exists(base_url, name)
    env = bakerydemo.environment(database(base_url, name))
    env["SECURE_SSL_REDIRECT"] = "false"  # the test client asks over http
    bakerydemo.prepare(python, checkout, env, reused)
    if pages:
        bakerydemo.grow(python, checkout, env, pages)  # up to `pages`: nothing on a grown one
    return python, checkout, env


def pages_of(url):
    """A site's pages, the tree's root not counted (as bench/generate.py counts them)."""
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM wagtailcore_page WHERE depth > 1").fetchone()[0]


def our_queries():
    lines = (BENCH / "search_queries.txt").read_text().splitlines()
    queries = list(dict.fromkeys(q.strip() for q in lines if q.strip() and not q.startswith("#")))
    random.Random(27).shuffle(queries)  # every round gets every kind of query
    return queries


def meets(query, vocabulary):
    """Whether a word of `query` meets a word of `vocabulary`: the same first four letters (or
    the whole word, of three), as a stem, a half word or a misspelling late in the word does."""
    stems = {word.lower()[:4] for word in vocabulary}
    return any(len(w) >= 3 and w[:4] in stems for w in query.lower().split())


def generated_share(queries):
    """The share of this site's queries that meet its generated pages' words."""
    vocabulary = [*generate.AREAS, *generate.PLACES, *generate.WORDS]
    return sum(meets(query, vocabulary) for query in queries) / len(queries)


def per_request(results):
    """Medians over rounds of CPU ms per request: app, database backend, both; and wall."""

    def median(key):
        return statistics.median(r[key] / r["n"] * 1000 for r in results)

    return {key: median(key) for key in ("app", "db", "wall")} | {
        "cpu": statistics.median((r["app"] + r["db"]) / r["n"] * 1000 for r in results)
    }


def precision_at_3(ours, python, env):
    path = BENCH / "search_scaled.tsv"
    if not path.exists():
        run([python, BENCH / "search_queries.py", "scaled"], ROOT, env, quiet=False)
    rows = [line.split("\t") for line in path.read_text().splitlines() if line.strip()]
    found = ours("titles", path=OUR_PATH, queries=rows)
    misses = [(q, expected, top) for q, expected, top in found if expected not in top]
    return 1 - len(misses) / len(found), len(found), misses


ROWS = [
    ("cpu", "app + database"),
    ("app", "app (Django process)"),
    ("db", "database backend"),
    ("wall", "wall time (shared machine)"),
]


def ratio(theirs, mine):
    return f"{theirs / mine if mine else float('inf'):.1f}×"


def report(args, asked, medians, pages):
    """The table: this site beside bakerydemo at its demo size, and with `--units` also
    beside bakerydemo grown to as many pages as this site holds."""
    mine, theirs = medians["ours"], medians["bakery"]
    if not args.units:
        print(
            f"\nSearch, {asked} distinct queries per site in {args.rounds} interleaved rounds"
            " (this site: demo)"
        )
        print("| CPU per request, median of rounds | this site | bakerydemo | bakerydemo / this |")
        print("| --- | ---: | ---: | ---: |")
        for key, label in ROWS:
            print(
                f"| {label} | {mine[key]:.2f} ms | {theirs[key]:.2f} ms"
                f" | {ratio(theirs[key], mine[key])} |"
            )
        return
    grown = medians["grown"]
    print(
        f"\nSearch, {asked} distinct queries per site in {args.rounds} interleaved rounds"
        f" (this site: demo + {args.units} units, {pages['ours']:,} pages;"
        f" bakerydemo: its demo, {pages['bakery']:,} pages, and grown to {pages['grown']:,})"
    )
    print(
        "| CPU per request, median of rounds | this site"
        f" | bakerydemo, demo ({pages['bakery']:,} pages) | bakerydemo / this"
        f" | bakerydemo, {pages['grown']:,} pages | bakerydemo / this |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for key, label in ROWS:
        print(
            f"| {label} | {mine[key]:.2f} ms"
            f" | {theirs[key]:.2f} ms | {ratio(theirs[key], mine[key])}"
            f" | {grown[key]:.2f} ms | {ratio(grown[key], mine[key])} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=0, help="units added to the demo")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    base_url = os.environ["DATABASE_URL"]
    python, env = prepare_ours(base_url, args.units)
    bakery_python, bakery_dir, bakery_env = prepare_bakerydemo(base_url)
    pages = {"ours": pages_of(env["DATABASE_URL"]), "bakery": pages_of(bakery_env["DATABASE_URL"])}
    workers = {
        "ours": Worker("this site", python, WORKER, ROOT, env),
        "bakery": Worker("bakerydemo", bakery_python, WORKER, bakery_dir, bakery_env),
    }
    try:
        if args.units:
            grown_python, grown_dir, grown_env = prepare_bakerydemo(base_url, pages["ours"])
            pages["grown"] = pages_of(grown_env["DATABASE_URL"])
            workers["grown"] = Worker(
                "bakerydemo grown", grown_python, WORKER, grown_dir, grown_env
            )
        queries = {"ours": our_queries()}
        count = len(queries["ours"])
        queries["bakery"] = workers["bakery"]("queries", count=count)
        if "grown" in workers:
            # As many of its queries meet its generated posts as of ours meet our generated
            # pages: the common words are where a grown site's search costs.
            share = generated_share(queries["ours"])
            vocabulary = [*bakerydemo.KINDS, *bakerydemo.BRANCHES, *bakerydemo.WORDS]
            queries["grown"] = workers["grown"](
                "queries", count=count, generated=vocabulary, share=share
            )
            print(
                f"Queries meeting the generated pages: {share:.0%} of this site's,"
                f" {sum(meets(q, vocabulary) for q in queries['grown']) / count:.0%}"
                " of grown bakerydemo's",
                flush=True,
            )
        paths = dict.fromkeys(workers, BAKERY_PATH) | {"ours": OUR_PATH}
        # WARM_UP queries of each set warm its site (imports, first connection, templates);
        # the rounds never ask them.
        per_round = min(len(asked) for asked in queries.values()) - WARM_UP
        per_round //= args.rounds
        for name, worker in workers.items():
            worker("search", path=paths[name], queries=queries[name][-WARM_UP:])
        results = {name: [] for name in workers}
        order = list(workers)
        for round_ in range(args.rounds):
            ask = slice(round_ * per_round, (round_ + 1) * per_round)
            # Each round another site goes first (with two: the order alternates).
            for name in order[round_ % len(order) :] + order[: round_ % len(order)]:
                result = workers[name]("search", path=paths[name], queries=queries[name][ask])
                results[name].append(result)
                print(
                    f"round {round_} {name}: {result['n']} queries, "
                    f"app {result['app'] / result['n'] * 1000:.2f} ms, "
                    f"db {result['db'] / result['n'] * 1000:.2f} ms per request, "
                    f"statuses {result['statuses']}",
                    flush=True,
                )
        medians = {name: per_request(found) for name, found in results.items()}
        report(args, per_round * args.rounds, medians, pages)
        if args.units:
            precision, count, misses = precision_at_3(workers["ours"], python, env)
            print(f"\nprecision@3 = {precision:.3f} over {count} queries from the scaled data")
            for miss in misses[:10]:
                print("  miss:", miss)
    finally:
        for worker in workers.values():
            worker.stop()


if __name__ == "__main__":
    main()
