"""Purging the reverse proxy (Wagtail's frontend cache invalidation): the one helper.

Wagtail purges a page's own URLs when it is published or unpublished
(`wagtail.contrib.frontend_cache`). What else a change alters is said by the room that owns
the change, always through `purge_after_commit` (docs/caching.md has the table):

- here: the home page, whose city-wide commitments stand on every guarantee, and the site
  settings, shown in every page's header and footer: everything;
- guarantees/frontend_cache.py: an area (its commitments stand on its guarantees; its
  comparison) and a published follow-up (the guarantee, the comparison, the yearly report);
- proposals/frontend_cache.py: a proposal's change (its page, the list, the open data).

"Everything" is every live page and every URL the rooms list through the
`frontend_cache_urls` hook (functions returning paths such as "/e-forslag/").

Nothing is sent unless WAGTAILFRONTENDCACHE is configured (FRONTEND_CACHE_URL, README).
The purge leaves after the transaction commits, so the proxy never refetches the old state.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.db import transaction
from django.urls import translate_url
from wagtail import hooks
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished

from . import fragments

logger = logging.getLogger("wagtail.frontendcache")


class ProxyBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend, for the proxy of deploy/: its purge module answers 404
    for a URL it does not hold, which is no error (most pages are not cached at a given
    moment), so that is not logged as one."""

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = PurgeRequest(
            url=urlunsplit(
                [self.cache_scheme, self.cache_netloc, parts.path, parts.query, parts.fragment]
            ),
            headers={"Host": host, "User-Agent": "Wagtail-frontendcache"},
        )
        try:
            urlopen(request, timeout=10)  # noqa: S310 - the configured proxy's own address
        except HTTPError as error:
            if error.code != 404:
                logger.error("Couldn't purge '%s' from the proxy: %s", url, error)
        except URLError as error:
            logger.error("Couldn't purge '%s' from the proxy: %s", url, error.reason)


def is_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def site_urls(paths, site=None):
    """Absolute URLs of `paths` on `site` (or on every site)."""
    sites = [site] if site is not None else Site.objects.all()
    return [site.root_url.rstrip("/") + "/" + path.lstrip("/") for site in sites for path in paths]


def in_every_language(pages):
    """Each page with its versions in every other language (translations and the aliases
    that stand for a page not yet translated): each language's page is its own cache entry
    (docs/caching.md, "Languages")."""
    pages = list(pages)
    keys = {page.translation_key for page in pages}
    if not keys:
        return []
    return Page.objects.filter(translation_key__in=keys).specific()


def path_in_every_language(path):
    """A Swedish site path (`/e-forslag/`) and the same under each other language's prefix
    (`/en/e-forslag/`), for the paths residents read in their language (config/urls.py); a
    path outside the languages' URLs (`/api/...`) stays one."""
    parts = urlsplit(path)
    variants = []
    for code, _name in settings.LANGUAGES:
        variant = translate_url(parts.path, code)
        if variant not in variants:
            variants.append(variant)
    return [urlunsplit(parts._replace(path=variant)) for variant in variants]


def url_in_every_language(url):
    parts = urlsplit(url)
    return [
        urlunsplit(parts._replace(path=path, query="")) + (f"?{parts.query}" if parts.query else "")
        for path in path_in_every_language(parts.path)
    ]


def purge_after_commit(pages=(), paths=(), urls=()):
    """Purge `pages` (with their cached sub-paths), site `paths` and absolute `urls`, once
    the current transaction has committed, each in every language. The parts of pages kept
    in memory (home/fragments.py) are made invalid too, whether or not a proxy is
    configured."""
    fragments.changed()
    if not is_configured():
        return

    def purge():
        batch = PurgeBatch()
        batch.add_pages(in_every_language(pages() if callable(pages) else pages))
        batch.add_urls(
            site_urls([variant for path in paths for variant in path_in_every_language(path)])
        )
        batch.add_urls([variant for url in urls for variant in url_in_every_language(url)])
        batch.purge()

    transaction.on_commit(purge)


def registered_paths():
    return [path for fn in hooks.get_hooks("frontend_cache_urls") for path in fn()]


def purge_everything():
    """Every live page and every URL the rooms registered: for changes shown site-wide."""
    purge_after_commit(pages=lambda: Page.objects.live().specific(), paths=registered_paths())


def _page_published(sender, instance, **kwargs):
    # Wagtail purges the page published; its versions in the other languages show the same
    # synchronised facts, and an alias its very text: they are purged with it.
    purge_after_commit(pages=[instance])


def _home_page_published(sender, instance, **kwargs):
    # City-wide commitments are shown on every guarantee; its sections reach everywhere.
    purge_everything()


def _setting_saved(sender, instance, **kwargs):
    purge_everything()


def connect():
    from django.db.models.signals import post_save

    from .models import HomePage

    page_published.connect(_page_published, dispatch_uid="purge-every-language")
    page_unpublished.connect(_page_published, dispatch_uid="purge-every-language-unpublished")
    page_published.connect(_home_page_published, sender=HomePage)
    page_unpublished.connect(_home_page_published, sender=HomePage)
    for model in BaseSiteSetting.__subclasses__():
        post_save.connect(_setting_saved, sender=model, dispatch_uid=f"purge-{model.__name__}")
