"""The embedded search backend: Wagtail's database backend on PostgreSQL (SEARCH_CONFIG
"swedish", trigram typo tolerance), with every query word also matching as a prefix.

Swedish writes compounds as one word, so "Kvarnby" must find "Kvarnbyskolan" as the
autocomplete does, and "förskola" "förskoleklass". Settings name this module as BACKEND;
Wagtail takes the class from its `SearchBackend` attribute.
"""

from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)


class PrefixQueryCompiler(PostgresSearchQueryCompiler):
    # Each query word reaches the backend as a PlainText of its own (search/query.py), so
    # "the last term" that Wagtail lets match as a prefix is every word.
    LAST_TERM_IS_PREFIX = True


class SwedishDatabaseSearchBackend(PostgresSearchBackend):
    query_compiler_class = PrefixQueryCompiler


SearchBackend = SwedishDatabaseSearchBackend
