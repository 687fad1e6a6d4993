"""Per-unit figures that other rooms contribute to comparisons and yearly reports.

The comparison of an area's units (`Jämför`) lives with the guarantees and the yearly report
with the follow-up, but the figures about feedback or follow-up belong to those rooms. They
hand a provider to the Wagtail hook "register_unit_metrics" in their `wagtail_hooks.py`, so
guarantees never imports their models:

    from wagtail import hooks

    from guarantees.metrics import Column, MetricsProvider

    class FeedbackMetrics(MetricsProvider):
        heading = _("Synpunkter och klagomål")
        columns = [Column("feedback_total", _("Synpunkter")), ...]

        def compute(self, units, year):
            return {unit.pk: {"feedback_total": 12, ...} for unit in units}

        def compute_years(self, units, years):
            return {year: {unit.pk: {...}} for year in years}  # one query for all years

    @hooks.register("register_unit_metrics", order=20)
    def feedback_metrics():
        return FeedbackMetrics()

A hook function takes no arguments and returns one MetricsProvider. Columns appear in the
order of the hooks (`order=`, lower first); the comparison shows each provider's compared
columns as one table under its `heading`, one column per year. `compute`, `compute_years` and
`years` must use a fixed number of queries whatever the number of units (and of years).
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.utils.translation import gettext
from wagtail import hooks

from home.numbers import swedish_number

METRICS_HOOK = "register_unit_metrics"

COUNT, SHARE, RATIO, TEXT = "count", "share", "ratio", "text"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # COUNT: a whole number. SHARE: 0.0-1.0, shown in per cent. RATIO: (part, whole), shown in
    # per cent with the counts, so that "1 of 1" does not pass for more than "9 of 10".
    # TEXT: shown as it is, once per unit, not per year.
    kind: str = COUNT
    # Shown in the comparison of units; the yearly report shows every column.
    compared: bool = True
    # Drawn in the comparison's chart, one small chart per unit (share and ratio columns).
    charted: bool = False


class MetricsProvider(ABC):
    # The comparison shows this provider's columns as one table under this heading.
    heading = ""
    columns: list[Column] = []

    @abstractmethod
    def compute(self, units, year):
        """Return {unit_pk: {column_key: value}} for these GuaranteePages and calendar year."""

    def compute_years(self, units, years):
        """{year: {unit_pk: {column_key: value}}} for several years. Override it with a fixed
        number of queries whatever the number of years; this fallback asks once a year."""
        return {year: self.compute(units, year) for year in years}

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


def compute_years(units, years, among=None):
    """All registered figures for these units and years: {year: {unit_pk: {key: value}}}.
    `among`: the providers to ask (all registered ones by default)."""
    units, years = list(units), list(years)
    result = {year: {unit.pk: {} for unit in units} for year in years}
    for provider in providers() if among is None else among:
        for year, per_unit in provider.compute_years(units, years).items():
            for unit_pk, values in per_unit.items():
                result.setdefault(year, {}).setdefault(unit_pk, {}).update(values)
    return result


def years(units):
    """Every year some provider has figures for, for these units, latest first."""
    units = list(units)
    return sorted(
        {year for provider in providers() for year in provider.years(units)}, reverse=True
    )


def share_of(column, value):
    """A share or ratio figure as a number 0.0-1.0 (None when missing or when the whole is 0)."""
    if value is None or value == "":
        return None
    if column.kind == RATIO:
        part, whole = value
        return part / whole if whole else None
    if column.kind == SHARE:
        return float(value)
    return None


def format_figure(column, value):
    """A figure as a reader sees it: shares in per cent, counts as numbers, '–' when missing."""
    if value is None or value == "":
        return "–"
    if column.kind == RATIO:
        part, whole = value
        if not whole:
            return "–"
        return gettext("%(share)s (%(part)s av %(whole)s)") % {
            "share": format_figure(Column(column.key, column.label, SHARE), part / whole),
            "part": swedish_number(part),
            "whole": swedish_number(whole),
        }
    if column.kind == SHARE:
        return f"{swedish_number(round(float(value) * 100))} %"
    if column.kind == COUNT:
        return swedish_number(value)
    return str(value)
