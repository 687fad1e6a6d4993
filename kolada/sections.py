"""What this room puts on other rooms' pages: figures under a commitment, a report section,
and the measured value a yearly follow-up starts from."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from wagtail.models import Page

from guarantees.models import Commitment, GuaranteePage

from .figures import (
    commitment_trend,
    comparison_places,
    format_value,
    settings_for,
    trends,
)
from .models import Gender, Scope, Value


def render_commitment_figures(context):
    commitment = context.get("commitment")
    if commitment is None or not getattr(commitment, "kolada_kpi", ""):
        return ""
    page = context.get("page")
    request = context.get("request")
    unit_ou = page.kolada_ou if isinstance(page, GuaranteePage) else ""
    trend = commitment_trend(commitment, unit_ou, settings_for(request))
    area = page.get_parent() if isinstance(page, GuaranteePage) and page.pk else None
    return render_to_string(
        "kolada/commitment_figures.html",
        {"trend": trend, "commitment": commitment, "area": area},
        request=request,
    )


def kpis_on(pages):
    """Key figures named by commitments on these pages or above them (area, city)."""
    paths = set()
    for page in pages:
        paths.update(
            page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)
        )
    return sorted(
        set(
            Commitment.objects.filter(page__path__in=paths)
            .exclude(kolada_kpi="")
            .values_list("kolada_kpi", flat=True)
        )
    )


def render_report_figures(context):
    units = list(context.get("units") or [])
    year = context.get("year")
    kpi_ids = kpis_on(units)
    if not kpi_ids or year is None:
        return ""
    places = comparison_places(settings_for(context.get("request")))
    places += [(Scope.UNIT, unit.kolada_ou, unit.title) for unit in units if unit.kolada_ou]
    years = list(range(year - 2, year + 1))
    return render_to_string(
        "kolada/report_section.html",
        {
            "trends": trends(kpi_ids, places, years=years),
            "year": year,
            "years": years,
            "listing": context.get("listing", False),
        },
        request=context.get("request"),
    )


def prefill_outcome(commitment, unit, year):
    """The unit's value of the commitment's key figure for `year`, else the municipality's."""
    if not commitment.kolada_kpi:
        return None
    config = settings_for()
    rows = Value.objects.filter(kpi=commitment.kolada_kpi, period=year, gender=Gender.TOTAL)
    candidates = []
    if unit.kolada_ou:
        candidates.append((Scope.UNIT, unit.kolada_ou, _("enheten")))
    if config.municipality_id:
        candidates.append((Scope.MUNICIPALITY, config.municipality_id, _("kommunen")))
    for scope, entity, label in candidates:
        row = rows.filter(scope=scope, entity=entity, value__isnull=False).first()
        if row is not None:
            return _("%(value)s (Kolada %(kpi)s, %(place)s %(year)s)") % {
                "value": format_value(row.value),
                "kpi": commitment.kolada_kpi,
                "place": label,
                "year": year,
            }
    return None
