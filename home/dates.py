"""How staff screens show a date: as the date, in Swedish, the day of the week first.

"tis 25 nov 2026", never "Precis nu" or "5 dagar sedan": a deadline or a period is a date in
the calendar. Reports, listings and CSV labels all go through `staff_date`; templates use the
`staff_date` filter (`{% load staff_dates %}`), Wagtail listings `StaffDateColumn`.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.ui.tables import Column

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
