"""The language switch, hreflang links and the notice on a page not yet translated
(home/languages.py)."""

from django import template
from django.urls import translate_url
from django.utils import translation

from .. import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """This page in every configured language: `code`, `name` (in itself), `url`, `current`."""
    return languages.alternates(context.get("request"), context.get("page"))


@register.simple_tag(takes_context=True)
def language_query(context):
    """The query string the links to this page in the other languages carry (a hole in the
    kept switch: each request's own)."""
    return languages.carried_query(context.get("request"), context.get("page"))


@register.simple_tag
def translation_state(page):
    """ "untranslated", "partly" or None for the page in the active language."""
    return languages.translation_state(page)


@register.simple_tag
def localized(path):
    """A path of the Swedish site (`/synpunkter/`) under the active language's prefix."""
    return translate_url(path, translation.get_language())


@register.filter
def written_in_swedish(text):
    """Text only written in Swedish (what staff fill in, such as the contact centre's hours),
    marked lang="sv" on a page in another language."""
    return languages.in_swedish(text)
