from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from .admin_views import (
    CompilationView,
    FeedbackPermissionPolicy,
    FeedbackViewSet,
    case_urls,
    dashboard_counts,
)
from .metrics import FeedbackMetrics
from .models import Feedback
from .sections import render_feedback_form, render_report, render_year_feedback

register_permission_policy(Feedback, FeedbackPermissionPolicy(Feedback))
feedback_viewset = FeedbackViewSet("feedback_inbox", url_prefix="synpunkter/inkorg")


def can_handle(request):
    return request.user.has_perm("feedback.view_feedback") or request.user.has_perm(
        "feedback.change_feedback"
    )


class PermissionMenuItem(MenuItem):
    def is_shown(self, request):
        return can_handle(request)


class FeedbackSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return can_handle(request)


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return feedback_viewset


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [
        path("synpunkter/arende/", include((case_urls(), "feedback_case"))),
        path(
            "synpunkter/sammanstallning/",
            CompilationView.as_view(),
            name="feedback_compilation",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_feedback_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                _("Inkorg"), reverse("feedback_inbox:index"), icon_name="comment", order=100
            ),
            PermissionMenuItem(
                _("Sammanställning"),
                reverse("feedback_compilation"),
                icon_name="table",
                order=200,
            ),
        ]
    )
    return FeedbackSubmenu(_("Synpunkter"), menu, icon_name="comment", order=250)


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    actions.register_action("feedback.assign", _("Tilldelad"), _("Ärendet tilldelades"))
    actions.register_action("feedback.reply", _("Besvarad"), _("Svar skickades till invånaren"))
    actions.register_action("feedback.action", _("Åtgärd"), _("Åtgärd registrerades"))
    actions.register_action("feedback.close", _("Avslutad"), _("Ärendet avslutades"))


class FeedbackDashboardPanel(Component):
    name = "feedback_cases"
    order = 90

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        return render_to_string("feedback/admin/dashboard_panel.html", dashboard_counts(self.user))


@hooks.register("construct_homepage_panels")
def add_feedback_panel(request, panels):
    if can_handle(request):
        panels.append(FeedbackDashboardPanel(request.user))


# What this room adds to the guarantees' pages, figures and reports (see guarantees/sections.py
# and guarantees/metrics.py for the hooks).

hooks.register("guarantee_page_feedback", render_feedback_form)
hooks.register("guarantee_page_year_feedback", render_year_feedback)
hooks.register("committee_report_sections", render_report, order=10)


@hooks.register("register_unit_metrics", order=20)
def feedback_metrics():
    return FeedbackMetrics()
