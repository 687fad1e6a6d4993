from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Synpunkter och klagomål")

    def ready(self):
        from .stats import connect_year_figures_invalidation

        connect_year_figures_invalidation()
