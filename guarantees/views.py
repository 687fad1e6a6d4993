"""The comparison of a service area's units (`Jämför`), from the figures other rooms register."""

from django.template.response import TemplateResponse

from . import metrics
from .charts import bar_chart
from .models import GuaranteePage
from .years import FIRST_YEAR, last_allowed_year, previous_year

YEAR_PARAMETER = "ar"


def parse_year(raw, fallback):
    raw = (raw or "").strip()
    if raw.isascii() and raw.isdigit() and len(raw) == 4:
        year = int(raw)
        if FIRST_YEAR <= year <= last_allowed_year():
            return year
    return fallback


def compare_units(request, area):
    """`Jämför`: the area's units side by side for one year (seed 000 "Jämförelseguide")."""
    units = list(GuaranteePage.objects.child_of(area).live().public().order_by("title"))
    years = metrics.years(units)
    latest = years[0] if years else previous_year()
    year = parse_year(request.GET.get(YEAR_PARAMETER), latest)
    columns = metrics.columns()
    values = metrics.compute(units, year)
    rows = [
        {
            "unit": unit,
            "cells": [
                metrics.format_figure(column, values.get(unit.pk, {}).get(column.key))
                for column in columns
            ],
        }
        for unit in units
    ]
    chart = bar_chart([(unit.title, values.get(unit.pk, {})) for unit in units], columns)
    return TemplateResponse(
        request,
        "guarantees/compare.html",
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
