from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuaranteesConfig(AppConfig):
    name = "guarantees"
    verbose_name = _("Kvalitetsgarantier")

    def ready(self):
        from . import frontend_cache

        frontend_cache.connect()
