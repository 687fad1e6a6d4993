from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoladaConfig(AppConfig):
    name = "kolada"
    label = "kolada"
    verbose_name = _("Nationella nyckeltal (Kolada)")
