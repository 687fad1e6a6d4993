"""Admin paths staff/ answers before Wagtail's own (included ahead of wagtail.admin.urls).

Page history: Wagtail's view asks for "add", "change" or "delete" on some page. The committee
has "publish" only (it edits nothing outside a task that waits for it), so approvers could
not read the history of the guarantees they decide on. Same view, same path, with "publish"
accepted too; the page itself still checks can_publish() or can_edit().

The committee's decisions (staff/views.py): the page editor, the workflow action and the
comparison of versions are Wagtail's views with a message after each decision and a decision
form on the comparison. They are built by Wagtail's page viewset, as Wagtail builds its own,
and keep Wagtail's URL names (reversing them gives these same paths).
"""

from django.urls import path, re_path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.history import PageHistoryView
from wagtail.admin.viewsets.pages import base_page_viewset

from .translations import SendTranslationForApprovalView
from .views import DecisionCompareView, DecisionEditView, DecisionWorkflowActionView


class CommitteePageHistoryView(PageHistoryView):
    any_permission_required = ["add", "change", "delete", "publish"]


def _admin(view):
    return never_cache(require_admin_access(view))


urlpatterns = [
    path(
        "pages/<int:page_id>/history/",
        _admin(CommitteePageHistoryView.as_view()),
        name="staff_page_history",
    ),
    path(
        "pages/<int:page_id>/history/results/",
        _admin(CommitteePageHistoryView.as_view(results_only=True)),
        name="staff_page_history_results",
    ),
    path(
        "pages/<int:page_id>/edit/",
        _admin(base_page_viewset.construct_view(DecisionEditView)),
        name="staff_page_edit",
    ),
    path(
        "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        _admin(base_page_viewset.construct_view(DecisionWorkflowActionView)),
        name="staff_workflow_action",
    ),
    re_path(
        r"^pages/(?P<pk>\d+)/revisions/compare/"
        r"(?P<revision_id_a>live|earliest|\d+)\.\.\.(?P<revision_id_b>live|latest|\d+)/$",
        _admin(base_page_viewset.construct_view(DecisionCompareView)),
        name="staff_revisions_compare",
    ),
    # A translation to the committee's approval (staff/translations.py).
    path(
        "pages/<int:page_id>/oversattning/granskning/",
        _admin(SendTranslationForApprovalView.as_view()),
        name="staff_translation_for_approval",
    ),
]
