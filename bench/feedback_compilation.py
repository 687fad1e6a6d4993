"""Benchmark: the feedback compilation over 1,000,000 rows on PostgreSQL (issue #4: under 1 s).

Run:   bin/with-postgres .venv/bin/python bench/feedback_compilation.py
Quick: BENCH_ROWS=20000 BENCH_RUNS=2 bin/with-postgres .venv/bin/python \
           bench/feedback_compilation.py

Creates a fresh database, migrates it, fills it with one INSERT ... SELECT generate_series of
seeded random rows (units, kinds, dimensions mixing freely over 2025-2026, two thirds answered
within 0-5 days), vacuums and analyses it as autovacuum would, then times the whole compilation
(the grouped query, every breakdown, the chart and the CSV) for the year 2026 (~500,000 rows)
and for all 1,000,000 rows: one warm-up, then 5 runs, interleaved with a plain count(*) of the
same rows as a reference, since the 2 shared cores make absolute figures noisy. Prints best and
median, the ratio to the reference, and EXPLAIN (ANALYZE, BUFFERS) of the main query.

Knobs: BENCH_ROWS, BENCH_RUNS, BENCH_UNITS (spread over 5 areas; default 100),
BENCH_BEFORE=<commit> (that commit's compilation and XLSX writer timed too, interleaved, after
checking that every table and the chart come out the same), BENCH_PROFILE=1 (cProfile).

Latest figures (2026-12-06, PostgreSQL 15, 2 shared cores busy with other work, so the ratio
within a run is the figure to read): 200,000 rows, BENCH_RUNS=3, BENCH_BEFORE=0c91bee (one
fine-grained group set summed in Python), medians, the whole compilation including the XLSX:
  200 units,   year 2026: now 715 ms, before 1,463 ms (x2.05); all rows: 1,687 / 3,253 (x1.93)
  2,000 units, year 2026: now 4,586 ms, before 8,925 ms (x1.95); all rows: 7,041 / 14,406 (x2.05)
From 200 to 2,000 units the query's rows grow with the unit x dimension x month table (24,344
to 133,152 over all rows), which the XLSX writes cell by cell: that table is the report's
content, so its cost grows with the units; the one grouped query took 297 ms of it at 2,000.
Under BENCH_PROFILE at 2,000 units, all rows: 8.1 s profiled, of which xlsx_response 7.2 s
(openpyxl's XML writing of 280,275 cells, et_xmlfile per cell) and Compilation() 0.55 s.
Since then the XLSX is written by XlsxWriter row by row (home/spreadsheets.py), the same cells
read back one by one: `bench/xlsx_writer.py` measured 3.2 µs a cell against openpyxl
write-only's 5.4 (1.7x cheaper at 2,000 units' 406,026 cells, 1.8x at 200 units'), the same
per cell at both.
Plan now: one Seq Scan feeding a MixedAggregate (a hash per grouping set).

Earlier (2026-11-22, 100 units, 1,000,000 rows, the compilation of then against 91958e5):
all rows 466 ms against 2,139 ms, year 2026 220 ms against 1,162 ms (medians).
"""

import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg

ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
# The units the rows are spread over, in 5 service areas (the scale bench's 200 and 2,000).
UNITS = int(os.environ.get("BENCH_UNITS", "100"))
# A commit whose feedback/compilation.py (with its home/spreadsheets.py) is timed too,
# interleaved on the same data, so that a change is measured against what it replaces in one
# run ("main", "HEAD~3"; empty: not).
BEFORE = os.environ.get("BENCH_BEFORE", "")
# Set: print where one compilation of all rows spends its time (cProfile, top 25 by own time).
PROFILE = os.environ.get("BENCH_PROFILE", "")
DB_NAME = "bench_feedback"


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    base_url = os.environ["DATABASE_URL"]
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    os.environ["DATABASE_URL"] = base_url.rsplit("/", 1)[0] + "/" + DB_NAME
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the test settings cache in the database
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code="sv")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    from guarantees.models import GuaranteePage
    from tests.factories import load_demo_shell, make_service_area

    home = load_demo_shell()
    units = []
    started = time.perf_counter()
    for a in range(5):
        area = make_service_area(home, title=f"Område {a}")
        # Through the tree API, but with no revision: all the compilation reads of a unit is
        # its title and place in the tree, and a revision per page made 2,000 units too slow.
        units += [
            area.add_child(
                instance=GuaranteePage(
                    title=f"Enhet {a}-{u}",
                    idea="Vi finns till för alla.",
                    feedback_recipient="Enhetschefen",
                    remedy="Vi rättar till felet.",
                    valid_from=datetime(2025, 1, 1).date(),
                    valid_to=datetime(2026, 12, 31).date(),
                    committee=area.committee,
                )
            )
            for u in range(UNITS // 5)
        ]
    print(f"{len(units)} units in {time.perf_counter() - started:.1f} s")
    unit_ids = [u.pk for u in units]

    started = time.perf_counter()
    with connection.cursor() as cursor:
        # Independent random draws per row (seeded, so every run loads the same data): units,
        # kinds and dimensions mix freely, so a year has ~24,000 unit x kind x dimension x month
        # groups, as real data would. Two thirds are answered, a few days after receipt, so some
        # late. received_month and answered_in_time follow the rule of Feedback.save() and of
        # migration 0002, in the same SQL PostgreSQL would run for the data migration.
        cursor.execute("SELECT setseed(0.42)")
        cursor.execute(
            """
            INSERT INTO feedback_feedback (
                reference, status, kind, dimension, unit_id, message, anonymous, name, email,
                phone, wants_reply, received_at, received_month, deadline, reply, replied_at,
                answered_in_time, action, tracking_token_hash, submission_key)
            SELECT
                'SYN-B-' || lpad(g::text, 9, '0'),
                CASE WHEN replied IS NULL THEN 'in_progress' ELSE 'closed' END,
                kind, dimension, unit_id, 'Meddelande', false, '', '', '', false,
                ts, date_trunc('month', ts AT TIME ZONE 'Europe/Stockholm')::date, deadline,
                '', replied,
                coalesce((replied AT TIME ZONE 'Europe/Stockholm')::date <= deadline, false),
                '', md5(g::text), NULL
            FROM (
                SELECT *, (ts AT TIME ZONE 'Europe/Stockholm')::date + 2 AS deadline,
                       CASE WHEN random() < 0.67
                            THEN ts + random() * interval '5 days' END AS replied
                FROM (
                    SELECT g,
                        timestamptz '2025-01-01 00:00 Europe/Stockholm'
                            + random() * interval '730 days' AS ts,
                        (ARRAY['synpunkt','synpunkt','synpunkt','klagomal','klagomal',
                               'klagomal','berom','berom','berom','forslag'])
                            [1 + floor(random() * 10)::int] AS kind,
                        (ARRAY['bemotande','utforande','information','tillganglighet',
                               'ovrigt'])[1 + floor(random() * 5)::int] AS dimension,
                        CASE WHEN random() < 0.05 THEN NULL
                             ELSE (%s::bigint[])[1 + floor(random() * %s)::int] END AS unit_id
                    FROM generate_series(1, %s) AS g
                ) AS drawn
            ) AS s
            """,
            [unit_ids, len(unit_ids), ROWS],
        )
    # A production table is vacuumed and analysed by autovacuum; do it now rather than wait for
    # it, so the index-only scan sees an up-to-date visibility map. From a fresh connection,
    # with Django's closed: an open snapshot would keep the new rows from being all-visible.
    from django.db import connections

    connections.close_all()
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("ANALYZE feedback_feedback")
        for _ in range(30):  # until a VACUUM's snapshot is newer than every other one
            conn.execute("VACUUM feedback_feedback")
            visible, pages = conn.execute(
                "SELECT relallvisible, relpages FROM pg_class WHERE relname = 'feedback_feedback'"
            ).fetchone()
            if visible >= pages:
                break
            time.sleep(1)
    print(
        f"inserted {ROWS} rows in {time.perf_counter() - started:.1f} s;"
        f" all-visible pages: {visible} of {pages}"
    )

    from django.test.utils import CaptureQueriesContext

    tz = ZoneInfo("Europe/Stockholm")
    periods = {
        "year 2026": (datetime(2026, 1, 1, tzinfo=tz), datetime(2027, 1, 1, tzinfo=tz)),
        "all rows, 2025-2026": (datetime(2025, 1, 1, tzinfo=tz), datetime(2027, 1, 1, tzinfo=tz)),
    }

    import feedback.compilation as now

    implementations = {"now": now}
    if BEFORE:
        implementations[BEFORE] = load_before(BEFORE)

    def compile_all(module, start, end):
        compilation = module.Compilation(start, end, label="bench")
        compilation.by_kind(), compilation.by_dimension(), compilation.by_month()
        compilation.by_unit(), compilation.by_area(), compilation.answered_in_time_share
        compilation.month_chart_svg()
        module.xlsx_response_for(compilation)  # every table, as the XLSX download builds them
        return compilation

    def same_tables(start, end):
        """Every cell of every table (and the chart) of each implementation is the same."""
        built = []
        for module in implementations.values():
            compilation = module.Compilation(start, end, label="bench")
            sheets = module.tables(compilation)
            built.append(
                (
                    {
                        slug: (s.header, [list(r) for r in s.rows], s.formats)
                        for slug, s in sheets.items()
                    },
                    compilation.month_chart_svg(),
                )
            )
        return all(b == built[0] for b in built)

    def count_rows(start, end):
        """The reference: the cheapest possible read of the same rows."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM feedback_feedback"
                " WHERE received_at >= %s AND received_at < %s",
                [start, end],
            )
            return cursor.fetchone()[0]

    def timed(fn, *args):
        t = time.perf_counter()
        result = fn(*args)
        return time.perf_counter() - t, result

    for name, (start, end) in periods.items():
        assert same_tables(start, end), f"{name}: the implementations' tables differ"
        for module in implementations.values():
            compile_all(module, start, end)  # warm-up: caches, plans
        count_rows(start, end)
        compile_ms = {label: [] for label in implementations}
        count_ms = []
        for _ in range(RUNS):  # interleaved, so all see the same load on a shared machine
            for label, module in implementations.items():
                seconds, compilation = timed(compile_all, module, start, end)
                compile_ms[label].append(seconds * 1000)
                groups = f"{compilation.groups} groups"
                if label == "now":
                    groups_now = groups
            seconds, n = timed(count_rows, start, end)
            count_ms.append(seconds * 1000)
            assert compilation.total == n, (compilation.total, n)
        ref_best, ref_median = min(count_ms), statistics.median(count_ms)
        print(
            f"{name} ({n} rows, {UNITS} units, {groups_now} now):"
            f" reference count(*) best {ref_best:.0f} ms, median {ref_median:.0f} ms"
            f"\n  count(*) runs {[round(x) for x in count_ms]} ms"
        )
        for label, runs in compile_ms.items():
            best, median = min(runs), statistics.median(runs)
            print(
                f"  compilation {label}: best {best:.0f} ms, median {median:.0f} ms;"
                f" ratio of medians to count(*) {median / ref_median:.1f};"
                f" runs {[round(x) for x in runs]} ms"
            )
        if BEFORE:
            before = statistics.median(compile_ms[BEFORE])
            print(
                f"  {BEFORE} / now (medians): {before / statistics.median(compile_ms['now']):.2f}"
            )

    start, end = periods["all rows, 2025-2026"]
    if PROFILE:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(compile_all, now, start, end)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    with CaptureQueriesContext(connection) as queries:
        now.Compilation(start, end)
    grouped = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    for sql in grouped:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print(f"\nA grouped query over all rows (default settings):\n{sql}\n{plan}")
    connection.close()


def load_before(rev):
    """feedback/compilation.py as it was at `rev`, as a module of the feedback package, with
    the home/spreadsheets.py of `rev` under it (its XLSX writer is part of the cost)."""
    import subprocess
    import types

    root = Path(__file__).resolve().parent.parent

    def module_at(path, name, package):
        source = subprocess.run(
            ["git", "show", f"{rev}:{path}"], cwd=root, capture_output=True, text=True, check=True
        ).stdout
        module = types.ModuleType(name)
        module.__package__ = package
        exec(compile(source, f"{rev}:{path}", "exec"), module.__dict__)  # noqa: S102
        return module

    spreadsheets = module_at("home/spreadsheets.py", "home.spreadsheets_before", "home")
    current = sys.modules["home.spreadsheets"]
    sys.modules["home.spreadsheets"] = spreadsheets  # what the old compilation imports
    try:
        return module_at("feedback/compilation.py", "feedback.compilation_before", "feedback")
    finally:
        sys.modules["home.spreadsheets"] = current


if __name__ == "__main__":
    main()
