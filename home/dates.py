"""How staff screens show a date: as the date, in Swedish, the day of the week first.

"tis 25 nov 2026", never "Precis nu" or "5 dagar sedan": a deadline or a period is a date in
the calendar. Reports, listings and CSV labels all go through `staff_date`; templates use the
`staff_date` filter (`{% load staff_dates %}`), Wagtail listings `StaffDateColumn`.

And how staff type a date: `SwedishDateField` reads the forms people write ("2026-01-31",
"31/1 2026", "31/1/2026", "31 januari 2026", "31 jan 2026") and refuses anything else at the
field, in Swedish. Its widget keeps Wagtail's date picker but tells it to leave what was typed
alone: the picker's own check on leaving the field put today's date in place of any text it
could not read, so a typed period silently became today.
"""

import datetime
import re

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import AdminDateInput

# Django's date format: abbreviated weekday, day, abbreviated month, year (Swedish names).
STAFF_DATE = "D j b Y"
STAFF_DATE_TIME = "D j b Y H:i"


def staff_date(value, with_time=False):
    """`value` (a date or an aware datetime, shown in local time) as staff read it; "" for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if not with_time:
            value = value.date()
    return date_format(value, STAFF_DATE_TIME if with_time else STAFF_DATE)


def staff_period(first, last):
    """A span of days: "tor 1 jan 2026 – tor 31 dec 2026"."""
    return f"{staff_date(first)} – {staff_date(last)}"


class StaffDateColumn(Column):
    """A Wagtail listing column that shows the date itself, not Wagtail's relative time."""

    cell_template_name = "home/includes/staff_date_cell.html"

    def __init__(self, name, with_time=False, **kwargs):
        super().__init__(name, **kwargs)
        self.with_time = with_time

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        value = context["value"]
        context["iso"] = value.isoformat() if value else ""
        context["shown"] = staff_date(value, with_time=self.with_time)
        return context


# Month names and the abbreviations people write, lower case ("sept" and "mars" included).
SWEDISH_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb"),
            ("mars", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augusti", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# ASCII digits only: \d would also take Arabic-Indic and other digits for numbers.
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_SLASHED = re.compile(r"([0-9]{1,2})/([0-9]{1,2})(?: |/)([0-9]{4})")
_WORDS = re.compile(r"([0-9]{1,2})\.? ([a-zåäö]+)\.? ([0-9]{4})")
_SPACES = re.compile(r"\s+")


def parse_swedish_date(text):
    """The date in `text`, written as Swedes write one, or None.

    "2026-01-31", "31/1 2026", "31/1/2026", "31 januari 2026", "31 jan 2026" (any case, the
    month's name or its abbreviation, a full stop after either allowed). Day before month:
    "1/2 2026" is the first of February. A date that does not exist (30/2) is None.
    """
    text = _SPACES.sub(" ", str(text)).strip().lower()
    if match := _ISO.fullmatch(text):
        year, month, day = match.groups()
    elif match := _SLASHED.fullmatch(text):
        day, month, year = match.groups()
    elif match := _WORDS.fullmatch(text):
        day, name, year = match.groups()
        month = SWEDISH_MONTHS.get(name)
        if month is None:
            return None
    else:
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


class SwedishDateInput(AdminDateInput):
    """Wagtail's date picker, ISO when picked, that never replaces what was typed."""

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class SwedishDateField(forms.DateField):
    """A date typed by staff, read in the Swedish forms, or refused at the field."""

    widget = SwedishDateInput
    default_error_messages = {
        "invalid": _(
            "Datumet går inte att läsa. Skriv det som 2026-01-31, 31/1 2026 eller 31 januari 2026."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        date = parse_swedish_date(value)
        if date is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return date


def use_for_wagtail_date_fields():
    """Every date field in a Wagtail admin form (pages, snippets, settings: the accessibility
    statement's dates, a guarantee's validity, an award round) reads Swedish dates the same way
    instead of Wagtail's picker turning an unreadable date into today. Called at start-up
    (HomeConfig.ready); registering again replaces the same entry."""
    register_form_field_override(
        models.DateField, override={"form_class": SwedishDateField, "widget": SwedishDateInput}
    )
