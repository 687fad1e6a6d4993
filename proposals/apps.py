from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    label = "proposals"
    verbose_name = _("E-förslag")

    def ready(self):
        from . import frontend_cache

        frontend_cache.connect()
