"""This room's figures for the comparison of units and the yearly reports."""

from django.db.models import Count, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guarantees.metrics import RATIO, SHARE, TEXT, Column, MetricsProvider
from guarantees.models import CommitmentLevel, QualityCriterion

from .models import CommitmentOutcome, Outcome, YearlyFollowUp

MET_SHARE = "commitments_met_share"

# Units of one area share their city-wide and area commitments, so those compare like with
# like; their own commitments differ, so they are counted apart.
LEVEL_COLUMNS = [
    (
        CommitmentLevel.CITY,
        Column("met_city", _("Kommungemensamma åtaganden"), RATIO, charted=True),
    ),
    (
        CommitmentLevel.AREA,
        Column("met_area", _("Verksamhetsområdets åtaganden"), RATIO, charted=True),
    ),
    (CommitmentLevel.UNIT, Column("met_unit", _("Enhetens egna åtaganden"), RATIO, charted=True)),
]
CRITERION_COLUMNS = [
    (criterion, Column(f"met_{criterion.value}", criterion.label, RATIO))
    for criterion in QualityCriterion
]


class FollowUpMetrics(MetricsProvider):
    """Commitments met (published follow-ups only): in all, by level and by quality
    criterion; and who runs the unit."""

    heading = _("Uppfyllda åtaganden")
    columns = [
        Column(MET_SHARE, _("Andel uppfyllda åtaganden"), SHARE, compared=False),
        *[column for _level, column in LEVEL_COLUMNS],
        *[column for _criterion, column in CRITERION_COLUMNS],
        Column("provider", _("Utförare"), TEXT, compared=False),
    ]

    def compute(self, units, year):
        return self.compute_years(units, [year])[year]

    def compute_years(self, units, years):
        """One query whatever the number of units and years: outcomes counted per unit,
        year, level and criterion. An outcome whose commitment has since been deleted counts
        for its level (a snapshot) but for no criterion."""
        units, years = list(units), list(years)
        counts = (
            CommitmentOutcome.objects.filter(
                follow_up__unit__in=[unit.pk for unit in units],
                follow_up__year__in=years,
                follow_up__is_published=True,
            )
            .values(
                "follow_up__unit_id", "follow_up__year", "level", "commitment__quality_criterion"
            )
            .annotate(total=Count("pk"), met=Count("pk", filter=Q(outcome=Outcome.MET)))
        )
        tallies = {}  # (unit_pk, year) -> {key: [met, total]}
        level_keys = {level: column.key for level, column in LEVEL_COLUMNS}
        criterion_keys = {criterion: column.key for criterion, column in CRITERION_COLUMNS}
        for row in counts:
            tally = tallies.setdefault((row["follow_up__unit_id"], row["follow_up__year"]), {})
            keys = [MET_SHARE, level_keys.get(row["level"])]
            keys.append(criterion_keys.get(row["commitment__quality_criterion"]))
            for key in filter(None, keys):
                met_total = tally.setdefault(key, [0, 0])
                met_total[0] += row["met"]
                met_total[1] += row["total"]

        result = {}
        for year in years:
            result[year] = {}
            for unit in units:
                tally = tallies.get((unit.pk, year), {})
                values = {
                    column.key: tuple(tally[column.key]) if column.key in tally else None
                    for column in self.columns
                    if column.kind == RATIO
                }
                met, total = tally.get(MET_SHARE, (0, 0))
                values[MET_SHARE] = met / total if total else None
                values["provider"] = unit.provider or gettext("Kommunen")
                result[year][unit.pk] = values
        return result

    def years(self, units):
        return list(
            YearlyFollowUp.objects.published()
            .filter(unit__in=list(units))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
