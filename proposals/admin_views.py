"""Admin screens for moderators and committees: one job, one view, all on ProposalViewSet.

Every view is guarded by the registered ProposalPermissionPolicy: "moderate" (publish, reject,
remove personal data, vote traffic) is `proposals.moderate_proposal`, "answer" is
`proposals.answer_proposal`, and "view" is either of them.
"""

from datetime import timedelta

from django.contrib import messages
from django.db.models import Count
from django.db.models.functions import TruncHour
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from home.admin_views import AdminPageMixin, ObjectScopedMixin, StateChangeView
from home.transitions import TransitionError

from . import services
from .forms import (
    AnswerForm,
    AreaForm,
    InvalidationForm,
    PersonalDataEditForm,
    RejectForm,
    RemoveForm,
    TrafficFilterForm,
)
from .models import PUBLIC_STATUSES, Proposal, ProposalSettings, Status, Vote, VoteInvalidation


class ProposalPermissionPolicy(ModelPermissionPolicy):
    """Proposals come from residents, never from the admin; moderators and committees see
    them through their own permissions (`moderate_proposal`, `answer_proposal`)."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        if action in ("view", "change"):
            return super().user_has_permission(user, "moderate") or super().user_has_permission(
                user, "answer"
            )
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# A queue is read from the top: what has waited longest comes first. The moment a proposal
# started waiting, for each status that waits for staff (the dashboard orders the same way).
WAITING_SINCE = {
    Status.AWAITING_MODERATION: "confirmed_at",
    Status.AT_COMMITTEE: "closes_at",
}


class ProposalIndexView(IndexView):
    def get_edit_url(self, instance):
        return reverse("proposals_admin:edit", args=[instance.pk])

    def get_ordering(self):
        """A queue (the listing filtered to a status that waits for staff) oldest first,
        unless the reader sorted by a column; everything else newest first."""
        if not self.is_explicitly_ordered:
            statuses = self.request.GET.getlist("status")
            if len(statuses) == 1 and statuses[0] in WAITING_SINCE:
                return [WAITING_SINCE[statuses[0]], "created_at", "pk"]
        return super().get_ordering()


class ProposalView(ObjectScopedMixin, WagtailAdminTemplateMixin, TemplateView):
    """One proposal: its text, state and history, with links to what may be done next."""

    model = Proposal
    template_name = "proposals/admin/proposal.html"
    header_icon = "comment"

    def get_page_title(self):
        return self.object.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("proposals_admin:index"), "label": _("Alla e-förslag")},
            {"url": "", "label": self.object.title},
        ]

    def get_context_data(self, **kwargs):
        proposal = self.object
        can = {action: self.user_has_permission(action) for action in ("moderate", "answer")}
        context = super().get_context_data(**kwargs)
        context.update(
            proposal=proposal,
            events=proposal.events.select_related("actor"),
            can_moderate_now=can["moderate"] and proposal.status == Status.AWAITING_MODERATION,
            can_answer_now=can["answer"] and proposal.status == Status.AT_COMMITTEE,
            can_edit_text=can["moderate"],
            can_remove=can["moderate"] and proposal.status in PUBLIC_STATUSES,
        )
        return context


class ProposalChangeView(StateChangeView):
    model = Proposal
    object_url_name = "proposals_admin:edit"
    index_url_name = "proposals_admin:index"
    index_label = _("Alla e-förslag")
    header_icon = "comment"


class PublishView(ProposalChangeView):
    permission_required = "moderate"
    page_title = _("Publicera")
    success_message = _("Förslaget är publicerat.")

    @property
    def description(self):
        config = ProposalSettings.current()
        return gettext(
            "Förslaget visas på webbplatsen och är öppet för röster i %(days)s dagar. "
            "Förslagsställaren får ett mejl."
        ) % {"days": config.voting_days}

    def perform(self, form):
        services.publish(self.object, self.request.user)


class RejectView(ProposalChangeView):
    permission_required = "moderate"
    page_title = _("Avvisa")
    description = _("Förslagsställaren får ett mejl med skälet och din förklaring.")
    destructive = True
    form_class = RejectForm
    success_message = _("Förslaget är avvisat.")

    def perform(self, form):
        data = form.cleaned_data
        services.reject(
            self.object,
            self.request.user,
            reason=data["reason"],
            text=data["text"],
            duplicate_of=data["duplicate_of"],
        )


class AnswerView(ProposalChangeView):
    permission_required = "answer"
    page_title = _("Nämndens svar")
    submit_label = _("Publicera svaret")
    description = _("Svaret publiceras på förslagets sida och mejlas till förslagsställaren.")
    form_class = AnswerForm
    success_message = _("Svaret är publicerat.")

    def get_form_kwargs(self):
        return {"initial": {"answered_at": timezone.localdate()}}

    def perform(self, form):
        data = form.cleaned_data
        services.answer(
            self.object,
            self.request.user,
            decision=data["decision"],
            text=data["answer_text"],
            date=data["answered_at"],
        )


class PersonalDataView(ProposalChangeView):
    permission_required = "moderate"
    page_title = _("Ta bort personuppgifter")
    submit_label = _("Spara ändringen")
    description = _(
        "Förslagsställarens text får bara ändras för att ta bort personuppgifter. "
        "Ändringen loggas med före och efter."
    )
    form_class = PersonalDataEditForm
    success_message = _("Ändringen är sparad och loggad.")

    def get_form_kwargs(self):
        return {"initial": {"title": self.object.title, "body": self.object.body}}

    def perform(self, form):
        data = form.cleaned_data
        services.edit_for_personal_data(
            self.object,
            self.request.user,
            title=data["title"],
            body=data["body"],
            note=data["note"],
        )


class RemoveView(ProposalChangeView):
    permission_required = "moderate"
    page_title = _("Ta bort från webbplatsen")
    submit_label = _("Ta bort förslaget")
    description = _(
        "Förslaget försvinner från listor, sökning och öppna data. Dess sida säger bara att det "
        "är borttaget och varför. Röstningen upphör. Det går inte att ångra."
    )
    destructive = True
    form_class = RemoveForm
    success_message = _("Förslaget är borttaget.")

    def perform(self, form):
        services.remove(self.object, self.request.user, reason=form.cleaned_data["reason"])


class AreaView(ProposalChangeView):
    permission_required = "moderate"
    page_title = _("Byt verksamhetsområde")
    submit_label = _("Byt verksamhetsområde")
    form_class = AreaForm
    success_message = _("Verksamhetsområdet är ändrat.")

    def get_form_kwargs(self):
        return {"initial": {"service_area": self.object.service_area_id}}

    def perform(self, form):
        services.move_to_area(
            self.object, self.request.user, service_area=form.cleaned_data["service_area"]
        )


class TrafficView(PermissionCheckedMixin, AdminPageMixin, TemplateView):
    """Votes per hour by source network and by mail domain: where do sudden bursts come from?"""

    model = Proposal
    permission_required = "moderate"
    template_name = "proposals/admin/traffic.html"
    page_title = _("Röster per timme")
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        form = TrafficFilterForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            # A number typed into the address that names no period or proposal: the sender's
            # error, told in the form's own Swedish messages.
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return self.render_to_response(self.get_context_data(form=form, **self.traffic(form)))

    def traffic(self, form):
        days, proposal = form.days(), form.proposal()
        votes = Vote.objects.valid().filter(created_at__gte=timezone.now() - timedelta(days=days))
        if proposal is not None:
            votes = votes.filter(proposal=proposal)
        hourly = votes.annotate(hour=TruncHour("created_at"))

        def top(field):
            rows = hourly.values("hour", field).annotate(n=Count("pk")).order_by("-n", "-hour")
            return [
                {**row, "key": row[field], "end": row["hour"] + timedelta(hours=1)}
                for row in rows[:50]
            ]

        return {
            "days": days,
            "proposal_id": proposal.pk if proposal else "",
            "by_network": top("network"),
            "by_domain": top("mail_domain"),
        }


class InvalidateView(PermissionCheckedMixin, AdminPageMixin, TemplateView):
    """Preview exactly which votes on which proposals, then invalidate them with a note."""

    model = Proposal
    permission_required = "moderate"
    template_name = "proposals/admin/invalidate.html"
    page_title = _("Ogiltigförklara röster")
    header_icon = "warning"

    def render_preview(self, form, votes=None, status=200):
        if votes is None:
            votes = form.votes() if form.is_valid() else Vote.objects.none()
        per_proposal = (
            votes.values("proposal__pk", "proposal__title").annotate(n=Count("pk")).order_by("-n")
        )
        context = self.get_context_data(
            form=form,
            per_proposal=per_proposal,
            votes=votes.select_related("proposal").order_by("created_at")[:200],
            total=votes.count(),
        )
        return self.render_to_response(context, status=status)

    def get(self, request, *args, **kwargs):
        form = InvalidationForm(request.GET)
        return self.render_preview(form, status=200 if form.is_valid() else 400)

    def post(self, request, *args, **kwargs):
        form = InvalidationForm(request.POST)
        if not form.is_valid():
            return self.render_preview(form, status=400)
        votes = form.votes()
        try:
            invalidation = services.invalidate_votes(
                votes, request.user, form.cleaned_data["note"], form.criteria()
            )
        except TransitionError as error:
            # The preview stays in view beside the refusal (a missing note, say).
            form.add_error("note", " ".join(error.messages))
            return self.render_preview(form, votes=votes, status=400)
        messages.success(
            request,
            gettext("%(count)s röster ogiltigförklarades och räknades om.")
            % {"count": invalidation.count},
        )
        return redirect("proposals_invalidations:index")


class RestoreView(StateChangeView):
    model = VoteInvalidation
    permission_required = "restore"
    object_url_name = "proposals_invalidations:index"
    index_url_name = "proposals_invalidations:index"
    index_label = _("Ogiltigförklaringar")
    header_icon = "undo"
    page_title = _("Återställ röster")
    submit_label = _("Återställ rösterna")
    description = _("Rösterna räknas igen och förslagens antal röster räknas om.")
    success_message = _("Rösterna är återställda.")

    def get_object_url(self):
        return reverse(self.object_url_name)

    def perform(self, form):
        services.restore_votes(self.object, self.request.user)


class RestoreColumn(Column):
    """When the votes were restored, or while they are not, the link that restores them."""

    cell_template_name = "proposals/admin/restore_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if instance.restored_at is None:
            context["restore_url"] = reverse("proposals_invalidations:restore", args=[instance.pk])
        return context


class InvalidationPermissionPolicy(ModelPermissionPolicy):
    """Moderators read and restore invalidations (`moderate_proposal`). A record is never
    added, changed or deleted by hand: it is made by invalidating and closed by restoring."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return ModelPermissionPolicy(Proposal).user_has_permission(user, "moderate")


class VoteInvalidationViewSet(ModelViewSet):
    """The audit list of invalidations, each with a restore."""

    model = VoteInvalidation
    icon = "warning"
    menu_label = _("Ogiltigförklaringar")
    add_to_admin_menu = False
    url_prefix = "e-forslag/ogiltigforklaringar"
    name = "proposals_invalidations"
    pk_path_converter = "int"
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["note"]  # required by ModelViewSet; no view offers this form
    list_display = [
        Column("at", label=_("Tidpunkt"), accessor="at"),
        Column("actor", label=_("Av")),
        Column("count", label=_("Röster")),
        Column("note", label=_("Anteckning")),
        Column("criteria", label=_("Urval"), accessor="describe_criteria"),
        RestoreColumn("restored_at", label=_("Återställd")),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/aterstall/", self.construct_view(RestoreView), name="restore"),
        ]


class ProposalViewSet(ModelViewSet):
    model = Proposal
    icon = "comment"
    menu_label = _("Alla e-förslag")
    add_to_admin_menu = False
    url_prefix = "e-forslag"
    name = "proposals_admin"
    copy_view_enabled = False
    pk_path_converter = "int"
    index_view_class = ProposalIndexView
    # The proposal's page replaces the generic edit form: its text may change only through
    # the logged removal of personal data.
    edit_view_class = ProposalView
    form_fields = ["title", "body"]  # required by ModelViewSet; no view offers this form
    list_filter = ["status", "service_area"]
    search_fields = ["title", "body"]
    list_display = [
        "title",
        Column("get_status_display", label=_("Status"), sort_key="status"),
        Column("vote_count", label=_("Röster"), sort_key="vote_count"),
        Column("created_at", label=_("Inskickat"), sort_key="created_at"),
    ]
    ordering = ["-created_at"]

    proposal_views = [
        ("publicera/", PublishView, "publish"),
        ("avvisa/", RejectView, "reject"),
        ("svara/", AnswerView, "answer"),
        ("personuppgifter/", PersonalDataView, "personal_data"),
        ("ta-bort/", RemoveView, "remove"),
        ("omrade/", AreaView, "area"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            *(
                path(f"<int:pk>/{route}", self.construct_view(view), name=name)
                for route, view, name in self.proposal_views
            ),
            path("trafik/", self.construct_view(TrafficView), name="traffic"),
            path("trafik/ogiltigforklara/", self.construct_view(InvalidateView), name="invalidate"),
        ]


# The dashboard: each role's own queue, the longest waiting first ----------------------------

DASHBOARD_ROWS = 10


def _queue(status, since, title, since_label, list_label):
    waiting = Proposal.objects.filter(status=status)
    return {
        "status": status,
        "title": title,
        "count": waiting.count(),
        "rows": [
            (proposal, getattr(proposal, since))
            for proposal in waiting.order_by(since, "pk")[:DASHBOARD_ROWS]
        ],
        "since_label": since_label,
        "list_url": reverse("proposals_admin:index") + f"?status={status.value}",
        "list_label": list_label,
    }


def dashboard_queues(user, policy):
    """What waits for `user` on the dashboard: proposals to moderate (moderators), proposals at
    the committee to answer (committees); none when neither is the user's job. `policy` is the
    proposals' registered permission policy, the one the menu asks."""
    queues = []
    if policy.user_has_permission(user, "moderate"):
        queues.append(
            _queue(
                Status.AWAITING_MODERATION,
                WAITING_SINCE[Status.AWAITING_MODERATION],
                _("Väntar på granskning"),
                _("Bekräftat"),
                _("Till granskningskön"),
            )
        )
    if policy.user_has_permission(user, "answer"):
        queues.append(
            _queue(
                Status.AT_COMMITTEE,
                WAITING_SINCE[Status.AT_COMMITTEE],
                _("Hos nämnden, att besvara"),
                _("Röstningen slutade"),
                _("Alla e-förslag hos nämnden"),
            )
        )
    return queues
