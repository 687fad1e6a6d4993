"""Models other than pages that the site search covers, declared by their own rooms.

Pages are found through Wagtail's page search. Other rooms declare what the public may see of
their other models through the Wagtail hook "register_searchable_type" in their
`wagtail_hooks.py`; a hook function takes no arguments and returns one SearchableType:

    from wagtail import hooks

    from search.registry import SearchableType

    @hooks.register("register_searchable_type")
    def searchable_proposals():
        return SearchableType(
            key="e-forslag",
            label=_("E-förslag"),  # also one proposal: no singular needed
            queryset=lambda: Proposal.objects.public(),
            area_field="service_area",
        )

Each object found must have `title`, `get_absolute_url()` and `search_summary` (plain text).
When two hooks return the same key, the later one (by `order=`) wins.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail import hooks

SEARCHABLE_TYPE_HOOK = "register_searchable_type"


@dataclass(frozen=True)
class SearchableType:
    key: str  # used in the ?typ= filter of /sok/
    label: str  # Swedish, plural: the facet that counts them
    queryset: Callable[[], QuerySet]  # only what the public may see, evaluated per search
    area_field: str | None = None  # foreign key to ServiceAreaPage, for the area facet
    singular: str = ""  # Swedish, singular: the tag on each hit; the label when the same

    @property
    def hit_label(self):
        return self.singular or self.label


def searchable_types():
    types = {}
    for declare in hooks.get_hooks(SEARCHABLE_TYPE_HOOK):
        searchable = declare()
        types[searchable.key] = searchable
    return list(types.values())
