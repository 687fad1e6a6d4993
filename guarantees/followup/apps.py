from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowUpConfig(AppConfig):
    name = "guarantees.followup"
    label = "followup"
    verbose_name = _("Uppföljning")

    def ready(self):
        from . import frontend_cache, signals

        frontend_cache.connect()
        signals.connect()
