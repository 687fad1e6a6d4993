"""The site search: one ranked list over public pages and the registered non-page types.

Pages (guarantees with their commitments, service areas, content pages) come from Wagtail's
page search; other rooms declare their public models through search/registry.py. Every source is
searched with the same backend, so scores are comparable and the lists can be merged.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils import timezone, translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Fuzzy, Or, PlainText

from guarantees.models import Commitment, GuaranteePage, ServiceAreaPage
from home.models import ContentPage, HomePage
from home.numbers import swedish_number
from home.resident_input import clean_resident_text

from .registry import searchable_types

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
# Deeper than this nobody reads; it also bounds the work of one request.
MAX_PAGE = 100
EXCERPT_LENGTH = 220
SUGGESTION_LIMIT = 8


@dataclass(frozen=True)
class PageType:
    key: str
    label: str  # plural, on the facet that counts them
    model: type
    singular: str = ""  # on each hit and suggestion; the label when the same

    @property
    def hit_label(self):
        return self.singular or self.label


PAGE_TYPES = [
    PageType("garantier", _("Kvalitetsgarantier"), GuaranteePage, _("Kvalitetsgaranti")),
    PageType("omraden", _("Verksamhetsområden"), ServiceAreaPage, _("Verksamhetsområde")),
    PageType("sidor", _("Sidor"), ContentPage, _("Sida")),
    # The home page holds the city-wide commitments, which every unit makes: one hit is
    # still all of them, so no singular.
    PageType("kommungemensamt", _("Kommungemensamma åtaganden"), HomePage),
]


def clean_query(raw):
    """What the resident typed, made safe to echo and search: the house rule for residents'
    text (home/resident_input.py), then bounded, with any other invisible format character
    taken as a word break."""
    text = clean_resident_text((raw or "")[: MAX_QUERY_LENGTH * 4])
    text = "".join(" " if unicodedata.category(char) == "Cf" else char for char in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_terms(query):
    """The words of a query. Operators and punctuation of any query language are dropped, so
    neither SQL nor Lucene syntax reaches a backend as syntax."""
    words = re.findall(r"[^\W_]+", query)
    return [word for word in words if any(c.isalpha() or c.isdecimal() for c in word)]


def parse_page_number(raw):
    try:
        number = int(str(raw).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def expired_guarantee_ids():
    today = timezone.localdate()
    return list(GuaranteePage.objects.filter(valid_to__lt=today).values_list("id", flat=True))


def public_pages(private=None):
    """Pages the public may find: live, not behind a view restriction, guarantees in force.
    `private`: Wagtail's private_q() when the caller has it already (it reads the table of
    view restrictions each time it is built)."""
    private = Page.objects.private_q() if private is None else private
    return (
        Page.objects.live()
        .exclude(private)
        .type(*(page_type.model for page_type in PAGE_TYPES))
        .exclude(id__in=expired_guarantee_ids())
    )


def reader_pages(pages):
    """`pages` as the reader of the active language finds them: those of their locale's tree
    (translated, or standing there untranslated), and the site language's that have none
    there (a locale whose tree is not synchronised). Filters Wagtail's search can apply
    (locale and id are filter fields of every page)."""
    from django.conf import settings
    from wagtail.models import Locale

    try:
        reader = Locale.get_active()
    except Locale.DoesNotExist:
        return pages
    source = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if source is None or source == reader:
        return pages.filter(locale=reader)
    theirs = Page.objects.filter(locale=reader).values("translation_key")
    stand_in = Page.objects.filter(locale=source, translation_key__in=theirs)
    return pages.filter(locale__in=[reader, source]).exclude(
        id__in=list(stand_in.values_list("id", flat=True))
    )


def live_service_areas(private=None):
    private = Page.objects.private_q() if private is None else private
    return list(ServiceAreaPage.objects.live().exclude(private).order_by("title"))


@dataclass
class Hit:
    title: str
    url: str
    type_label: str
    excerpt: str
    area: ServiceAreaPage | None = None
    score: float = 0.0
    # False: the hit holds only some of the query's words; `missing` names the others.
    full: bool = True
    missing: list = field(default_factory=list)
    # The language of the hit's text when it is not the reader's (an untranslated page):
    # its code, for the `lang` attribute, and its name in itself.
    language: str = ""

    @property
    def language_name(self):
        from django.conf import settings

        return dict(settings.LANGUAGES).get(self.language, self.language)


@dataclass(frozen=True)
class SearchAddress:
    """Where a search is (`?q=…&typ=…&omrade=…`), and where the same search with a change is:
    every link of the results page. Built from what the search understood (the cleaned query,
    a known type and area), never by echoing the request's parameters."""

    query: str
    type_key: str = ""
    area_slug: str = ""

    def link(self, **changes):
        """The search's address with `changes` (None or "" leaves a parameter out); a page
        number (`sida`) only when one is given."""
        params = {"q": self.query, "typ": self.type_key, "omrade": self.area_slug}
        params.update(changes)
        return "?" + urlencode({key: value for key, value in params.items() if value})


@dataclass
class Facet:
    key: str
    label: str
    count: int
    selected: bool
    address: SearchAddress
    param: str  # the parameter it sets: "typ" or "omrade"

    @property
    def shown(self):
        """A filter that would find nothing is left out; a chosen one stays, to be undone."""
        return bool(self.count or self.selected)

    @property
    def url(self):
        """Made only for a facet the page shows."""
        return self.address.link(**{self.param: self.key})

    @property
    def count_text(self):
        return swedish_number(self.count)

    @property
    def count_label(self):
        """The count as a screen reader says it ("3 träffar"); the number shown beside the
        label is hidden from it."""
        return ngettext("%(n)s träff", "%(n)s träffar", self.count) % {"n": self.count_text}


@dataclass
class SearchOutcome:
    query: str
    address: SearchAddress
    hits: list = field(default_factory=list)
    total: int = 0
    page_number: int = 1
    num_pages: int = 0
    type_facets: list = field(default_factory=list)
    area_facets: list = field(default_factory=list)
    fuzzy: bool = False
    suggestion: str = ""
    has_words: bool = True
    # Hits that hold every word of the query (the first part of the list), of all shown.
    full_total: int = 0
    words: list = field(default_factory=list)

    @property
    def full_hits(self):
        return [hit for hit in self.hits if hit.full]

    @property
    def partial_hits(self):
        return [hit for hit in self.hits if not hit.full]

    @property
    def shown_type_facets(self):
        return [facet for facet in self.type_facets if facet.shown]

    @property
    def shown_area_facets(self):
        return [facet for facet in self.area_facets if facet.shown]

    @property
    def partial_start(self):
        """The number of the first partial hit on this page, for the list's `start`."""
        return self.first_index + len(self.full_hits)

    @property
    def missing_everywhere(self):
        """The words no hit holds: named above the partial hits."""
        if self.full_total or not self.hits:
            return []
        common = set(self.hits[0].missing)
        for hit in self.hits[1:]:
            common &= set(hit.missing)
        return [word for word in self.words if word in common]

    @property
    def has_previous(self):
        return self.page_number > 1

    @property
    def has_next(self):
        return self.page_number < self.num_pages

    @property
    def previous_url(self):
        return self.address.link(sida=self.page_number - 1)

    @property
    def next_url(self):
        return self.address.link(sida=self.page_number + 1)

    @property
    def suggestion_url(self):
        return self.address.link(q=self.suggestion)

    @property
    def all_types_url(self):
        return self.address.link(typ=None)

    @property
    def all_areas_url(self):
        return self.address.link(omrade=None)

    @property
    def unfiltered_url(self):
        return self.address.link(typ=None, omrade=None)

    @property
    def first_index(self):
        return (self.page_number - 1) * PAGE_SIZE + 1 if self.total else 0

    @property
    def last_index(self):
        return min(self.page_number * PAGE_SIZE, self.total)


class _Source:
    """One searchable collection: the public pages, or one registered type."""

    def __init__(self, key, label, queryset, area_filter):
        self.key = key
        self.label = label
        self.queryset = queryset
        self.area_filter = area_filter  # callable(queryset, area) -> queryset, or None

    def filtered(self, area):
        if area is None:
            return self.queryset
        if self.area_filter is None:
            return self.queryset.none()
        return self.area_filter(self.queryset, area)


def _page_area_filter(queryset, area):
    return queryset.filter(path__startswith=area.path)


def _registered_area_filter(area_field):
    if not area_field:
        return None
    return lambda queryset, area: queryset.filter(**{area_field: area})


def swedish_variants(term):
    """The word and its indefinite forms. PostgreSQL's Swedish Snowball stemmer leaves the
    definite endings -et and -n alone ("biblioteket", "förskolan"), so they would not meet
    "bibliotek" and "förskola"; searching for both forms closes that gap. A genitive -s
    comes off first ("bibliotekets", "förskolans")."""
    variants = [term]
    bases = [term]
    if term.lower().endswith("s") and len(term) >= 6:
        bases.append(term[:-1])
    for base in bases:
        if base not in variants:
            variants.append(base)
        lower = base.lower()
        for ending, cut in (("et", 2), ("en", 2), ("en", 1), ("an", 1)):
            if lower.endswith(ending) and len(base) - cut >= 4:
                variant = base[:-cut]
                if variant not in variants:
                    variants.append(variant)
    return variants


def _term_query(term):
    variants = [PlainText(variant) for variant in swedish_variants(term)]
    return variants[0] if len(variants) == 1 else Or(variants)


def _run(queryset, search_query):
    return queryset.search(search_query, order_by_relevance=True).annotate_score("_score")


def uses_engine():
    """Whether the site search runs as one SQL statement (search/engine.py): the embedded
    backend on PostgreSQL. Elasticsearch (and SQLite) go through Wagtail's search API."""
    from django.conf import settings

    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", "")
    return backend == "search.database" and connection.vendor == "postgresql"


class SiteSearch:
    def __init__(self, query, type_key="", area_slug="", page_number=1, *, engine=None):
        self.query = clean_query(query)
        self.terms = search_terms(self.query)
        self.page_number = parse_page_number(page_number)
        # engine=False: through Wagtail's search API even on PostgreSQL (tests compare).
        self.engine = uses_engine() if engine is None else engine
        if self.engine:
            from . import engine

            self.catalogue = engine.catalogue(PAGE_TYPES)
            # The reader's language picks their locale's pages and service areas.
            self.locale_id = self.catalogue.reader_locale(translation.get_language())
            self.areas = self.catalogue.areas_for(self.locale_id)
            known_types = {t.key for t in PAGE_TYPES} | {
                source.key for source in self.catalogue.registered
            }
        else:
            # One read of the view restrictions for the whole search, not one per queryset.
            private = Page.objects.private_q()
            self.areas = live_service_areas(private)
            self.registered = searchable_types()
            known_types = {t.key for t in PAGE_TYPES} | {t.key for t in self.registered}
            self.pages = reader_pages(public_pages(private))
            # Each registered type's queryset built once per search (building may read the
            # database, as Wagtail's public() does).
            self._querysets = {}
            # The database backends count facets in one GROUP BY; Elasticsearch's terms
            # aggregation returns only the top ten buckets, so there we count one by one.
            self.facets_in_database = any(
                cls.__module__.startswith("modelsearch.backends.database")
                for cls in type(get_search_backend()).__mro__
            )
            # The database backend on SQLite has no fuzzy matching; Elasticsearch has.
            self.supports_fuzzy = not (self.facets_in_database and connection.vendor == "sqlite")
        self.area = next((a for a in self.areas if a.slug == area_slug), None)
        self.type_key = type_key if type_key in known_types else ""
        self.address = SearchAddress(self.query, self.type_key, self.area.slug if self.area else "")

    def _outcome(self):
        return SearchOutcome(query=self.query, address=self.address, page_number=self.page_number)

    # Sources -------------------------------------------------------------------------------

    def _queryset(self, searchable):
        if searchable.key not in self._querysets:
            self._querysets[searchable.key] = searchable.queryset()
        return self._querysets[searchable.key]

    def _page_source(self, type_key):
        queryset = self.pages
        if type_key:
            page_type = next((t for t in PAGE_TYPES if t.key == type_key), None)
            if page_type is None:
                return None
            queryset = queryset.type(page_type.model)
        return _Source("pages", "", queryset, _page_area_filter)

    def _registered_sources(self, type_key):
        return [
            _Source(t.key, t.hit_label, self._queryset(t), _registered_area_filter(t.area_field))
            for t in self.registered
            if not type_key or t.key == type_key
        ]

    def _sources(self, type_key):
        sources = []
        page_source = self._page_source(type_key)
        if page_source is not None:
            sources.append(page_source)
        return sources + self._registered_sources(type_key)

    # Queries -------------------------------------------------------------------------------

    def _queries(self):
        """(query, fuzzy) to try in turn until one finds something. Lazy: the typo fallback
        runs only when the words as typed found nothing."""
        words = " ".join(self.terms)
        alternatives = [_term_query(term) for term in self.terms]
        yield (And(alternatives) if len(alternatives) > 1 else alternatives[0]), False
        if len(self.terms) > 1:
            yield Or(alternatives), False
        if not self.supports_fuzzy:
            return
        if not self.facets_in_database:
            yield Fuzzy(words), True  # Elasticsearch's own fuzziness
            return
        # PostgreSQL: each word is corrected against the index's distinct words (a small
        # table with a trigram index), then the corrected words are searched as usual.
        from .models import SearchWord

        corrected = [SearchWord.closest(term.lower()) or term for term in self.terms]
        if [c.lower() for c in corrected] == [t.lower() for t in self.terms]:
            return
        self.corrected = corrected
        alternatives = [_term_query(term) for term in corrected]
        yield (And(alternatives) if len(alternatives) > 1 else alternatives[0]), True
        if len(corrected) > 1:
            yield Or(alternatives), True

    def _count(self, queryset, search_query):
        return queryset.search(search_query).count()

    def _facet(self, queryset, search_query, field_name):
        return queryset.search(search_query).facet(field_name)

    def run(self):
        if self.engine:
            return self._run_engine()
        outcome = self._outcome()
        if not self.terms:
            outcome.has_words = False
            outcome.type_facets = self._type_facets({})
            outcome.area_facets = self._area_facets({})
            return outcome

        sources = self._sources(self.type_key)
        found = None
        for search_query, fuzzy in self._queries():
            type_counts = self._type_counts(search_query)
            counts = self._source_counts(type_counts)
            if sum(counts.values()):
                found = search_query, fuzzy
                break
        if found is None:
            outcome.type_facets = self._type_facets({})
            outcome.area_facets = self._area_facets({})
            return outcome

        search_query, outcome.fuzzy = found
        if outcome.fuzzy and getattr(self, "corrected", None):
            outcome.suggestion = " ".join(self.corrected)
        outcome.total = sum(counts.values())
        outcome.num_pages = -(-outcome.total // PAGE_SIZE)
        outcome.page_number = min(self.page_number, outcome.num_pages, MAX_PAGE)
        offset = (outcome.page_number - 1) * PAGE_SIZE

        scored = []
        for source in sources:
            if not counts.get(source.key):
                continue
            results = _run(source.filtered(self.area), search_query)[: offset + PAGE_SIZE]
            scored.extend(
                (obj._score or 0.0, index, source, obj) for index, obj in enumerate(results)
            )
        # Highest score first; within a source the backend's own order breaks ties.
        scored.sort(key=lambda item: (-item[0], item[1]))
        window = scored[offset : offset + PAGE_SIZE]
        outcome.hits = self._hits(window)
        if fuzzy and outcome.hits and not outcome.suggestion:
            outcome.suggestion = outcome.hits[0].title

        outcome.type_facets = self._type_facets(type_counts)
        area_counts = getattr(self, "_grouped_area_counts", None)
        if area_counts is None:
            area_counts = self._area_counts(search_query)
        outcome.area_facets = self._area_facets(area_counts)
        return outcome

    # The one-statement search (PostgreSQL) -----------------------------------------------

    def _engine_terms(self, terms):
        """At most MAX_TERMS words, each with its Swedish indefinite variants; the words
        beyond the limit are searched as variants of the last."""
        from .engine import MAX_TERMS

        words = list(dict.fromkeys(term.lower() for term in terms))
        kept = words[:MAX_TERMS]
        variants = [swedish_variants(word) for word in kept]
        for extra in words[MAX_TERMS:]:
            variants[-1].extend(swedish_variants(extra))
        return kept, variants

    def _engine_query(self, terms, offset):
        from .engine import run_query

        words, variants = self._engine_terms(terms)
        result = run_query(
            self.catalogue,
            words,
            variants,
            type_key=self.type_key,
            area=self.area,
            offset=offset,
            limit=PAGE_SIZE,
            reader_locale=translation.get_language(),
        )
        return words, result

    def _run_engine(self):
        outcome = self._outcome()
        type_counts, area_counts = {}, {}
        if not self.terms:
            outcome.has_words = False
        else:
            offset = (self.page_number - 1) * PAGE_SIZE
            words, result = self._engine_query(self.terms, offset)
            if not result.facet_rows:
                # Nothing at all: the typo fallback, offered only when it finds something.
                from .engine import closest_words

                corrected = closest_words(self.terms)
                if [c.lower() for c in corrected] != [t.lower() for t in self.terms]:
                    words, fixed = self._engine_query(corrected, offset)
                    # Offered only when the corrected words are found together.
                    if any(full for full, _kind, _area, _n in fixed.facet_rows):
                        result = fixed
                        outcome.fuzzy = True
                        outcome.suggestion = " ".join(corrected)
            outcome.words = words
            type_counts, area_counts, total, full_total = self._engine_counts(result.facet_rows)
            outcome.total, outcome.full_total = total, full_total
            outcome.num_pages = -(-total // PAGE_SIZE)
            if total and self.page_number > outcome.num_pages:
                # Past the end (a stale link): the last page instead.
                outcome.page_number = min(outcome.num_pages, MAX_PAGE)
                _words, result = self._engine_query(
                    outcome.suggestion.split() if outcome.fuzzy else self.terms,
                    (outcome.page_number - 1) * PAGE_SIZE,
                )
            outcome.hits = self._engine_hits(result.rows, words)
        outcome.type_facets = self._type_facets(type_counts)
        outcome.area_facets = self._area_facets(area_counts)
        return outcome

    def _engine_counts(self, facet_rows):
        """Type counts for the chosen area, area counts for the chosen type, and the totals
        under both choices, from the statement's (all words, kind, area, count) rows. When
        some hits hold every word, the facets count those."""
        cat = self.catalogue
        any_full = any(full for full, _kind, _area, _n in facet_rows)
        # A hit's area in any locale counts for the same area in the reader's.
        slug_by_key = {}
        for area in cat.areas:
            slug = cat.reader_area(area, self.locale_id).slug
            slug_by_key[area.path] = slug_by_key[str(area.pk)] = slug
        type_counts, area_counts = {}, {}
        total = full_total = 0
        for full, kind, area_key, n in facet_rows:
            page_type = cat.page_types.get(int(kind)) if kind.isdigit() else None
            type_key = page_type.key if page_type else kind
            slug = slug_by_key.get(area_key) if area_key else None
            in_area = self.area is None or slug == self.area.slug
            of_type = self.type_key in ("", type_key)
            if in_area and of_type:
                total += n
                full_total += n if full else 0
            if any_full and not full:
                continue
            if in_area:
                type_counts[type_key] = type_counts.get(type_key, 0) + n
            if of_type and slug:
                area_counts[slug] = area_counts.get(slug, 0) + n
        return type_counts, area_counts, total, full_total

    def _engine_hits(self, rows, words):
        cat = self.catalogue
        hits = []
        for row in rows:
            if row.source == "pages":
                page_type = cat.page_types.get(int(row.kind))
                url = cat.page_url(row.url_path)
                type_label = page_type.hit_label if page_type else ""
                area = cat.area_of_path(row.area) if row.area else None
            else:
                # The statement read the hit from the type's public queryset: it exists. A
                # page type's address is its page's, as for pages; another's comes from its
                # model.
                source = row.source
                url = (
                    cat.page_url(row.url_path)
                    if source.is_page
                    else object_url(source.hit_object(row.pk))
                )
                type_label = source.hit_label
                area = cat.areas_by_pk.get(int(row.area)) if row.area else None
            hits.append(
                Hit(
                    title=row.title,
                    url=url,
                    type_label=type_label,
                    # A word the search ignores (a stop word) is not marked either.
                    excerpt=excerpt(
                        [row.text], [w for i, w in enumerate(words) if not row.ignored & (1 << i)]
                    ),
                    area=cat.reader_area(area, self.locale_id),
                    full=row.full,
                    missing=[word for i, word in enumerate(words) if not row.mask & (1 << i)],
                    language=row.language,
                )
            )
        return hits

    # Facets --------------------------------------------------------------------------------

    def _source_counts(self, type_counts):
        """Hits per source under the current filters, from the per-type counts."""
        page_keys = [t.key for t in PAGE_TYPES if not self.type_key or t.key == self.type_key]
        counts = {"pages": sum(type_counts[key] for key in page_keys)}
        for t in self.registered:
            if not self.type_key or t.key == self.type_key:
                counts[t.key] = type_counts[t.key]
        return counts

    def _grouped(self, queryset, search_query, *fields, **annotations):
        """Hits of `search_query` in `queryset` counted per value of `fields`, in one GROUP BY
        (the database backend; its facet() groups by one field only, this by several)."""
        results = queryset.search(search_query)
        compiler = results.query_compiler
        matches = compiler.search(
            compiler.get_config(results.backend), None, None, backend=results.backend
        )
        if annotations:
            matches = matches.annotate(**annotations)
        return matches.values(*fields, *annotations).annotate(n=Count("pk")).order_by()

    def _counts_in_one_query(self, search_query):
        """Type counts (for the current area) and area counts (for the current type) from one
        grouped query per source: pages by type and area, each registered type by area."""
        type_of = {ContentType.objects.get_for_model(t.model).pk: t.key for t in PAGE_TYPES}
        area_paths = {area.path: area for area in self.areas}
        length = len(next(iter(area_paths))) if area_paths else 0
        type_counts = dict.fromkeys([t.key for t in PAGE_TYPES], 0)
        area_counts = dict.fromkeys((area.slug for area in self.areas), 0)
        for row in self._grouped(
            self.pages,
            search_query,
            "content_type_id",
            area_path=Substr("path", 1, length or 1),
        ):
            key = type_of.get(row["content_type_id"])
            area = area_paths.get(row["area_path"])
            if key is None:
                continue
            if self.area is None or area == self.area:
                type_counts[key] += row["n"]
            if area is not None and self.type_key in ("", key):
                area_counts[area.slug] += row["n"]
        slug_by_pk = {area.pk: area.slug for area in self.areas}
        for searchable in self.registered:
            queryset = self._queryset(searchable)
            if not searchable.area_field:
                type_counts[searchable.key] = (
                    self._count(queryset, search_query) if self.area is None else 0
                )
                continue
            attname = queryset.model._meta.get_field(searchable.area_field).attname
            type_counts[searchable.key] = 0
            for row in self._grouped(queryset, search_query, attname):
                slug = slug_by_pk.get(row[attname])
                if self.area is None or row[attname] == self.area.pk:
                    type_counts[searchable.key] += row["n"]
                if slug and self.type_key in ("", searchable.key):
                    area_counts[slug] += row["n"]
        self._grouped_area_counts = area_counts
        return type_counts

    def _type_counts(self, search_query):
        """Hits per type for the current area, whatever the type filter."""
        if self.facets_in_database and connection.vendor == "postgresql" and self.areas:
            return self._counts_in_one_query(search_query)
        pages = self.pages
        if self.area is not None:
            pages = _page_area_filter(pages, self.area)
        if self.facets_in_database:
            by_content_type = self._facet(pages, search_query, "content_type_id")
            counts = {
                t.key: by_content_type.get(ContentType.objects.get_for_model(t.model).pk, 0)
                for t in PAGE_TYPES
            }
        else:
            counts = {t.key: self._count(pages.type(t.model), search_query) for t in PAGE_TYPES}
        for source in self._registered_sources(""):
            counts[source.key] = self._count(source.filtered(self.area), search_query)
        return counts

    def _area_counts(self, search_query):
        """Hits per service area for the current type filter."""
        counts = dict.fromkeys((area.slug for area in self.areas), 0)
        if not self.areas:
            return counts
        page_source = self._page_source(self.type_key)
        if page_source is not None and self.facets_in_database:
            slug_by_path = {area.path: area.slug for area in self.areas}
            lengths = {len(path) for path in slug_by_path}
            for path, count in self._facet(page_source.queryset, search_query, "path").items():
                for length in lengths:
                    slug = slug_by_path.get(path[:length])
                    if slug:
                        counts[slug] += count
                        break
        elif page_source is not None:
            for area in self.areas:
                counts[area.slug] += self._count(page_source.filtered(area), search_query)
        slug_by_pk = {area.pk: area.slug for area in self.areas}
        for searchable in self.registered:
            if not searchable.area_field or self.type_key not in ("", searchable.key):
                continue
            queryset = self._queryset(searchable)
            if self.facets_in_database:
                attname = queryset.model._meta.get_field(searchable.area_field).attname
                for area_pk, count in self._facet(queryset, search_query, attname).items():
                    if area_pk in slug_by_pk:
                        counts[slug_by_pk[area_pk]] += count
            else:
                for area in self.areas:
                    filtered = queryset.filter(**{searchable.area_field: area})
                    counts[area.slug] += self._count(filtered, search_query)
        return counts

    def _type_facets(self, counts):
        registered = self.catalogue.registered if self.engine else self.registered
        types = [(t.key, t.label) for t in PAGE_TYPES] + [(t.key, t.label) for t in registered]
        return [
            Facet(key, label, counts.get(key, 0), key == self.type_key, self.address, "typ")
            for key, label in types
        ]

    def _area_facets(self, counts):
        return [
            Facet(
                area.slug,
                area.title,
                counts.get(area.slug, 0),
                area == self.area,
                self.address,
                "omrade",
            )
            for area in self.areas
        ]

    # Hits ----------------------------------------------------------------------------------

    def _hits(self, window):
        page_ids = [obj.pk for _score, _i, source, obj in window if source.key == "pages"]
        specific = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
        commitments = {}
        for commitment in Commitment.objects.filter(page_id__in=page_ids):
            commitments.setdefault(commitment.page_id, []).append(commitment)
        labels = {t.model: t.hit_label for t in PAGE_TYPES}
        hits = []
        for score, _index, source, obj in window:
            if source.key == "pages":
                page = specific.get(obj.pk)
                if page is None:
                    continue
                hits.append(
                    Hit(
                        title=getattr(page, "display_name", page.title),
                        url=page.get_url() or page.url_path,
                        type_label=labels.get(type(page), ""),
                        excerpt=excerpt(page_texts(page, commitments.get(page.pk, [])), self.terms),
                        area=self._area_of(page),
                        score=score,
                    )
                )
            else:
                hits.append(
                    Hit(
                        title=obj.title,
                        url=object_url(obj),
                        type_label=source.label,
                        excerpt=excerpt([getattr(obj, "search_summary", "") or ""], self.terms),
                        area=None,
                        score=score,
                    )
                )
        return hits

    def _area_of(self, page):
        for area in self.areas:
            if page.path.startswith(area.path):
                return area
        return None


def object_url(obj):
    """A registered object's public address (documents and images offer `url` instead)."""
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    return getattr(obj, "url", "")


def page_texts(page, commitments=()):
    """The texts an excerpt may come from, most telling first."""
    if isinstance(page, GuaranteePage):
        texts = [f"{commitment.title} {commitment.expected_result}" for commitment in commitments]
        return [page.idea, *texts, page.provider]
    if isinstance(page, ServiceAreaPage):
        return [page.intro]
    if isinstance(page, ContentPage):
        return [page.intro, strip_tags(page.body)]
    if isinstance(page, HomePage):
        return [f"{c.title} {c.expected_result}" for c in commitments] + [page.intro]
    return [getattr(page, "search_description", "")]


@functools.lru_cache(maxsize=256)
def _term_pattern(terms):
    """Match the query's words (a tuple) and their inflections: a Swedish word keeps its stem
    in front, so the first letters of a longer word also find "förskola" for "förskolor".
    Made once per search, not once per hit."""
    stems = []
    for term in terms:
        if len(term) < 3:
            continue
        keep = max(3, len(term) - 2) if len(term) > 4 else len(term)
        stems.append(re.escape(term[:keep]))
    if not stems:
        return None
    stems.sort(key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(stems) + r")\w*", re.IGNORECASE)


def excerpt(texts, terms, length=EXCERPT_LENGTH):
    """A short passage around the first matching word, with the matches in <mark>.

    The text is escaped piece by piece and only our own <mark> tags are added, so nothing an
    editor or resident wrote can become markup.
    """
    texts = [" ".join((text or "").split()) for text in texts]
    texts = [text for text in texts if text]
    if not texts:
        return ""
    pattern = _term_pattern(tuple(terms))
    chosen, start = texts[0], 0
    if pattern is not None:
        for text in texts:
            match = pattern.search(text)
            if match:
                chosen = text
                start = max(0, match.start() - length // 3)
                break
    if start > 0:  # begin and end at a word's edge, not inside a word
        space = chosen.find(" ", start)
        start = space + 1 if 0 <= space < start + length // 3 else start
    end = start + length
    if end < len(chosen):
        space = chosen.rfind(" ", start, end)
        end = space if space > start + length // 2 else end
    passage = chosen[start:end]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(chosen) else ""
    return mark_safe(prefix + highlight(passage, pattern) + suffix)  # noqa: S308


def highlight(text, pattern):
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return "".join(pieces)


def suggestions(raw_query, limit=SUGGESTION_LIMIT):
    """Titles for the search box's autocomplete: units, service areas, registered types."""
    query = " ".join(search_terms(clean_query(raw_query)))
    if len(query) < 2:
        return []
    found = []
    pages = reader_pages(public_pages().type(GuaranteePage, ServiceAreaPage)).specific()
    labels = {t.model: t.hit_label for t in PAGE_TYPES}
    for page in pages.autocomplete(query)[:limit]:
        found.append(
            {
                "title": getattr(page, "display_name", page.title),
                "url": page.get_url() or page.url_path,
                "type": str(labels.get(type(page), "")),
            }
        )
    for searchable in searchable_types():
        queryset = searchable.queryset()
        if not queryset.model.get_autocomplete_search_fields():
            continue
        for obj in queryset.autocomplete(query)[: max(0, limit - len(found))]:
            found.append(
                {"title": obj.title, "url": object_url(obj), "type": str(searchable.hit_label)}
            )
    return found[:limit]
