from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from search.registry import SearchableType

from .models import GoodExamplePage
from .sections import render_follow_up_examples, render_outcome_examples

# What this room adds to a guarantee's "Så gick det" and to the site search (see
# guarantees/sections.py and search/registry.py for the hooks).

hooks.register("guarantee_follow_up_examples", render_follow_up_examples)
hooks.register("guarantee_outcome_examples", render_outcome_examples)


@hooks.register("register_searchable_type")
def searchable_examples():
    return SearchableType(
        key="goda-exempel",
        label=_("Goda exempel"),
        singular=_("Gott exempel"),
        queryset=lambda: GoodExamplePage.objects.live().public(),
        area_field="service_area",
    )
