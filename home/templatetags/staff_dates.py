"""`{{ value|staff_date }}` in staff templates (home/dates.py), and the overdue tag."""

from django import template

from home.dates import staff_date as format_staff_date

register = template.Library()


@register.filter
def staff_date(value):
    return format_staff_date(value)


@register.filter
def staff_datetime(value):
    return format_staff_date(value, with_time=True)


@register.inclusion_tag("home/includes/overdue_tag.html")
def overdue_tag(label=None):
    """Overdue, in the one shape every staff screen uses: a red tag with the word ("Försenat",
    or what is late in the screen's own words, e.g. "Har gått ut" for a guarantee)."""
    return {"label": label}
