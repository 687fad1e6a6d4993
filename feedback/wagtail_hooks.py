from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import FeedbackPermissionPolicy, FeedbackViewSet, dashboard_counts
from .metrics import FeedbackMetrics
from .models import CaseLogEntry, Feedback, ReplyTemplate
from .sections import render_feedback_form, render_report, render_year_feedback

feedback_policy = FeedbackPermissionPolicy(Feedback)
register_permission_policy(Feedback, feedback_policy)
feedback_viewset = FeedbackViewSet("feedback_inbox", url_prefix="synpunkter/inkorg")


def can_handle(request):
    return feedback_policy.user_has_permission(request.user, "view")


class PermissionMenuItem(MenuItem):
    def is_shown(self, request):
        return can_handle(request)


class FeedbackSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return can_handle(request)


class ReplyTemplateViewSet(SnippetViewSet):
    model = ReplyTemplate
    icon = "doc-full"
    menu_label = _("Svarsmallar")
    add_to_admin_menu = False
    list_display = ["title", "kind", "service_area", "language"]
    list_filter = ["kind", "service_area", "language"]


register_snippet(ReplyTemplateViewSet)


@hooks.register("insert_global_admin_css")
def feedback_admin_css():
    """The inbox's excerpt and the resident's message beside the reply
    (feedback/static/feedback/admin.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("feedback/admin.css"))


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return feedback_viewset


@hooks.register("register_admin_menu_item")
def register_feedback_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                _("Inkorg"), reverse("feedback_inbox:index"), icon_name="comment", order=100
            ),
            PermissionMenuItem(
                _("Mina ärenden"),
                reverse("feedback_inbox:index") + "?tilldelad=mina",
                icon_name="user",
                order=110,
            ),
            PermissionMenuItem(
                _("Ej tilldelade"),
                reverse("feedback_inbox:index") + "?tilldelad=ingen",
                icon_name="warning",
                order=120,
            ),
            PermissionMenuItem(
                _("Sammanställning"),
                reverse("feedback_inbox:compilation"),
                icon_name="table",
                order=200,
            ),
        ]
    )
    return FeedbackSubmenu(_("Synpunkter"), menu, icon_name="comment", order=250)


@hooks.register("register_reports_menu_item")
def register_compilation_report():
    """The compilation is a report too: listed with the admin's others under "Rapporter"."""
    return PermissionMenuItem(
        _("Sammanställning av synpunkter"),
        reverse("feedback_inbox:compilation"),
        name="feedback-compilation",
        icon_name="table",
        order=60,
    )


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    actions.register_model(Feedback, CaseLogEntry)
    actions.register_action("feedback.assign", _("Tilldelad"), _("Ärendet tilldelades"))
    actions.register_action("feedback.reply", _("Besvarad"), _("Svar skickades till invånaren"))
    actions.register_action("feedback.action", _("Åtgärd"), _("Åtgärd registrerades"))
    actions.register_action("feedback.close", _("Avslutad"), _("Ärendet avslutades"))
    actions.register_action("feedback.note", _("Anteckning"), _("En intern anteckning skrevs"))
    actions.register_action(
        "feedback.move", _("Flyttad"), _("Ärendet flyttades till en annan enhet")
    )


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


@hooks.register("before_delete_page")
def keep_units_with_feedback(request, page):
    """A unit that has received feedback is not deleted: its cases are public records and
    point at it. It can be unpublished instead."""
    if Feedback.objects.filter(unit_id=page.pk).exists():
        messages.error(
            request,
            _(
                "Enheten har tagit emot synpunkter och kan inte raderas, eftersom ärendena är "
                "allmänna handlingar. Avpublicera den i stället."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
