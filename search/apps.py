from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Sök")

    def ready(self):
        from . import generation, signals

        signals.connect()
        generation.connect()
