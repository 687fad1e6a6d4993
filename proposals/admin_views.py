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
from django.views.generic import TemplateView, View
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from home.admin_views import AdminPageMixin, ObjectScopedMixin, StateChangeView

from . import services
from .forms import AnswerForm, InvalidateForm, PersonalDataEditForm, RejectForm, TrafficFilterForm
from .models import Proposal, ProposalSettings, Status, Vote


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


class ProposalIndexView(IndexView):
    def get_edit_url(self, instance):
        return reverse("proposals_admin:edit", args=[instance.pk])


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


class TrafficView(PermissionCheckedMixin, AdminPageMixin, TemplateView):
    """Votes per hour by source network and by mail domain: where do sudden bursts come from?"""

    model = Proposal
    permission_required = "moderate"
    template_name = "proposals/admin/traffic.html"
    page_title = _("Röster per timme")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        form = TrafficFilterForm(self.request.GET)
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

        context = super().get_context_data(**kwargs)
        context.update(
            days=days,
            proposal_id=proposal.pk if proposal else "",
            by_network=top("network"),
            by_domain=top("mail_domain"),
        )
        return context


class InvalidateView(PermissionCheckedMixin, View):
    """Invalidate the votes from one network or mail domain in a time window."""

    model = Proposal
    permission_required = "moderate"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = InvalidateForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect("proposals_admin:traffic")
        data = form.cleaned_data
        votes = Vote.objects.filter(created_at__gte=data["start"], created_at__lt=data["end"])
        if data["network"]:
            votes = votes.filter(network=data["network"])
        if data["mail_domain"]:
            votes = votes.filter(mail_domain=data["mail_domain"].lower())
        if data["proposal"]:
            votes = votes.filter(proposal=data["proposal"])
        count = services.invalidate_votes(votes, request.user, data["note"])
        messages.success(
            request,
            gettext("%(count)s röster ogiltigförklarades och räknades om.") % {"count": count},
        )
        return redirect("proposals_admin:traffic")


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
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            *(
                path(f"<int:pk>/{route}", self.construct_view(view), name=name)
                for route, view, name in self.proposal_views
            ),
            path("trafik/", self.construct_view(TrafficView), name="traffic"),
            path(
                "trafik/ogiltigforklara/",
                self.construct_view(InvalidateView),
                name="invalidate",
            ),
        ]
