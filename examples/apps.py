from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamplesConfig(AppConfig):
    name = "examples"
    verbose_name = _("Goda exempel")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save

        from .models import GoodExampleIndexPage
        from .setup import grant_after_migrate, grant_unit_editors

        post_save.connect(
            grant_unit_editors, sender=GoodExampleIndexPage, dispatch_uid="examples_grant"
        )
        # Connected after staff's own post_migrate receiver would be better; staff comes later
        # in INSTALLED_APPS, so on the very first migrate there is no listing page to grant yet.
        post_migrate.connect(grant_after_migrate, dispatch_uid="examples_grant_after_migrate")
