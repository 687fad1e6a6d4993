"""Trigram matching for misspelled queries (PostgreSQL only).

Wagtail's database backend answers Fuzzy queries with pg_trgm's word_similarity() over the
plain-text columns of its index table; this adds the extension and the GIN indexes that
`manage.py enable_trigram` would, so every fresh database (tests included) has them.
"""

from django.db import migrations


def enable_trigram(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS modelsearch_title_text_trgm ON {table} "
        "USING gin (title_text gin_trgm_ops)"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS modelsearch_body_text_trgm ON {table} "
        "USING gin (body_text gin_trgm_ops)"
    )


def disable_trigram(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS modelsearch_title_text_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS modelsearch_body_text_trgm")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(enable_trigram, disable_trigram)]
