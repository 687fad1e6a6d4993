from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoladaConfig(AppConfig):
    name = "kolada"
    label = "kolada"
    verbose_name = _("Nationella nyckeltal (Kolada)")

    def ready(self):
        from guarantees.sections import register_section

        from .sections import render_commitment_figures, render_report_figures

        register_section("commitment", render_commitment_figures)
        register_section("report", render_report_figures, order=200)
