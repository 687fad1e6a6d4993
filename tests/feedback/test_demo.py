"""The demo's feedback: each case about a unit of the kind it speaks of, some overdue and some
answered whatever day the demo is loaded."""

from io import StringIO

import pytest
from django.utils import timezone

from feedback import demo
from feedback.models import Feedback, Kind
from guarantees import demo as guarantees_demo

pytestmark = pytest.mark.django_db


def test_each_demo_case_is_about_a_unit_of_its_area_with_overdue_and_answered_cases(home_page):
    guarantees_demo.load(StringIO())
    demo.load(StringIO())
    cases = list(Feedback.objects.select_related("unit", "commitment"))
    assert len(cases) >= 40
    for case in cases:
        area = case.unit.get_parent().slug if case.unit else ""
        written = [message.text for message in demo.MESSAGES[area][case.kind]]
        assert case.message in written, (case.message, case.unit)
        if case.commitment is not None:
            assert case.kind == Kind.COMPLAINT
            assert case.commitment in case.unit.applicable_commitments()
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
