from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry, register_permission_policy

from search.registry import SearchableType

from .admin_views import (
    InvalidationPermissionPolicy,
    ProposalPermissionPolicy,
    ProposalViewSet,
    VoteInvalidationViewSet,
    dashboard_queues,
)
from .models import BlockedDomain, Proposal, Status, VoteInvalidation
from .sections import render_report

proposal_policy = ProposalPermissionPolicy(Proposal)
register_permission_policy(Proposal, proposal_policy)
register_permission_policy(VoteInvalidation, InvalidationPermissionPolicy(VoteInvalidation))


class BlockedDomainViewSet(ModelViewSet):
    model = BlockedDomain
    icon = "warning"
    menu_label = _("Spärrade e-postdomäner")
    add_to_admin_menu = False
    url_prefix = "e-forslag-sparrade-domaner"
    name = "proposals_blocked_domains"
    pk_path_converter = "int"
    list_display = ["domain", "note", "created_at"]
    search_fields = ["domain"]
    form_fields = ["domain", "note"]


proposal_viewset = ProposalViewSet()
blocked_domain_viewset = BlockedDomainViewSet()
invalidation_viewset = VoteInvalidationViewSet()


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [proposal_viewset, blocked_domain_viewset, invalidation_viewset]


class PolicyMenuItem(MenuItem):
    """Shown to users the permission policy allows one of `actions`."""

    def __init__(self, *args, policy, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy, self.actions = policy, actions

    def is_shown(self, request):
        return self.policy.user_has_any_permission(request.user, self.actions)


@hooks.register("register_admin_menu_item")
def register_menu():
    queue_url = reverse("proposals_admin:index") + f"?status={Status.AWAITING_MODERATION.value}"
    domains = policy_registry.get_by_type(BlockedDomain)
    menu = Menu(
        items=[
            PolicyMenuItem(
                _("Granskningskö"),
                queue_url,
                icon_name="tasks",
                policy=proposal_policy,
                actions=["moderate"],
                order=100,
            ),
            PolicyMenuItem(
                _("Alla e-förslag"),
                reverse("proposals_admin:index"),
                icon_name="comment",
                policy=proposal_policy,
                actions=["view"],
                order=200,
            ),
            PolicyMenuItem(
                _("Röster per timme"),
                reverse("proposals_admin:traffic"),
                icon_name="table",
                policy=proposal_policy,
                actions=["moderate"],
                order=300,
            ),
            PolicyMenuItem(
                _("Ogiltigförklaringar"),
                reverse("proposals_invalidations:index"),
                icon_name="warning",
                policy=proposal_policy,
                actions=["moderate"],
                order=350,
            ),
            PolicyMenuItem(
                _("Spärrade e-postdomäner"),
                reverse("proposals_blocked_domains:index"),
                icon_name="warning",
                policy=domains,
                actions=["change"],
                order=400,
            ),
        ]
    )
    return SubmenuMenuItem(_("E-förslag"), menu, icon_name="comment", order=350)


class ProposalsDashboardPanel(Component):
    """The moderator's queue, and the committee's proposals to answer. A moderator has no
    other job in the admin, so the queue comes first; for a committee it follows Wagtail's
    own review queue (staff/wagtail_hooks.py puts that first)."""

    name = "proposal_queues"

    def __init__(self, queues):
        self.queues = queues
        self.order = 20 if queues[0]["status"] == Status.AWAITING_MODERATION else 95

    def render_html(self, parent_context=None):
        return render_to_string("proposals/admin/dashboard_panel.html", {"queues": self.queues})


@hooks.register("construct_homepage_panels")
def add_proposal_queues(request, panels):
    queues = dashboard_queues(request.user, proposal_policy)
    if queues:
        panels.append(ProposalsDashboardPanel(queues))


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


@hooks.register("frontend_cache_urls")
def proposal_urls():
    """Purged with everything (home/frontend_cache.py): the list and the open data."""
    from .frontend_cache import public_paths

    return public_paths()
