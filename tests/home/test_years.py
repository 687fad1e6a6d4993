"""One way to read a year from a query string, with one valid range."""

import pytest
from django.http import QueryDict
from django.utils import timezone

from home.years import FIRST_YEAR, last_allowed_year, year_from_query

NEXT_YEAR = timezone.localdate().year + 1


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("2024", 2024),
        (" 2024 ", 2024),
        (str(FIRST_YEAR), FIRST_YEAR),
        (str(NEXT_YEAR), NEXT_YEAR),
        (str(FIRST_YEAR - 1), None),
        (str(NEXT_YEAR + 1), None),
        ("2099", None),
        ("²", None),
        ("٢٠٢٤", None),  # Arabic-Indic digits: isdigit() is true, but not a year here
        ("2024\x00", None),
        ("02024", None),
        ("-2024", None),
        ("2024.0", None),
        ("99999999999999999999", None),
        ("abc", None),
        ("", None),
    ],
)
def test_a_year_is_four_ascii_digits_in_the_sites_range(raw, expected):
    assert year_from_query({"ar": raw}, "ar", None) == expected


def test_a_missing_or_bad_year_gives_the_default():
    assert year_from_query(QueryDict(""), "ar", 1999) == 1999
    assert year_from_query(QueryDict("ar=x"), "ar", 2020) == 2020


def test_a_year_can_be_limited_to_the_years_there_are():
    assert year_from_query(QueryDict("ar=2022"), "ar", 2024, among=[2024, 2023]) == 2024
    assert year_from_query(QueryDict("ar=2023"), "ar", 2024, among=[2024, 2023]) == 2023


def test_the_follow_up_range_is_the_same_range():
    from guarantees.followup import models

    assert models.FIRST_YEAR == FIRST_YEAR
    assert models.last_allowed_year() == last_allowed_year() == NEXT_YEAR
