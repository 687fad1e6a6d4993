"""Per-unit figures that other rooms contribute to comparisons and yearly reports.

The comparison of units (`Jämför`) and the yearly report live with the guarantees, but the
figures about feedback or proposals belong to those rooms. They register a provider here from
their AppConfig.ready(), so guarantees never imports their models:

    from guarantees.metrics import MetricsProvider, register_metrics

    class FeedbackMetrics(MetricsProvider):
        columns = [("feedback_total", _("Synpunkter")), ...]

        def compute(self, units, year):
            return {unit.pk: {"feedback_total": 12, ...} for unit in units}

    register_metrics(FeedbackMetrics())

`compute` must use a fixed number of queries whatever the number of units.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass

_providers = []


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


def register_metrics(provider):
    _providers.append(provider)


def providers():
    return list(_providers)


def columns():
    return [column for provider in _providers for column in provider.columns]


def compute(units, year):
    """All registered figures for these units: {unit_pk: {column_key: value}}."""
    units = list(units)
    result = {unit.pk: {} for unit in units}
    for provider in _providers:
        for unit_pk, values in provider.compute(units, year).items():
            result.setdefault(unit_pk, {}).update(values)
    return result
