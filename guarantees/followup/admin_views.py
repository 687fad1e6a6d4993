"""Admin screens for quality staff: start a unit's yearly follow-up, and the yearly report."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets

from guarantees.models import Committee
from home.admin_views import AdminPageMixin, StateChangeView
from home.years import FIRST_YEAR, last_allowed_year

from . import services
from .forms import ReportForm, StartFollowUpForm
from .models import YearlyFollowUp
from .report import build_report
from .views import report_csv_response

# The follow-ups' snippet viewset names its URLs here.
URLS = "wagtailsnippets_followup_yearlyfollowup"

# The reports compile every unit's follow-ups: for those who review and publish them.
REPORT_ACTIONS = ["publish"]


def may_see_reports(user):
    return policy_registry.get_by_type(YearlyFollowUp).user_has_any_permission(user, REPORT_ACTIONS)


class ReportPermissionMixin(PermissionCheckedMixin):
    model = YearlyFollowUp
    any_permission_required = REPORT_ACTIONS


class ScopedFollowUpMixin:
    """A single follow-up is looked up only among those the policy lets the user act on:
    editors see their own units' and change them while unpublished, quality staff every one."""

    scope_action = "view"

    def get_base_object_queryset(self):
        # History and usage views look their object up here; their own get_queryset
        # lists log entries and references, and must stay theirs.
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, self.scope_action
        ).select_related("unit")


class ScopedSingleFollowUpMixin(ScopedFollowUpMixin):
    """Edit and delete find their object through Django's SingleObjectMixin.get_queryset."""

    def get_queryset(self):
        return self.get_base_object_queryset()


def may_change(user, follow_up):
    policy = policy_registry.get_by_type(YearlyFollowUp)
    return policy.user_has_permission_for_instance(user, "change", follow_up)


def may_publish(user):
    return policy_registry.get_by_type(YearlyFollowUp).user_has_permission(user, "publish")


class FollowUpIndexView(snippets.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        ).select_related("unit")

    def _ids_for(self, action):
        return set(
            self.permission_policy.instances_user_has_permission_for(
                self.request.user, action
            ).values_list("pk", flat=True)
        )

    @cached_property
    def changeable_ids(self):
        return self._ids_for("change")

    @cached_property
    def deletable_ids(self):
        return self._ids_for("delete")

    def get_edit_url(self, instance):
        # A follow-up the user may see but not change (a published one, for its unit's
        # editor) opens read-only: the listing links to the inspect view instead.
        if instance.pk in self.changeable_ids:
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        # Wagtail asks the model-wide permission; a follow-up once published is nobody's to
        # delete (permissions.py), so its row offers no delete.
        if instance.pk in self.deletable_ids:
            return super().get_delete_url(instance)
        return None


class FollowUpStatusMixin:
    """The follow-up's state and, for those who may publish, the publish or unpublish action."""

    def get_status_context(self, follow_up):
        user = self.request.user
        actions = []
        if may_publish(user):
            name = "unpublish" if follow_up.is_published else "publish"
            label = _("Avpublicera") if follow_up.is_published else _("Publicera")
            actions.append(
                {
                    "url": reverse(f"{URLS}:{name}", args=[follow_up.pk]),
                    "label": label,
                    "secondary": follow_up.is_published,
                }
            )
        return {"follow_up": follow_up, "status_actions": actions}


class DeleteWhereAllowedMixin:
    """Wagtail offers delete on the model-wide permission; a follow-up once published is
    nobody's to delete (permissions.py), so its pages offer no delete."""

    def get_delete_url(self):
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "delete", self.object
        ):
            return super().get_delete_url()
        return None


class FollowUpEditView(
    DeleteWhereAllowedMixin, FollowUpStatusMixin, ScopedSingleFollowUpMixin, snippets.EditView
):
    def dispatch(self, request, *args, **kwargs):
        if not may_change(request.user, self.object):
            # Seen but not the user's to change: open it read-only instead of a 404.
            return redirect(f"{URLS}:inspect", self.object.pk)
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        form = self.form
        if form.instance.is_published and form.changes_anything:
            form.instance.record_correction()
        instance = super().save_instance()
        if form.becomes_ready:
            services.tell_reviewers(instance, self.request.user)
        return instance

    def get_success_url(self):
        # A draft is filled in over the year: saving keeps the editor on it, as Wagtail does
        # for a snippet's draft.
        return reverse(f"{URLS}:edit", args=[self.object.pk])

    def get_success_message(self, instance=None):
        if self.form.becomes_ready:
            return _("Uppföljningen är sparad och granskarna har fått ett mejl.")
        if self.object.is_published:
            return _("Rättelsen är sparad och visas med dagens datum.")
        return _("Utkastet är sparat.")

    def form_invalid(self, form):
        response = super().form_invalid(form)
        rows = form.formsets.get("outcomes")
        if rows is not None and rows.tampered:
            # Rows left out, sent twice or made up: not something the screen can send.
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.get_status_context(self.object))
        return context


class FollowUpInspectView(
    DeleteWhereAllowedMixin, FollowUpStatusMixin, ScopedFollowUpMixin, snippets.InspectView
):
    """The read-only follow-up: for everyone who may see it, with its rows as entered."""

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_base_object_queryset(), pk=self.pk)

    def get_page_title(self):
        return _("Årsuppföljning")

    def get_edit_url(self):
        # Wagtail asks the model permission; a published follow-up is not its editor's to
        # change, and its edit address would only lead back here.
        if may_change(self.request.user, self.object):
            return reverse(f"{URLS}:edit", args=[self.object.pk])
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.get_status_context(self.object))
        context["rows"] = self.object.outcomes.all()
        context["edit_url"] = self.get_edit_url() or ""
        return context


class FollowUpDeleteView(ScopedSingleFollowUpMixin, snippets.DeleteView):
    scope_action = "delete"


class FollowUpHistoryView(ScopedFollowUpMixin, snippets.HistoryView):
    scope_action = "view"


class FollowUpUsageView(ScopedFollowUpMixin, snippets.UsageView):
    scope_action = "view"


class FollowUpStateChangeView(StateChangeView):
    """Publishing and taking down: explicit actions with a confirmation, for the roles that
    hold "publish" in the registered permission policy."""

    model = YearlyFollowUp
    permission_required = "publish"
    header_icon = "tasks"

    def get_object_url(self):
        return reverse(f"{URLS}:edit", args=[self.object.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{URLS}:list"), "label": _("Årsuppföljning")},
            {"url": self.get_object_url(), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]


class PublishFollowUpView(FollowUpStateChangeView):
    page_title = gettext_lazy("Publicera")
    submit_label = gettext_lazy("Publicera")

    @property
    def description(self):
        follow_up = self.object
        text = _(
            "Uppföljningen visas under ”Så gick det” på enhetens kvalitetsgaranti, och "
            "enheten får ett mejl om att den är publicerad."
        )
        if follow_up.published_at:
            text += " " + _(
                "Den publicerades första gången %(date)s. Det datumet står kvar, och dagens "
                "datum visas som datum för rättelsen."
            ) % {"date": date_format(timezone.localtime(follow_up.published_at), "j F Y")}
        return text

    @property
    def success_message(self):
        return _("Uppföljningen är publicerad och enheten har fått ett mejl.")

    def perform(self, form):
        services.publish(self.object, self.request.user)


class UnpublishFollowUpView(FollowUpStateChangeView):
    page_title = gettext_lazy("Avpublicera")
    submit_label = gettext_lazy("Avpublicera")
    destructive = True
    description = gettext_lazy(
        "Uppföljningen tas bort från enhetens kvalitetsgaranti tills den publiceras igen, "
        "till exempel för att rättas. Datumet för första publiceringen står kvar."
    )
    success_message = gettext_lazy("Uppföljningen är avpublicerad.")

    def perform(self, form):
        services.unpublish(self.object, self.request.user)


class StartFollowUpView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Replaces the blank "add" form: choose unit and year, get every commitment as a row."""

    viewset = None
    model = YearlyFollowUp
    permission_required = "add"
    form_class = StartFollowUpForm
    template_name = "followup/admin/start.html"
    header_icon = "tasks"

    def get_page_title(self):
        return _("Ny årsuppföljning")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_invalid(self, form):
        # A year or unit not offered (typed into the request) is the sender's error: 400.
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.viewset.get_url_name("list")), "label": _("Årsuppföljning")},
            {"url": "", "label": self.get_page_title()},
        ]

    def form_valid(self, form):
        follow_up = YearlyFollowUp.start(form.cleaned_data["unit"], form.cleaned_data["year"])
        if follow_up.is_published:
            messages.info(self.request, _("Uppföljningen finns redan och är publicerad."))
        return redirect(self.viewset.get_url_name("edit"), follow_up.pk)


class ReportIndexView(ReportPermissionMixin, AdminPageMixin, FormView):
    """Choose committee and year; see the report with links to print and CSV."""

    form_class = ReportForm
    template_name = "followup/admin/report.html"
    header_icon = "table"
    report = None

    def get_page_title(self):
        if self.report is not None:
            return _("Kvalitetsrapport %(year)s: %(committee)s") % {
                "year": self.report.year,
                "committee": self.report.committee.name,
            }
        return _("Kvalitetsrapport")

    def get_form_kwargs(self):
        kwargs = {"initial": self.get_initial(), "prefix": self.get_prefix()}
        if "committee" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        context = {"form": form}
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(**context), status=400)
        if form.is_bound:
            self.report = context["report"] = build_report(
                form.cleaned_data["committee"],
                form.cleaned_data["year"],
                request=request,
                listing=True,
            )
        return self.render_to_response(self.get_context_data(**context))


class CommitteeReportView(ReportPermissionMixin, View):
    """One committee's report for one year, printable or as CSV."""

    def get(self, request, committee_id, year, format="html"):
        committee = get_object_or_404(Committee, pk=committee_id)
        if not FIRST_YEAR <= year <= last_allowed_year():
            raise Http404
        report = build_report(committee, year, request=request)
        if format == "csv":
            return report_csv_response(report)
        return TemplateResponse(request, "followup/admin/report_print.html", {"report": report})
