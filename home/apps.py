from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Startsida och innehåll")

    def ready(self):
        from . import dates, fragments, frontend_cache, middleware, spreadsheets

        middleware.install()
        frontend_cache.connect()
        fragments.connect()
        spreadsheets.use_for_wagtail_exports()
        dates.use_for_wagtail_date_fields()
        post_migrate.connect(_synchronise_locales, sender=self)


def _synchronise_locales(**kwargs):
    """Locales are a setting (settings.LANGUAGES): each has its Locale and its tree after
    every migrate, as the roles have their groups (docs/architecture.md, "Languages")."""
    from .languages import synchronise_locales

    synchronise_locales()
