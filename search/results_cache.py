"""The rendered results of a search, kept until anything searchable changes.

Residents search for the same few things ("förskola", a unit's name): the query, the facet
counts, the hits with their excerpts and the results' HTML were the same work again on every
request. Each app process keeps that fragment (the default, per-process cache) under a key of
the request's parameters, the language, the day (guarantees expire by date) and the search
*generation*: one number in the shared cache that every app server reads, changed after the
commit of anything that alters what a search finds (an indexed object saved or deleted, a page
published, unpublished or moved, a view restriction). A search therefore shows a change at once,
as before, on every app server; what is kept is only ever a render of the current generation.

The page around the fragment (the search box, the shell) is rendered per request.
"""

import contextlib
import hashlib
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "search:generation"


def results_seconds():
    """How long a fragment nobody asks for again stays in a process's memory; 0 keeps none
    (settings.SEARCH_RESULTS_SECONDS, e.g. to measure the search itself)."""
    return getattr(settings, "SEARCH_RESULTS_SECONDS", 600)


def _shared():
    return caches["shared"]


def generation():
    """The current search generation (one read of the shared cache)."""
    value = _shared().get(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        _shared().add(GENERATION_KEY, value, None)
        value = _shared().get(GENERATION_KEY, value)
    return value


def _new_generation():
    # The database cache's table is made after `migrate` (createcachetable), and data
    # migrations save pages: before it exists no search can have kept anything either.
    with contextlib.suppress(DatabaseError):
        _shared().set(GENERATION_KEY, time.time_ns(), None)


def forget_results(*args, **kwargs):
    """A change of what searches find: every kept fragment is old after this commit."""
    transaction.on_commit(_new_generation)


def _changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    if isinstance(instance, index.Indexed | PageViewRestriction):
        forget_results()


def results_key(params, current=None):
    """The key of one search's fragment: its parameters as sent (the fragment's links repeat
    them), the language, the day and the generation."""
    items = sorted((key, value) for key in params for value in params.getlist(key))
    current = generation() if current is None else current
    raw = repr((items, get_language(), timezone.localdate().isoformat(), current))
    return "search:results:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_results(params, render):
    """The fragment for `params`: kept, or `render()`ed now and kept. Without a generation
    (the shared cache does not answer: Redis away) nothing is kept or read."""
    seconds = results_seconds()
    if not seconds:
        return render()
    current = generation()
    if current is None:
        return render()
    key = results_key(params, current)
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, seconds)
    return html


def connect():
    post_save.connect(_changed, dispatch_uid="search_results_saved")
    post_delete.connect(_changed, dispatch_uid="search_results_deleted")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_results, dispatch_uid=f"search_results_{id(signal)}")
