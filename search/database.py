"""The embedded search backend: Wagtail's database backend on PostgreSQL (stored tsvector
columns with GIN indexes in Wagtail's index table, trigram typo tolerance), with every query
word also matching as a prefix, and each object indexed in its own language.

Swedish writes compounds as one word, so "Kvarnby" must find "Kvarnbyskolan" as the
autocomplete does, and "förskola" "förskoleklass". Settings name this module as BACKEND;
Wagtail takes the class from its `SearchBackend` attribute. The site search reads the same
index table with one SQL statement of its own (search/engine.py).
"""

import copy
from collections import defaultdict

from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from .languages import config_for_object


class PrefixQueryCompiler(PostgresSearchQueryCompiler):
    # Each query word reaches the backend as a PlainText of its own (search/query.py), so
    # "the last term" that Wagtail lets match as a prefix is every word.
    LAST_TERM_IS_PREFIX = True


class LocaleIndex(PostgresIndex):
    """Index each object with its locale's text search configuration (search/languages.py):
    Wagtail's indexer takes one configuration from the backend, so objects are written in
    groups, each through a copy of the backend that names its group's configuration."""

    def add_items(self, model, objs):
        groups = defaultdict(list)
        for obj in objs:
            groups[config_for_object(obj)].append(obj)
        for config, group in groups.items():
            if config == self.backend.config:
                super().add_items(model, group)
            else:
                backend = copy.copy(self.backend)
                backend.config = config
                PostgresIndex(backend).add_items(model, group)


class SwedishDatabaseSearchBackend(PostgresSearchBackend):
    query_compiler_class = PrefixQueryCompiler
    index_class = LocaleIndex


SearchBackend = SwedishDatabaseSearchBackend
