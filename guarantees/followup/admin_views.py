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

from guarantees.models import Committee
from home.years import FIRST_YEAR, last_allowed_year

from .forms import ReportForm, StartFollowUpForm
from .models import YearlyFollowUp
from .report import build_report
from .views import report_csv_response

# Whoever may see, start or change follow-ups may read the reports made from them.
REPORT_ACTIONS = ["view", "add", "change"]


def may_see_reports(user):
    return policy_registry.get_by_type(YearlyFollowUp).user_has_any_permission(user, REPORT_ACTIONS)


class ReportPermissionMixin(PermissionCheckedMixin):
    model = YearlyFollowUp
    any_permission_required = REPORT_ACTIONS


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


class ReportIndexView(ReportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    """Choose committee and year; see the report with links to print and CSV."""

    form_class = ReportForm
    template_name = "followup/admin/report.html"
    header_icon = "table"

    def get_page_title(self):
        return _("Kvalitetsrapport")

    def get_form_kwargs(self):
        kwargs = {"initial": self.get_initial(), "prefix": self.get_prefix()}
        if "committee" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        context = {"form": form}
        if form.is_bound and form.is_valid():
            context["report"] = build_report(
                form.cleaned_data["committee"], form.cleaned_data["year"], request=request
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
