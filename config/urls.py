import re

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from guarantees.api import api_router
from home import views as home_views
from identity import staff as identity_staff

# A database outage answers a Swedish 503 instead of a 500 (home.views.server_error).
handler500 = "home.views.server_error"
# A body over the size caps answers the Swedish 413, other bad requests the 400 page.
handler400 = "home.views.bad_request"

urlpatterns = [
    # Before Wagtail's admin: its views repaired where they fail on malformed requests, and
    # the committee's page history (see staff/urls.py).
    path("admin/", include("home.admin_urls")),
    # Wagtail's login and logout with the municipality's sign-in (identity/staff.py).
    path("admin/login/", identity_staff.LoginView.as_view(), name="wagtailadmin_login"),
    path(
        "admin/logout/",
        require_admin_access(identity_staff.LogoutView.as_view()),
        name="wagtailadmin_logout",
    ),
    path("admin/", include("staff.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", home_views.healthz, name="healthz"),
    path("synpunkter/", include("feedback.urls")),
    path("e-forslag/", include("proposals.urls")),
    path("inloggning/", include("identity.urls")),
    path("sok/", include("search.urls")),
    path("hitta-verksamhet/", include("guarantees.urls")),
    path("api/v2/", api_router.urls),
    path("kvalitetsrapport/", include("guarantees.followup.urls")),
    path("kvalitetspriset/", include("award.urls")),
    path("open311/v2/", include("open311.urls")),
    path("open311/", include("open311.page_urls")),
    path("nyckeltal/", include("kolada.urls")),
]

# Editors' uploads in the demo (`make run`, config/settings/dev.py); production serves them
# from the reverse proxy or S3 (deploy/).
if getattr(settings, "SERVE_MEDIA", False):
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Wagtail's page serving comes last: it answers every path not matched above.
urlpatterns += [path("", include(wagtail_urls))]
