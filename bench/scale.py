#!/usr/bin/env python3
"""The scale bench (`make bench`): this site at 200 and at BENCH_UNITS units beside
wagtail/bakerydemo, CPU per request, in one run of interleaved rounds.

`make bench` runs it inside bin/with-postgres (one throwaway PostgreSQL for all). It

1. prepares this site at 200 units (migrate, demo, bench/generate.py), copies that database
   as a template and grows the copy to BENCH_UNITS units (default 200: then there is one),
   and puts BENCH_FEEDBACK feedback rows (default 1,000,000) into each with one INSERT ...
   SELECT generate_series (timed);
2. prepares wagtail/bakerydemo (pinned commit; BENCH_BAKERYDEMO names a checkout to use
   instead of cloning) in its own database and its own virtualenv under var/bench/, which
   shares this project's Django, Wagtail and psycopg and adds bakerydemo's four small extras;
   its own `load_initial_data`, `update_index`, production settings;
3. starts each site in a process of its own (bench/scale_worker.py: Django's test client,
   in-process, no HTTP server) and measures, in BENCH_ROUNDS rounds, each row on each site
   in turn (the order alternating between rounds), so that load from elsewhere on a shared
   machine falls on both alike. A cost is CPU time per request: the site's process plus its
   PostgreSQL backend (plus Redis with BENCH_REDIS=1), read from the kernel, so time spent
   waiting for other people's work does not count. Each row is the median of the rounds.

The rows: guarantee page / blog post, area page / blog index, home / home, search over
distinct queries (never one twice in a run, so no kept result helps) / bakerydemo's search
over its own distinct queries, the feedback compilation over every row / count(*) of the
same rows (its ceiling: bakerydemo has none), the vote by mailed link (GET + POST) / the
same vote transaction as bare SQL (bench/run.py's pgbench script).

The search queries are bench/search_queries*.txt when committed (one a line), else built
from each site's own published text (scale_worker.queries). The table goes to
bench/README.md between the scale markers, and every run to bench/results/.
"""

import datetime
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

import bakerydemo  # noqa: E402  bench/bakerydemo.py: the reference site
import run  # noqa: E402  bench/run.py: site environment, Redis, ports
from harness import REUSE, Worker, database, exists  # noqa: E402  bench/harness.py

BASE_UNITS = int(os.environ.get("BENCH_BASE_UNITS", "200"))
UNITS = int(os.environ.get("BENCH_UNITS", str(BASE_UNITS)))
FEEDBACK = int(os.environ.get("BENCH_FEEDBACK", "1000000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
PAGES = int(os.environ.get("BENCH_PAGES", "40"))  # requests per page row and round
QUERIES = int(os.environ.get("BENCH_QUERIES", "40"))  # distinct queries per round
VOTES = int(os.environ.get("BENCH_VOTES_PER_ROUND", "50"))

BAKERYDEMO_RUN = bakerydemo.COMMIT[:7]  # the commit measured, named in the table
VAR = ROOT / "var" / "bench"
WORKER = BENCH / "scale_worker.py"


def vacuum(url):
    """As autovacuum would, now: the compilation's index-only scan needs the visibility map."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def generate(env, *args):
    """bench/generate.py; answers its output (it prints what it made and in how long)."""
    out = subprocess.run(
        [run.PYTHON, str(BENCH / "generate.py"), *map(str, args)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    print(out, end="", flush=True)
    return out


def seconds_of(output, name):
    line = next(line for line in output.splitlines() if line.startswith(name + ":"))
    return float(line.rsplit("(", 1)[1].split()[0])


def prepare_ours(base_url, redis_url, redis_db):
    """This site at 200 units and, when BENCH_UNITS is larger, a copy grown to it.

    BENCH_REUSE=1 (with a DATABASE_URL of your own that outlives the run) keeps the databases
    of the previous run at the same scale instead of making them again."""
    var_dir = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    made = {}
    saved = VAR / f"timings-{BASE_UNITS}-{UNITS}-{FEEDBACK}.json"
    if REUSE and saved.exists() and exists(base_url, f"bench_scale_{UNITS}"):
        env = run.site_env(var_dir) | {"ALLOWED_HOSTS": "testserver,127.0.0.1"}
        run.manage(env, "collectstatic", "--noinput", "-v", "0")  # into this run's VAR_DIR
        for units in sorted({BASE_UNITS, UNITS}):
            made[units] = env | {"DATABASE_URL": database(base_url, f"bench_scale_{units}")}
            if redis_url:
                made[units]["REDIS_URL"] = f"{redis_url}/{redis_db + (units != BASE_UNITS)}"
        return made, json.loads(saved.read_text()), var_dir
    first = database(base_url, f"bench_scale_{BASE_UNITS}")
    env = run.site_env(var_dir) | {
        "DATABASE_URL": first,
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
    }
    if redis_url:
        env["REDIS_URL"] = f"{redis_url}/{redis_db}"
    print(f"Preparing this site at {BASE_UNITS} units ...", flush=True)
    run.manage(env, "migrate", "--noinput", "-v", "0")
    run.manage(env, "createcachetable")
    run.manage(env, "load_demo", "--force", "--no-admin")
    out = generate(env, "--units", BASE_UNITS, "--feedback", 0)
    timings = {
        f"{BASE_UNITS} units": seconds_of(out, "units"),
        f"other pages, to {10 * BASE_UNITS:,} pages in all": seconds_of(out, "pages"),
    }
    run.manage(env, "collectstatic", "--noinput", "-v", "0")
    made[BASE_UNITS] = env
    if UNITS > BASE_UNITS:
        print(f"Growing a copy to {UNITS} units ...", flush=True)
        scaled = database(base_url, f"bench_scale_{UNITS}", template=f"bench_scale_{BASE_UNITS}")
        env2 = env | {"DATABASE_URL": scaled}
        if redis_url:
            env2["REDIS_URL"] = f"{redis_url}/{redis_db + 1}"
        out = generate(env2, "--units", UNITS, "--feedback", 0)
        timings[f"{BASE_UNITS} → {UNITS} units"] = seconds_of(out, "units")
        timings[f"other pages, to {10 * UNITS:,} pages in all"] = seconds_of(out, "pages")
        made[UNITS] = env2
    for units, site in made.items():
        print(f"Adding {FEEDBACK} feedback rows at {units} units ...", flush=True)
        out = generate(site, "--units", units, "--feedback", FEEDBACK)
        timings[f"{FEEDBACK:,} feedback rows at {units} units"] = seconds_of(out, "feedback")
        vacuum(site["DATABASE_URL"])
    saved.write_text(json.dumps(timings))
    return made, timings, var_dir


def prepare_bakerydemo(base_url, redis_url):
    global BAKERYDEMO_RUN
    checkout = bakerydemo.checkout(VAR)
    BAKERYDEMO_RUN = bakerydemo.commit_of(checkout)
    python = bakerydemo.python(VAR)
    reused = REUSE and exists(base_url, "bench_bakerydemo")
    env = bakerydemo.environment(database(base_url, "bench_bakerydemo"))
    if redis_url:
        env["REDIS_URL"] = redis_url  # bakerydemo appends /0 and /1 itself
    bakerydemo.prepare(python, checkout, env, reused)
    return str(python), checkout, env


def committed_queries():
    """The committed query set of the search work (bench/search_queries*.txt), if any, or
    the file BENCH_SEARCH_QUERIES names."""
    named = os.environ.get("BENCH_SEARCH_QUERIES")
    for path in [Path(named)] if named else sorted(BENCH.glob("search_queries*.txt")):
        lines = [line.strip() for line in path.read_text().splitlines()]
        queries = list(dict.fromkeys(q for q in lines if q and not q.startswith("#")))
        # Mixed, not in the file's order, so that every round has every kind of query.
        random.Random(27).shuffle(queries)
        return queries, f"{path.name} (the search work's committed set, shuffled)"
    return None, None


def cycle(paths, count):
    return [paths[i % len(paths)] for i in range(count)]


def main():
    if "DATABASE_URL" not in os.environ:
        sys.exit("bench: run me through `make bench` (bin/with-postgres sets DATABASE_URL).")
    base_url = os.environ["DATABASE_URL"]
    VAR.mkdir(parents=True, exist_ok=True)
    (BENCH / "results").mkdir(exist_ok=True)
    started_at = datetime.datetime.now(datetime.UTC)
    redis = redis_url = None
    if os.environ.get("BENCH_REDIS") == "1":
        redis, url = run.start_redis(VAR)
        redis_url = url.rsplit("/", 1)[0]

    ours, timings, var_dir = prepare_ours(base_url, redis_url, 2)
    t0 = time.monotonic()
    bakery_python, bakery_dir, bakery_env = prepare_bakerydemo(base_url, redis_url)
    timings["bakerydemo (migrate, its demo data, index, static)"] = time.monotonic() - t0

    extra = {"BENCH_EXTRA_PIDS": str(redis.pid)} if redis else {}
    sites = {
        units: Worker(f"this site at {units} units", run.PYTHON, WORKER, ROOT, env | extra)
        for units, env in ours.items()
    }
    bakery = Worker("bakerydemo", bakery_python, WORKER, bakery_dir, bakery_env | extra)
    workers = [*sites.values(), bakery]
    try:
        report = measure(sites, bakery, started_at, timings, redis_url)
    finally:
        for worker in workers:
            worker.stop()
        if redis is not None:
            run.stop(redis)
        shutil.rmtree(var_dir, ignore_errors=True)
    print(report)


def measure(sites, bakery, started_at, timings, redis_url):
    units_list = sorted(sites)
    top = units_list[-1]
    model = {
        "guarantee": "guarantees.GuaranteePage",
        "area": "guarantees.ServiceAreaPage",
    }
    paths = {units: site("paths", models=model, sample=20) for units, site in sites.items()}
    bakery_paths = bakery(
        "paths", models={"post": "blog.BlogPage", "index": "blog.BlogIndexPage"}, sample=20
    )
    needed = QUERIES * ROUNDS + 10
    queries, query_source = committed_queries()
    if queries is None:
        queries = sites[top]("queries", count=needed)
        query_source = "built from the scaled site's published text (scale_worker.queries)"
    bakery_queries = bakery("queries", count=needed)
    if len(queries) < needed:
        sys.exit(f"bench: {len(queries)} distinct queries, {needed} needed (BENCH_QUERIES)")

    def search(prefix, qs):
        return [prefix + urllib.parse.quote(q) for q in qs]

    today = datetime.datetime.now(datetime.UTC).date()
    period = {
        "start": str(today - datetime.timedelta(days=731)),
        "end": str(today + datetime.timedelta(days=1)),
    }
    from run import PGBENCH_SCRIPT, PGBENCH_SETUP

    for site in sites.values():
        site("vote_setup", tokens=VOTES * ROUNDS + 10)
        site("vote_sql_setup", setup_sql=PGBENCH_SETUP.format(proposals=10))
    # Warm-up: templates compiled, connections open, first-time caches filled; the queries
    # used here are not used again.
    for units, site in sites.items():
        site("get", paths=paths[units]["guarantee"] + paths[units]["area"] + ["/"])
        site("get", paths=search("/sok/?q=", queries[-10:]))
        site("compile", **period), site("count", **period)
        site("vote", count=5), site("vote_sql", script_sql=PGBENCH_SCRIPT, count=5)
    bakery("get", paths=bakery_paths["post"] + bakery_paths["index"] + ["/"])
    bakery("get", paths=search("/search/?q=", bakery_queries[-10:]))

    # (row, label, {who: callable}); "who" is ("ours", units), ("bakerydemo",) or ("ceiling",
    # units); every callable measures one batch and answers its cost per request.
    def rows_for(round_):
        qs = slice(round_ * QUERIES, (round_ + 1) * QUERIES)
        table = {
            "guarantee page": {
                **{
                    ("ours", u): (
                        lambda u=u: sites[u]("get", paths=cycle(paths[u]["guarantee"], PAGES))
                    )
                    for u in units_list
                },
                ("bakerydemo",): lambda: bakery("get", paths=cycle(bakery_paths["post"], PAGES)),
            },
            "area page": {
                **{
                    ("ours", u): (lambda u=u: sites[u]("get", paths=cycle(paths[u]["area"], PAGES)))
                    for u in units_list
                },
                ("bakerydemo",): lambda: bakery("get", paths=cycle(bakery_paths["index"], PAGES)),
            },
            "home": {
                **{
                    ("ours", u): (lambda u=u: sites[u]("get", paths=["/"] * PAGES))
                    for u in units_list
                },
                ("bakerydemo",): lambda: bakery("get", paths=["/"] * PAGES),
            },
            "search": {
                **{
                    ("ours", u): (
                        lambda u=u: sites[u]("get", paths=search("/sok/?q=", queries[qs]))
                    )
                    for u in units_list
                },
                ("bakerydemo",): lambda: bakery(
                    "get", paths=search("/search/?q=", bakery_queries[qs])
                ),
            },
            "compilation": {
                **{("ours", u): (lambda u=u: sites[u]("compile", **period)) for u in units_list},
                **{("ceiling", u): (lambda u=u: sites[u]("count", **period)) for u in units_list},
            },
            "vote": {
                **{("ours", u): (lambda u=u: sites[u]("vote", count=VOTES)) for u in units_list},
                **{
                    ("ceiling", u): (
                        lambda u=u: sites[u]("vote_sql", script_sql=PGBENCH_SCRIPT, count=VOTES)
                    )
                    for u in units_list
                },
            },
        }
        return table

    results = {}
    for round_ in range(ROUNDS):
        print(f"Round {round_ + 1} of {ROUNDS} ...", flush=True)
        for row, contenders in rows_for(round_).items():
            order = list(contenders.items())
            if round_ % 2:
                order.reverse()
            for who, batch in order:
                results.setdefault(row, {}).setdefault(who, []).append(batch())

    checks = {units: site("vote_check") for units, site in sites.items()}
    report = render(results, started_at, timings, query_source, len(queries), checks, redis_url)
    stamp = started_at.strftime("%Y%m%d-%H%M%S")
    (BENCH / "results" / f"scale-{stamp}.json").write_text(
        json.dumps(
            {
                "timings": timings,
                "checks": {str(k): v for k, v in checks.items()},
                "results": {
                    row: {" ".join(map(str, who)): runs for who, runs in by.items()}
                    for row, by in results.items()
                },
            },
            indent=2,
        )
    )
    (BENCH / "results" / f"scale-{stamp}.md").write_text(report)
    if os.environ.get("BENCH_WRITE_README", "1") == "1":
        readme = BENCH / "README.md"
        text = readme.read_text()
        start, end = "<!-- scale:start -->", "<!-- scale:end -->"
        text = text[: text.index(start) + len(start)] + "\n" + report + text[text.index(end) :]
        readme.write_text(text)
    return report


COMPARED = {
    "guarantee page": ("guarantee page (20 units, in turn)", "bakerydemo: blog post"),
    "area page": ("area page (every service area, in turn)", "bakerydemo: blog index"),
    "home": ("home", "bakerydemo: home"),
    "search": (
        f"search, {QUERIES} distinct queries a round",
        "bakerydemo: search, its own distinct queries",
    ),
    "compilation": (
        "feedback compilation over every row (grouped query, breakdowns, chart, XLSX)",
        "ceiling: count(*) of the same rows",
    ),
    "vote": (
        "vote by mailed link (GET + POST), per vote",
        "ceiling: the same vote transaction as bare SQL",
    ),
}


def ratio(value):
    return f"{value:.2f}×" if value >= 0.1 else f"{value:.3f}×"


def render(results, started_at, timings, query_source, query_count, checks, redis_url):
    def median(runs):
        return statistics.median(r["cpu_ms"] for r in runs)

    units_list = sorted(u for who in results["home"] for u in who[1:] if who[0] == "ours")
    top, bottom = units_list[-1], units_list[0]
    cache = "Redis (BENCH_REDIS=1, its CPU counted)" if redis_url else "database (as `make run`)"
    head = [
        f"Run {started_at:%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPU cores shared with other "
        f"work; {ROUNDS} rounds, every row measured on every site in each round, in turns "
        "(order reversed every other round); the figure is the median over rounds of CPU ms per "
        "request: the site's process (Django's test client, in-process) plus its PostgreSQL "
        f"backend and parallel workers. Shared cache: {cache}. Same Django and Wagtail for "
        "both sites; bakerydemo "
        f"{BAKERYDEMO_RUN} with its production settings and its own demo data.",
        "",
        "Data: this site at "
        + " and ".join(f"{u:,}" for u in units_list)
        + " units ("
        + " and ".join(f"{10 * u:,}" for u in units_list)
        + f" pages), {FEEDBACK:,} feedback rows in each. Search: {query_count} distinct "
        f"queries, "
        f"{query_source}; no query is sent twice in a run (kept results never help). "
        "Generation: "
        + "; ".join(f"{name} {seconds:.0f} s" for name, seconds in timings.items())
        + ".",
        "",
    ]
    # One scale (BENCH_UNITS=200): no growth columns.
    grown = top != bottom
    scales = f"| this site, {bottom:,} units | this site, {top:,} units | {top:,} / {bottom:,} "
    head += [
        f"| what {scales if grown else f'| this site, {top:,} units '}"
        f"| compared with | its cost | ratio (its cost / this site at {top:,}) |",
        "| --- | ---: | ---: | ---: | --- | ---: | ---: |"
        if grown
        else "| --- | ---: | --- | ---: | ---: |",
    ]
    for row, by in results.items():
        what, other = COMPARED[row]
        ours = {u: median(by[("ours", u)]) for u in units_list}
        comparison = by.get(("bakerydemo",)) or by[("ceiling", top)]
        theirs = median(comparison)
        bad = sum(r["bad"] for runs in by.values() for r in runs)
        if bad:
            what += f" (**{bad} answers not as expected**)"
        if row == "vote":
            exact = all(c["exact"] for c in checks.values())
            what += (
                f" (count {'exact' if exact else 'NOT exact'}: "
                + ", ".join(
                    f"{c['counter']} = {c['votes']} = {c['links_used']}" for c in checks.values()
                )
                + ")"
            )
        if row == "compilation":
            rows = by[("ours", top)][0].get("rows")
            what += f", {rows:,} rows"
        cost = f"{ours[top]:.1f} ms"
        if grown:
            cost = f"{ours[bottom]:.1f} ms | {cost} | {ours[top] / ours[bottom]:.2f}"
        head.append(
            f"| {what} | {cost} | {other} | {theirs:.1f} ms | {ratio(theirs / ours[top])} |"
        )
    return "\n".join(head) + "\n"


if __name__ == "__main__":
    main()
