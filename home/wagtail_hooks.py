from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .caching import mark_public


@hooks.register("before_serve_page")
def pages_are_public(page, request, serve_args, serve_kwargs):
    """Every page served to the public may be cached for everyone who has no session
    (home/caching.py decides on the answer, which knows whether it turned out personal)."""
    mark_public(request, getattr(page.specific_class, "cache_policy", None))


@hooks.register("insert_global_admin_css")
def admin_css():
    """The overdue tag and the reports' scroll regions (home/static/home/admin.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("home/admin.css"))
