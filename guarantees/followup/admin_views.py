"""Admin screens for quality staff: start a unit's yearly follow-up, and the yearly report."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets

from guarantees.models import Committee
from home.admin_views import AdminPageMixin
from home.years import FIRST_YEAR, last_allowed_year

from .forms import ReportForm, StartFollowUpForm
from .models import YearlyFollowUp
from .report import build_report
from .views import report_csv_response

# The reports compile every unit's follow-ups: for those who review and publish them.
REPORT_ACTIONS = ["publish"]


def may_see_reports(user):
    return policy_registry.get_by_type(YearlyFollowUp).user_has_any_permission(user, REPORT_ACTIONS)


class ReportPermissionMixin(PermissionCheckedMixin):
    model = YearlyFollowUp
    any_permission_required = REPORT_ACTIONS


class ScopedFollowUpMixin:
    """A single follow-up is looked up only among those the policy lets the user act on:
    editors their own units' (unpublished, to change), quality staff every one."""

    scope_action = "change"

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


class FollowUpIndexView(snippets.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        ).select_related("unit")


class FollowUpEditView(ScopedSingleFollowUpMixin, snippets.EditView):
    pass


class FollowUpDeleteView(ScopedSingleFollowUpMixin, snippets.DeleteView):
    scope_action = "delete"


class FollowUpHistoryView(ScopedFollowUpMixin, snippets.HistoryView):
    scope_action = "view"


class FollowUpUsageView(ScopedFollowUpMixin, snippets.UsageView):
    scope_action = "view"


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
