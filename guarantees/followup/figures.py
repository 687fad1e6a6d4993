"""This room's figures for comparisons and reports, and how any registered figure is shown."""

from django.db.models import Count, Q
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guarantees.metrics import Column, MetricsProvider

from .models import CommitmentOutcome, Outcome

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


def format_figure(column, value):
    """A figure as a reader sees it: shares in per cent, counts as numbers, '–' when missing."""
    if value is None or value == "":
        return "–"
    if column.kind == "share":
        return f"{number_format(round(float(value) * 100))} %"
    if column.kind == "count":
        return number_format(value)
    return str(value)


def bar_chart(rows, columns, width=640):
    """Geometry for a horizontal bar chart of share columns, drawn as inline SVG on our server.

    `rows` is [(label, {column_key: value})]. Returns None when there is nothing to draw.
    """
    share_columns = [column for column in columns if column.kind == "share"]
    if not rows or not share_columns:
        return None
    label_height, bar_height, gap, group_gap = 20, 18, 4, 14
    bar_left, bar_width = 8, width - 110
    groups, y = [], 10
    for label, values in rows:
        group = {"label": label, "label_y": y + 14, "bars": []}
        y += label_height + gap
        for index, column in enumerate(share_columns):
            value = values.get(column.key)
            length = 0 if value is None else round(max(0.0, min(1.0, float(value))) * bar_width)
            group["bars"].append(
                {
                    "index": index,
                    "column": column,
                    "x": bar_left,
                    "y": y,
                    "width": length,
                    "height": bar_height,
                    "text_x": bar_left + length + 6,
                    "text_y": y + bar_height - 4,
                    "text": format_figure(column, value)
                    if value is not None
                    else gettext("uppgift saknas"),
                }
            )
            y += bar_height + gap
        y += group_gap
        groups.append(group)
    legend = []
    for index, column in enumerate(share_columns):
        legend.append({"index": index, "label": column.label, "x": bar_left, "y": y})
        y += bar_height + gap
    return {
        "width": width,
        "height": y + 4,
        "groups": groups,
        "legend": legend,
        "columns": share_columns,
        "axis_x": bar_left,
    }
