"""Pages made in bulk for the benches: bench/generate.py's news articles on this site and
bench/bakerydemo.py's blog posts on the reference site, in whichever Django runs it.

Wagtail's tree API saves one page at a time (a revision, signals, the parent's row again);
twenty thousand pages that way take most of an hour. Here one `INSERT ... SELECT FROM unnest`
per table writes all of one parent's new children, with the paths treebeard would give them
(the parent's path and four base-36 digits a step), and the parent's `numchild` is set once.
Every column not named gets its model default, so a field added later needs no change here.
The caller indexes the pages for search afterwards (Wagtail's backend `add_bulk`).
"""

from django.db import connection
from wagtail.models import Page

_BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# What add_children writes of each page's row in wagtailcore_page.
_PAGE_COLUMNS = [
    "path", "depth", "numchild", "title", "draft_title", "slug", "url_path", "live",
    "has_unpublished_changes", "first_published_at", "last_published_at", "content_type_id",
    "locale_id", "translation_key",
]  # fmt: skip


def path_step(n):
    """The n-th child's step of a treebeard path (Page.steplen 4, base 36)."""
    digits = ""
    for _ in range(4):
        n, rest = divmod(n, 36)
        digits = _BASE36[rest] + digits
    return digits


def _defaults(fields):
    """Each field's model default as the database stores it (NULL where it may be)."""
    return [None if f.null else f.get_db_prep_save(f.get_default(), connection) for f in fields]


def add_children(cursor, parent, model, *, titles, slugs, published, keys, own):
    """Live pages of `model` after `parent`'s last child (`parent` as its row stands), one per
    title (with its slug, publication time and translation key), in `parent`'s locale; `own`
    holds the model's own columns as (column, SQL type of the values, SQL of the stored value
    from `{}`, values), e.g. ("body", "text", "'<p>' || {} || '</p>'", bodies). Answers the
    new pages' ids."""
    first = parent.numchild + 1
    count = len(titles)
    page_rest = [
        f for f in Page._meta.concrete_fields if f.column not in _PAGE_COLUMNS and f.column != "id"
    ]
    columns = ", ".join(_PAGE_COLUMNS + [f.column for f in page_rest])
    cursor.execute(
        f"""
        INSERT INTO {Page._meta.db_table} ({columns})
        SELECT path, %s, 0, title, title, slug, %s || slug || '/', true, false, at, at, %s, %s,
               key::uuid {"".join(", %s" for _ in page_rest)}
        FROM unnest(%s::text[], %s::text[], %s::text[], %s::timestamptz[], %s::text[])
             AS t(path, title, slug, at, key)
        RETURNING id
        """,  # noqa: S608 (column names from the model, values bound)
        [
            parent.depth + 1,
            parent.url_path,
            _content_type_id(model),
            parent.locale_id,
            *_defaults(page_rest),
            [parent.path + path_step(n) for n in range(first, first + count)],
            titles,
            slugs,
            published,
            keys,
        ],
    )
    ids = [row[0] for row in cursor.fetchall()]
    named = {"page_ptr_id"} | {column for column, _type, _sql, _values in own}
    rest = [
        f for f in model._meta.local_concrete_fields if f.column not in named and f.column != "id"
    ]
    columns = ["page_ptr_id", *(column for column, *_ in own), *(f.column for f in rest)]
    stored = [sql.format(f"t.c{i}") for i, (_column, _type, sql, _values) in enumerate(own)]
    arrays = "".join(f", %s::{sql_type}[]" for _column, sql_type, _sql, _values in own)
    cursor.execute(
        f"""
        INSERT INTO {model._meta.db_table} ({", ".join(columns)})
        SELECT t.id, {", ".join(stored)} {"".join(", %s" for _ in rest)}
        FROM unnest(%s::bigint[]{arrays}) AS t(id{"".join(f", c{i}" for i in range(len(own)))})
        """,  # noqa: S608 (column names and SQL of our own, values bound)
        [*_defaults(rest), ids, *(values for *_, values in own)],
    )
    cursor.execute(
        f"UPDATE {Page._meta.db_table} SET numchild = numchild + %s WHERE id = %s",
        [count, parent.pk],
    )
    return ids


def _content_type_id(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk
