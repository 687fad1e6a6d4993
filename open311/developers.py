"""The page for app developers at /open311/: what the API offers and on what terms.

Everything that can drift is read from where it is decided: the limits from views, intake and
models, the service codes from the catalogue, the retention times from the feedback settings.
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe
from wagtail.models import Site

from feedback.models import FeedbackSettings, Kind
from home.caching import public_cache
from home.languages import is_source_language
from home.models import MunicipalitySettings

from . import catalog, intake, middleware, models, views

# The services come from published pages: a short time in any cache keeps the list true.
PAGE_CACHE_SECONDS = 300


def _retention(site):
    feedback_settings = FeedbackSettings.for_site(site) if site else FeedbackSettings()
    return [(label, feedback_settings.months_for(kind)) for kind, label in Kind.choices]


@public_cache(max_age=PAGE_CACHE_SECONDS, s_maxage=PAGE_CACHE_SECONDS)
@require_safe
def developer_page(request):
    site = Site.find_for_request(request)
    municipality = MunicipalitySettings.for_site(site) if site else None
    read_limit, _slash, read_period = getattr(
        settings, "OPEN311_READ_RATE", views.DEFAULT_READ_RATE
    ).partition("/")
    bad_keys, _slash, _period = views.BAD_KEY_RATE.partition("/")
    endpoint = request.build_absolute_uri(reverse("open311:root"))
    context = {
        "municipality": municipality,
        "endpoint": endpoint,
        "discovery_url": request.build_absolute_uri(
            reverse("open311:discovery", kwargs={"fmt": "json"})
        ),
        "services_url": request.build_absolute_uri(
            reverse("open311:services", kwargs={"fmt": "json"})
        ),
        "requests_url": request.build_absolute_uri(
            reverse("open311:requests", kwargs={"fmt": "json"})
        ),
        "kinds": Kind.choices,
        # The services are named as the API names them, in Swedish: marked so on a page in
        # another language (docs/architecture.md, "Languages").
        "swedish_names": "" if is_source_language() else mark_safe(' lang="sv"'),  # noqa: S308
        "units": catalog.units(),
        "general_code": catalog.GENERAL,
        "example_unit": next((unit for _area, unit in catalog.units()), None),
        "limits": {
            "reads_per_hour": int(read_limit) if read_period == "h" else None,
            "read_rate": f"{read_limit}/{read_period}",
            "bad_keys_per_hour": int(bad_keys),
            "requests_per_hour": models.DEFAULT_REQUESTS_PER_HOUR,
            "body_kilobytes": views.MAX_BODY_BYTES // 1024,
            "description": intake.DESCRIPTION_MAX_LENGTH,
            "address": models.ADDRESS_MAX_LENGTH,
            "media_url": models.MEDIA_URL_MAX_LENGTH,
            "listed": views.MAX_LISTED,
            "request_ids": views.MAX_REQUEST_IDS,
            "service_codes": views.MAX_SERVICE_CODES,
            "days": views.DEFAULT_SPAN.days,
        },
        "preflight_hours": middleware.PREFLIGHT_MAX_AGE // 3600,
        "open_data_url": reverse("proposals:open_data"),
        "retention": _retention(site),
    }
    return render(request, "open311/developers.html", context)
