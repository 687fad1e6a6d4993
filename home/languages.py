"""Which language a resident reads in, and the same page in the others (docs/architecture.md,
"Languages").

Swedish is the source; every other language of `settings.LANGUAGES` has its own page tree,
synchronised from the Swedish one by wagtail-localize: a page not yet translated stands there
as an alias of the Swedish page (its text in Swedish), a translated page as a translation
whose untranslated parts wagtail-localize fills from the Swedish source. `translation_state`
tells a template which, so the page can say so in the reader's language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import models
from django.urls import translate_url
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from wagtail.models import Locale, Page, Site

from . import fragments

# What a page in another language than Swedish may be.
UNTRANSLATED = "untranslated"  # an alias of the Swedish page: all of it in Swedish
PARTLY_TRANSLATED = "partly"  # a translation with strings still shown in Swedish


@dataclass(frozen=True)
class Alternate:
    """The current page in one language: what the switch and the hreflang links show."""

    code: str
    name: str
    url: str
    current: bool
    bidi: bool
    absolute_url: str  # for hreflang, which wants the scheme and host too


def synchronise_locales():
    """Every configured language's Locale, each but Swedish synchronised from Swedish by
    wagtail-localize (every Swedish page stands in its tree, as an alias until translated);
    (Swedish's Locale, the others'). `manage.py synchronise_languages` and the demo run it."""
    from wagtail_localize.models import LocaleSynchronization
    from wagtail_localize.synctree import synchronize_tree

    source = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    targets = []
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        locale = Locale.objects.get_or_create(language_code=code)[0]
        if not LocaleSynchronization.objects.filter(locale=locale).exists():
            LocaleSynchronization.objects.create(locale=locale, sync_from=source)
        else:
            synchronize_tree(source, locale)  # pages added since the last run
        targets.append(locale)
    return source, targets


def is_source_language(language_code=None):
    return (language_code or translation.get_language()) == settings.LANGUAGE_CODE


def locales_by_code():
    """{language code: Locale} of the configured languages, kept once per publish."""
    return {
        locale.language_code: locale
        for locale in fragments.memo(("locales",), lambda: list(Locale.objects.all()))
    }


def source_locale():
    """Swedish's Locale (None before the first migration made it)."""
    return locales_by_code().get(settings.LANGUAGE_CODE)


def _page_urls(page, request):
    """{language code: URL} of the page's live versions in each language (translation or
    alias), for those languages it has; kept once per publish."""

    def make():
        site = Site.find_for_request(request)
        urls = {}
        for version in page.get_translations(inclusive=True).live().select_related("locale"):
            url = version.get_url(request=request, current_site=site)
            if url:
                urls[version.locale.language_code] = url
        return urls

    return fragments.memo(("page-languages", page.pk, request.get_host()), make)


def _home_urls(request):
    """{language code: URL} of the home page in each language."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    return _page_urls(site.root_page, request)


def _translated_paths(path):
    """{language code: `path` under that language's prefix} for a view that is not a page,
    kept once per publish (resolving and reversing a path for every language on every
    request was a tenth of a search's time). The query string is each request's own
    (`carried_query`)."""
    current = translation.get_language()
    return fragments.memo(
        ("translated-path", current, path),
        lambda: {code: translate_url(path, code) for code, _name in settings.LANGUAGES},
    )


def _is_page(request, page):
    return isinstance(page, Page) and page.pk and not getattr(request, "is_preview", False)


def alternates(request, page=None):
    """The current request's page in every configured language, in settings order, without
    the query string a view's links carry (`carried_query`): the switch is kept with the
    page's other parts (site/templates/includes/languages.html), and the query is each
    request's own.

    A Wagtail page links to its own version in each language (a sub-path of a routable page,
    such as the comparison, keeps its sub-path), or to that language's home page when it has
    none; any other view to its own URL under the language's prefix."""
    current = translation.get_language()
    if request is None:
        return []
    try:
        origin = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        # The 400 page of a refused host names no other address (hreflang is absolute).
        return []
    page_urls = home_urls = {}
    suffix = ""
    if _is_page(request, page):
        page_urls = _page_urls(page, request)
        own = page_urls.get(current, "")
        if own and request.path.startswith(own):
            suffix = request.path[len(own) :]
        home_urls = _home_urls(request)
    if not page_urls:
        path = request.get_full_path().partition("?")[0]
    links = []
    for code, name in settings.LANGUAGES:
        if page_urls:
            url = page_urls.get(code)
            url = url + suffix if url else home_urls.get(code, "/")
        else:
            url = _translated_paths(path)[code]
        bidi = translation.get_language_info(code)["bidi"]
        links.append(Alternate(code, name, url, code == current, bidi, origin + url))
    return links


def carried_query(request, page=None):
    """The query string (with its "?") that the links to this request's page in the other
    languages carry: a view's own (the same search, in another language); none for a
    Wagtail page, whose address in each language is whole."""
    if request is None or _is_page(request, page):
        return ""
    _path, mark, query = request.get_full_path().partition("?")
    return mark + query


def translation_state(page):
    """UNTRANSLATED, PARTLY_TRANSLATED or None (Swedish, or translated in full) for a page
    served in another language than Swedish; kept once per publish."""
    if not isinstance(page, Page) or not page.pk or is_source_language():
        return None
    locale = locales_by_code().get(translation.get_language())
    if locale is None or page.locale_id != locale.pk:
        # Not this language's own page: the Swedish one, where the language has none yet.
        return UNTRANSLATED
    if page.alias_of_id:
        return UNTRANSLATED
    return fragments.memo(("translation-state", page.pk), lambda: _translation_progress(page))


def _translation_progress(page):
    from wagtail.models import Revision
    from wagtail_localize.models import Translation

    if (
        page.live_revision_id
        and Revision.objects.filter(pk=page.live_revision_id)
        .exclude(object_id=str(page.pk))
        .exists()
    ):
        # Once an alias, its translation not yet approved: residents read the Swedish page's
        # text it was copied from (home/translation_drafts.py).
        return UNTRANSLATED

    translation_record = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .select_related("source")
        .first()
    )
    if translation_record is None:
        return None  # translated by hand in the admin, not through wagtail-localize
    total, done = translation_record.get_progress()
    return PARTLY_TRANSLATED if done < total else None


class ChildOfPageQuerySet(models.QuerySet):
    """For a translatable row of a page (a commitment, a known shortcoming): `bulk_create`
    gives new rows their page's locale, as Wagtail's pre_save signal does for `save()`,
    which bulk_create skips."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        without = [obj for obj in objs if obj.locale_id is None]
        if without:
            locales = dict(
                Page.objects.filter(pk__in={obj.page_id for obj in without}).values_list(
                    "pk", "locale_id"
                )
            )
            for obj in without:
                obj.locale_id = locales.get(obj.page_id)
        return super().bulk_create(objs, *args, **kwargs)


@dataclass(frozen=True)
class Shown:
    """A text with the language it is in when that is not the page's (`lang`, else "").
    Rendered in a template (or as a form choice's label) it is HTML that carries its `lang`;
    `text` is the plain text."""

    text: str
    lang: str = ""

    def __html__(self):
        if self.lang:
            # dir: a Swedish sentence keeps its own direction (and its full stop at its end)
            # on a right-to-left page.
            return format_html('<span lang="{}" dir="ltr">{}</span>', self.lang, self.text)
        return conditional_escape(self.text)

    # Django's templates turn what is not a str into one before escaping it.
    __str__ = __html__


def in_swedish(text):
    """Text only written in Swedish (what staff wrote), as the reader's page shows it."""
    if not text or is_source_language():
        return Shown(text or "")
    return Shown(text, settings.LANGUAGE_CODE)
