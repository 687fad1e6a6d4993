"""HTTP caching: which answers a shared cache (the reverse proxy in deploy/, a CDN) may keep.

The rule, in one place (docs/caching.md):

- A public page (every Wagtail page, through the `before_serve_page` hook in
  home/wagtail_hooks.py) or a view marked `@public_cache` answers an anonymous GET with
  `Cache-Control: public, max-age=<browser>, s-maxage=<proxy>`, no Set-Cookie and no
  `Vary: Cookie`: the answer is the same for everyone without a session, and the proxy sends
  anyone with a session past its cache.
- Anyone with a session (staff, previews, a resident whose receipts the session remembers),
  any answer that sets a cookie, and every POST get `private, no-store`.
- Views that decide for themselves (receipts, tracking pages, forms with a one-time key:
  `never_cache`) keep what they set.

The proxy is purged when content changes (home/frontend_cache.py), so `s-maxage` can be long;
browsers cannot be purged, so `max-age` stays short.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.utils.cache import patch_cache_control

SAFE_METHODS = ("GET", "HEAD")


@dataclass(frozen=True)
class CachePolicy:
    max_age: int
    s_maxage: int


def default_policy():
    return CachePolicy(
        max_age=settings.PUBLIC_CACHE_MAX_AGE, s_maxage=settings.PUBLIC_CACHE_S_MAXAGE
    )


def mark_public(request, policy=None):
    """Let this request's answer be cached for everyone, if it turns out not to be personal."""
    request.public_cache = policy or default_policy()


def public_cache(max_age=None, s_maxage=None):
    """A view whose anonymous GET answers are the same for everyone (lists, open data)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            default = default_policy()
            mark_public(
                request,
                CachePolicy(
                    max_age=default.max_age if max_age is None else max_age,
                    s_maxage=default.s_maxage if s_maxage is None else s_maxage,
                ),
            )
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def is_personal(request, response):
    """True when the answer may belong to one visitor only."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    if response.cookies:
        return True
    if getattr(request, "is_preview", False):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _drop_vary(response, names):
    if not response.has_header("Vary"):
        return
    kept = [
        value.strip()
        for value in response["Vary"].split(",")
        if value.strip() and value.strip().lower() not in names
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def _not_varying_on(request):
    # The session and message cookies are read for everyone (the message slot in base.html),
    # but an answer only marked public is one given to no session at all. And
    # the answer never varies with Accept-Language either: the language is the URL's
    # (config/urls.py: Swedish without a prefix, every other language under its own), which
    # Django's LocaleMiddleware still names in Vary for the unprefixed Swedish URLs.
    return {"cookie", "accept-language"}


def private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


class CacheControlMiddleware:
    """Says who may keep each answer (the rule above). Sits outside the session, CSRF and
    authentication middleware, so it sees every cookie they set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            return private(response)
        if response.has_header("Cache-Control"):
            return response
        policy = getattr(request, "public_cache", None)
        personal = is_personal(request, response)
        if policy is not None and not personal and response.status_code == 200:
            patch_cache_control(
                response, public=True, max_age=policy.max_age, s_maxage=policy.s_maxage
            )
            _drop_vary(response, _not_varying_on(request))
        elif personal:
            private(response)
        return response
