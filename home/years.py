"""The calendar years the site's figures are about, and the one way to read one from a URL.

Follow-ups, comparisons, reports and compilations all use this range.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext

from .resident_input import WholeNumberField

FIRST_YEAR = 2000


def last_allowed_year():
    return timezone.localdate().year + 1


def previous_year():
    return timezone.localdate().year - 1


class YearField(WholeNumberField):
    """A year between FIRST_YEAR and next year; anything else (letters, "²", 99999) is invalid."""

    def to_python(self, value):
        # Four digits; that they are ASCII ones is WholeNumberField's rule.
        if isinstance(value, str):
            value = value.strip()
            if value and not (value.isdigit() and len(value) == 4):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and not FIRST_YEAR <= value <= last_allowed_year():
            raise forms.ValidationError(
                gettext("Ange ett år mellan %(first)s och %(last)s.")
                % {"first": FIRST_YEAR, "last": last_allowed_year()},
                code="year",
            )


def year_from_query(params, name, default, among=None):
    """The year a reader asked for in `params[name]` (a QueryDict), when it is a valid year
    (and one of `among` if given); else `default`. A bad value is ignored, never an error."""
    field = YearField(required=False)
    try:
        year = field.clean(params.get(name, ""))
    except forms.ValidationError:
        return default
    if year is None or (among is not None and year not in among):
        return default
    return year
