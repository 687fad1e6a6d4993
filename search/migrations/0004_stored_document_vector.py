"""The document every search matches, `title || body` of Wagtail's index table, as a stored
column (`search_document`, a generated column PostgreSQL keeps up to date on every write by
Wagtail's indexer) with its own GIN index, in place of migration 0003's index on the
expression: the one statement (search/engine.py) then reads each match's document as stored
instead of joining its two vectors again for every word it tests.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    schema_editor.execute(
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_document tsvector "
        "GENERATED ALWAYS AS (title || body) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS search_indexentry_stored_document ON {table} "
        "USING gin (search_document)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS search_indexentry_document")


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS search_indexentry_document ON {table} "
        "USING gin ((title || body))"
    )
    schema_editor.execute("DROP INDEX IF EXISTS search_indexentry_stored_document")
    schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_languages_and_document_index")]

    operations = [migrations.RunPython(forwards, backwards)]
