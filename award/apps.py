from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardConfig(AppConfig):
    name = "award"
    verbose_name = _("Kvalitetspriset")
    default_auto_field = "django.db.models.BigAutoField"
