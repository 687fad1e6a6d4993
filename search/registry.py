"""Models other than pages that the site search covers, registered by their own apps.

Pages are found through Wagtail's page search. Other rooms register what the public may see
from their AppConfig.ready():

    from search.registry import SearchableType, register

    register(SearchableType(
        key="e-forslag",
        label=_("E-förslag"),
        queryset=lambda: Proposal.objects.public(),
        area_field="service_area",
    ))

Each object found must have `title`, `get_absolute_url()` and `search_summary` (plain text).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

_types = {}


@dataclass(frozen=True)
class SearchableType:
    key: str  # used in the ?typ= filter of /sok/
    label: str  # Swedish, plural
    queryset: Callable[[], QuerySet]  # only what the public may see, evaluated per search
    area_field: str | None = None  # foreign key to ServiceAreaPage, for the area facet


def register(searchable):
    _types[searchable.key] = searchable


def searchable_types():
    return list(_types.values())
