"""The feedback figures that comparisons and yearly reports show per unit."""

from django.utils.translation import gettext_lazy as _

from guarantees.metrics import Column, MetricsProvider

from .models import Dimension
from .stats import share, unit_years_figures


class FeedbackMetrics(MetricsProvider):
    heading = _("Synpunkter och klagomål")
    columns = [
        Column("feedback_total", _("Synpunkter")),
        # By dimension in the yearly report; too fine-grained to compare units by.
        *[Column(f"feedback_{d.value}", d.label, compared=False) for d in Dimension],
        Column("complaints", _("Klagomål")),
        Column("broken_promises", _("Löften som inte hölls")),
        Column("answered_in_time_share", _("Besvarade i tid"), kind="share"),
    ]

    def compute(self, units, year):
        return self.compute_years(units, [year])[year]

    def compute_years(self, units, years):
        return {
            year: self._values(per_unit)
            for year, per_unit in unit_years_figures(units, years).items()
        }

    @staticmethod
    def _values(per_unit):
        result = {}
        for unit_pk, row in per_unit.items():
            result[unit_pk] = {
                "feedback_total": row["feedback_total"],
                **{f"feedback_{d.value}": row[f"dimension_{d.value}"] for d in Dimension},
                "complaints": row["complaints"],
                "broken_promises": row["broken_promises"],
                # Of the cases received that year, the share answered by their deadline.
                "answered_in_time_share": share(row["replied_in_time"], row["feedback_total"]),
            }
        return result
