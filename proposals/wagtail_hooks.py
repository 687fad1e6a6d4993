from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from search.registry import SearchableType

from . import admin_views
from .models import BlockedDomain, Proposal, Status
from .sections import render_report

MODERATE = "proposals.moderate_proposal"
ANSWER = "proposals.answer_proposal"


class ProposalPermissionPolicy(ModelPermissionPolicy):
    """Proposals come from residents, never from the admin; moderators and committees see
    them through their own permissions (`moderate_proposal`, `answer_proposal`)."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        if action == "change":
            return user.has_perm(MODERATE) or user.has_perm(ANSWER)
        if action in ("view", "inspect"):
            return user.has_perm(MODERATE) or user.has_perm(ANSWER)
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Proposal, ProposalPermissionPolicy(Proposal))


class ProposalViewSet(ModelViewSet):
    model = Proposal
    icon = "comment"
    menu_label = _("Alla e-förslag")
    add_to_admin_menu = False
    url_prefix = "e-forslag"
    name = "proposals_admin"
    copy_view_enabled = False
    list_filter = ["status", "service_area"]
    search_fields = ["title", "body"]
    list_display = [
        "title",
        Column("get_status_display", label=_("Status"), sort_key="status"),
        Column("vote_count", label=_("Röster"), sort_key="vote_count"),
        Column("created_at", label=_("Inskickat"), sort_key="created_at"),
    ]
    ordering = ["-created_at"]
    form_fields = ["title", "body"]

    @property
    def edit_view(self):
        return admin_views.manage


class BlockedDomainViewSet(ModelViewSet):
    model = BlockedDomain
    icon = "warning"
    menu_label = _("Spärrade e-postdomäner")
    add_to_admin_menu = False
    url_prefix = "e-forslag-sparrade-domaner"
    name = "proposals_blocked_domains"
    list_display = ["domain", "note", "created_at"]
    search_fields = ["domain"]
    form_fields = ["domain", "note"]


proposal_viewset = ProposalViewSet()
blocked_domain_viewset = BlockedDomainViewSet()


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [proposal_viewset, blocked_domain_viewset]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("e-forslag-trafik/", admin_views.traffic, name="proposals_traffic"),
        path(
            "e-forslag-trafik/ogiltigforklara/",
            admin_views.invalidate,
            name="proposals_invalidate",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, perms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.perms = perms

    def is_shown(self, request):
        return any(request.user.has_perm(perm) for perm in self.perms)


@hooks.register("register_admin_menu_item")
def register_menu():
    queue_url = reverse("proposals_admin:index") + f"?status={Status.AWAITING_MODERATION.value}"
    menu = Menu(
        items=[
            PermissionMenuItem(
                _("Granskningskö"), queue_url, icon_name="tasks", perms=[MODERATE], order=100
            ),
            PermissionMenuItem(
                _("Alla e-förslag"),
                reverse("proposals_admin:index"),
                icon_name="comment",
                perms=[MODERATE, ANSWER],
                order=200,
            ),
            PermissionMenuItem(
                _("Röster per timme"),
                reverse("proposals_traffic"),
                icon_name="table",
                perms=[MODERATE],
                order=300,
            ),
            PermissionMenuItem(
                _("Spärrade e-postdomäner"),
                reverse("proposals_blocked_domains:index"),
                icon_name="warning",
                perms=["proposals.change_blockeddomain"],
                order=400,
            ),
        ]
    )
    return SubmenuMenuItem(_("E-förslag"), menu, icon_name="comment", order=350)


# What this room adds to the committees' reports and to the site search (see
# guarantees/sections.py and search/registry.py for the hooks).

hooks.register("committee_report_sections", render_report, order=20)


@hooks.register("register_searchable_type")
def searchable_proposals():
    return SearchableType(
        key="e-forslag",
        label=_("E-förslag"),
        queryset=lambda: Proposal.objects.public(),
        area_field="service_area",
    )
