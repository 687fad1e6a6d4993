"""Search benchmark over 10,000 units.

    bin/with-postgres .venv/bin/python bench/search.py [--units 10000] [--repeat 30]

Migrates the (throwaway) database, writes the demo shell, 10 service areas and N guarantee
pages with two commitments each (pages inserted in bulk with computed tree paths: creating
them one by one through the tree API is what an editor does, not a benchmark), indexes them
with update_index, then times /sok/ and /sok/forslag/ through Django's test client and
prints median and 95th percentile latency per query and requests per second.
"""

import argparse
import os
import random
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402

AREAS = [
    "Förskola",
    "Grundskola",
    "Gymnasium",
    "Äldreomsorg",
    "Hemtjänst",
    "Bibliotek",
    "Fritidsgårdar",
    "Idrott och bad",
    "Socialtjänst",
    "Stöd och service",
]
FIRST = ["Sol", "Myr", "Ek", "Tall", "Björk", "Lind", "Hag", "Sjö", "Berg", "Äng", "Gran", "Al"]
LAST = ["rosen", "stacken", "backen", "åsen", "dalen", "gården", "viken", "höjden", "udden"]
COMMITMENTS = [
    ("Vi går till skogen varje vecka", "Alla barn är ute i naturen varje vecka."),
    ("Du får en fast kontaktperson", "Varje brukare har en namngiven kontaktperson."),
    ("Vi svarar på frågor om mobbning samma dag", "Kränkningar utreds inom en vecka."),
    ("Skolmaten lagas från grunden", "Eleverna ger maten minst 4 av 5."),
    ("Du kan reservera böcker på nätet", "Reservationer hämtas inom tre dagar."),
    ("Vi kommer på avtalad tid", "Besöken börjar senast 15 minuter efter avtalad tid."),
    ("Du får läxhjälp två dagar i veckan", "Läxhjälpen är öppen tisdag och torsdag."),
    ("Vi erbjuder modersmålsstöd", "Barn med annat modersmål får stöd varje vecka."),
]
QUERIES = [
    "förskolor",
    "Solrosen",
    "biblioteket",
    "fast kontaktperson",
    "skogen varje vecka",
    "Ekbacken 17",
    "Myrstackn",  # misspelling: exercises the trigram fallback
    "xyzzy",  # nothing found: and, or and fuzzy all run
]


def build(units):
    from guarantees.models import Commitment, GuaranteePage, QualityCriterion
    from tests.factories import load_demo_shell, make_service_area

    home = load_demo_shell()
    areas = [make_service_area(home, title=title) for title in AREAS]
    rng = random.Random(6)
    today = timezone.localdate()
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(GuaranteePage)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        per_area = -(-units // len(areas))
        created = 0
        for area in areas:
            count = min(per_area, units - created)
            pages = []
            for i in range(count):
                n = created + i
                title = f"{rng.choice(FIRST)}{rng.choice(LAST)} {n}"
                pages.append(
                    Page(
                        title=f"{area.title} {title}",
                        draft_title=f"{area.title} {title}",
                        slug=f"enhet-{n}",
                        url_path=f"{area.url_path}enhet-{n}/",
                        path=Page._get_path(area.path, area.depth + 1, i + 1),
                        depth=area.depth + 1,
                        numchild=0,
                        live=True,
                        first_published_at=now,
                        last_published_at=now,
                        content_type=content_type,
                        locale_id=area.locale_id,
                    )
                )
            Page.objects.bulk_create(pages, batch_size=1000)
            saved = Page.objects.filter(path__in=[p.path for p in pages]).order_by("path")
            commitments = []
            for page in saved:
                unit = GuaranteePage(
                    page_ptr=page,
                    idea=f"{page.title} är en verksamhet inom {area.title.lower()} nära dig.",
                    feedback_recipient="Enhetschefen",
                    remedy="Vi rättar till felet och förklarar vad som hänt.",
                    valid_from=today.replace(month=1, day=1),
                    valid_to=today.replace(month=12, day=31),
                )
                # raw: write only the guarantee table (the page row exists) and skip indexing.
                unit.__dict__.update(
                    {f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields}
                )
                unit.save_base(raw=True)
                for j, (ctitle, result) in enumerate(rng.sample(COMMITMENTS, 2)):
                    commitments.append(
                        Commitment(
                            page_id=page.pk,
                            sort_order=j,
                            title=ctitle,
                            expected_result=result,
                            quality_criterion=QualityCriterion.TREATMENT,
                        )
                    )
            Commitment.objects.bulk_create(commitments, batch_size=2000)
            Page.objects.filter(pk=area.pk).update(numchild=count)
            created += count
    print(f"created {created} units in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    call_command("update_index", stdout=StringIO())
    print(f"indexed in {time.perf_counter() - started:.1f} s")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(repeat):
    client = Client()
    rows = []
    total_requests, total_time = 0, 0.0
    for path, query in [("/sok/", q) for q in QUERIES] + [("/sok/forslag/", "Solr")]:
        client.get(path, {"q": query})  # warm up
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(path, {"q": query})
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        total_requests += repeat
        total_time += sum(times)
        rows.append((path, query, statistics.median(times), percentile(times, 0.95)))
    print(f"\n{'endpoint':14} {'query':22} {'median ms':>10} {'p95 ms':>8}")
    for path, query, median, p95 in rows:
        print(f"{path:14} {query:22} {median * 1000:10.1f} {p95 * 1000:8.1f}")
    print(f"\n{total_requests} requests, {total_requests / total_time:.1f} requests/s (1 client)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    build(args.units)
    from guarantees.models import GuaranteePage

    print(f"{GuaranteePage.objects.live().count()} live guarantees")
    measure(args.repeat)


if __name__ == "__main__":
    main()
