"""Admin paths whose Wagtail view is replaced by a repaired one (home/admin_repairs.py).

Included in config/urls.py before Wagtail's admin, so each path here is matched first; the
views get the decorations Wagtail gives its own (admin access required, never cached). The
URL names stay Wagtail's: reversing them gives these same paths.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from home import admin_repairs

urlpatterns = [
    path("choose-external-link/", admin_repairs.ExternalLinkView.as_view()),
    path("workflows/edit/<int:pk>/", admin_repairs.WorkflowEditView.as_view()),
    path(
        "snippets/choose/<slug:app_label>/<slug:model_name>/create/",
        admin_repairs.snippet_chooser_create,
    ),
    path("redirects/import/process/", admin_repairs.redirect_import_process),
    path("sites/", admin_repairs.site_viewset.index_view),
    path("sites/results/", admin_repairs.site_viewset.index_results_view),
]
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
