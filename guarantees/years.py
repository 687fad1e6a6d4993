"""The calendar years the guarantees' figures are about: follow-ups, comparisons, reports."""

from django.utils import timezone

FIRST_YEAR = 2000


def last_allowed_year():
    return timezone.localdate().year + 1


def previous_year():
    return timezone.localdate().year - 1
