from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .sections import prefill_outcome, render_commitment_figures, render_report_figures


class KpiChooserViewSet(ChooserViewSet):
    """Editors pick a commitment's key figure from the imported catalogue, searching by
    id or words of its title."""

    model = "kolada.Kpi"
    icon = "table"
    choose_one_text = _("Välj nyckeltal")
    choose_another_text = _("Välj ett annat nyckeltal")
    edit_item_text = _("Ändra")
    page_title = _("Välj ett nationellt nyckeltal")
    per_page = 50

    def get_urlpatterns(self):
        # The catalogue is imported from Kolada, never written here: no create view.
        return [url for url in super().get_urlpatterns() if url.name != "create"]


kpi_chooser_viewset = KpiChooserViewSet("kolada_kpi_chooser", url_prefix="kolada/nyckeltal")


@hooks.register("register_admin_viewset")
def register_kpi_chooser():
    return kpi_chooser_viewset


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
