"""Demo follow-ups: the last two years for every unit the demo has, all published, with a
realistic mix of outcomes. Each outcome's measured value comes from its own commitment's
declared measure (guarantees/demo.py `Measure`), so no commitment is followed up with
another's figures. A year's follow-up is published when the year is over (end of January
after it). Copes with any number of guarantees (none included) and creates nothing on a
second run."""

import datetime

from django.db import transaction
from django.utils import timezone

from guarantees.demo import measure_of
from guarantees.models import GuaranteePage
from home.years import previous_year

from .models import Outcome, YearlyFollowUp

# What a quality strategist writes, by outcome: (analysis, action for next year). Worded for
# any commitment; the figures are the commitment's own.
TEXTS = {
    Outcome.MET: (
        "Resultatet nådde målet. Arbetssättet i åtagandet följdes och togs upp på "
        "arbetsplatsträffarna under året.",
        "Vi fortsätter som i år och följer upp resultatet på samma sätt nästa år.",
    ),
    Outcome.PARTLY_MET: (
        "Resultatet låg nära målet men nådde inte ända fram. De svagaste månaderna var under "
        "semesterperioden, när många vikarier arbetade med kort introduktion.",
        "Vikarier får en introduktion i åtagandet före första passet, och vi följer upp "
        "resultatet varje kvartal i stället för en gång om året.",
    ),
    Outcome.NOT_MET: (
        "Resultatet låg tydligt under målet. Arbetssättet hann inte bli en rutin efter flera "
        "personalbyten under året, och ingen hade ett tydligt ansvar för uppföljningen.",
        "Enhetschefen ansvarar för åtagandet och följer upp det i ledningsgruppen varje månad; "
        "nämnden får en lägesrapport efter halva året.",
    ),
}

# A realistic spread: mostly met, some partly, a few not met.
PATTERN = [
    Outcome.MET,
    Outcome.MET,
    Outcome.PARTLY_MET,
    Outcome.MET,
    Outcome.NOT_MET,
    Outcome.MET,
    Outcome.PARTLY_MET,
    Outcome.MET,
]

SUMMARY = (
    "De flesta åtagandena höll under året. Där vi inte nådde ända fram har vi analyserat "
    "orsakerna och planerat åtgärder som följs upp under nästa år."
)


def published_on(year):
    """When a year's follow-up comes out: at the end of January after the year, never later
    than now (the demo does not publish in the future)."""
    when = timezone.make_aware(datetime.datetime(year + 1, 1, 31, 10, 0))
    return min(when, timezone.now())


def fill(follow_up, offset):
    """Outcome, figure and texts for every row. A commitment the demo did not write (no
    declared measure) gets its outcome without a figure rather than someone else's."""
    for index, row in enumerate(follow_up.outcomes.all()):
        outcome = PATTERN[(offset + index) % len(PATTERN)]
        measure = measure_of(row.commitment_title)
        row.outcome = outcome
        row.measured_value = measure.text(outcome) if measure else ""
        row.analysis, row.next_action = TEXTS[outcome]
        row.full_clean()
        row.save()
    follow_up.summary = SUMMARY
    follow_up.is_published = True
    follow_up.published_at = published_on(follow_up.year)
    follow_up.save()


def load(stdout):
    created = 0
    last_year = previous_year()
    units = GuaranteePage.objects.in_source_language().order_by("path")
    with transaction.atomic():
        for unit_index, unit in enumerate(units):
            for year in (last_year - 1, last_year):
                if YearlyFollowUp.objects.filter(unit=unit, year=year).exists():
                    continue
                follow_up = YearlyFollowUp.start(unit, year)
                fill(follow_up, offset=unit_index * 3 + (year - last_year) * 2)
                created += 1
    stdout.write(f"  follow-ups created: {created}")
