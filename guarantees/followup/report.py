"""The yearly quality report per committee (seed 000: an annual report per administration),
built from the data: the committee's areas and the guarantees valid that year, each unit's
published follow-up, the figures every room registers, and the other rooms' report sections."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guarantees import metrics
from guarantees.models import CommitmentLevel, GuaranteePage, ServiceAreaPage
from guarantees.sections import render_sections

from .models import Outcome, YearlyFollowUp


@dataclass
class UnitReport:
    unit: GuaranteePage
    follow_up: YearlyFollowUp | None
    figures: list = field(default_factory=list)  # [(column, shown value)]

    @property
    def outcomes(self):
        return list(self.follow_up.outcomes.all()) if self.follow_up else []


@dataclass
class AreaReport:
    area: ServiceAreaPage
    units: list


@dataclass
class Report:
    committee: object
    year: int
    areas: list
    columns: list
    outcome_counts: dict
    sections: str = ""

    @property
    def units(self):
        return [unit_report for area in self.areas for unit_report in area.units]


def units_of(committee, year):
    """Live guarantees in the committee's areas or decided by it, valid (or followed up)
    some time in `year`."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    in_areas = Q(pk__in=[])
    for area in ServiceAreaPage.objects.in_source_language().filter(committee=committee):
        in_areas |= Q(path__startswith=area.path, depth=area.depth + 1)
    # A published follow-up of the year means the unit had a guarantee then, even when
    # the guarantee has since been renewed with new dates.
    followed_up = YearlyFollowUp.objects.published().filter(year=year).values("unit_id")
    valid = Q(valid_from__lte=end, valid_to__gte=start) | Q(pk__in=followed_up)
    return (
        GuaranteePage.objects.in_source_language()
        .live()
        .filter(in_areas | Q(committee=committee))
        .filter(valid)
        .order_by("path")
    )


def build_report(committee, year, request=None, public=False, listing=False):
    units = list(units_of(committee, year))
    areas = ServiceAreaPage.of_units(units)
    follow_ups = {
        follow_up.unit_id: follow_up
        for follow_up in YearlyFollowUp.objects.published()
        .filter(unit__in=units, year=year)
        .prefetch_related("outcomes")
    }
    columns = metrics.columns()
    values = metrics.compute(units, year)

    grouped = {}
    for unit in units:
        area = areas[unit.pk]
        figures = [
            (column, metrics.format_figure(column, values.get(unit.pk, {}).get(column.key)))
            for column in columns
        ]
        grouped.setdefault(area.path if area else "", (area, []))[1].append(
            UnitReport(unit=unit, follow_up=follow_ups.get(unit.pk), figures=figures)
        )
    area_reports = [
        AreaReport(area=area, units=unit_reports) for area, unit_reports in grouped.values()
    ]
    area_reports.sort(key=lambda item: item.area.title if item.area else "")

    counts = Counter(
        outcome.outcome for follow_up in follow_ups.values() for outcome in follow_up.outcomes.all()
    )
    outcome_counts = {choice: counts.get(choice.value, 0) for choice in Outcome}

    report = Report(
        committee=committee,
        year=year,
        areas=area_reports,
        columns=columns,
        outcome_counts=outcome_counts,
    )
    report.sections = render_sections(
        "committee_report_sections",
        {
            "committee": committee,
            "year": year,
            "units": units,
            "request": request,
            "public": public,
            # Shown inside the admin: tables in Wagtail's listing look (guarantees/sections.py).
            "listing": listing,
        },
    )
    return report


CSV_HEADER = [
    _("Nämnd"),
    _("År"),
    _("Verksamhetsområde"),
    _("Enhet"),
    _("Nivå"),
    _("Åtagande"),
    _("Förväntat resultat"),
    _("Utfall"),
    _("Uppmätt värde"),
    _("Analys"),
    _("Åtgärd nästa år"),
]


def csv_header(report):
    return CSV_HEADER + [column.label for column in report.columns]


def csv_rows(report):
    """One row per unit and commitment, the unit's figures repeated on each of its rows."""
    levels = dict(CommitmentLevel.choices)
    for area_report in report.areas:
        area_title = area_report.area.title if area_report.area else ""
        for unit_report in area_report.units:
            figures = [shown for _column, shown in unit_report.figures]
            base = [report.committee.name, report.year, area_title, unit_report.unit.title]
            outcomes = unit_report.outcomes
            if not outcomes:
                rows = [
                    base
                    + ["", "", "", gettext("Ingen publicerad uppföljning"), "", "", ""]
                    + figures
                ]
            else:
                rows = [
                    base
                    + [
                        str(levels.get(outcome.level, "")),
                        outcome.commitment_title,
                        outcome.expected_result,
                        outcome.get_outcome_display(),
                        outcome.measured_value,
                        outcome.analysis,
                        outcome.next_action,
                    ]
                    + figures
                    for outcome in outcomes
                ]
            yield from rows
