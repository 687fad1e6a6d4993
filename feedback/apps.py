from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Synpunkter och klagomål")

    def ready(self):
        from guarantees.metrics import register_metrics
        from guarantees.sections import register_section

        from .metrics import FeedbackMetrics
        from .sections import render_feedback_form, render_report, render_year_feedback

        register_section("feedback", render_feedback_form)
        register_section("year_feedback", render_year_feedback)
        register_section("report", render_report)
        register_metrics(FeedbackMetrics())
