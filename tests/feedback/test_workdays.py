"""Deadlines run on Swedish working days: weekends, public holidays and the three eves."""

import datetime

import pytest

from feedback.workdays import add_working_days, is_working_day

D = datetime.date


@pytest.mark.parametrize(
    ("received", "expected", "why"),
    [
        (D(2026, 3, 2), D(2026, 3, 4), "an ordinary Monday"),
        (D(2026, 3, 5), D(2026, 3, 9), "Thursday: the weekend does not count"),
        (D(2026, 3, 7), D(2026, 3, 10), "received on a Saturday"),
        (D(2026, 4, 2), D(2026, 4, 8), "Thursday before Good Friday: Easter Monday is closed"),
        (D(2026, 5, 13), D(2026, 5, 18), "Wednesday before Ascension Day"),
        (D(2026, 6, 18), D(2026, 6, 23), "Thursday before midsommarafton"),
        (D(2025, 6, 19), D(2025, 6, 24), "Thursday before midsommarafton 2025"),
        (D(2026, 12, 23), D(2026, 12, 29), "julafton, juldagen and annandag jul are closed"),
        (D(2026, 12, 30), D(2027, 1, 5), "nyårsafton, nyårsdagen and a weekend"),
        (D(2027, 1, 4), D(2027, 1, 7), "trettondedag jul is closed"),
    ],
)
def test_two_working_days_skip_weekends_and_swedish_holidays(received, expected, why):
    assert add_working_days(received, 2) == expected, why


def test_eves_are_closed_even_when_the_library_lists_them_as_ordinary_days():
    assert not is_working_day(D(2026, 6, 19))  # midsommarafton
    assert not is_working_day(D(2026, 12, 24))  # julafton
    assert not is_working_day(D(2026, 12, 31))  # nyårsafton
    assert is_working_day(D(2026, 12, 30))


def test_sundays_are_never_working_days_whatever_the_library_says():
    assert not is_working_day(D(2026, 3, 8))
    assert not is_working_day(D(2026, 3, 7))


def test_a_unit_promising_five_days_gets_a_later_deadline(guarantee):
    from django.utils import timezone

    from feedback.models import Feedback

    guarantee.reply_working_days = 5
    received = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))
    assert Feedback.compute_deadline(received, guarantee) == D(2026, 3, 9)
    assert Feedback.compute_deadline(received, None) == D(2026, 3, 4)
