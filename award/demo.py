"""Demo quality award: last year's round decided, this year's open for nominations.
Idempotent: rounds are found by year, nominations by unit and address."""

import datetime

from django.db import transaction
from django.utils import timezone

from guarantees.models import GuaranteePage

from .models import AwardCategory, AwardRound, Nomination, Status

CATEGORIES = [
    ("Bästa bemötande", "En enhet där de som möter invånarna gör det lilla extra."),
    ("Största förbättring", "En enhet som lyssnat på synpunkter och ändrat sitt arbetssätt."),
]
MOTIVATIONS = [
    "Personalen har gjort bemötandet till allas ansvar: varje synpunkt tas upp på "
    "arbetsplatsträffen, och det märks i vad brukarna svarar.",
    "Enheten gick från att inte hålla sitt löfte om svarstider till att nästan alltid svara "
    "inom två dagar, genom enkla förändringar som andra kan ta efter.",
]


def _round(year, opens_on, closes_on):
    award_round, created = AwardRound.objects.get_or_create(
        year=year,
        defaults={
            "opens_on": opens_on,
            "closes_on": closes_on,
            "intro": "Kvalitetspriset belönar enheter som lyssnar, förbättrar och håller vad de "
            "lovar.",
        },
    )
    if created:
        for order, (name, description) in enumerate(CATEGORIES):
            AwardCategory.objects.create(
                round=award_round, name=name, description=description, sort_order=order
            )
    return award_round


@transaction.atomic
def load(stdout):
    today = timezone.localdate()
    last = _round(
        today.year - 1,
        datetime.date(today.year - 1, 3, 1),
        datetime.date(today.year - 1, 4, 30),
    )
    _round(today.year, today - datetime.timedelta(days=14), today + datetime.timedelta(days=60))
    units = list(GuaranteePage.objects.in_source_language().live().order_by("title")[:2])
    for index, (unit, category) in enumerate(zip(units, last.categories.all(), strict=False)):
        email = f"nominerar{index + 1}@example.se"
        Nomination.objects.get_or_create(
            round=last,
            unit=unit,
            email_canonical=email,
            defaults={
                "category": category,
                "email": email,
                "reason": "De lyssnade och ändrade sitt arbetssätt.",
                "status": Status.WINNER,
                "confirmed_at": timezone.now(),
                "decided_at": timezone.now(),
                "motivation": MOTIVATIONS[index],
            },
        )
    stdout.write(f"  quality award: rounds {last.year} and {today.year}")
