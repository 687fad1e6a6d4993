"""Keep the index in step with what the public sees.

Wagtail indexes a page in post_save, before modelcluster has saved the page's inline children,
so commitments added in the same publish would be missing from the index. Reindexing once the
publish is complete (page_published fires after the children are saved) closes that gap.
Unpublished pages stay in the index with live=False and are filtered out at query time;
deleted pages leave the index through modelsearch's own post_delete handler.

A guarantee's index entry also holds its published yearly follow-ups' words (what "Så gick
det" shows: GuaranteePage.published_follow_up_text), so a follow-up or one of its outcomes
saved or deleted reindexes its unit.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished


def reindex_page(sender, instance, **kwargs):
    page = instance.specific
    if isinstance(page, index.Indexed):
        index.insert_or_update_object(page)
        _add_words(page)


def _add_words(page):
    """The typo fallback's words table learns the published page's words (search/models.py)."""
    from django.conf import settings
    from django.db import connection

    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    if connection.vendor == "postgresql" and "elasticsearch" not in backend:
        from .models import SearchWord

        SearchWord.add_words_of(page)


def reindex_follow_up_unit(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    try:
        follow_up = getattr(instance, "follow_up", instance)
        unit = follow_up.unit
    except ObjectDoesNotExist:  # deleted along with its follow-up or its unit
        return
    if unit.live:
        reindex_page(sender, unit)


def connect():
    from guarantees.followup.models import CommitmentOutcome, YearlyFollowUp

    page_published.connect(reindex_page, dispatch_uid="search_reindex_published")
    page_unpublished.connect(reindex_page, dispatch_uid="search_reindex_unpublished")
    for model in (YearlyFollowUp, CommitmentOutcome):
        for signal in (post_save, post_delete):
            signal.connect(
                reindex_follow_up_unit,
                sender=model,
                dispatch_uid=f"search_reindex_follow_up_{model.__name__}_{id(signal)}",
            )
