"""Counts for the yearly follow-up and comparisons. Published figures only: no personal data."""

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from .models import Dimension, Feedback, Kind


def broken_promises_per_commitment(year, units=None, commitments=None):
    """{commitment_pk: number of complaints that say it was not kept} for one calendar year."""
    qs = Feedback.objects.broken_promises().filter(received_at__year=year)
    if units is not None:
        qs = qs.filter(unit__in=units)
    if commitments is not None:
        qs = qs.filter(commitment__in=commitments)
    return dict(qs.values_list("commitment").annotate(n=Count("pk")).values_list("commitment", "n"))


def unit_year_figures(units, year):
    """{unit_pk: {...}} for these units and year, in one query."""
    return unit_years_figures(units, [year])[year]


def unit_years_figures(units, years):
    """{year: {unit_pk: {...}}} for these units and years, in one query whatever their
    number. The year is the one the case was received in, in the site's time zone."""
    units, years = list(units), list(years)
    dimension_counts = {
        f"dimension_{d.value}": Count("pk", filter=Q(dimension=d.value)) for d in Dimension
    }
    rows = (
        Feedback.objects.filter(unit__in=units, received_at__year__in=years)
        .annotate(year=ExtractYear("received_at"))
        .values("unit", "year")
        .annotate(
            feedback_total=Count("pk"),
            complaints=Count("pk", filter=Q(kind=Kind.COMPLAINT)),
            broken_promises=Count("pk", filter=Q(kind=Kind.COMPLAINT, commitment__isnull=False)),
            replied=Count("pk", filter=Q(replied_at__isnull=False)),
            replied_in_time=Count("pk", filter=Q(answered_in_time=True)),
            **dimension_counts,
        )
        .order_by()
    )
    empty = {
        "feedback_total": 0,
        "complaints": 0,
        "broken_promises": 0,
        "replied": 0,
        "replied_in_time": 0,
        **dict.fromkeys(dimension_counts, 0),
    }
    result = {year: {unit.pk: dict(empty) for unit in units} for year in years}
    for row in rows:
        unit_pk, year = row.pop("unit"), row.pop("year")
        result[year][unit_pk] = row
    return result


def share(part, whole):
    return part / whole if whole else None
