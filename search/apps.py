from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Sök")

    def ready(self):
        from . import results_cache, signals

        signals.connect()
        results_cache.connect()
