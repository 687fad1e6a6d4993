"""Open data: the guarantees and their commitments as JSON through Wagtail's API v2.

    /api/v2/pages/?type=guarantees.GuaranteePage&fields=commitments
    /api/v2/pages/<id>/

Only live, public pages are served; the fields each page type exposes are its `api_fields`.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
