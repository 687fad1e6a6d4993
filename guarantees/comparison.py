"""The comparison of a service area's units (`Jämför`, seed 000 "Jämförelseguide"): the figures
other rooms register (guarantees/metrics.py) for several years side by side, per unit.

Each provider's compared columns make one table, a column per year so that a unit's trend
reads along its row; the columns marked `charted` make one small chart per unit. A fixed
number of queries whatever the number of units and years.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext

from home.numbers import swedish_number
from home.years import previous_year

from . import metrics
from .charts import trend_chart

YEARS_SHOWN = 3


@dataclass(frozen=True)
class Cell:
    text: str
    # For a ratio, the counts behind the share ("3 av 4").
    detail: str = ""


@dataclass
class Table:
    heading: str
    columns: list
    rows: list = field(default_factory=list)  # [(unit, [Cell for each column and year])]


@dataclass
class Comparison:
    area: object
    year: int
    years: list  # shown, oldest first
    available_years: list  # with figures, latest first
    units: list
    tables: list
    charts: list  # [(unit, chart geometry or None)]


def years_shown(available, year, count=YEARS_SHOWN):
    """The chosen year and the years with figures just before it, oldest first."""
    return sorted([year, *[other for other in available if other < year][: count - 1]])


def latest_year(available):
    return available[0] if available else previous_year()


def cell(column, value):
    if column.kind == metrics.RATIO and value is not None and value[1]:
        part, whole = value
        share = metrics.format_figure(
            metrics.Column(column.key, column.label, metrics.SHARE), part / whole
        )
        detail = gettext("%(part)s av %(whole)s") % {
            "part": swedish_number(part),
            "whole": swedish_number(whole),
        }
        return Cell(share, detail)
    return Cell(metrics.format_figure(column, value))


def compared_columns(provider):
    return [
        column for column in provider.columns if column.compared and column.kind != metrics.TEXT
    ]


def build(area, units, year, available_years, sources=None):
    """The comparison of `units` (the area's) for `year` and the years before it. In another
    language than Swedish `sources` maps each unit's pk to its Swedish page, whose records
    (follow-ups, figures) the values come from."""
    units = list(units)
    sources = sources or {}
    years = years_shown(available_years, year)
    providers = [provider for provider in metrics.providers() if compared_columns(provider)]
    values = metrics.compute_years(
        [sources.get(unit.pk, unit) for unit in units], years, among=providers
    )

    def value(unit, column, shown_year):
        source_pk = sources.get(unit.pk, unit).pk
        return values.get(shown_year, {}).get(source_pk, {}).get(column.key)

    tables = []
    for provider in providers:
        columns = compared_columns(provider)
        table = Table(heading=str(provider.heading), columns=columns)
        for unit in units:
            cells = [
                cell(column, value(unit, column, shown_year))
                for column in columns
                for shown_year in years
            ]
            table.rows.append((unit, cells))
        tables.append(table)

    charted = [column for table in tables for column in table.columns if column.charted]
    charts = []
    for unit in units:
        series = [
            (
                column.label,
                [
                    (
                        shown_year,
                        metrics.share_of(column, value(unit, column, shown_year)),
                        cell(column, value(unit, column, shown_year)).text,
                    )
                    for shown_year in years
                ],
            )
            for column in charted
        ]
        charts.append((unit, trend_chart(series)))
    return Comparison(
        area=area,
        year=year,
        years=years,
        available_years=available_years,
        units=units,
        tables=tables,
        charts=charts if charted else [],
    )
