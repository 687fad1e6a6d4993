"""What the proposals room contributes to the yearly report of a committee."""

from django.db.models import Q
from django.template.loader import render_to_string

from .models import Proposal, Status


def proposals_handled(committee, year):
    """Proposals in the committee's areas that reached it or were answered in the year."""
    return (
        Proposal.objects.filter(service_area__committee=committee)
        .filter(Q(answered_at__year=year) | Q(status=Status.AT_COMMITTEE, closes_at__year=year))
        .select_related("service_area")
        .order_by("answered_at", "pk")
    )


def render_report(context):
    committee, year = context.get("committee"), context.get("year")
    if committee is None or year is None:
        return ""
    return render_to_string(
        "proposals/report_section.html",
        {
            "proposals": proposals_handled(committee, year),
            "year": year,
            "committee": committee,
            "listing": context.get("listing", False),
        },
    )
