"""The site search on PostgreSQL: hits and facets in one SQL statement over Wagtail's index.

Wagtail's database backend keeps each indexed object's text as stored tsvector columns
(`title`, `body`) in its index table, written by `search/database.py` in the object's own
language. Going through the backend's query compiler costs one ORM query per source and per
facet (pages, each registered type, type counts, area counts, then the hits' pages and
commitments again), and most of a request's time was Python compiling those queries. Here one
statement does it all:

1. `matched`: the index entries whose document (`search_document`, the stored `title ||
   body`, GIN-indexed by migration search/0004) matches any query word, in the reader's
   configuration and the site language's (no other is needed: see 2);
2. `docs`: those entries that the public may find, as the reader of the current language
   finds them, with their type, service area and language: live pages of the searched types
   outside view restrictions and not expired, of the reader's locale, or of the site language
   (Swedish) where no live translation into the reader's exists (an untranslated page is
   found once, as its source, and links to where it stands in the reader's tree); and the
   rows of each registered type's public queryset (search/registry.py), its SQL compiled
   once per search generation (a registered page type, such as good examples, under the
   same rule of locales as pages);
3. per document: which query words it contains (a bit each, in its own language's
   configuration), its rank from its stored vectors alone (title weighted by Wagtail's title
   norm, body, a weight per type); both are computed in `matched`, where the entry is read,
   in each configuration searched, and `docs` keeps those of the document's own, so no vector
   is carried from one step to the next; no text is read for this;
4. the facet counts grouped by type, area and "all words or not"; then, for the best few
   dozen by that rank only, the text: the words as typed weigh in, and the page of hits comes
   back with its text for the excerpt (cut and marked in Python: cheaper than `ts_headline`).

What the statement needs besides the query (page types, areas, restricted paths, locales, the
registered types' SQL, the site's root paths) is the same for every search until something
searchable changes, so each process keeps it under the search generation and the day
(`Catalogue`, search/generation.py).
"""

import functools
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from psycopg import RawCursor
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.search.models import IndexEntry

from guarantees.models import ServiceAreaPage

from .generation import generation
from .languages import config_for_language, default_config, folded_config_exists
from .registry import searchable_types

# At most this many query words are told apart (each is one bit of the match mask); more
# words are searched as part of the last one.
MAX_TERMS = 8
# How much a hit of each kind weighs against another with the same words: a unit's
# guarantee or a service area answers "förskola" better than a proposal that mentions it.
KIND_WEIGHTS = {
    "garantier": 1.6,
    "omraden": 2.2,
    "sidor": 1.0,
    "kommungemensamt": 0.9,
}
REGISTERED_WEIGHT = 0.15
# How many of the best-ranked matches beyond the page asked for have their text read, to
# weigh the words as typed (run_query): a match ranked lower by its vectors is not lifted
# onto the page by that weight.
CANDIDATES = 50
# Up to this many index entries the statement is prepared and PostgreSQL may keep one generic
# plan for it; beyond, it is planned for each search's own words. A generic plan cannot know
# how many entries a word matches (it assumes a few): right for any word of a small index,
# and 60 % dearer than planning anew over the 2,000-unit bench data (20,000 entries), where a
# common word matches nearly all of them (bench/README.md "Search").
PREPARED_UP_TO = 2000
# Wagtail's tsvector weights D, C, B, A (modelsearch's get_sql_weights).
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


@dataclass(frozen=True)
class RegisteredSource:
    key: str
    label: object  # lazily translated text
    hit_label: object
    model: type
    content_type_ids: tuple
    sql: str  # SELECT pk, area_id FROM (the public queryset), its placeholders named
    params: tuple  # (name, value) of each of those placeholders
    has_area: bool
    is_page: bool  # a page type: its hits' title and address come from the page row

    def hit_object(self, pk):
        """A hit's object for its address (`get_absolute_url`), made from its key alone, as
        Django makes a row of `only("pk")` (`Model.from_db`): no query per search; any other
        field its address reads is loaded when it is read."""
        return self.model.from_db(connection.alias, [self.model._meta.pk.attname], [pk])


@dataclass
class Catalogue:
    """What every search needs besides its words, kept per process for one generation."""

    page_types: dict  # content type id -> PageType
    page_content_type_ids: tuple  # every content type a page index entry may have
    areas: list  # live public ServiceAreaPage of every locale, by title
    area_path_length: int
    private_paths: tuple
    configs: dict  # locale id -> text search configuration
    languages: dict  # language code -> locale id
    root_paths: list  # (root url_path, URL prefix), longest first
    registered: list = field(default_factory=list)
    source_locale: int | None = None  # the site language's (Swedish) locale id
    index_entries: int = 0  # entries in Wagtail's index (PREPARED_UP_TO)

    def page_url(self, url_path):
        for root_path, prefix in self.root_paths:
            if url_path.startswith(root_path):
                return prefix + url_path[len(root_path) :]
        return url_path

    def area_of_path(self, path):
        return self.areas_by_path.get(path[: self.area_path_length])

    def reader_locale(self, language_code):
        """The locale id a reader of `language_code` reads; the site language's when the
        language has no locale."""
        return self.languages.get(language_code, self.source_locale)

    def areas_for(self, locale_id):
        """The service areas a reader of `locale_id` sees: those of their own tree (translated
        or standing there untranslated), else the site language's. Found once per catalogue."""
        if locale_id not in self._areas_for:
            own = [area for area in self.areas if area.locale_id == locale_id]
            self._areas_for[locale_id] = own or [
                area for area in self.areas if area.locale_id == self.source_locale
            ]
        return self._areas_for[locale_id]

    def reader_area(self, area, locale_id):
        """The same service area in the reader's tree (the one its facet and hit name)."""
        if area is None:
            return None
        if locale_id not in self._reader_areas:
            self._reader_areas[locale_id] = {
                candidate.translation_key: candidate for candidate in self.areas_for(locale_id)
            }
        return self._reader_areas[locale_id].get(area.translation_key, area)

    def versions_of(self, area):
        """The service area in every locale: a hit in any of them is in it."""
        return [a for a in self.areas if a.translation_key == area.translation_key]

    def __post_init__(self):
        # Filled as readers of each locale search (the catalogue is shared by the threads of
        # a process: each entry is built whole before it is stored, and built alike by any).
        self._areas_for, self._reader_areas = {}, {}
        self.areas_by_path = {area.path: area for area in self.areas}
        self.areas_by_pk = {area.pk: area for area in self.areas}
        self.language_of = {pk: code for code, pk in self.languages.items()}


_kept = {}


def catalogue(page_types):
    """The catalogue of the current generation and day: built once per process and kept
    until either changes; built afresh each time when the shared cache does not answer."""
    key = (generation(), timezone.localdate())
    if key[0] is not None and _kept.get("key") == key:
        return _kept["value"]
    value = _build_catalogue(page_types)
    if key[0] is not None:
        _kept.clear()
        _kept.update(key=key, value=value)
    return value


def _descendant_content_type_ids(model):
    models = [m for m in _all_subclasses(model) if not m._meta.abstract]
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def _all_subclasses(model):
    found = [model]
    for sub in model.__subclasses__():
        found.extend(_all_subclasses(sub))
    return found


def _root_paths():
    paths = []
    for root in Site.get_site_root_paths():
        try:
            with translation.override(root.language_code):
                prefix = reverse("wagtail_serve", args=("",))
        except NoReverseMatch:
            continue
        paths.append((root.root_path, prefix))
    return sorted(paths, key=lambda item: -len(item[0]))


def _build_catalogue(page_types):
    private = Page.objects.private_q()
    page_types_by_ct = {}
    for page_type in page_types:
        for ct_id in _descendant_content_type_ids(page_type.model):
            page_types_by_ct.setdefault(ct_id, page_type)
    areas = list(ServiceAreaPage.objects.live().exclude(private).order_by("title"))
    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    folded = folded_config_exists()
    configs, languages = {}, {}
    for locale in Locale.objects.all():
        config = config_for_language(locale.language_code)
        configs[locale.pk] = config if (folded or config != "search_folded") else "simple"
        languages[locale.language_code] = locale.pk
    registered = []
    for ri, searchable in enumerate(searchable_types()):
        queryset = searchable.queryset()
        model = queryset.model
        columns = ["pk"]
        if searchable.area_field:
            columns.append(model._meta.get_field(searchable.area_field).attname)
        sql, params = queryset.order_by().values_list(*columns).query.sql_with_params()
        # Named once here for the statement, which names all its placeholders.
        sql, params = _named_placeholders(sql, params, f"r{ri}_")
        registered.append(
            RegisteredSource(
                key=searchable.key,
                # Kept lazy: the catalogue serves readers of every language.
                label=searchable.label,
                hit_label=searchable.hit_label,
                model=model,
                content_type_ids=tuple(_descendant_content_type_ids(model)),
                sql=sql,
                params=tuple(params.items()),
                has_area=bool(searchable.area_field),
                is_page=issubclass(model, Page),
            )
        )
    return Catalogue(
        page_types=page_types_by_ct,
        page_content_type_ids=tuple(_descendant_content_type_ids(Page)),
        areas=areas,
        area_path_length=len(areas[0].path) if areas else 0,
        private_paths=tuple(restricted),
        configs=configs,
        languages=languages,
        root_paths=_root_paths(),
        registered=registered,
        index_entries=IndexEntry.objects.count(),
        source_locale=languages.get(settings.LANGUAGE_CODE),
    )


# The query ----------------------------------------------------------------------------------


def tsquery_text(variants_per_term):
    """`to_tsquery` input for words given as lists of variants: each variant quoted (so no
    character of what a resident typed is an operator) and matching as a prefix."""

    def quoted(word):
        return "'" + word.replace("\\", "\\\\").replace("'", "''") + "':*"

    return " | ".join(quoted(v) for variants in variants_per_term for v in variants)


@dataclass
class Row:
    full: bool
    mask: int
    kind: str
    area: object
    pk: int
    title: str
    url_path: str
    text: str  # the document's text, for the excerpt
    source: object  # "pages" or a RegisteredSource
    language: str = ""  # the hit's language code when it is not the reader's
    # A bit for each word its text's configuration ignores (a stop word: "att", "det"): the
    # search does not look for it, so the excerpt does not mark it either.
    ignored: int = 0


@dataclass
class Result:
    facet_rows: list  # (full, kind key, area slug or None, count)
    rows: list


def run_query(cat, terms, variants, *, type_key, area, offset, limit, reader_locale):
    """One statement: facet counts and the hits `offset:offset+limit` for `terms` (at most
    MAX_TERMS), each a list of variants, as a reader of `reader_locale` (a language code)
    finds them: the pages of their own locale, and the site language's pages that have no
    live translation into it. Returns a Result."""
    reader = cat.reader_locale(reader_locale)
    source = cat.source_locale
    reader_config = cat.configs.get(reader, default_config())
    configs = sorted({reader_config, default_config()})
    params = {}

    def param(name, value):
        params[name] = value
        return f"%({name})s"

    # Prepared on a small index, where PostgreSQL keeps one generic plan per shape of
    # statement; planned for its own words on a large one (PREPARED_UP_TO).
    prepared = cat.index_entries <= PREPARED_UP_TO

    def tsquery(config_param, text_param):
        """A query word list as a tsquery. A generic plan would parse it again (stemming
        every word) for each index entry it is tested on, three to four times the cost of a
        seq scan over the demo's; as a sub-select it is an init plan, parsed once per
        search. A plan for the search's own words folds it to a constant anyway, which it
        needs to estimate how many entries match."""
        expr = f"to_tsquery({config_param}::regconfig, {text_param})"
        return f"(SELECT {expr})" if prepared else expr

    n = len(terms)
    full_mask = (1 << n) - 1
    # Per configuration: the any-word query and one query per word.
    any_q, word_q = {}, {}
    for ci, config in enumerate(configs):
        reg = param(f"cfg{ci}", config)
        any_q[config] = tsquery(reg, param(f"any{ci}", tsquery_text(variants)))
        word_q[config] = [
            tsquery(reg, param(f"w{ci}_{i}", tsquery_text([variants[i]]))) for i in range(n)
        ]

    def of_config(ci, column):
        """`matched`'s `column` (mask or rank) in the configuration the SQL `ci` names."""
        if len(configs) == 1:
            return f"m.{column}0"
        whens = " ".join(f"WHEN {i} THEN m.{column}{i}" for i in range(len(configs)))
        return f"CASE {ci} {whens} END"

    def mask_of(config):
        if n == 1 and len(configs) == 1:
            # Every match holds the one word: it is what `matched` matched.
            return "1"
        bits = [
            f"(CASE WHEN numnode({q}) = 0 OR e.search_document @@ {q} THEN {1 << i} ELSE 0 END)"
            for i, q in enumerate(word_q[config])
        ]
        return " + ".join(bits)

    reader_p, source_p = param("reader", reader), param("source", source)
    if reader is None:  # no locale at all (a database before its first migration's data)
        in_reader_locale = "TRUE"
    elif reader == source:
        in_reader_locale = f"p.locale_id = {reader_p}"
    else:
        in_reader_locale = f"""(p.locale_id = {reader_p}
               OR (p.locale_id = {source_p} AND NOT EXISTS (
                   SELECT 1 FROM wagtailcore_page t
                   WHERE t.translation_key = p.translation_key AND t.locale_id = {reader_p}
                     AND t.live AND t.alias_of_id IS NULL)))"""  # noqa: S608 (placeholders)
    reader_ci, default_ci = configs.index(reader_config), configs.index(default_config())
    page_ci = (
        str(default_ci)
        if reader_ci == default_ci
        else f"CASE WHEN p.locale_id = {reader_p} THEN {reader_ci} ELSE {default_ci} END"
    )
    match_any = " OR ".join(f"e.search_document @@ {any_q[c]}" for c in configs)
    kind_weight = " ".join(
        f"WHEN p.content_type_id = ANY({param(f'kt{i}', list(ids))}::integer[]) THEN {weight}"
        for i, (weight, ids) in enumerate(_weights_by_content_type(cat).items())
    )
    # Read live, not kept: an end date passes without any change a signal would tell. Once
    # per statement (a hashed subplan), not per match.
    today = param("today", timezone.localdate())
    page_cts = param("page_cts", list(cat.page_content_type_ids))
    page_types = param("page_types", list(cat.page_types))
    private = param("private", [path + "%" for path in cat.private_paths])
    # A page of the reader's locale, or a page of the site language (Swedish) with no live
    # translation into the reader's: an untranslated page is found once, as its source. An
    # alias (an untranslated page standing in another tree) holds its source's text and is
    # never a hit of its own; the hit links to it (below) so the reader stays in their tree.
    # Only placeholders and names of our own are put into the SQL text, never a value.
    sources = [
        f"""
        SELECT 'pages'::text AS src, p.id AS pk, p.content_type_id::text AS kind,
               substr(p.path, 1, {int(cat.area_path_length or 1)}) AS area,
               p.path AS path, p.locale_id AS locale,
               (p.locale_id IS NOT DISTINCT FROM {reader_p}) AS own,
               CASE {kind_weight} ELSE 1.0 END AS weight,
               m.eid, {of_config(page_ci, "mask")} AS mask, {of_config(page_ci, "rank")} AS rank
        FROM matched m
        JOIN wagtailcore_page p ON p.id = m.object_id::integer
        WHERE m.content_type_id = ANY({page_cts}::integer[])
          AND p.live
          AND p.alias_of_id IS NULL
          AND p.content_type_id = ANY({page_types}::integer[])
          AND NOT (p.path LIKE ANY({private}::text[]))
          AND p.id NOT IN (
              SELECT x.page_ptr_id FROM guarantees_guaranteepage x WHERE x.valid_to < {today})
          AND {in_reader_locale}
        """  # noqa: S608
    ]
    for ri, registered in enumerate(cat.registered):
        area_column = "r.area::text" if registered.has_area else "NULL::text"
        # The registered queryset's own SQL and values (their names are the catalogue's).
        inner = registered.sql
        params.update(registered.params)
        content_types = param(f"rct{ri}", list(registered.content_type_ids))
        if registered.is_page:
            # A registered page type is found as pages are: in the reader's locale, or the
            # site language's where no live translation into the reader's exists; its alias
            # (the same page standing in another tree) is never a hit of its own.
            page_join = "JOIN wagtailcore_page p ON p.id = r.pk"
            page_rule = f"AND p.alias_of_id IS NULL AND {in_reader_locale}"
            locale, own = "p.locale_id", f"(p.locale_id IS NOT DISTINCT FROM {reader_p})"
            mask, rank = of_config(page_ci, "mask"), of_config(page_ci, "rank")
        else:
            page_join = page_rule = ""
            locale = f"{source_p}::integer"
            own = f"({source_p}::integer IS NOT DISTINCT FROM {reader_p}::integer)"
            mask, rank = f"m.mask{default_ci}", f"m.rank{default_ci}"
        sources.append(
            f"""
        SELECT {param(f"src{ri}", registered.key)}::text, r.pk,
               {param(f"srck{ri}", registered.key)}::text,
               {area_column}, NULL::text, {locale}, {own}, {REGISTERED_WEIGHT},
               m.eid, {mask}, {rank}
        FROM matched m
        JOIN ({inner}) AS r({"pk, area" if registered.has_area else "pk"})
          ON r.pk::text = m.object_id
        {page_join}
        WHERE m.content_type_id = ANY({content_types}::integer[]) {page_rule}
        """  # noqa: S608
        )
    filters = []
    if type_key:
        page_cts = [str(ct) for ct, t in cat.page_types.items() if t.key == type_key]
        filters.append(f"(s.kind = ANY({param('f_kinds', page_cts + [type_key])}::text[]))")
    if area is not None:
        # The area in every locale: an untranslated hit stands under the Swedish one.
        versions = cat.versions_of(area) or [area]
        paths = param("f_path", [version.path + "%" for version in versions])
        pks = param("f_area", [str(version.pk) for version in versions])
        filters.append(
            f"((s.src = 'pages' AND s.path LIKE ANY({paths}::text[])) "
            f"OR (s.src <> 'pages' AND s.area = ANY({pks}::text[])))"
        )
    window_filter = " AND ".join(filters) or "TRUE"

    def rank_of(config):
        weights = param("rw", RANK_WEIGHTS)
        return (
            f"(ts_rank({weights}::float4[], e.title, {any_q[config]}) * e.title_norm * 2"
            f" + ts_rank({weights}::float4[], e.body, {any_q[config]}))"
        )

    # Which words each match holds and its rank, in each configuration searched (one, for a
    # reader of the site language); each document keeps those of its own (`docs`). Computed
    # where the entry is read, so no vector is carried further.
    per_entry = ", ".join(
        f"{mask_of(c)} AS mask{ci}, {rank_of(c)} AS rank{ci}" for ci, c in enumerate(configs)
    )
    # The stored vectors hold stems only, so "terminens" meets every "termin…": a hit that
    # holds a word as typed counts half again as much per word. That needs the text, so it is
    # weighed only for the best candidates by the rank of the vectors (below). The word is
    # looked for as running text writes it, in lower case or capitalised: lowering each
    # candidate's whole text (`lower()`, a character at a time) cost a quarter of the
    # statement (bench/README.md "Search").
    exact = " + ".join(
        f"(CASE WHEN strpos(c.text, {param(f'x{i}', word)}) > 0"
        f" OR strpos(c.text, {param(f'xc{i}', word.capitalize())}) > 0 THEN 0.5 ELSE 0 END)"
        for i, word in enumerate(terms)
    )
    # The sources whose hits are pages: their title and address come from the page row. A
    # registered type of another kind keeps the title its index entry holds.
    page_sources = param("page_sources", ["pages", *(r.key for r in cat.registered if r.is_page)])
    # Per configuration searched: the words it ignores (stop words), a bit each.
    ignored_rows = ""
    for ci, config in enumerate(configs):
        bits = " + ".join(
            f"(CASE WHEN numnode({q}) = 0 THEN {1 << i} ELSE 0 END)"
            for i, q in enumerate(word_q[config])
        )
        ignored_rows += f"""
    SELECT 2, NULL::boolean, '{ci}'::text, NULL::text, NULL::bigint, NULL::integer, NULL::text,
           NULL::text, NULL::text, ({bits}), NULL::text, NULL::real, NULL::integer
    UNION ALL"""
    # Two steps: every match is counted and ranked from its stored vectors alone (no text is
    # read); the text, title and address are read for the best `candidates` of them only.
    candidates = int(offset) + int(limit) + CANDIDATES
    sql = f"""
    WITH matched AS (
        SELECT e.id AS eid, e.content_type_id, e.object_id, {per_entry}
        FROM wagtailsearch_indexentry e
        WHERE {match_any}
    ),
    docs AS ({" UNION ALL ".join(sources)}),
    scored AS MATERIALIZED (
        SELECT s.* FROM (
            SELECT d.src, d.pk, d.kind, d.area, d.path, d.locale, d.own, d.eid,
                   d.mask, d.rank * d.weight AS base
            FROM docs d
        ) s
        WHERE s.mask > 0
    ),
    flagged AS (
        SELECT s.*, (s.mask = {full_mask}) AS full_match FROM scored s
    ),
    facets AS (
        SELECT full_match, kind, area, count(*) AS n FROM flagged GROUP BY 1, 2, 3
    ),
    best AS (
        SELECT * FROM flagged s WHERE {window_filter}
        ORDER BY full_match DESC, own DESC, base DESC, pk DESC
        LIMIT {candidates}
    ),
    texts AS (
        SELECT b.*, CASE WHEN b.src = 'pages' THEN COALESCE(NULLIF(g.unit_name, ''), p.title)
                         ELSE COALESCE(p.title, e.title_text) END AS title,
               p.url_path,
               CASE WHEN b.src = 'pages'
                    THEN e.body_text || ' ' || substr(e.title_text, length(p.title) + 2)
                    ELSE e.body_text END AS text
        FROM best b
        JOIN wagtailsearch_indexentry e ON e.id = b.eid
        LEFT JOIN wagtailcore_page p ON b.src = ANY({page_sources}::text[]) AND p.id = b.pk
        LEFT JOIN guarantees_guaranteepage g ON b.src = 'pages' AND g.page_ptr_id = b.pk
    ),
    window_rows AS (
        SELECT c.*, c.base * (1 + {exact}) AS score FROM texts c
        ORDER BY full_match DESC, own DESC, score DESC, pk DESC
        LIMIT {int(limit)} OFFSET {int(offset)}
    )
    SELECT 0 AS part, full_match, kind, area, n, NULL::integer, NULL::text, NULL::text,
           NULL::text, NULL::integer, NULL::text, NULL::real, NULL::integer
    FROM facets
    UNION ALL{ignored_rows}
    SELECT 1, w.full_match, w.kind, w.area, NULL, w.pk, w.src, w.title,
           -- An untranslated page links to where it stands in the reader's tree, if it does.
           CASE WHEN w.own OR w.url_path IS NULL THEN w.url_path ELSE COALESCE((
               SELECT a.url_path FROM wagtailcore_page a
               WHERE a.alias_of_id = w.pk AND a.locale_id = {reader_p} AND a.live
               ORDER BY a.id LIMIT 1), w.url_path) END,
           w.mask, w.text, w.score, w.locale
    FROM window_rows w
    """  # noqa: S608
    # Prepared as the connection says (None: its prepare_threshold) on a small index; never
    # on a large one.
    prepare = None if prepared else False
    text, names = numbered(sql)
    with statement_cursor() as cursor:
        cursor.run(text, [params[name] for name in names], prepare)
        raw = cursor.fetchall()
    registered = {source.key: source for source in cat.registered}
    facet_rows, rows, ignored = [], [], {}
    for (
        part,
        full,
        kind,
        area_value,
        n,
        pk,
        src,
        title,
        url_path,
        mask,
        text,
        _score,
        locale,
    ) in raw:
        if part == 0:
            facet_rows.append((full, kind, area_value, n))
            continue
        if part == 2:
            ignored[int(kind)] = mask
            continue
        rows.append(
            Row(
                full=full,
                mask=mask,
                kind=kind,
                area=area_value,
                pk=pk,
                title=title or "",
                url_path=url_path or "",
                text=text or "",
                source="pages" if src == "pages" else registered[src],
                # The language of the hit's text when it is not the reader's.
                language="" if locale == reader else cat.language_of.get(locale, ""),
            )
        )
    for row in rows:
        # A hit is matched in its own configuration: the reader's for a page of the reader's
        # locale, the site language's for any other (`page_ci` above).
        row.ignored = ignored[reader_ci if row.language == "" else default_ci]
    # The window comes back in the order asked for; UNION ALL keeps it.
    return Result(facet_rows=facet_rows, rows=rows)


@functools.lru_cache(maxsize=256)
def numbered(sql):
    """The statement with its named placeholders (`%(name)s`) numbered (`$1`) in order of
    first use, and the names in that order; a literal `%%` becomes `%`. Kept per text: every
    search of one shape sends the same text, and psycopg, which does this itself for a
    `%(name)s` statement, keeps its work only for short statements and parsed this one anew
    on every search."""
    names = []

    def number(match):
        name = match.group(1)
        if name is None:
            return "%"
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    return re.sub(r"%\(([^)]+)\)s|%%", number, sql), tuple(names)


class _StatementCursor(CursorWrapper):
    """Django's cursor wrapper (its error translation and execute wrappers) around psycopg's
    RawCursor, which sends the text as it is, with `$n` placeholders, and has the server bind
    the values: the text is the same for every search of its shape, and PostgreSQL can keep
    its plan."""

    def run(self, sql, params, prepare):
        def executor(sql, params, many, context):
            with self.db.wrap_database_errors:
                return self.cursor.execute(sql, params, prepare=prepare)

        return self._execute_with_wrappers(sql, params, many=False, executor=executor)


class _LoggedStatementCursor(_StatementCursor, CursorDebugWrapper):
    """Django's debug cursor (tests' CaptureQueriesContext, DEBUG) logs what the server was
    sent, `$1` text; logged with the values in, as the ORM's statements are, it reads (and
    EXPLAINs) as before."""

    def run(self, sql, params, prepare):
        with self.debug_sql(_with_values(sql, params)):
            return super().run(sql, params, prepare)


def _with_values(sql, params):
    return re.sub(
        r"\$(\d+)",
        lambda match: connection.ops.compose_sql("%s", [params[int(match.group(1)) - 1]]),
        sql,
    )


def statement_cursor():
    """A cursor on Django's connection for the search statement (`_StatementCursor`),
    prepared on its first use per connection when the connection's `prepare_threshold` says
    so (config/settings/base.py `prepared_statements`). Django's own cursors bind values
    client-side and never prepare."""
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = RawCursor(connection.connection)
    if connection.queries_logged:
        return _LoggedStatementCursor(raw, connection)
    return _StatementCursor(raw, connection)


def _weights_by_content_type(cat):
    weights = {}
    for ct_id, page_type in cat.page_types.items():
        weight = KIND_WEIGHTS.get(page_type.key, 1.0)
        weights.setdefault(weight, []).append(ct_id)
    return weights


_PLACEHOLDER = re.compile(r"%s")


def _named_placeholders(sql, values, prefix):
    """Django compiles a queryset with positional `%s`; the statement uses named ones. The
    SQL with `%(<prefix><n>)s` in their place, and their values by name."""
    values = list(values)
    params = {}
    counter = iter(range(len(values)))

    def named(_match):
        i = next(counter)
        params[f"{prefix}{i}"] = values[i]
        return f"%({prefix}{i})s"

    # A literal percent sign in compiled SQL is written `%%`, which stays as it is.
    return _PLACEHOLDER.sub(named, sql.replace("%%", "\x00")).replace("\x00", "%%"), params


def closest_words(terms):
    """Each word's closest indexed word (search/models.py SearchWord), in one statement; the
    words table is built first when a search finds it never was."""
    from .models import SearchWord

    found = _closest_words(terms)
    if not any(found) and not SearchWord.objects.exists():
        SearchWord.rebuild()
        found = _closest_words(terms)
    return [word or term for word, term in zip(found, terms, strict=True)]


def _closest_words(terms):
    from .models import SIMILARITY, SearchWord

    table = connection.ops.quote_name(SearchWord._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT t.term, (
                SELECT w.word FROM {table} w
                WHERE w.word %% t.term AND similarity(w.word, t.term) >= %s
                ORDER BY similarity(w.word, t.term) DESC, w.word LIMIT 1
            )
            FROM unnest(%s::text[]) WITH ORDINALITY AS t(term, n) ORDER BY t.n
            """,  # noqa: S608 (only a quoted table name is interpolated)
            [SIMILARITY, [term.lower() for term in terms]],
        )
        return [row[1] for row in cursor.fetchall()]
