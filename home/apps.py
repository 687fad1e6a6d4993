from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Startsida och innehåll")

    def ready(self):
        from . import frontend_cache, middleware

        middleware.install()
        frontend_cache.connect()
