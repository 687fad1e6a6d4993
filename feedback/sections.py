"""What the feedback room puts on the guarantees' pages and reports (guarantees/sections.py)."""

from django.template.loader import render_to_string

from guarantees.languages import commitment_title, translations_of
from guarantees.models import GuaranteePage
from home.languages import is_source_language

from .models import Dimension
from .stats import cached_year_figures


def render_feedback_form(context):
    from .views import unit_form

    page, request = context.get("page"), context.get("request")
    if not isinstance(page, GuaranteePage):
        return ""
    # The guarantee is cached for everyone: the form's per-request parts are fetched by script.
    form = context.get("feedback_form") or unit_form(request, page, cacheable=True)
    shown = context.get("all_commitments")
    if shown is not None and "commitment" in form.fields:
        field = form.fields["commitment"]
        if is_source_language():
            # The page listed these commitments already: the choices need no query of their own.
            choices = [(c.pk, c.title) for c in shown]
        else:
            # In another language the page listed their translations; the form offers the
            # Swedish ones, which the case records, in the page's order and its language.
            swedish = {c.translation_key: c for c in field.queryset}
            ordered = [
                swedish.pop(c.translation_key) for c in shown if c.translation_key in swedish
            ]
            choices = [(c.pk, field.label_from_instance(c)) for c in [*ordered, *swedish.values()]]
        field.choices = [("", field.empty_label), *choices]
    return render_to_string(
        "feedback/embedded_form.html", {"form": form, "unit": page}, request=request
    )


def render_year_feedback(context):
    page, year = context.get("page"), context.get("year")
    if not isinstance(page, GuaranteePage) or not year:
        return ""
    year = int(year)
    figures, per_commitment = cached_year_figures(page, year)
    commitments = []
    if per_commitment:
        shown = context.get("all_commitments") if is_source_language() else None
        if shown is None:
            shown = list(page.applicable_commitments().filter(pk__in=per_commitment))
        translations = translations_of(shown)
        commitments = [
            (commitment_title(c, translations), per_commitment[c.pk])
            for c in shown
            if c.pk in per_commitment
        ]
    return render_to_string(
        "feedback/year_feedback.html",
        {
            "year": year,
            "figures": figures,
            "dimensions": [(d.label, figures[f"dimension_{d.value}"]) for d in Dimension],
            "broken_promises": figures["broken_promises"],
            "commitments": commitments,
        },
        request=context.get("request"),
    )


def render_report(context):
    from .compilation import Compilation

    units = list(context.get("units") or [])
    year = context.get("year")
    if not year:
        return ""
    compilation = Compilation.for_year(int(year), units=units)
    return render_to_string(
        "feedback/report_section.html",
        {
            "compilation": compilation,
            "year": year,
            "committee": context.get("committee"),
            "listing": context.get("listing", False),
        },
        request=context.get("request"),
    )
