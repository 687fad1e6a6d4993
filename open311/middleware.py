"""Everything under /open311/v2/ answers as GeoReport v2 and as a browser app needs.

- Failures in the specification's error list, in the format the path asks for, whoever
  refused the request: the house's middleware (a body over the size cap, a charset that
  cannot be read: home/middleware.py), Django (an unknown path, a server error) or the views.
  A view's own answers are marked (formats.respond) and left as they are.
- CORS: anyone may read, from any origin (`Access-Control-Allow-Origin: *`). A browser may
  post only from an origin that an app's key names (ApiClient.allowed_origins); the view then
  refuses a key used from an origin it does not name (views._check_origin), since a urlencoded
  POST reaches the server without a preflight.
- OPTIONS: the methods of the path (Allow), and the preflight's answer.
- A path under the prefix that is not the API's is a 404 here, not a redirect to a slashed
  path (CommonMiddleware) or a page of the site (Wagtail's catch-all).
- HEAD: the GET's headers without its body, from any server.

Stands outside the house's refusals (right after the security headers) so that it sees their
answers and adds CORS to every answer, errors included: a browser app can read why.
"""

from django.http import HttpResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from home.middleware import reads_ascii

from . import formats, limits
from .models import ApiClient

READ_METHODS = ("GET", "HEAD")
ALLOWED_REQUEST_HEADERS = "Content-Type, If-None-Match, If-Modified-Since"
EXPOSED_HEADERS = ", ".join(("ETag", *limits.HEADERS))
# How long a browser may keep a preflight's answer: Chromium keeps it at most two hours.
PREFLIGHT_MAX_AGE = 7200
# What an answer in the error format keeps from the answer it replaces.
KEPT_HEADERS = ("Allow", *limits.HEADERS)


def _api_view(path):
    """The API's view at `path`, or None (no view, or another room's, such as Wagtail's)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.func if match.namespace == "open311" else None


def methods_at(path):
    """The methods the view at `path` answers, or None where there is no such view."""
    methods = getattr(_api_view(path), "open311_methods", None)
    return (*methods, "OPTIONS") if methods else None


def error_description(request, status):
    if status == 400:
        charset = (request.content_params or {}).get("charset")
        if charset is not None and not reads_ascii(charset):
            return _("Förfrågan måste vara kodad i UTF-8.")
        return _("Förfrågan kunde inte läsas. Kontrollera adressen och fälten.")
    descriptions = {
        403: _("Förfrågan avvisades."),
        404: _("Sidan finns inte i Open311-tjänsten."),
        405: _("Metoden stöds inte här."),
        413: _("Förfrågan är för stor."),
        429: _("För många förfrågningar. Vänta en stund och försök igen."),
    }
    if status in descriptions:
        return descriptions[status]
    if status >= 500:
        return _("Tjänsten kunde inte svara just nu. Försök igen om en stund.")
    return _("Förfrågan kunde inte besvaras.")


class Open311Middleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(reverse("open311:root")):
            return self.get_response(request)
        fmt = formats.format_of(request.path_info)
        if request.method == "OPTIONS":
            return self.options(request, fmt)
        if _api_view(request.path_info) is None:
            # Not the API's: no redirect to a slashed path, no page of the site's.
            response = formats.errors(fmt, 404, _("Sidan finns inte i Open311-tjänsten."))
        else:
            response = self.get_response(request)
        if response.status_code >= 400 and not getattr(response, "open311", False):
            response = self.in_error_format(request, response, fmt)
        if request.method == "POST":
            self.allow_registered_origin(request, response)
        else:
            response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        if request.method == "HEAD":
            self.without_body(response)
        return response

    @staticmethod
    def in_error_format(request, response, fmt):
        status = response.status_code
        answer = formats.errors(fmt, status, error_description(request, status))
        for name in KEPT_HEADERS:
            if name in response:
                answer[name] = response[name]
        return answer

    @staticmethod
    def allow_registered_origin(request, response):
        """Let a browser read the answer to a POST only where some app's key names the page's
        origin; the answer depends on Origin, so caches must keep it apart."""
        origin = request.headers.get("Origin")
        if origin and ApiClient.origin_is_registered(origin):
            response["Access-Control-Allow-Origin"] = origin
        patch_vary_headers(response, ["Origin"])

    def options(self, request, fmt):
        methods = methods_at(request.path_info)
        if methods is None:
            response = formats.errors(fmt, 404, _("Sidan finns inte i Open311-tjänsten."))
            response["Access-Control-Allow-Origin"] = "*"
            return response
        response = HttpResponse(status=204)
        response["Allow"] = ", ".join(methods)
        wanted = request.headers.get("Access-Control-Request-Method", "").upper()
        if not wanted or "Origin" not in request.headers:
            return response
        # A preflight: its answer depends on Origin and on what the page asks to do.
        patch_vary_headers(
            response,
            ["Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"],
        )
        if wanted in READ_METHODS and wanted in methods:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
        elif wanted == "POST" and "POST" in methods:
            origin = request.headers["Origin"]
            if not ApiClient.origin_is_registered(origin):
                # No Access-Control-Allow-Origin: the browser does not send the POST.
                return response
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Allow-Methods"] = ", ".join((*READ_METHODS, "POST"))
        else:
            return response
        response["Access-Control-Allow-Headers"] = ALLOWED_REQUEST_HEADERS
        response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        return response

    @staticmethod
    def without_body(response):
        """A HEAD answer: the GET's headers, its length, no body (whatever the server)."""
        if not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
