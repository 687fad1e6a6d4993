"""The search generation: one number in the shared cache, changed after the commit of
anything a search can find (an indexed object saved or deleted, a page published, unpublished
or moved, a view restriction, a yearly follow-up, a locale). Every app server reads it on each
search, so what a process keeps for searching (search/engine.py's catalogue) is only ever of
the current generation, and a change is found by the very next search on every server.
"""

import contextlib
import time

from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from home import fragments

GENERATION_KEY = "search:generation"


def _shared():
    return caches["shared"]


def generation():
    """The current search generation; None when the shared cache does not answer (Redis
    away): then nothing is kept. Read with the kept parts' generation (home/fragments.py),
    which the search page's shell needs too: one read of the shared cache per search."""
    _parts, value = fragments.generation_and(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        _shared().add(GENERATION_KEY, value, None)
        value = _shared().get(GENERATION_KEY)
    return value


def _new_generation():
    # The database cache's table is made after `migrate` (createcachetable), and data
    # migrations save pages: before it exists no search can have kept anything either.
    # In a savepoint: a failure must not break the transaction that made the change.
    with contextlib.suppress(DatabaseError), transaction.atomic():
        _shared().set(GENERATION_KEY, time.time_ns(), None)


def forget_results(*args, **kwargs):
    """A change of what searches find: everything kept is old. The generation changes at
    once (this transaction's own searches see the change) and again after the commit, so
    that nothing kept from the old rows in between outlives it."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _searchable_change(instance):
    from guarantees.followup.models import CommitmentOutcome, YearlyFollowUp

    return isinstance(
        instance,
        index.Indexed | PageViewRestriction | Locale | YearlyFollowUp | CommitmentOutcome,
    )


def _changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    if _searchable_change(instance):
        forget_results()


def connect():
    post_save.connect(_changed, dispatch_uid="search_generation_saved")
    post_delete.connect(_changed, dispatch_uid="search_generation_deleted")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_results, dispatch_uid=f"search_generation_{id(signal)}")
