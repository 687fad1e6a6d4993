from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowUpConfig(AppConfig):
    name = "guarantees.followup"
    label = "followup"
    verbose_name = _("Uppföljning")
