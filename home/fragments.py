"""Parts of public pages rendered once per publish, not once per request.

A guarantee page's commitments, its "Så gick det", the header's menu, the breadcrumbs and the
footer change only when an editor publishes something (or quality staff publish a follow-up,
or an administrator saves the site settings). They are rendered once and kept, keyed by a
**generation**: one value in the shared cache (`caches["shared"]`: the database cache table or
Redis, the same for every gunicorn process and app server) that every change the reverse
proxy is purged for replaces with a new one (`changed()`). The rendered parts themselves live
in the memory of each process (`_Memo`), keyed by the generation: one cheap read of the shared
value per request, and no query at all for the parts. A process that sees a new generation
forgets everything it kept.

What replaces the generation (at once, and again after the transaction commits, so that a
request in between cannot keep the old state under the new value):

- `home.frontend_cache.purge_after_commit`: every purge rule of every room (an area, the home
  page's city-wide commitments, a follow-up, a site setting, a proposal...). So whenever the
  proxy is purged for a page, its fragments are invalid too (docs/caching.md);
- `connect()` below: any page published, unpublished, moved or deleted (Wagtail purges the
  page itself), a view restriction, a Site or an image (the logo) saved or deleted;
- rooms with data shown in a fragment that no purge covers call `changed()` themselves (the
  committee's name, imported key figures).

The generation is a random value, never a counter that could start again at a value a
process still remembers: if the shared cache loses it (culled, flushed), the next request
sets a new one and every process renders afresh. The day is part of every key, for what a
page says by date alone ("Har upphört att gälla").
"""

import copy
import threading
import uuid

from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.utils import timezone, translation

GENERATION_KEY = "fragments:generation"
# A process keeps at most this many parts; past it, it starts again (a key per page and
# variant, so this bounds the memory that odd query strings could take).
MAX_PARTS = 5000


def _shared():
    return caches["shared"]


def _read_generation():
    cache = _shared()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY)
    return value


class _RequestLocal(threading.local):
    """The generation as read by the request this thread serves (gunicorn's threads serve one
    request at a time; Django's request signals mark where one starts and ends)."""

    in_request = False
    generation = None


_local = _RequestLocal()


def _request_started(**kwargs):
    _local.in_request, _local.generation = True, None


def _request_finished(**kwargs):
    _local.in_request, _local.generation = False, None


def _kept_generation():
    """The generation this request has read already, if any (never outside a request)."""
    return _local.generation if _local.in_request else None


def _keep_generation(value):
    if _local.in_request:
        _local.generation = value
    return value


def generation():
    """The current generation: read once per request, and afresh each time outside one."""
    kept = _kept_generation()
    return kept if kept is not None else _keep_generation(_read_generation())


def generation_and(key):
    """The generation (as `generation()` reads it) and the shared cache's value for `key`, in
    one read of the shared cache: a request that needs both (a search, search/generation.py)
    makes one round trip instead of two."""
    kept = _kept_generation()
    if kept is not None:
        return kept, _shared().get(key)
    found = _shared().get_many([GENERATION_KEY, key])
    return _keep_generation(found.get(GENERATION_KEY) or _read_generation()), found.get(key)


def _new_generation():
    _shared().set(GENERATION_KEY, uuid.uuid4().hex, None)


def changed():
    """Make every kept part invalid: at once, and again once the current transaction commits.
    At once for this transaction's own reads (and with the database cache the new value is
    seen by others only at the commit anyway); again after the commit because with Redis
    another process may have kept a part rendered from the old rows in between."""
    _new_generation()
    transaction.on_commit(_new_generation)


class _Memo:
    """One process's parts, all of one generation."""

    def __init__(self):
        self.lock = threading.Lock()
        self.generation = None
        self.parts = {}

    def get_or_make(self, current, key, make):
        with self.lock:
            if self.generation != current:
                self.generation, self.parts = current, {}
            found = self.parts.get(key)
        if found is not None:
            return found
        value = make()
        with self.lock:
            if self.generation == current:
                if len(self.parts) >= MAX_PARTS:
                    self.parts = {}
                self.parts[key] = value
        return value

    def clear(self):
        with self.lock:
            self.generation, self.parts = None, {}


_memo = _Memo()


def memo(key, make):
    """What `make()` returns, made once per generation in this process for `key` (a tuple of
    plain values). The value is shared by every request: it must not be changed.

    Without a generation (Redis away: the shared cache answers nothing) nothing is kept:
    a change made meanwhile could not make it old, so the part is made afresh each time."""
    current = generation()
    if current is None:
        return make()
    return _memo.get_or_make(current, key, make)


def may_keep(request):
    """A part rendered for this request may be kept and shared: not for a preview (a draft
    shown under the live page's id) and not without a request to read the generation from."""
    return request is not None and not getattr(request, "is_preview", False)


def kept(request, key, make):
    """What `make()` returns, made once per generation for `key` (a tuple of plain values
    naming the part and what it varies on), or made afresh when it may not be kept."""
    host, day = _host_and_day(request) if may_keep(request) else (None, None)
    if host is None:
        return make()
    # The host names the Site, whose menu and settings a part shows; the language is the
    # one it is written in (docs/architecture.md, "Languages").
    key = ("html", host, translation.get_language(), day, *key)
    return memo(key, make)


def _host_and_day(request):
    """The request's host (None for one outside ALLOWED_HOSTS: the 400 page rendered for it
    shows the same parts, made afresh, and must not raise the same error again) and today's
    date: found once per request, for all of its parts."""
    try:
        return request._kept_parts_host_and_day
    except AttributeError:
        pass
    try:
        host = request.get_host()
    except DisallowedHost:
        host = None
    request._kept_parts_host_and_day = host, timezone.localdate().isoformat()
    return request._kept_parts_host_and_day


def forget_all():
    """Forget this process's parts (tests that change data behind the signals' back)."""
    _memo.clear()


class KeptSiteMiddleware:
    """Wagtail's page requests find their Site (and its home page, where routing starts)
    once per publish instead of in two queries each: a Site saved or deleted, like any
    publish, makes a new generation. Only for Wagtail's `serve` view (process_view), so no
    other request reads the generation for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail import views as wagtail_views

        if view_func is wagtail_views.serve and not hasattr(request, "_wagtail_site"):
            language = translation.get_language()
            kept = memo(("site", request.get_host(), language), lambda: _site_for(request))
            if kept is not None:
                kept_site, kept_home = kept
                # A copy of each for this request: the home page may be the page it serves.
                site = copy.copy(kept_site)
                site.root_page = copy.copy(kept_site.root_page)
                request._wagtail_site = site
                path = view_args[0] if view_args else view_kwargs.get("path", "")
                _route(request, copy.copy(kept_home), path)


def _site_for(request):
    """The Site, and the home page in the active language where routing starts (Wagtail's
    `site.root_page.localized.specific`, which asks for the active Locale on every request
    when it is not kept): found now, once per publish and language."""
    from wagtail.models import Site

    site = Site._find_for_request(request)
    if site is None:
        return None
    site.root_page = site.root_page.specific
    return site, site.root_page.localized.specific


def _route(request, home, path):
    """Wagtail's `Page.route_for_request`, from the kept home page in the reader's language."""
    from django.http import Http404

    try:
        request._wagtail_route_for_request = home.route(
            request, [part for part in path.split("/") if part]
        )
    except Http404:
        request._wagtail_route_for_request = None


def _changed_by_signal(sender, **kwargs):
    changed()


def connect():
    from django.core.signals import request_finished, request_started
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    request_started.connect(_request_started, dispatch_uid="fragments-request-started")
    request_finished.connect(_request_finished, dispatch_uid="fragments-request-finished")
    page_published.connect(_changed_by_signal, dispatch_uid="fragments-published")
    page_unpublished.connect(_changed_by_signal, dispatch_uid="fragments-unpublished")
    post_page_move.connect(_changed_by_signal, dispatch_uid="fragments-moved")
    post_delete.connect(_changed_by_signal, sender=Page, dispatch_uid="fragments-page-deleted")
    from wagtail.images import get_image_model

    # An image: the municipality's logo in every header.
    for model in (PageViewRestriction, Site, get_image_model()):
        for signal in (post_save, post_delete):
            signal.connect(
                _changed_by_signal, sender=model, dispatch_uid=f"fragments-{model.__name__}"
            )
