#!/usr/bin/env python3
"""Generate benchmark data at a chosen scale: service areas, units with guarantees, and what
residents send in (feedback, proposals, votes) where those rooms exist.

    DJANGO_SETTINGS_MODULE=config.settings.production .venv/bin/python bench/generate.py \\
        --units 500 --feedback 100000 --proposals 2000 --votes 200000

Pages go through Wagtail's tree API (an editor's path, so paths and the tree stay right);
the bulk rows go in with bulk_create in batches. Deterministic (seeded) and additive.
"""

import argparse
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
    for name, generator in EXTRA_GENERATORS:
        started = time.monotonic()
        created = generator(args, rng, unit_ids)
        print(f"{name}: {created} ({time.monotonic() - started:.1f} s)")


# Rooms that residents write to add their bulk generators here: (name, fn(args, rng, unit_ids)).
EXTRA_GENERATORS = []

if __name__ == "__main__":
    main()
