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


# The year's figures on a guarantee page ("Så gick det") ----------------------------------------
#
# Two aggregates over the unit's feedback would run on every view of its guarantee. They are
# kept instead in the shared cache per unit and year, forgotten whenever a piece of feedback of
# that unit is saved or deleted (received, answered, moved, anonymised), and at the latest after
# YEAR_FIGURES_TTL: bulk updates that bypass save() are seen within that time.

YEAR_FIGURES_TTL = 300


def _year_figures_key(unit_id, year):
    return f"feedback:year-figures:v1:{unit_id}:{year}"


def _figures_cache():
    from django.core.cache import caches

    return caches["shared"]


def cached_year_figures(unit, year):
    """(unit_year_figures for this unit and year, broken_promises_per_commitment) from the
    shared cache, computed on a miss."""
    key = _year_figures_key(unit.pk, year)
    cache = _figures_cache()
    found = cache.get(key)
    if found is None:
        found = (
            unit_year_figures([unit], year)[unit.pk],
            broken_promises_per_commitment(year, units=[unit]),
        )
        cache.set(key, found, YEAR_FIGURES_TTL)
    return found


def forget_year_figures(unit_id, received_at):
    if unit_id is None or received_at is None:
        return
    from django.db import transaction
    from django.utils import timezone

    key = _year_figures_key(unit_id, timezone.localtime(received_at).year)
    # After commit: forgotten earlier, a view in between could count the old rows again.
    transaction.on_commit(lambda: _figures_cache().delete(key))


def _remember_old_place(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._figures_before = (
        Feedback.objects.filter(pk=instance.pk).values_list("unit_id", "received_at").first()
    )


def _forget_after_change(sender, instance, raw=False, **kwargs):
    if raw:
        return
    forget_year_figures(instance.unit_id, instance.received_at)
    before = getattr(instance, "_figures_before", None)
    if before:
        forget_year_figures(*before)


def connect_year_figures_invalidation():
    from django.db.models.signals import post_delete, post_save, pre_save

    pre_save.connect(_remember_old_place, sender=Feedback, dispatch_uid="feedback-figures-pre")
    post_save.connect(_forget_after_change, sender=Feedback, dispatch_uid="feedback-figures")
    post_delete.connect(_forget_after_change, sender=Feedback, dispatch_uid="feedback-figures-del")
