"""Benchmark: the feedback compilation over 1,000,000 rows on PostgreSQL.

Run: bin/with-postgres .venv/bin/python bench/feedback_compilation.py
Creates a fresh database, migrates it, fills it with INSERT ... SELECT generate_series, and times
the compilation (the one grouped query and the breakdowns summed from it) for one year.
"""

import os
import sys
import time
from pathlib import Path

import psycopg

ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
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
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code="sv")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    from home import demo as home_demo
    from tests.factories import make_guarantee, make_service_area

    home = home_demo.load(StringIO())
    units = []
    for a in range(5):
        area = make_service_area(home, title=f"Område {a}")
        units += [make_guarantee(area, title=f"Enhet {a}-{u}") for u in range(20)]
    unit_ids = [u.pk for u in units]

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO feedback_feedback (
                reference, status, kind, dimension, unit_id, message, anonymous, name, email,
                phone, wants_reply, received_at, deadline, reply, replied_at, action,
                tracking_token_hash, submission_key)
            SELECT
                'SYN-B-' || lpad(g::text, 9, '0'),
                (ARRAY['new','in_progress','answered','closed'])[1 + g %% 4],
                (ARRAY['synpunkt','klagomal','berom','forslag'])[1 + g %% 4],
                (ARRAY['bemotande','utforande','information',
                       'tillganglighet','ovrigt'])[1 + g %% 5],
                (%s::bigint[])[1 + g %% %s],
                'Meddelande', false, '', '', '', false,
                ts, (ts + interval '2 days')::date, '',
                CASE WHEN g %% 3 = 0 THEN ts + interval '1 day' END, '',
                md5(g::text), NULL
            FROM (
                SELECT g, timestamptz '2025-01-01' + (g %% 730) * interval '1 day'
                          + (g %% 86400) * interval '1 second' AS ts
                FROM generate_series(1, %s) AS g
            ) AS s
            """,
            [unit_ids, len(unit_ids), ROWS],
        )
        cursor.execute("VACUUM ANALYZE feedback_feedback")
    print(f"inserted {ROWS} rows in {time.perf_counter() - started:.1f} s")

    from feedback.compilation import Compilation, csv_response

    timings = []
    for _ in range(3):
        t = time.perf_counter()
        compilation = Compilation.for_year(2026)
        compilation.by_kind(), compilation.by_dimension(), compilation.by_month()
        compilation.by_unit(), compilation.by_area(), compilation.answered_in_time_share
        compilation.month_chart_svg()
        csv_response(compilation)
        timings.append(time.perf_counter() - t)
    print(
        f"compilation of one year ({compilation.total} rows): "
        f"best {min(timings) * 1000:.0f} ms, runs {[round(x * 1000) for x in timings]} ms"
    )
    connection.close()


if __name__ == "__main__":
    main()
