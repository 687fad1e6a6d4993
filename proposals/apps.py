from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    label = "proposals"
    verbose_name = _("E-förslag")

    def ready(self):
        from guarantees.sections import register_section
        from search.registry import SearchableType, register

        from .models import Proposal
        from .sections import render_report

        register(
            SearchableType(
                key="e-forslag",
                label=_("E-förslag"),
                queryset=lambda: Proposal.objects.public(),
                area_field="service_area",
            )
        )
        register_section("report", render_report)
