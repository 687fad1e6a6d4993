"""Admin views: the report of guarantees to renew; the committee's decisions."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.revisions import RevisionsCompareView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.views.reports import ReportView
from wagtail.models import TaskState

from .decisions import cancel_message, decision_message, person
from .expiry import WARNING_DAYS, expiry_report_policy, guarantees_to_renew, with_renewal_status


class ExpiryColumn(Column):
    """Expired as the red overdue tag of every staff screen, expiring soon as a plain tag."""

    cell_template_name = "staff/expiry_cell.html"


class ExpiringGuaranteesReportView(ReportView):
    page_title = _("Garantier som löper ut")
    header_icon = "time"
    index_url_name = "staff_expiring_guarantees"
    index_results_url_name = "staff_expiring_guarantees_results"
    permission_policy = expiry_report_policy
    permission_required = "view"
    export_filename = "garantier-som-loper-ut"
    list_export = [
        "title",
        "service_area",
        "valid_from",
        "valid_to",
        "expiry_label",
        "renewal_label",
    ]
    export_headings = {
        "title": _("Kvalitetsgaranti"),
        "service_area": _("Verksamhetsområde"),
        "valid_from": _("Gäller från"),
        "valid_to": _("Gäller till"),
        "expiry_label": _("Giltighet"),
        "renewal_label": _("Nästa års version"),
    }
    columns = [
        TitleColumn(
            "title",
            label=_("Kvalitetsgaranti"),
            url_name="wagtailadmin_pages:edit",
        ),
        Column("service_area", label=_("Verksamhetsområde")),
        Column("valid_to_label", label=_("Gäller till")),
        ExpiryColumn("expiry_label", label=_("Giltighet")),
        Column("renewal_label", label=_("Nästa års version")),
    ]

    def get_page_subtitle(self):
        return _("inom %(days)s dagar eller redan utgångna") % {"days": WARNING_DAYS}

    def get_queryset(self):
        return guarantees_to_renew().select_related("committee")

    def decorate_paginated_queryset(self, object_list):
        return with_renewal_status(object_list)


# The committee's decisions: a message after each, and a decision from the compare view ------


class DecisionEditView(EditView):
    """Wagtail's page editor, saying what a decision taken from its footer did ("Du har
    godkänt …", "Du har begärt ändringar …") instead of "the page has been updated", and what
    calling off a review did."""

    deciding = None

    def perform_workflow_action(self):
        self.deciding = self.page.current_workflow_task_state
        return super().perform_workflow_action()

    def add_save_confirmation_message(self):
        if self.deciding is None:
            return super().add_save_confirmation_message()
        messages.success(self.request, decision_message(self.deciding))

    def form_invalid(self, form):
        # An editor calls off the review of a page the review locks for them: nothing they
        # typed could be saved, so the editor is sent back to the page with the message
        # (Wagtail renders the locked form again, and a reload would post once more).
        if self.is_cancelling_workflow and self.locked_for_user:
            self.workflow_state.cancel(user=self.request.user)
            self.add_cancel_workflow_confirmation_message()
            return self.redirect_and_remain()
        return super().form_invalid(form)

    def add_cancel_workflow_confirmation_message(self):
        messages.success(
            self.request,
            cancel_message(self.page),
            buttons=[self.get_view_draft_message_button(), self.get_edit_message_button()],
        )


class DecisionWorkflowActionView(WorkflowActionView):
    """Wagtail's workflow action (the dashboard's buttons and modal, the compare view's form),
    with the same message after the decision as the editor's footer gives."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        if self.task_state.status != TaskState.STATUS_IN_PROGRESS:
            messages.success(request, decision_message(self.task_state))
        return response


class DecisionCompareView(RevisionsCompareView):
    """Wagtail's comparison of two versions; when the page waits for the reader's decision,
    the decision is taken here too, with a comment to the editor."""

    template_name = "staff/revisions_compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decision"] = decision_for(self.object, self.request.user)
        return context


def decision_for(page, user):
    """What the compare view needs to offer `user` a decision on `page`, or None when the
    page is not waiting for one of theirs."""
    task_state = page.current_workflow_task_state
    if task_state is None:
        return None
    actions = {name for name, _label, _modal in task_state.task.specific.get_actions(page, user)}
    if not {"approve", "reject"} <= actions:
        return None
    workflow_state = task_state.workflow_state
    return {
        "task_state": task_state,
        "submitted_by": person(workflow_state.requested_by),
        "submitted_at": task_state.started_at,
        "publishes": workflow_state.is_at_final_task,
        "approve_url": reverse(
            "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)
        ),
        "reject_url": reverse(
            "wagtailadmin_pages:workflow_action", args=(page.pk, "reject", task_state.pk)
        ),
        "next_url": reverse("wagtailadmin_home"),
    }
