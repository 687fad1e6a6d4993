"""This room's figures for the comparison of units and the yearly reports."""

from django.db.models import Count, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guarantees.metrics import Column, MetricsProvider

from .models import CommitmentOutcome, Outcome, YearlyFollowUp

MET_SHARE = "commitments_met_share"


class FollowUpMetrics(MetricsProvider):
    """Share of commitments met (published follow-ups only) and who runs the unit."""

    columns = [
        Column(MET_SHARE, _("Andel uppfyllda åtaganden"), "share"),
        Column("provider", _("Utförare"), "text"),
    ]

    def compute(self, units, year):
        units = list(units)
        counts = (
            CommitmentOutcome.objects.filter(
                follow_up__unit__in=[unit.pk for unit in units],
                follow_up__year=year,
                follow_up__is_published=True,
            )
            .values("follow_up__unit_id")
            .annotate(total=Count("pk"), met=Count("pk", filter=Q(outcome=Outcome.MET)))
        )
        shares = {row["follow_up__unit_id"]: row["met"] / row["total"] for row in counts}
        return {
            unit.pk: {
                MET_SHARE: shares.get(unit.pk),
                "provider": unit.provider or gettext("Kommunen"),
            }
            for unit in units
        }

    def years(self, units):
        return list(
            YearlyFollowUp.objects.published()
            .filter(unit__in=list(units))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
