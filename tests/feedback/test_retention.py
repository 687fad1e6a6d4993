import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from feedback.models import Feedback, Kind, Status

pytestmark = pytest.mark.django_db


def closed_case(unit, kind, closed_days_ago):
    case = Feedback.receive(
        unit=unit,
        kind=kind,
        dimension="bemotande",
        message="Text",
        name="Anna",
        email="anna@example.se",
        phone="070-123",
        action="Åtgärd",
    )[0]
    case.status = Status.CLOSED
    case.closed_at = timezone.now() - datetime.timedelta(days=closed_days_ago)
    case.save()
    return case


def test_purge_blanks_contact_details_of_old_closed_cases_and_keeps_the_case(home_page, guarantee):
    old = closed_case(guarantee, Kind.COMPLAINT, 800)  # past 24 months
    recent = closed_case(guarantee, Kind.COMPLAINT, 100)
    praise = closed_case(guarantee, Kind.PRAISE, 400)  # praise: 12 months by default
    call_command("purge_feedback_personal_data", stdout=StringIO())
    for case in (old, recent, praise):
        case.refresh_from_db()
    assert (old.name, old.email, old.phone) == ("", "", "")
    assert old.personal_data_removed_at is not None and old.message == "Text"
    assert recent.email == "anna@example.se"
    assert praise.email == ""


def test_open_cases_keep_contact_details_however_old(guarantee):
    case = Feedback.receive(
        unit=guarantee,
        kind=Kind.OPINION,
        dimension="bemotande",
        message="x",
        email="a@example.se",
        received_at=timezone.now() - datetime.timedelta(days=2000),
    )[0]
    call_command("purge_feedback_personal_data", stdout=StringIO())
    case.refresh_from_db()
    assert case.email == "a@example.se"


def test_demo_load_is_idempotent_and_copes_with_no_units(db):
    from feedback import demo

    demo.load(StringIO())
    count = Feedback.objects.count()
    assert count > 0
    demo.load(StringIO())
    assert Feedback.objects.count() == count
