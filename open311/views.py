"""GeoReport v2 at /open311/v2/: discovery, services, service definitions and requests.

Views orchestrate: the catalogue says what can be reported, intake turns a posted request into
the resident's form, feedback.services stores it, reports says what may be read back. Every
answer, errors included, is in the format the path asks for (.json or .xml).
"""

import datetime
import functools
import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import condition
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from feedback import services as feedback_services
from feedback.models import Feedback, Status
from guarantees.models import GuaranteePage
from home.models import MunicipalitySettings
from home.resident_input import usage_per_client

from . import catalog, formats, freshness, intake, limits, reports
from .models import ApiClient, RequestLocation

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
MAX_BODY_BYTES = 64 * 1024
BAD_KEY_RATE = "20/h"  # failed keys per client address, against guessing
# Reads per client address; the setting lets an operator raise it for a known aggregator.
DEFAULT_READ_RATE = "600/h"
MAX_REQUEST_IDS = 100
MAX_SERVICE_CODES = 100
DEFAULT_SPAN = datetime.timedelta(days=90)
MAX_LISTED = 1000
REFERENCE_PATTERN = re.compile(r"^SYN-[0-9]{4}-[0-9]{6,10}$")


def open311(*methods):
    """Allow `methods` (and HEAD wherever GET is); anything else is a 405 in the spec's format.

    Reads are counted per client address; every answer to a read says where the count stands
    (rate_limit_headers), and a refused one says when to come back (Retry-After).
    """
    if "GET" in methods and "HEAD" not in methods:
        methods = (*methods, "HEAD")

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, fmt, **kwargs):
            if request.method not in methods:
                response = formats.errors(fmt, 405, _("Metoden stöds inte här."))
                response["Allow"] = ", ".join((*methods, "OPTIONS"))
                return response
            usage = None
            try:
                if request.method in ("GET", "HEAD"):
                    usage = _read_usage(request)
                    if usage is not None and usage["should_limit"]:
                        raise intake.RequestError(
                            429,
                            _("För många förfrågningar. Vänta en stund och försök igen."),
                            usage=usage,
                        )
                response = view(request, *args, fmt=fmt, **kwargs)
            except intake.RequestError as error:
                response = formats.errors(fmt, error.status, *error.descriptions)
                usage = error.usage or usage
            if usage is not None and "X-RateLimit-Limit" not in response:
                limits.add_headers(response, usage)
            if request.method in ("GET", "HEAD") and not response.has_header("Cache-Control"):
                # Keep it, but ask again with its ETag each time: no heuristic freshness
                # from Last-Modified, and a change shows at once.
                response["Cache-Control"] = "no-cache"
            return response

        # Read by the middleware to answer OPTIONS for this path.
        wrapper.open311_methods = methods
        return csrf_exempt(wrapper)

    return decorate


def _read_usage(request):
    rate = getattr(settings, "OPEN311_READ_RATE", DEFAULT_READ_RATE)
    return usage_per_client(request, group="open311-read", rate=rate, method=ALL, increment=True)


def _municipality():
    return MunicipalitySettings.objects.first()


def _changeset():
    latest = GuaranteePage.objects.live().aggregate(latest=Max("last_published_at"))["latest"]
    return timezone.localtime(latest or timezone.now()).isoformat(timespec="seconds")


@open311("GET")
def discovery(request, fmt):
    municipality = _municipality()
    email = municipality.email if municipality else ""
    changeset = _changeset()
    data = {
        "changeset": changeset,
        "contact": _("Frågor om tjänsten: %(email)s") % {"email": email} if email else "",
        "key_service": _(
            "En app som vill lämna synpunkter får en API-nyckel av kommunen: %(email)s"
        )
        % {"email": email}
        if email
        else _("En app som vill lämna synpunkter får en API-nyckel av kommunen."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": request.build_absolute_uri(reverse("open311:root")).rstrip("/"),
                "changeset": changeset,
                "type": "production",
                "formats": formats.MEDIA_TYPES,
            }
        ],
    }
    return formats.respond(fmt, "discovery", data)


def _memo(request, name, compute):
    """Compute once per request: the validators are asked for ETag and Last-Modified apart."""
    memo = request.__dict__.setdefault("_open311_memo", {})
    if name not in memo:
        memo[name] = compute()
    return memo[name]


def _catalogue_state(request, *args, **kwargs):
    return _memo(request, "catalogue", freshness.catalogue)


def fresh(state):
    """ETag and Last-Modified from `state(request, ...)` -> (etag, moment) or None; 304s."""

    def etag(request, *args, **kwargs):
        found = state(request, *args, **kwargs)
        return found[0] if found else None

    def last_modified(request, *args, **kwargs):
        found = state(request, *args, **kwargs)
        return found[1] if found else None

    return condition(etag_func=etag, last_modified_func=last_modified)


@open311("GET")
@fresh(_catalogue_state)
def service_list(request, fmt):
    data = [
        {
            "service_code": service.code,
            "service_name": service.name,
            "description": service.description,
            "metadata": True,
            "type": "realtime",
            "keywords": service.keywords,
            "group": service.group,
        }
        for service in catalog.services()
    ]
    return formats.respond(fmt, "services", data)


@open311("GET")
@fresh(_catalogue_state)
def service_definition(request, code, fmt):
    service = catalog.find(code)
    if service is None:
        return formats.errors(
            fmt, 404, _("Det finns ingen tjänst med koden %(code)s.") % {"code": code[:60]}
        )
    data = {
        "service_code": service.code,
        "location_required": service.location_required,
        "attributes": service.attributes(),
    }
    return formats.respond(fmt, "service_definition", data)


def _listing_state(request, fmt):
    if request.method not in ("GET", "HEAD"):
        return None
    return _memo(
        request,
        "listing",
        lambda: freshness.cases(_listed_cases(request), _catalogue_state(request)),
    )


@open311("GET", "POST")
@fresh(_listing_state)
def service_requests(request, fmt):
    if request.method == "POST":
        return _create(request, fmt)
    return _requests_response(fmt, _listed_cases(request))


def _request_state(request, reference, fmt):
    cases = _public_cases().filter(reference=reference)
    return _memo(request, "request", lambda: freshness.cases(cases, _catalogue_state(request)))


@open311("GET")
@fresh(_request_state)
def service_request(request, reference, fmt):
    case = _public_cases().filter(reference=reference).first()
    if case is None:
        return formats.errors(fmt, 404, _("Det finns inget ärende med det referensnumret."))
    return _requests_response(fmt, [case])


@csrf_exempt
def not_found(request, fmt, unknown=""):
    return formats.errors(fmt, 404, _("Sidan finns inte i Open311-tjänsten."))


# Filing a request


def _body(request):
    """The raw urlencoded body, refused when too large, of another type or not UTF-8."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        raise intake.RequestError(413, _("Förfrågan är för stor."))
    if request.content_type != "application/x-www-form-urlencoded":
        raise intake.RequestError(400, _("Skicka fälten som application/x-www-form-urlencoded."))
    charset = (request.content_params.get("charset") or "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise intake.RequestError(400, _("Förfrågan måste vara kodad i UTF-8."))
    try:
        # request.body, not read(): it also works after a middleware has parsed request.POST,
        # and without a Content-Length Django stops at DATA_UPLOAD_MAX_MEMORY_SIZE.
        raw = request.body
    except (RequestDataTooBig, TooManyFieldsSent) as error:
        raise intake.RequestError(413, _("Förfrågan är för stor.")) from error
    if len(raw) > MAX_BODY_BYTES:
        raise intake.RequestError(413, _("Förfrågan är för stor."))
    return raw


def _authenticate(request, key):
    """The app holding `key`; a wrong key counts against the client's address."""
    options = {"group": "open311-bad-key", "rate": BAD_KEY_RATE, "method": ALL}
    too_many = _("För många felaktiga API-nycklar. Försök senare.")
    usage = usage_per_client(request, increment=False, **options)
    if usage is not None and usage["should_limit"]:
        raise intake.RequestError(429, too_many, usage=usage)
    client = ApiClient.authenticate(key)
    if client is None:
        usage = usage_per_client(request, increment=True, **options)
        if usage is not None and usage["should_limit"]:
            raise intake.RequestError(429, too_many, usage=usage)
        raise intake.RequestError(403, _("Ogiltig eller spärrad api_key."))
    return client


def _check_origin(request, client):
    """A browser names the page's origin; only an origin the app's key names may post.

    Apps outside a browser (phones, servers) send no Origin and are not affected.
    """
    origin = request.headers.get("Origin")
    if origin is not None and not client.allows_origin(origin):
        raise intake.RequestError(
            403,
            _(
                "api_key: Appens nyckel gäller inte för webbplatsen %(origin)s. Be kommunen "
                "lägga till den bland appens webbplatser."
            )
            % {"origin": origin[:100]},
        )


def _client_usage(request, client):
    return get_usage(
        request,
        group="open311-client",
        key=lambda group, request: str(client.pk),
        rate=f"{client.requests_per_hour}/h",
        method=ALL,
        increment=True,
    )


def _create(request, fmt):
    params = intake.parse_body(_body(request))
    values = intake.single_values(params)
    client = _authenticate(request, values["api_key"])
    _check_origin(request, client)
    usage = _client_usage(request, client)
    if usage is not None and usage["should_limit"]:
        raise intake.RequestError(
            429, _("Appen har skickat för många ärenden. Försök igen om en stund."), usage=usage
        )
    if not values["service_code"]:
        raise intake.RequestError(400, _("service_code: Ange vilken tjänst ärendet gäller."))
    service = catalog.find(values["service_code"])
    if service is None:
        raise intake.RequestError(404, _("service_code: Det finns ingen tjänst med den koden."))
    location = intake.location(service, values)
    form = intake.build_form(service, values)
    if not form.is_valid():
        raise intake.RequestError(400, *intake.form_errors(form))

    def tracking_url(token):
        return request.build_absolute_uri(reverse("feedback:track", args=[token]))

    with transaction.atomic():
        case, _token = feedback_services.receive(form.case_fields(), tracking_url)
        if location:
            RequestLocation.objects.get_or_create(
                case=case, defaults={**location, "client": client}
            )
    data = [
        {
            "service_request_id": case.reference,
            "service_notice": _("Svar senast %(date)s.") % {"date": case.deadline.isoformat()},
            "account_id": None,
        }
    ]
    response = formats.respond(fmt, "service_requests", data)
    if usage is not None:
        limits.add_headers(response, usage)
    return response


# Reading requests


def _public_cases():
    return Feedback.objects.select_related("unit").order_by("-received_at")


def _requests_response(fmt, cases):
    municipality = _municipality()
    name = municipality.name if municipality else ""
    data = [reports.as_request(case, name) for case in cases]
    return formats.respond(fmt, "service_requests", data)


def _moment(value, name):
    moment = parse_datetime(value) if len(value) < 40 else None
    if moment is None:
        raise intake.RequestError(
            400, _("%(field)s måste vara en tidpunkt enligt ISO 8601.") % {"field": name}
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _service_codes(value):
    """The services a comma-separated service_code names, as a filter on cases."""
    codes = [code.strip() for code in value.split(",") if code.strip()]
    if len(codes) > MAX_SERVICE_CODES:
        raise intake.RequestError(
            400, _("Högst %(max)s tjänstekoder åt gången.") % {"max": MAX_SERVICE_CODES}
        )
    wanted = Q()
    unknown = []
    for code in codes:
        parsed = catalog.parse_code(code)
        if parsed is None:
            unknown.append(code)
            continue
        unit_pk, kind = parsed
        wanted |= Q(kind=kind, unit_id=unit_pk) if unit_pk else Q(kind=kind, unit__isnull=True)
    if unknown or not codes:
        raise intake.RequestError(
            404,
            *(
                _("service_code: Det finns ingen tjänst med koden %(code)s.") % {"code": code[:60]}
                for code in unknown or [value[:60]]
            ),
        )
    return wanted


def _listed_cases(request):
    """The cases a GET of requests.<fmt> asks for, as the specification's arguments say."""
    return _memo(request, "cases", lambda: _select_cases(request.GET))


def _select_cases(params):
    cases = _public_cases()
    ids = params.get("service_request_id", "")
    if ids:
        references = [ref.strip() for ref in ids.split(",") if ref.strip()]
        if len(references) > MAX_REQUEST_IDS:
            raise intake.RequestError(
                400,
                _("Högst %(max)s referensnummer åt gången.") % {"max": MAX_REQUEST_IDS},
            )
        # The spec: service_request_id overrides every other argument.
        valid = [ref for ref in references if REFERENCE_PATTERN.match(ref)]
        return cases.filter(reference__in=valid)
    if "service_code" in params:
        cases = cases.filter(_service_codes(params["service_code"]))
    end = _moment(params["end_date"], "end_date") if params.get("end_date") else timezone.now()
    start = (
        _moment(params["start_date"], "start_date")
        if params.get("start_date")
        else end - DEFAULT_SPAN
    )
    if start > end or end - start > DEFAULT_SPAN:
        raise intake.RequestError(
            400, _("start_date och end_date får omfatta högst 90 dagar, i ordning.")
        )
    cases = cases.filter(received_at__gte=start, received_at__lte=end)
    statuses = params.get("status", "")
    if statuses:
        wanted = {value.strip() for value in statuses.split(",")}
        if not wanted <= {reports.OPEN, reports.CLOSED}:
            raise intake.RequestError(400, _("status kan vara open eller closed."))
        if wanted == {reports.CLOSED}:
            cases = cases.filter(status=Status.CLOSED)
        elif wanted == {reports.OPEN}:
            cases = cases.exclude(status=Status.CLOSED)
    return cases[:MAX_LISTED]
