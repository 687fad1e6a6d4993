from django.template.loader import render_to_string
from wagtail import hooks

from .forms import FindUnitForm


@hooks.register("home_page_sections")
def service_areas_and_city_commitments(context):
    """The home page finds a unit by area and district, lists the service areas and the
    commitments every unit makes."""
    page = context.get("page")
    if page is None:
        return ""
    finder = FindUnitForm(root=page)
    return render_to_string(
        "guarantees/includes/home_page_sections.html",
        {
            "page": page,
            "finder": finder,
            "service_areas": list(finder.fields["omrade"].queryset),
        },
        request=context.get("request"),
    )
