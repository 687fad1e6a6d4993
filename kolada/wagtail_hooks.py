from wagtail import hooks

from .admin_views import import_run_viewset, kpi_chooser_viewset
from .sections import prefill_outcome, render_commitment_figures, render_report_figures


@hooks.register("register_admin_viewset")
def register_kpi_chooser():
    return kpi_chooser_viewset


@hooks.register("register_admin_viewset")
def register_import_runs():
    return import_run_viewset


@hooks.register("commitment_kpi_widget")
def commitment_kpi_widget():
    return kpi_chooser_viewset.widget_class()


@hooks.register("prefill_commitment_outcome")
def prefill_from_key_figure(commitment, unit, year):
    return prefill_outcome(commitment, unit, year)


# What this room adds to a guarantee's commitments and to the committees' reports (see
# guarantees/sections.py for the hooks).
hooks.register("guarantee_commitment", render_commitment_figures)
hooks.register("committee_report_sections", render_report_figures, order=200)
