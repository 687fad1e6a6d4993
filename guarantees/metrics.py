"""Per-unit figures that other rooms contribute to comparisons and yearly reports.

The comparison of an area's units (`Jämför`) lives with the guarantees and the yearly report
with the follow-up, but the figures about feedback or follow-up belong to those rooms. They
hand a provider to the Wagtail hook "register_unit_metrics" in their `wagtail_hooks.py`, so
guarantees never imports their models:

    from wagtail import hooks

    from guarantees.metrics import Column, MetricsProvider

    class FeedbackMetrics(MetricsProvider):
        columns = [Column("feedback_total", _("Synpunkter")), ...]

        def compute(self, units, year):
            return {unit.pk: {"feedback_total": 12, ...} for unit in units}

    @hooks.register("register_unit_metrics", order=20)
    def feedback_metrics():
        return FeedbackMetrics()

A hook function takes no arguments and returns one MetricsProvider. Columns appear in the
order of the hooks (`order=`, lower first). `compute` and `years` must use a fixed number of
queries whatever the number of units.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.utils.formats import number_format
from wagtail import hooks

METRICS_HOOK = "register_unit_metrics"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # "count" (a whole number), "share" (0.0-1.0, shown as per cent) or "text"
    kind: str = "count"


class MetricsProvider(ABC):
    columns: list[Column] = []

    @abstractmethod
    def compute(self, units, year):
        """Return {unit_pk: {column_key: value}} for these GuaranteePages and calendar year."""

    def years(self, units):
        """The calendar years this provider has published figures for, for these units."""
        return []


def providers():
    return [provider() for provider in hooks.get_hooks(METRICS_HOOK)]


def columns():
    return [column for provider in providers() for column in provider.columns]


def compute(units, year):
    """All registered figures for these units: {unit_pk: {column_key: value}}."""
    units = list(units)
    result = {unit.pk: {} for unit in units}
    for provider in providers():
        for unit_pk, values in provider.compute(units, year).items():
            result.setdefault(unit_pk, {}).update(values)
    return result


def years(units):
    """Every year some provider has figures for, for these units, latest first."""
    units = list(units)
    return sorted(
        {year for provider in providers() for year in provider.years(units)}, reverse=True
    )


def format_figure(column, value):
    """A figure as a reader sees it: shares in per cent, counts as numbers, '–' when missing."""
    if value is None or value == "":
        return "–"
    if column.kind == "share":
        return f"{number_format(round(float(value) * 100))} %"
    if column.kind == "count":
        return number_format(value)
    return str(value)
