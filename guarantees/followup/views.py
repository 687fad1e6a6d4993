"""Public views: the comparison of a service area's units and the printable yearly report."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.text import slugify

from guarantees import metrics
from guarantees.models import Committee, GuaranteePage
from home.resident_input import year_from_query
from home.spreadsheets import spreadsheet_response

from .figures import bar_chart, format_figure
from .models import FIRST_YEAR, YearlyFollowUp, last_allowed_year, previous_year
from .report import build_report, csv_header, csv_rows

YEAR_PARAMETER = "ar"


def compare_units(request, area):
    """`Jämför`: the area's units side by side for one year (seed 000 "Jämförelseguide")."""
    units = list(GuaranteePage.objects.child_of(area).live().public().order_by("title"))
    years = list(
        YearlyFollowUp.objects.published()
        .filter(unit__in=units)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    latest = years[0] if years else previous_year()
    year = year_from_query(request.GET, YEAR_PARAMETER, latest)
    columns = metrics.columns()
    values = metrics.compute(units, year)
    rows = [
        {
            "unit": unit,
            "cells": [
                format_figure(column, values.get(unit.pk, {}).get(column.key)) for column in columns
            ],
        }
        for unit in units
    ]
    chart = bar_chart([(unit.title, values.get(unit.pk, {})) for unit in units], columns)
    return TemplateResponse(
        request,
        "followup/compare.html",
        {
            "page": area,
            "self": area,
            "area": area,
            "year": year,
            "years": years,
            "year_parameter": YEAR_PARAMETER,
            "columns": columns,
            "rows": rows,
            "chart": chart,
        },
    )


def _committee_and_year(committee_id, year):
    if not FIRST_YEAR <= year <= last_allowed_year():
        raise Http404
    return get_object_or_404(Committee, pk=committee_id)


def report_index(request):
    """Public list of committees and years with published follow-ups."""
    pairs = (
        YearlyFollowUp.objects.published()
        .filter(unit__committee__isnull=False, unit__live=True)
        .values_list("unit__committee_id", "unit__committee__name", "year")
        .distinct()
        .order_by("unit__committee__name", "-year")
    )
    committees = {}
    for committee_id, name, year in pairs:
        committees.setdefault((committee_id, name), []).append(year)
    return TemplateResponse(
        request,
        "followup/report_index.html",
        {"committees": [(pk, name, years) for (pk, name), years in committees.items()]},
    )


def public_report(request, committee_id, year):
    committee = _committee_and_year(committee_id, year)
    report = build_report(committee, year, request=request, public=True)
    return TemplateResponse(request, "followup/public_report.html", {"report": report})


def public_report_csv(request, committee_id, year):
    committee = _committee_and_year(committee_id, year)
    return report_csv_response(build_report(committee, year, request=request, public=True))


def report_csv_response(report):
    filename = f"kvalitetsrapport-{slugify(report.committee.name)}-{report.year}.csv"
    return spreadsheet_response(filename, csv_header(report), csv_rows(report))
