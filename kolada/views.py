"""Public comparison pages: the municipality against its group and the country, and the
units of a service area over the years, on the key figures their commitments use."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from guarantees.models import GuaranteePage, ServiceAreaPage

from .figures import comparison_places, settings_for, trends
from .models import Scope
from .sections import kpis_on


def municipality(request):
    config = settings_for(request)
    units = GuaranteePage.objects.in_source_language().live().public()
    kpi_ids = kpis_on(list(units))
    return TemplateResponse(
        request,
        "kolada/municipality.html",
        {"trends": trends(kpi_ids, comparison_places(config)), "config": config},
    )


def area(request, area_id):
    area = get_object_or_404(ServiceAreaPage.objects.live().public(), pk=area_id)
    config = settings_for(request)
    units = list(GuaranteePage.objects.child_of(area).live().public().order_by("title"))
    places = [(Scope.UNIT, unit.kolada_ou, unit.title) for unit in units if unit.kolada_ou]
    if config.municipality_id:
        places.append((Scope.MUNICIPALITY, config.municipality_id, _("Hela kommunen")))
    return TemplateResponse(
        request,
        "kolada/area.html",
        {"area": area, "page": area, "trends": trends(kpis_on(units or [area]), places)},
    )
