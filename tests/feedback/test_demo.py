"""The demo's feedback: each case about a unit of the kind it speaks of, some overdue and some
answered whatever day the demo is loaded."""

from io import StringIO

import pytest
from django.utils import timezone

from feedback import demo
from feedback.models import Feedback, FeedbackEvent, Kind, ReplyTemplate, Status
from guarantees import demo as guarantees_demo

pytestmark = pytest.mark.django_db


def test_each_demo_case_is_about_a_unit_of_its_area_with_overdue_and_answered_cases(home_page):
    guarantees_demo.load(StringIO())
    demo.load(StringIO())
    cases = list(Feedback.objects.select_related("unit", "commitment"))
    assert len(cases) >= 40
    (finnish,) = [case for case in cases if case.language != "sv"]
    assert finnish.language == "fi" and finnish.message == demo.FINNISH_CASE.text
    assert finnish.unit.get_parent().slug == "hemtjanst"
    for case in cases:
        if case is finnish:
            continue
        area = case.unit.get_parent().slug if case.unit else ""
        written = [message.text for message in demo.MESSAGES[area][case.kind]]
        assert case.message in written, (case.message, case.unit)
        if case.commitment is not None:
            assert case.kind == Kind.COMPLAINT
            assert case.commitment in case.unit.applicable_commitments()
            # The broken promise as it stood, with the remedy the guarantee promised.
            assert case.promise == case.commitment.title and case.is_broken_promise
            assert case.remedy_contact and case.remedy_contact_days == 2
    home_care_complaint = "Hemtjänsten kom två timmar för sent utan att höra av sig."
    assert {c.unit.get_parent().slug for c in cases if c.message == home_care_complaint} == {
        "hemtjanst"
    }
    overdue = Feedback.objects.overdue()
    assert overdue.count() >= demo.OVERDUE
    assert all(case.is_overdue for case in overdue)
    answered = [case for case in cases if case.replied_at is not None]
    assert len(answered) >= len(cases) // 2
    assert all(case.replied_at <= timezone.now() for case in answered)
    assert any(case.answered_in_time for case in answered)
    assert any(not case.answered_in_time for case in answered)
    assert sum(1 for case in cases if case.is_open and not case.is_overdue) >= demo.TODAY


def test_the_demo_cases_are_handled_by_people_with_their_reminders_and_templates(home_page):
    guarantees_demo.load(StringIO())
    demo.load(StringIO())
    # Nobody's case is "in progress".
    assert not Feedback.objects.filter(status=Status.IN_PROGRESS, handler__isnull=True).exists()
    assert Feedback.objects.filter(status=Status.IN_PROGRESS).exists()
    # Every overdue case had its reminders, on the mornings the scheduler would have sent them.
    overdue = list(Feedback.objects.overdue())
    assert len(overdue) >= demo.OVERDUE
    for case in overdue:
        due = case.events.get(kind=FeedbackEvent.Kind.REMINDED_DUE)
        late = case.events.get(kind=FeedbackEvent.Kind.REMINDED_OVERDUE)
        assert timezone.localtime(due.at).date() == case.deadline
        assert timezone.localtime(late.at).date() > case.deadline
        assert timezone.localtime(late.at).hour == demo.REMINDER_HOUR
        assert late.reminded
    # A reply template for each kind; the demo's answers greet first and name their kind.
    assert {template.kind for template in ReplyTemplate.objects.all()} >= set(Kind.values)
    for case in Feedback.objects.exclude(reply=""):
        assert case.reply.startswith("Hej!")
        assert case.get_kind_display().lower() in case.reply.lower()
    # Running it again adds nothing.
    before = (
        Feedback.objects.count(),
        FeedbackEvent.objects.count(),
        ReplyTemplate.objects.count(),
    )
    demo.load(StringIO())
    after = (Feedback.objects.count(), FeedbackEvent.objects.count(), ReplyTemplate.objects.count())
    assert after == before
