"""The last import's state on the Kolada settings page, where quality staff look after the
key figures (operators also have the full list under Settings)."""

from django.urls import reverse
from wagtail.admin.panels import HelpPanel


class LastImportPanel(HelpPanel):
    def __init__(self, template="kolada/admin/last_import.html", **kwargs):
        super().__init__(template=template, **kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            from .models import ImportRun

            context = super().get_context_data(parent_context)
            context["run"] = ImportRun.objects.first()
            if self.request.user.has_perm("kolada.view_importrun"):
                context["runs_url"] = reverse("kolada_runs:index")
            return context
