"""Public views of the guarantees: the comparison of an area's units (`Jämför`) and the home
page's "Hitta en verksamhet"."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from wagtail.models import Site

from home.years import year_from_query

from . import comparison, metrics
from .forms import AREA, DISTRICT, FindUnitForm

YEAR_PARAMETER = "ar"


def compare_units(request, area):
    """`Jämför`: the area's units side by side, the chosen year (`?ar=`, the latest with
    figures by default) and the years before it."""
    units = list(area.units())
    available = metrics.years(units)
    year = year_from_query(request.GET, YEAR_PARAMETER, comparison.latest_year(available))
    return TemplateResponse(
        request,
        "guarantees/compare.html",
        {
            "page": area,
            "self": area,
            "area": area,
            "comparison": comparison.build(area, units, year, available),
            "year_parameter": YEAR_PARAMETER,
        },
    )


def find_unit(request):
    """The home page's finder: on to the chosen area's list, filtered by district (where the
    area has no unit in the district, the list says so and offers the nearest ones)."""
    site = Site.find_for_request(request)
    if site is None:
        raise BadRequest("No site for this host.")
    form = FindUnitForm(request.GET, root=site.root_page)
    form.is_valid()
    area = form.cleaned_data.get(AREA)
    if area is None:
        # Only a crafted address lacks a valid area: the form always has one chosen.
        raise BadRequest("No valid service area.")
    district = form.cleaned_data.get(DISTRICT, "")
    url = area.get_url(request)
    if district:
        # The area's list says when it has no unit there, and offers the nearest ones.
        return redirect(f"{url}?{urlencode({DISTRICT: district})}#enheter-rubrik")
    if DISTRICT in form.errors:
        messages.info(request, gettext("Stadsdelen finns inte. Här är alla enheter."))
    return redirect(f"{url}#enheter-rubrik")
