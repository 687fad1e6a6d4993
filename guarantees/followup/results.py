"""The "Så gick det <år>" section this room puts on a guarantee page ("guarantee_page_results")."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from guarantees.languages import in_swedish, shown, translations_of
from guarantees.models import CommitmentLevel
from guarantees.sections import render_sections
from home.fragments import kept
from home.years import year_from_query

from .models import Outcome, YearlyFollowUp

YEAR_PARAMETER = "uppfoljning"
# Where the year's feedback goes in the kept section: it changes with every case received,
# the rest only when a follow-up or a page is published. (Escaped text never holds "<!--".)
YEAR_FEEDBACK_SLOT = "<!--year-feedback-->"

GROUP_HEADINGS = [
    (CommitmentLevel.UNIT, _("Enhetens åtaganden")),
    (CommitmentLevel.AREA, _("Verksamhetsområdets åtaganden")),
    (CommitmentLevel.CITY, _("Kommungemensamma åtaganden")),
]


def chosen_year(request, years):
    """The year a reader asked for among the published ones, else the latest."""
    if request is None:
        return years[0]
    return year_from_query(request.GET, YEAR_PARAMETER, years[0], among=years)


def render_results(context):
    """Outcomes of the latest published follow-up (or an earlier one the reader chose), and
    the year's feedback from the "guarantee_page_year_feedback" hook.

    The section is rendered once per publish and year asked for (home/fragments.py): two
    queries then (the published follow-ups, the chosen one's outcomes), whatever the number
    of commitments and years, plus the examples room's. The year's feedback, which changes
    with every case, is put into its slot on every view."""
    page = context.get("page")
    if page is None or page.pk is None:
        return ""
    request = context.get("request")
    asked = year_from_query(request.GET, YEAR_PARAMETER, None) if request is not None else None
    html, year = kept(
        request, ("guarantee-results", page.pk, asked), lambda: _render_results(context, request)
    )
    if year is None:
        return ""
    slot_context = dict(context)
    slot_context["year"] = year
    year_feedback = render_sections("guarantee_page_year_feedback", slot_context)
    return mark_safe(html.replace(YEAR_FEEDBACK_SLOT, str(year_feedback), 1))  # noqa: S308


def _render_results(context, request):
    """(the section's HTML with an empty slot for the year's feedback, its year), or
    ("", None) when the unit has no published follow-up."""
    page = context["page"]
    follow_ups = {
        follow_up.year: follow_up
        for follow_up in YearlyFollowUp.objects.published()
        .filter(unit_id=page.pk)
        .order_by("-year")
    }
    if not follow_ups:
        return "", None
    years = list(follow_ups)
    year = chosen_year(request, years)
    follow_up = follow_ups[year]
    outcomes = list(follow_up.outcomes.select_related("commitment"))
    translations = translations_of([outcome.commitment for outcome in outcomes])
    for outcome in outcomes:
        outcome.shown = shown_outcome(outcome, translations)
    groups = []
    for level, heading in GROUP_HEADINGS:
        rows = [outcome for outcome in outcomes if outcome.level == level]
        if rows:
            groups.append({"level": level, "heading": heading, "outcomes": rows})
    html = render_to_string(
        "followup/results_section.html",
        {
            "page": page,
            "year": year,
            "follow_up": follow_up,
            "summary": in_swedish(follow_up.summary),
            "groups": groups,
            "met_count": sum(1 for outcome in outcomes if outcome.outcome == Outcome.MET),
            "total_count": len(outcomes),
            "earlier_years": [other for other in years if other != year],
            "year_parameter": YEAR_PARAMETER,
            "year_feedback": mark_safe(YEAR_FEEDBACK_SLOT),  # noqa: S308
        },
        request=request,
    )
    return html, year


def shown_outcome(outcome, translations):
    """The outcome's texts as the reader reads them (guarantees/languages.py): the
    commitment's translation where the snapshot is still what the Swedish commitment says,
    what quality staff wrote as Swedish."""
    commitment = outcome.commitment
    translated = translations.get(commitment.pk) if commitment is not None else None
    title = expected = None
    if translated is not None and commitment.title == outcome.commitment_title:
        title = translated.title
    if translated is not None and commitment.expected_result == outcome.expected_result:
        expected = translated.expected_result
    return {
        "title": shown(outcome.commitment_title, title),
        "expected_result": shown(outcome.expected_result, expected),
        "measured_value": in_swedish(outcome.measured_value),
        "analysis": in_swedish(outcome.analysis),
        "next_action": in_swedish(outcome.next_action),
    }


def _report_link(context, follow_ups):
    latest = (
        follow_ups.published()
        .filter(unit__committee__isnull=False)
        .order_by("-year")
        .values_list("year", "unit__committee_id", "unit__committee__name")
        .first()
    )
    year, committee_id, committee = latest or (None, None, None)
    return render_to_string(
        "followup/unit_report_link.html",
        {"year": year, "committee_id": committee_id, "committee": committee},
        request=context.get("request"),
    )


def render_report_link(context):
    """The committee's yearly report with the unit's latest published follow-up, for the
    guarantee page's "Jämför och läs mer" ("guarantee_page_related"); the list of all
    reports when there is none yet. One query."""
    page = context.get("page")
    if page is None or page.pk is None:
        return ""
    return _report_link(context, YearlyFollowUp.objects.filter(unit_id=page.pk))


def render_area_report_link(context):
    """The same beside an area's units ("area_page_related"): the report of the latest year any
    of its units was followed up. One query."""
    page = context.get("page")
    if page is None or page.pk is None:
        return ""
    return _report_link(context, YearlyFollowUp.objects.filter(unit__path__startswith=page.path))
