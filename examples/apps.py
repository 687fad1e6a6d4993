from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamplesConfig(AppConfig):
    name = "examples"
    verbose_name = _("Goda exempel")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save
        from django.utils.translation import gettext_lazy as _

        from guarantees.sections import register_section
        from search.registry import SearchableType, register

        from .models import GoodExampleIndexPage, GoodExamplePage
        from .sections import render_follow_up_examples, render_outcome_examples
        from .setup import grant_after_migrate, grant_unit_editors

        register(
            SearchableType(
                key="goda-exempel",
                label=_("Goda exempel"),
                queryset=lambda: GoodExamplePage.objects.live().public(),
                area_field="service_area",
            )
        )
        register_section("follow_up_examples", render_follow_up_examples)
        register_section("outcome_examples", render_outcome_examples)
        post_save.connect(
            grant_unit_editors, sender=GoodExampleIndexPage, dispatch_uid="examples_grant"
        )
        # Connected after staff's own post_migrate receiver would be better; staff comes later
        # in INSTALLED_APPS, so on the very first migrate there is no listing page to grant yet.
        post_migrate.connect(grant_after_migrate, dispatch_uid="examples_grant_after_migrate")
