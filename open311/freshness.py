"""ETag and Last-Modified for the API's reads, from what is stored, without rendering twice.

The services come from the published pages: any publish, unpublish, move, deletion or change
of privacy leaves a row in Wagtail's page log, so the log's latest time and the number of
units offered say when the catalogue last changed. A list of requests is as fresh as the
rows it shows: their state, unit, kind and times (a reply sets `replied_at`, closing sets
`closed_at`). Both are read with one small query each; the body is rendered only when the
client's copy is stale. Django's `condition` decorator answers 304 (views.py).
"""

import datetime
import hashlib

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import PageLogEntry

from guarantees.models import GuaranteePage

CASE_FIELDS = (
    "pk",
    "status",
    "kind",
    "unit_id",
    "deadline",
    "received_at",
    "replied_at",
    "closed_at",
    "personal_data_removed_at",
)


def _etag(*parts):
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def catalogue():
    """(etag, last modified) of everything the services are made of; memoized per request."""
    latest = PageLogEntry.objects.aggregate(latest=Max("timestamp"))["latest"]
    units = GuaranteePage.objects.live().public().count()
    latest = latest or datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    return _etag("catalogue", latest.isoformat(), units, get_language()), latest


def cases(queryset, catalogue_state):
    """(etag, last modified) of the cases `queryset` lists, with the catalogue they name."""
    rows = list(queryset.values_list(*CASE_FIELDS))
    catalogue_etag, catalogue_modified = catalogue_state
    moments = [moment for row in rows for moment in row[5:] if moment is not None]
    latest = max([*moments, catalogue_modified])
    return _etag("cases", rows, catalogue_etag), timezone.localtime(latest)
