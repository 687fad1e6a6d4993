"""What the site search's one statement needs from PostgreSQL (search/engine.py):

- `search_folded`: the text search configuration for languages without a stemmer of their
  own: `simple` with `unaccent` in front, so case and accents fold (search/languages.py);
- a GIN index on the document vector `title || body` of Wagtail's index table, which is the
  expression every search matches against (Wagtail indexes the two columns apart).
"""

from django.db import migrations

FOLDED = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'search_folded') THEN
        CREATE TEXT SEARCH CONFIGURATION search_folded (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION search_folded
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;
"""


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(FOLDED)
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS search_indexentry_document ON {table} "
        "USING gin ((title || body))"
    )


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_indexentry_document")
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS search_folded")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_search_words"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(forwards, backwards)]
