"""Public views: the committees' printable yearly reports."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.text import slugify

from guarantees.models import Committee
from home.caching import public_cache
from home.spreadsheets import spreadsheet_response
from home.years import FIRST_YEAR, last_allowed_year

from .models import YearlyFollowUp
from .report import build_report, csv_header, csv_rows


def _committee_and_year(committee_id, year):
    if not FIRST_YEAR <= year <= last_allowed_year():
        raise Http404
    return get_object_or_404(Committee, pk=committee_id)


@public_cache()
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


@public_cache()
def public_report(request, committee_id, year):
    committee = _committee_and_year(committee_id, year)
    report = build_report(committee, year, request=request, public=True)
    return TemplateResponse(request, "followup/public_report.html", {"report": report})


@public_cache()
def public_report_csv(request, committee_id, year):
    committee = _committee_and_year(committee_id, year)
    return report_csv_response(build_report(committee, year, request=request, public=True))


def report_csv_response(report):
    filename = f"kvalitetsrapport-{slugify(report.committee.name)}-{report.year}.csv"
    return spreadsheet_response(filename, csv_header(report), csv_rows(report))
