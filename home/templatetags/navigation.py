from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The site root's live children marked "show in menus", for the header navigation."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    # The home page in the reader's language (Wagtail's `localized`: the Swedish one if the
    # language has none), and its children.
    return site.root_page.localized.get_children().live().public().in_menu()


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page.localized if site else None
