"""The comparison of a service area's units (`Jämför`), from the figures other rooms register."""

from django.template.response import TemplateResponse

from home.years import previous_year, year_from_query

from . import metrics
from .charts import bar_chart
from .models import GuaranteePage

YEAR_PARAMETER = "ar"


def compare_units(request, area):
    """`Jämför`: the area's units side by side for one year (seed 000 "Jämförelseguide")."""
    units = list(GuaranteePage.objects.child_of(area).live().public().order_by("title"))
    years = metrics.years(units)
    latest = years[0] if years else previous_year()
    year = year_from_query(request.GET, YEAR_PARAMETER, latest)
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
