"""Builders for good examples and award winners, shared with the quality crawl."""

import datetime

from django.utils import timezone

from award.models import AwardCategory, AwardRound, Nomination, Status
from examples.models import ExampleFigure, GoodExampleIndexPage, GoodExamplePage
from guarantees.models import QualityCriterion


def make_examples_index(home):
    index = GoodExampleIndexPage.objects.child_of(home).first()
    if index is None:
        index = GoodExampleIndexPage(
            title="Goda exempel", slug="goda-exempel", intro="Lär av andra."
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def make_good_example(
    index, unit, title="Snabbare svar på synpunkter", outcome=None, commitment=None, **fields
):
    values = {
        "title": title,
        "unit": unit,
        "quality_criterion": QualityCriterion.TREATMENT,
        "outcome": outcome,
        "commitment": commitment,
        "problem": "Vi svarade för sent på föräldrarnas synpunkter.",
        "change": "Vi läser synpunkterna varje morgon på arbetsplatsträffen.",
        "result": "Nu svarar vi nästan alltid inom två dagar.",
    }
    values.update(fields)
    example = GoodExamplePage(**values)
    example.figures.add(
        ExampleFigure(label="Svar inom två arbetsdagar", before="61 %", after="94 %")
    )
    index.add_child(instance=example)
    example.save_revision().publish()
    return example


def make_award_winner(unit, email, motivation="För ett lyhört och modigt förbättringsarbete."):
    """A closed round of last year with `unit` as the winner, nominated from `email`."""
    today = timezone.localdate()
    award_round, _created = AwardRound.objects.get_or_create(
        year=today.year - 1,
        defaults={
            "opens_on": today - datetime.timedelta(days=60),
            "closes_on": today - datetime.timedelta(days=30),
        },
    )
    category = AwardCategory.objects.create(round=award_round, name="Bästa bemötande")
    Nomination.objects.create(
        round=award_round,
        category=category,
        unit=unit,
        reason="Personalen ringde upp mig, hälsningar från en nöjd pappa.",
        email=email,
        email_canonical=email,
        status=Status.WINNER,
        motivation=motivation,
    )
    return award_round


def open_award_round():
    today = timezone.localdate()
    award_round, _created = AwardRound.objects.get_or_create(
        year=today.year,
        defaults={
            "opens_on": today - datetime.timedelta(days=1),
            "closes_on": today + datetime.timedelta(days=30),
        },
    )
    if not award_round.categories.exists():
        AwardCategory.objects.create(round=award_round, name="Största förbättring")
    return award_round
