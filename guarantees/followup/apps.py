from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowUpConfig(AppConfig):
    name = "guarantees.followup"
    label = "followup"
    verbose_name = _("Uppföljning")

    def ready(self):
        from guarantees.metrics import register_metrics
        from guarantees.sections import register_section

        from .figures import FollowUpMetrics
        from .results import render_results

        register_section("results", render_results)
        register_metrics(FollowUpMetrics())
