from django.template.loader import render_to_string
from wagtail import hooks

from .models import ServiceAreaPage


@hooks.register("home_page_sections")
def service_areas_and_city_commitments(context):
    """The home page lists the service areas and the commitments every unit makes."""
    page = context.get("page")
    if page is None:
        return ""
    return render_to_string(
        "guarantees/includes/home_page_sections.html",
        {"page": page, "service_areas": ServiceAreaPage.objects.child_of(page).live().public()},
        request=context.get("request"),
    )
