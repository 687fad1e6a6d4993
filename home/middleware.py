"""Requests the site cannot read, or will not read, are refused here, in one place.

Undecodable requests get the Swedish 400 page, bodies over the size caps the 413 page
(home.views.bad_request), both before anything reads the body.

Django adopts any charset that `codecs.lookup()` knows, including the byte transforms
(`base64`, `hex`, `rot13`, `zlib`) that cannot decode text at all: the request then fails
while Django builds it (its `encoding` setter parses the query string at once), before any
middleware or error handler runs, and the WSGI server answers a bare 500. `install()`
makes Django adopt only charsets that read URL-encoded ASCII as ASCII; the middleware
then answers every request naming any other charset with a 400.
"""

import functools

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.http import parse_header_parameters
from django.utils.translation import gettext as _

# What a query string or a form body is made of: printable ASCII, `%`-escapes included.
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


class LanguageOfThePathMiddleware:
    """Every answer speaks its URL's language, also the refusals of the middleware that run
    before Django's LocaleMiddleware: a thread keeps whatever language its previous request
    activated, so without this a Swedish 400 could come out in the previous reader's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        translation.activate(translation.get_language_from_path(path) or settings.LANGUAGE_CODE)
        return self.get_response(request)


@functools.lru_cache(maxsize=64)
def reads_ascii(charset):
    """True when `charset` is a text encoding that decodes printable ASCII to itself.

    Refuses the byte transforms and unknown names (LookupError), and UTF-16/32 and UTF-7,
    which would turn an ordinary query string into other characters.
    """
    try:
        return _PRINTABLE_ASCII.decode(charset) == _PRINTABLE_ASCII.decode("ascii")
    except (LookupError, ValueError, TypeError):
        return False


def _set_content_type_params(request, meta):
    """HttpRequest._set_content_type_params, adopting only a charset that reads ASCII."""
    request.content_type, request.content_params = parse_header_parameters(
        meta.get("CONTENT_TYPE", "")
    )
    charset = request.content_params.get("charset")
    if charset is not None and reads_ascii(charset):
        request.encoding = charset


def install():
    """Called from HomeConfig.ready(): every request class (WSGI, test client) inherits it."""
    HttpRequest._set_content_type_params = _set_content_type_params


class RefuseUndecodableRequestMiddleware:
    """Answer 400 when the Content-Type names a charset the request cannot be read with.

    Stands right after the middleware that set security headers, so that its 400 carries them
    too, and before anything reads the query string or the body (sessions, CSRF, views).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A bare HttpRequest (built by hand, not from a WSGI environ) has no content_params.
        charset = (request.content_params or {}).get("charset")
        if charset is not None and not reads_ascii(charset):
            raise BadRequest(f"Undecodable charset in Content-Type: {charset[:40]!r}")
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuse a body over its cap by its Content-Length, before a byte of it is read.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not count file parts, and a multipart body is
    parsed (file parts spooled to disk) before any view can see it. No public form takes
    files, so a body may be no larger than DATA_UPLOAD_MAX_MEMORY_SIZE, unless it goes to
    the admin from someone allowed in, where editors upload images and documents: there
    ADMIN_UPLOAD_MAX_SIZE. Stands after AuthenticationMiddleware, before anything reads the
    body (CSRF reads it in process_view, after every middleware's __call__ has begun).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise BadRequest("Content-Length is not a number.") from None
        if length < 0:
            raise BadRequest("Content-Length is negative.")
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE and not (
            length <= settings.ADMIN_UPLOAD_MAX_SIZE and self.is_editor_upload(request)
        ):
            raise RequestDataTooBig(f"Request body of {length} bytes is over the cap.")
        return self.get_response(request)

    @staticmethod
    def is_editor_upload(request):
        """An admin request by someone who may use the admin: asked only for a large body."""
        return request.path_info.startswith(settings.ADMIN_URL_PREFIX) and request.user.has_perm(
            "wagtailadmin.access_admin"
        )


class ProtectedDeletionMiddleware:
    """A deletion refused by the database's PROTECT rule is a refusal, not a server error.

    Our models protect what public records point at (a unit's feedback cases, an award
    round's nominations). Whichever view tries the delete, the person is told why, in Swedish,
    and nothing is removed (the delete's transaction has rolled back).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ProtectedError | RestrictedError):
            return None
        message = _(
            "Det går inte att radera, eftersom annat hänvisar till det (till exempel ärenden "
            "eller nomineringar som är allmänna handlingar)."
        )
        if request.path_info.startswith(settings.ADMIN_URL_PREFIX) and request.method == "POST":
            messages.error(request, message)
            return redirect(request.path)
        return render(request, "400.html", {"message": message}, status=409)


class MethodNotAllowedMiddleware:
    """Every 405 in Swedish, whichever view answered it.

    Django's `require_POST` and class-based views answer a bare 405, and Django REST
    framework's views (wagtail-localize's string editor, the admin's page API) an English
    JSON one. The method is refused all the same, with its Allow header; a JSON answer stays
    JSON, for the script that asked.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405:
            return response
        message = _("Metoden stöds inte här.")
        if response.get("Content-Type", "").startswith("application/json"):
            answer = JsonResponse(
                {"detail": message}, status=405, json_dumps_params={"ensure_ascii": False}
            )
        else:
            answer = render(request, "405.html", status=405)
        if "Allow" in response:
            answer["Allow"] = response["Allow"]
        return answer


class RefuseMalformedAdminRequestMiddleware:
    """Three ways a request can be malformed that many of Wagtail's admin views trust: 400.

    - A form field missing from the request. Wagtail reads some with `request.POST[...]`
      (the page copy view, the image and document multiple uploaders): the missing key raised
      MultiValueDictKeyError, a 500. It is the sender's error only when the request's own
      data raised it, which the traceback's last frame shows; any other dictionary's missing
      key is a bug in the code and stays a 500.
    - A `next` that names no URL. Wagtail checks its host only, then hands it to
      `redirect()`, which takes a word without "/" for a URL name: `?next=x` answered 500
      from NoReverseMatch (on the login page when logged in, and after every admin action
      that returns to `next`). Wagtail and Django write `next` as a path; an absolute URL is
      left to their own host check.
    - A NUL character in a query or form value. PostgreSQL's text cannot hold one: Wagtail's
      page chooser and usage listing filter by `?locale=` and answered DataError, a 500. No
      admin form takes one, so none is read.

    Stands after CsrfViewMiddleware, whose process_view has read the POST before this one's.
    Admin paths only: elsewhere no view takes `next`, and public views read their
    parameters through forms.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            return None
        targets = request.GET.getlist("next")
        if request.method == "POST":
            targets += request.POST.getlist("next")
        for target in targets:
            if target and not target.startswith(("/", "http://", "https://")):
                raise BadRequest(f"next is not a URL: {target[:40]!r}")
        forms = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        for data in forms:
            for name, values in data.lists():
                if "\x00" in name or any("\x00" in value for value in values):
                    raise BadRequest(f"NUL character in the field {name[:40]!r}")
        return None

    def process_exception(self, request, exception):
        if type(exception) is MultiValueDictKeyError and raised_by_request_data(request, exception):
            raise BadRequest(f"Request without the field {exception}") from exception
        return None


def raised_by_request_data(request, exception):
    """True when `exception` was raised by a lookup in the request's own data.

    That is its GET, POST or FILES, or, for a view of Django REST framework (wagtail-localize's
    string editor), the data of the `Request` that wraps it: the parsed body, or the empty
    QueryDict its `POST` answers for a body that is no form.
    """
    frames = []
    traceback = exception.__traceback__
    while traceback is not None:
        frames.append(traceback.tb_frame)
        traceback = traceback.tb_next
    owner = frames[-1].f_locals.get("self")
    if owner is None:
        return False
    # Read from the request's own storage: asking request.POST here could parse the body.
    data = vars(request)
    sources = [data.get(name) for name in ("GET", "_post", "_files")]
    for wrapper in _wrappers_of(request, frames):
        kept = vars(wrapper)
        sources += [kept.get(name) for name in ("_data", "_files", "_full_data")]
        if isinstance(owner, QueryDict) and not owner and not owner._mutable:
            return True  # REST framework's POST of a body that is no form
    return any(owner is source for source in sources if source is not None)


def _wrappers_of(request, frames):
    """The objects in the traceback's frames that wrap `request` (REST framework's Request)."""
    found = []
    for frame in frames:
        for value in frame.f_locals.values():
            if getattr(value, "_request", None) is request and all(value is not f for f in found):
                found.append(value)
    return found
