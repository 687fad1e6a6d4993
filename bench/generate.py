#!/usr/bin/env python3
"""Generate benchmark data at a chosen scale: service areas, units with guarantees, and what
residents send in (feedback, proposals, votes) where those rooms exist.

    DJANGO_SETTINGS_MODULE=config.settings.production .venv/bin/python bench/generate.py \\
        --units 500 --feedback 100000 --proposals 2000 --votes 200000

Pages go through Wagtail's tree API (an editor's path, so paths and the tree stay right);
the bulk rows go in as one INSERT ... SELECT over generate_series in PostgreSQL (a million
feedback rows in seconds, not an ORM loop). Deterministic (seeded) and additive.
"""

import argparse
import contextlib
import datetime
import os
import random
import sys
import time
from pathlib import Path

from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AREAS = ["Förskola", "Grundskola", "Hemtjänst", "Bibliotek", "Äldreboende", "Fritidsgård"]
PLACES = ["Solrosen", "Ekbacken", "Vitsippan", "Tallåsen", "Björkhagen", "Ängen", "Sjöviken"]
WORDS = [
    "bemötande",
    "personal",
    "mat",
    "utevistelse",
    "lokaler",
    "information",
    "öppettider",
    "trygghet",
    "lärare",
    "bibliotek",
    "böcker",
    "hemtjänst",
    "besök",
    "tider",
    "kommunikation",
    "skolgård",
    "lunch",
    "städning",
]


def sentence(rng, words=12):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generate_units(home, count, rng, stdout):
    from guarantees.models import (
        Commitment,
        Committee,
        GuaranteePage,
        QualityCriterion,
        ServiceAreaPage,
    )

    areas = []
    for name in AREAS:
        area = ServiceAreaPage.objects.child_of(home).filter(title=name).first()
        if area is None:
            committee, _ = Committee.objects.get_or_create(name=f"{name}snämnden")
            area = ServiceAreaPage(title=name, committee=committee, intro=sentence(rng, 20))
            home.add_child(instance=area)
            area.save_revision().publish()
        areas.append(area)

    existing = GuaranteePage.objects.count()
    today = timezone.localdate()
    criteria = list(QualityCriterion.values)
    started = time.monotonic()
    for n in range(existing, count):
        area = areas[n % len(areas)]
        unit = GuaranteePage(
            title=f"{area.title} {rng.choice(PLACES)} {n + 1}",
            idea=sentence(rng, 30),
            feedback_recipient="Enhetschefen",
            remedy=sentence(rng, 20),
            valid_from=today.replace(month=1, day=1),
            valid_to=today.replace(month=12, day=31),
            committee=area.committee,
            address=f"Storgatan {n + 1}, Ängsby",
        )
        for i in range(4):
            unit.commitments.add(
                Commitment(
                    sort_order=i,
                    title=sentence(rng, 8),
                    expected_result=f"Minst {80 + i} procent nöjda i brukarundersökningen.",
                    quality_criterion=criteria[i % len(criteria)],
                    way_of_working=sentence(rng, 15),
                )
            )
        area.add_child(instance=unit)
        unit.save_revision().publish()
        if (n + 1) % 100 == 0:
            stdout.write(f"  {n + 1} units ({time.monotonic() - started:.0f} s)\n")
    from guarantees.models import GuaranteePage as Unit

    return list(Unit.objects.live().values_list("pk", flat=True))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument(
        "--pages",
        type=int,
        default=None,
        help="pages in all (default: ten per unit, 20,000 at 2,000 units)",
    )
    parser.add_argument("--feedback", type=int, default=10_000)
    parser.add_argument("--proposals", type=int, default=500)
    parser.add_argument("--votes", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django

    django.setup()
    from io import StringIO

    from guarantees import demo as guarantees_demo
    from home import demo

    rng = random.Random(args.seed)
    home = demo.load(StringIO())
    guarantees_demo.load_city_commitments(home)
    started = time.monotonic()
    unit_ids = generate_units(home, args.units, rng, sys.stdout)
    print(f"units: {len(unit_ids)} ({time.monotonic() - started:.1f} s)")
    started = time.monotonic()
    pages = args.pages if args.pages is not None else 10 * args.units
    made = generate_news(home, pages, rng)
    print(f"pages: {made} ({time.monotonic() - started:.1f} s)")
    for name, generator in EXTRA_GENERATORS:
        started = time.monotonic()
        created = generator(args, rng, unit_ids)
        print(f"{name}: {created} ({time.monotonic() - started:.1f} s)")


NEWS_YEARS = 10


def generate_news(home, pages, rng):
    """Pages up to `pages` in all: what else the site has beside the guarantees, as a
    municipality's grows. An editor publishes news about the units year by year (an archive
    "Nyheter" of a page per year, each with that year's articles: ContentPage, the one page
    type an editor adds freely); made here so that a site of 2,000 units has its 20,000
    pages (issue 27). Answers the pages there are now.

    The archive and its year pages go through Wagtail's tree API; the articles, nearly all of
    the pages, in bulk (bench/bulk_pages.py), then indexed for the search in batches
    (Wagtail's backend `add_bulk`) and the typo fallback's words rebuilt."""
    import uuid

    import bulk_pages  # bench/bulk_pages.py, beside this file
    from django.db import connection, transaction
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from home.models import ContentPage

    wanted = pages - Page.objects.filter(depth__gt=1).count()
    if wanted <= 0:
        return Page.objects.filter(depth__gt=1).count()
    archive = ContentPage.objects.child_of(home).filter(slug="nyheter").first()
    if archive is None:
        archive = ContentPage(title="Nyheter", slug="nyheter", intro=sentence(rng, 15))
        home.add_child(instance=archive)
        archive.save_revision().publish()
    this_year = timezone.localdate().year
    years = []
    for year in range(this_year - NEWS_YEARS + 1, this_year + 1):
        page = ContentPage.objects.child_of(archive).filter(slug=str(year)).first()
        if page is None:
            page = ContentPage(title=f"Nyheter {year}", slug=str(year), intro=sentence(rng, 10))
            archive.add_child(instance=page)
            page.save_revision().publish()
        years.append(page)
    wanted = pages - Page.objects.filter(depth__gt=1).count()
    new_ids = []
    with transaction.atomic(), connection.cursor() as cursor:
        for y, year in enumerate(years):
            count = wanted // len(years) + (y < wanted % len(years))
            if count <= 0:
                continue
            year.refresh_from_db()
            numbers = range(year.numchild + 1, year.numchild + 1 + count)
            new_ids += bulk_pages.add_children(
                cursor,
                year,
                ContentPage,
                titles=[
                    f"{rng.choice(AREAS)} {rng.choice(PLACES)}: {sentence(rng, 6)[:-1]}"
                    for _ in numbers
                ],
                slugs=[f"nyhet-{year.slug}-{n}" for n in numbers],
                published=[
                    datetime.datetime(int(year.slug), 1, 1, tzinfo=datetime.UTC)
                    + datetime.timedelta(minutes=rng.randrange(365 * 24 * 60))
                    for _ in numbers
                ],
                keys=[str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in numbers],
                own=[
                    ("intro", "text", "{}", [sentence(rng, 15) for _ in numbers]),
                    ("body", "text", "'<p>' || {} || '</p>'", [sentence(rng, 60) for _ in numbers]),
                ],
            )
    backend = get_search_backend()
    for start in range(0, len(new_ids), 1000):
        batch = list(ContentPage.objects.filter(pk__in=new_ids[start : start + 1000]))
        backend.add_bulk(ContentPage, batch)
    from django.core.management import call_command

    call_command("rebuild_search_words", verbosity=0)
    return Page.objects.filter(depth__gt=1).count()


def generate_feedback(args, rng, unit_ids):
    """`--feedback` rows over the last two years, in one INSERT ... SELECT generate_series.

    Independent seeded draws per row (as bench/feedback_compilation.py): units, kinds and
    dimensions mix freely, one in twenty concerns no unit, two thirds are answered within
    0-5 days. received_month and answered_in_time follow Feedback.save()'s rule in SQL. Every
    other column gets its model default (or NULL), so a field added later needs no change here.
    """
    if not args.feedback or not unit_ids:
        return 0
    from django.db import connection, transaction

    from feedback.models import Dimension, Feedback, Kind, Status

    chosen = {
        "reference", "status", "kind", "dimension", "unit_id", "message", "received_at",
        "received_month", "deadline", "replied_at", "answered_in_time", "tracking_token_hash",
    }  # fmt: skip
    rest = [f for f in Feedback._meta.concrete_fields if f.column not in chosen | {"id"}]
    defaults = [None if f.null else f.get_db_prep_save(f.get_default(), connection) for f in rest]
    offset = Feedback.objects.count()
    columns = ", ".join([*sorted(chosen), *(f.column for f in rest)])
    values = {
        "reference": "'BENCH-' || lpad((g + %(offset)s)::text, 10, '0')",
        "status": f"CASE WHEN replied IS NULL THEN '{Status.IN_PROGRESS}' "
        f"ELSE '{Status.CLOSED}' END",
        "kind": "kind",
        "dimension": "dimension",
        "unit_id": "unit_id",
        "message": "'Meddelande från benchmarken.'",
        "received_at": "ts",
        "received_month": "date_trunc('month', ts AT TIME ZONE 'Europe/Stockholm')::date",
        "deadline": "deadline",
        "replied_at": "replied",
        "answered_in_time": (
            "coalesce((replied AT TIME ZONE 'Europe/Stockholm')::date <= deadline, false)"
        ),
        "tracking_token_hash": "md5((g + %(offset)s)::text)",
    }
    selected = ", ".join(
        [values[c] for c in sorted(chosen)] + [f"%(d{i})s" for i in range(len(rest))]
    )
    kinds = [Kind.OPINION] * 3 + [Kind.COMPLAINT] * 3 + [Kind.PRAISE] * 3 + [Kind.SUGGESTION]
    params = {
        "offset": offset,
        "rows": args.feedback,
        "units": list(unit_ids),
        "kinds": [str(k) for k in kinds],
        "dimensions": [str(d) for d in Dimension.values],
        "seed": rng.random() * 2 - 1,
        **{f"d{i}": value for i, value in enumerate(defaults)},
    }
    table = Feedback._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor, bulk_load(cursor, table):
        cursor.execute("SELECT setseed(%(seed)s)", params)
        cursor.execute(
            f"""
            INSERT INTO {table} ({columns})
            SELECT {selected}
            FROM (
                SELECT *, (ts AT TIME ZONE 'Europe/Stockholm')::date + 2 AS deadline,
                       CASE WHEN random() < 0.67
                            THEN ts + random() * interval '5 days' END AS replied
                FROM (
                    SELECT g,
                        now() - random() * interval '730 days' AS ts,
                        (%(kinds)s::text[])[1 + floor(random() * 10)::int] AS kind,
                        (%(dimensions)s::text[])
                            [1 + floor(random() * cardinality(%(dimensions)s::text[]))::int]
                            AS dimension,
                        CASE WHEN random() < 0.05 THEN NULL
                             ELSE (%(units)s::bigint[])
                                [1 + floor(random() * cardinality(%(units)s::bigint[]))::int]
                             END AS unit_id
                    FROM generate_series(1, %(rows)s) AS g
                ) AS drawn
            ) AS s
            """,
            params,
        )
        cursor.execute(f"ANALYZE {table}")
    return args.feedback


@contextlib.contextmanager
def bulk_load(cursor, table):
    """As a restore loads a table: the indexes that back no constraint are dropped for the
    load and built again afterwards (one sorted build each, not a million random inserts),
    and, where we may (a superuser, as in bin/with-postgres), the row-by-row foreign-key
    triggers are off: every key drawn is an existing unit's. The unique and primary keys stay,
    and all is one transaction, so a failure leaves the table as it was."""
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = %s::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        [table],
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    superuser = cursor.fetchone()[0]
    if superuser:
        cursor.execute("SET LOCAL session_replication_role = replica")
    yield
    if superuser:
        cursor.execute("SET LOCAL session_replication_role = origin")
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for _name, definition in indexes:
        cursor.execute(definition)


# Rooms that residents write to add their bulk generators here: (name, fn(args, rng, unit_ids)).
EXTRA_GENERATORS = [("feedback", generate_feedback)]

if __name__ == "__main__":
    main()
