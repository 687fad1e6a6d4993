"""Admin paths staff/ answers before Wagtail's own (included ahead of wagtail.admin.urls).

Page history: Wagtail's view asks for "add", "change" or "delete" on some page. The committee
has "publish" only (it edits nothing outside a task that waits for it), so approvers could
not read the history of the guarantees they decide on. Same view, same path, with "publish"
accepted too; the page itself still checks can_publish() or can_edit().
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.history import PageHistoryView


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
]
