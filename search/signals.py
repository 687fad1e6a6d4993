"""Keep the index in step with what the public sees.

Wagtail indexes a page in post_save, before modelcluster has saved the page's inline children,
so commitments added in the same publish would be missing from the index. Reindexing once the
publish is complete (page_published fires after the children are saved) closes that gap.
Unpublished pages stay in the index with live=False and are filtered out at query time;
deleted pages leave the index through modelsearch's own post_delete handler.
"""

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


def connect():
    page_published.connect(reindex_page, dispatch_uid="search_reindex_published")
    page_unpublished.connect(reindex_page, dispatch_uid="search_reindex_unpublished")
