from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Startsida och innehåll")

    def ready(self):
        from . import dates, fragments, frontend_cache, middleware, spreadsheets, translation_drafts

        middleware.install()
        frontend_cache.connect()
        fragments.connect()
        spreadsheets.use_for_wagtail_exports()
        dates.use_for_wagtail_date_fields()
        translation_drafts.keep_live_pages_on_draft_translations()
