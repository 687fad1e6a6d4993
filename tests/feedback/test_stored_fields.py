"""The month received and "answered in time" are stored on the case, in Swedish time."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from feedback import services
from feedback.compilation import Compilation
from feedback.models import Feedback, Kind

pytestmark = pytest.mark.django_db


def local(*args):
    return timezone.make_aware(datetime.datetime(*args))


def receive(unit, when):
    return Feedback.receive(
        kind=Kind.OPINION, dimension="bemotande", message="Hej", unit=unit, received_at=when
    )[0]


@pytest.mark.parametrize(
    ("replied", "in_time"),
    [
        # Received Monday 2 March 2026, deadline two working days later: Wednesday 4 March.
        (local(2026, 3, 4, 23, 30), True),  # late on the deadline day
        (local(2026, 3, 5, 0, 30), False),  # the next day in Sweden, still the 4th in UTC
    ],
)
def test_answered_in_time_is_stored_when_the_case_is_answered(
    guarantee, admin_user, replied, in_time
):
    case = receive(guarantee, local(2026, 3, 2, 10, 0))
    assert case.deadline == datetime.date(2026, 3, 4)
    case.answer("Svar", admin_user, when=replied)
    # The service saves only the fields the answer changed; the stored flag must follow.
    case.save(update_fields=["reply", "replied_at", "replied_by", "handler", "status"])
    assert Feedback.objects.get(pk=case.pk).answered_in_time is in_time


def test_unanswered_case_is_not_answered_in_time(guarantee, admin_user):
    case = receive(guarantee, local(2026, 3, 2, 10, 0))
    services.assign(case, admin_user, admin_user)
    assert Feedback.objects.get(pk=case.pk).answered_in_time is False


def test_received_month_is_the_swedish_month(guarantee):
    # 00:30 on 1 February in Stockholm is still 31 January in UTC.
    case = receive(guarantee, local(2026, 2, 1, 0, 30))
    assert Feedback.objects.get(pk=case.pk).received_month == datetime.date(2026, 2, 1)
    months = dict(Compilation.for_year(2026).by_month())
    assert months[datetime.date(2026, 2, 1)] == 1
    assert months[datetime.date(2026, 1, 1)] == 0


def test_compilation_period_ends_inside_a_month(guarantee):
    tz = timezone.get_current_timezone()
    receive(guarantee, local(2026, 3, 10, 12, 0))
    receive(guarantee, local(2026, 3, 20, 12, 0))
    start = datetime.datetime(2026, 3, 1, tzinfo=tz)
    end = datetime.datetime(2026, 3, 15, tzinfo=tz)
    assert Compilation(start, end).total == 1


def test_migration_fills_existing_rows_with_the_same_rule(guarantee, admin_user):
    late = receive(guarantee, local(2026, 2, 1, 0, 30))
    late.answer("Svar", admin_user, when=local(2026, 2, 9, 9, 0))
    late.save()
    on_time = receive(guarantee, local(2026, 3, 2, 10, 0))
    on_time.answer("Svar", admin_user, when=local(2026, 3, 4, 23, 30))
    on_time.save()
    unanswered = receive(guarantee, local(2026, 3, 2, 10, 0))
    # Rows as they stood before the migration: the new columns not yet filled.
    Feedback.objects.update(received_month=datetime.date(2000, 1, 1), answered_in_time=False)

    migration = importlib.import_module("feedback.migrations.0002_received_month_answered_in_time")
    migration.fill_derived_fields(apps, None)

    stored = {row.pk: row for row in Feedback.objects.all()}
    assert stored[late.pk].received_month == datetime.date(2026, 2, 1)
    assert stored[late.pk].answered_in_time is False
    assert stored[on_time.pk].received_month == datetime.date(2026, 3, 1)
    assert stored[on_time.pk].answered_in_time is True
    assert stored[unanswered.pk].answered_in_time is False


def test_a_case_is_overdue_only_after_its_deadline_day():
    """The deadline day itself still counts as in time (found by a surviving mutant)."""
    import datetime

    from django.utils import timezone

    from feedback.models import Feedback

    today = timezone.localdate()
    case = Feedback(deadline=today)
    assert case.is_open and not case.is_overdue
    case.deadline = today - datetime.timedelta(days=1)
    assert case.is_overdue


def test_a_phone_number_alone_is_a_way_to_reach_the_resident():
    from feedback.models import Feedback

    assert Feedback(phone="070-123 45 67").has_contact
    assert Feedback(email="anna@example.se").has_contact
    assert not Feedback().has_contact
