"""Staff in the admin: unit assignments, the renewal report and its dashboard panel."""

import django_filters
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser, Button
from wagtail.models import Page

from guarantees.models import GuaranteePage, ServiceAreaPage

from .expiry import (
    WARNING_DAYS,
    expiry_report_policy,
    guarantees_to_renew_for,
    with_renewal_status,
)
from .models import Role, UnitAssignment, units_for
from .renewal import hold_scheduled_revision
from .roles import ROLE_GROUPS
from .translations import may_send_for_approval
from .views import ExpiringGuaranteesReportView


class UnitPageChooser(AdminPageChooser):
    """Wagtail's page chooser, shown again empty when a form comes back with a page id that
    is not a number (the stock widget fails while rendering the form's errors)."""

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, TypeError, OverflowError):
            return None


def _unit_pages(request=None):
    return Page.objects.type(ServiceAreaPage, GuaranteePage).order_by("path")


class UnitAssignmentFilterSet(WagtailFilterSet):
    role = django_filters.ChoiceFilter(label=_("Roll"), choices=Role.choices)
    user = django_filters.ModelChoiceFilter(
        label=_("Användare"),
        queryset=lambda request: (
            get_user_model()
            .objects.filter(unit_assignments__isnull=False)
            .distinct()
            .order_by("username")
        ),
    )
    page = django_filters.ModelChoiceFilter(
        label=_("Enhet eller verksamhetsområde"), queryset=_unit_pages
    )

    class Meta:
        model = UnitAssignment
        fields = ["role", "user", "page"]


class UnitAssignmentViewSet(ModelViewSet):
    """Administrators tie users to units or service areas; staff.sync derives the page
    permissions. Create, edit and delete are written to the audit log by Wagtail."""

    model = UnitAssignment
    icon = "group"
    menu_label = _("Tilldelningar")
    menu_order = 850
    add_to_admin_menu = True
    url_prefix = "tilldelningar"
    name = "unit_assignments"
    filterset_class = UnitAssignmentFilterSet
    list_export = ["user", "page", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "page__title"]
    list_display = [
        TitleColumn("user", label=_("Användare"), url_name="unit_assignments:edit"),
        Column("page", label=_("Enhet eller verksamhetsområde")),
        Column("get_role_display", label=_("Roll")),
    ]
    panels = [
        FieldPanel("user"),
        FieldPanel(
            "page",
            widget=UnitPageChooser(target_models=[ServiceAreaPage, GuaranteePage]),
        ),
        FieldPanel("role"),
    ]

    def get_queryset(self, request):
        return UnitAssignment.objects.select_related("user", "page").order_by(
            "page__path", "user__username"
        )


unit_assignment_viewset = UnitAssignmentViewSet()


@hooks.register("register_admin_viewset")
def register_unit_assignments():
    return unit_assignment_viewset


@hooks.register("register_admin_urls")
def register_report_urls():
    view = ExpiringGuaranteesReportView
    return [
        path(
            "reports/garantier-som-loper-ut/",
            view.as_view(),
            name="staff_expiring_guarantees",
        ),
        path(
            "reports/garantier-som-loper-ut/results/",
            view.as_view(results_only=True),
            name="staff_expiring_guarantees_results",
        ),
    ]


class ExpiryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return expiry_report_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_expiry_report_menu_item():
    return ExpiryReportMenuItem(
        _("Garantier som löper ut"),
        reverse("staff_expiring_guarantees"),
        name="expiring-guarantees",
        icon_name="time",
        order=50,
    )


class GuaranteesToRenewPanel(Component):
    """The dashboard's reminder of the yearly cycle."""

    name = "guarantees_to_renew"
    template_name = "staff/guarantees_to_renew_panel.html"
    order = 150

    def __init__(self, guarantees, can_see_report):
        self.guarantees = guarantees
        self.can_see_report = can_see_report

    def get_context_data(self, parent_context):
        return {
            "guarantees": self.guarantees,
            "can_see_report": self.can_see_report,
            "days": WARNING_DAYS,
            "report_url": reverse("staff_expiring_guarantees"),
        }


# The approver's queue (Wagtail's "awaiting your review" panel) comes first on the dashboard,
# above every table: it is the approver's job, the rest is background.
QUEUE_FIRST_ORDER = 10


class ReviewQueue(WorkflowObjectsToModeratePanel):
    """Wagtail's "awaiting your review" panel, read from the top: the longest waiting first
    (Wagtail lists the newest first)."""

    order = QUEUE_FIRST_ORDER

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["states"].sort(key=lambda state: state["task_state"].started_at)
        return context


@hooks.register("construct_homepage_panels")
def put_the_review_queue_first(request, panels):
    for index, panel in enumerate(panels):
        if getattr(panel, "name", "") == ReviewQueue.name:
            panels[index] = ReviewQueue()


@hooks.register("after_publish_page")
def hold_next_years_version(request, page):
    """An administrator published with a future go-live date: hold it (staff.renewal)."""
    hold_scheduled_revision(page, user=request.user)


@hooks.register("construct_homepage_panels")
def add_guarantees_to_renew_panel(request, panels):
    guarantees = with_renewal_status(guarantees_to_renew_for(request.user)[:20])
    if guarantees:
        panels.append(
            GuaranteesToRenewPanel(
                guarantees, expiry_report_policy.user_has_permission(request.user, "view")
            )
        )


@hooks.register("follow_up_units_for_user")
def units_whose_follow_up_a_user_enters(user):
    """A unit's editor enters its yearly follow-up (guarantees/followup/permissions.py)."""
    return units_for(user, Role.EDITOR)


# The editor's footer: one primary action for each role -------------------------------------

# The first of these the reader may take becomes the footer's primary button (by the menu
# item's name): the approver's decision while a guarantee waits for it, an administrator's
# publish, an editor's submission to the committee (or re-submission after changes), and for
# an editor waiting on the committee the notice that the page is locked. Everything else the
# reader may do stays in the menu below it.
PRIMARY_ACTIONS = [
    "approve",
    "action-publish",
    "action-submit",
    "action-page-locked",
    "action-save-draft",
]


def _is_plain_approval(item):
    # The task offers "approve" twice: at once, and with a comment (a modal); the plain one
    # leads, the one with a comment stays in the menu beside "request changes".
    return item.name == "approve" and not getattr(item, "launch_modal", False)


def _label_the_approvals(menu_items, page):
    # Wagtail's Swedish catalogue writes "Godkänn och Publicera"; these items are made for
    # this request only, so they may be named here.
    workflow_state = page.current_workflow_state if page is not None else None
    publishes = workflow_state is not None and workflow_state.is_at_final_task
    for item in menu_items:
        if item.name != "approve":
            continue
        if _is_plain_approval(item):
            item.label = _("Godkänn och publicera") if publishes else _("Godkänn")
        else:
            item.label = (
                _("Godkänn med kommentar och publicera")
                if publishes
                else _("Godkänn med kommentar")
            )


@hooks.register("construct_page_action_menu")
def one_primary_action_per_role(menu_items, request, context):
    if any(item.name == "approve" for item in menu_items):
        # While a page waits for the reader's decision, the decision is how it is published:
        # a plain "Publicera" beside it would end the review without one.
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
        _label_the_approvals(menu_items, context.get("page"))
    for name in PRIMARY_ACTIONS:
        candidates = [item for item in menu_items if item.name == name]
        if name == "approve":
            candidates = [item for item in candidates if _is_plain_approval(item)]
        if candidates:
            primary = candidates[0]
            menu_items.remove(primary)
            menu_items.insert(0, primary)
            return


@hooks.register("identity_staff_signed_in")
def roles_from_provider_groups(user, groups):
    """A staff member signed in through the municipality's provider: their roles are exactly
    those their groups map to (IDENTITY_STAFF_GROUP_MAP); other groups (a unit's editors) are
    left as they are. Returns the role names given."""
    mapping = settings.IDENTITY_STAFF_GROUP_MAP
    wanted = {mapping[group] for group in groups if mapping.get(group) in ROLE_GROUPS}
    roles = Group.objects.filter(name__in=ROLE_GROUPS)
    user.groups.remove(*[group for group in roles if group.name not in wanted])
    user.groups.add(*[group for group in roles if group.name in wanted])
    return sorted(wanted & {group.name for group in roles})


@hooks.register("register_page_listing_more_buttons")
def send_translation_for_approval(page, user, next_url=None):
    """A translation is approved like its Swedish source (staff/translations.py)."""
    if may_send_for_approval(user, page):
        yield Button(
            _("Skicka översättningen till granskning"),
            reverse("staff_translation_for_approval", args=[page.pk]),
            icon_name="check",
            priority=5,
        )
