import datetime

import pytest

from guarantees.followup.models import CommitmentOutcome, Outcome, YearlyFollowUp
from home.years import previous_year
from tests.factories import make_committee, make_guarantee, make_service_area


def make_follow_up(unit, year=None, outcomes=(), published=True, by_title=None, **fields):
    """A follow-up of `unit` with rows for all its commitments; `outcomes` gives each row's
    outcome in order (city, area, unit), `by_title` by commitment title; the rest are met."""
    by_title = by_title or {}
    follow_up = YearlyFollowUp.start(unit, year or previous_year())
    rows = list(follow_up.outcomes.all())
    for index, row in enumerate(rows):
        row.outcome = outcomes[index] if index < len(outcomes) else Outcome.MET
        row.outcome = by_title.get(row.commitment_title, row.outcome)
        if row.outcome != Outcome.MET:
            row.analysis = f"Analys av {row.commitment_title}"
        for name, value in fields.items():
            setattr(row, name, value)
        row.save()
    follow_up.is_published = published
    follow_up.save()
    return follow_up


@pytest.fixture
def committee(db):
    return make_committee("Förskolenämnden")


@pytest.fixture
def area(home_page, committee):
    return make_service_area(home_page, title="Förskola", committee=committee)


@pytest.fixture
def unit(area):
    # Valid since last January: its follow-ups of last year and this year may be started.
    first = datetime.date(previous_year(), 1, 1)
    return make_guarantee(area, title="Förskolan Solrosen", valid_from=first)


@pytest.fixture
def follow_up_factory():
    return make_follow_up


@pytest.fixture
def outcome_rows():
    return CommitmentOutcome.objects
