from wagtail import hooks

from .caching import mark_public


@hooks.register("before_serve_page")
def pages_are_public(page, request, serve_args, serve_kwargs):
    """Every page served to the public may be cached for everyone who has no session
    (home/caching.py decides on the answer, which knows whether it turned out personal)."""
    mark_public(request, getattr(page.specific_class, "cache_policy", None))
