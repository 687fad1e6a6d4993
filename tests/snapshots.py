"""A database state made once and put back in many tests' own transactions.

Loading the demo (`manage.py load_demo`) costs a quarter of a minute, and the sweeps' world
(tests/sweeps.py) several seconds; a dozen tests need the one and twenty the other. Each is
built once, by the code under test, and its rows are kept (PostgreSQL's binary COPY of every
table, the sequences' positions, the files written under MEDIA_ROOT). A test that needs it gets
the very same rows back inside its own transaction: every table is emptied and refilled there,
so the rollback at its end puts the database back as it was, and a transactional test's flush
empties it as usual.

The demo is built once per test run and shared by the xdist workers through a file; the first
worker that needs it builds it while the others wait for it.
"""

import fcntl
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

# What a binary COPY of a table without rows writes: its 19-byte header and 2-byte trailer.
EMPTY_BINARY_COPY = 21


@dataclass
class Snapshot:
    tables: dict  # table name -> binary COPY of its rows (tables with rows only)
    sequences: dict  # sequence name -> its last value
    media: Path | None = None  # the files written under MEDIA_ROOT while it was built
    extra: dict = field(default_factory=dict)  # what the builder returned, pickled


def _quoted(name):
    return connection.ops.quote_name(name)


def _table_names(cursor):
    cursor.execute(
        "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = current_schema() and c.relkind in ('r', 'p') order by 1"
    )
    return [name for (name,) in cursor.fetchall()]


def capture(media=None, extra=None):
    """The current state of every table (as this transaction sees it), but the shared cache's:
    its generations and rate-limit counts belong to the moment, not to the rows."""
    tables = {}
    with connection.cursor() as cursor:
        names = [name for name in _table_names(cursor) if name != _cache_table()]
        cursor.execute(
            "select sequencename, last_value from pg_sequences "
            "where schemaname = current_schema() and last_value is not null"
        )
        sequences = dict(cursor.fetchall())
    raw = connection.connection  # psycopg's own connection, in the same transaction
    with raw.cursor() as cursor:
        for name in names:
            with cursor.copy(f"COPY {_quoted(name)} TO STDOUT (FORMAT binary)") as copy:
                data = b"".join(bytes(chunk) for chunk in copy)
            if len(data) > EMPTY_BINARY_COPY:
                tables[name] = data
    return Snapshot(tables, sequences, media, extra or {})


def _cache_table():
    return settings.CACHES["shared"].get("LOCATION")


def restore(snapshot, *, keep_other_tables=False):
    """Every table as in `snapshot`, inside the current transaction; sequences only move on
    (setval is not undone by a rollback, so it never goes back).

    With `keep_other_tables`, only the snapshot's own tables (for a snapshot of what a builder
    changed, those it changed) are emptied and refilled: what the test made before in any
    other table (its users, their roles and sessions) stays.
    """
    from home import fragments
    from search import generation as search_generation

    with transaction.atomic(), connection.cursor() as cursor:
        if keep_other_tables:
            # Rows come and go table by table: their references are checked at the commit,
            # as Django's foreign keys always are.
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for name in snapshot.tables:
                cursor.execute(f"DELETE FROM {_quoted(name)}")  # noqa: S608 - from pg_class
        else:
            # TRUNCATE refuses tables with foreign-key checks pending in this transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE " + ", ".join(_quoted(name) for name in _table_names(cursor)))
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        raw = connection.connection
        with raw.cursor() as raw_cursor:
            for name, data in snapshot.tables.items():
                if not data:
                    continue  # a table the snapshot keeps empty
                with raw_cursor.copy(f"COPY {_quoted(name)} FROM STDIN (FORMAT binary)") as copy:
                    copy.write(data)
        if snapshot.sequences:
            cursor.execute(
                "select setval(format('%%I', s.sequencename)::regclass, v.value) "
                "from pg_sequences s join unnest(%s::text[], %s::bigint[]) v(name, value) "
                "on s.sequencename = v.name where s.schemaname = current_schema() "
                "and (s.last_value is null or s.last_value < v.value)",
                [list(snapshot.sequences), list(snapshot.sequences.values())],
            )
    if snapshot.media is not None:
        shutil.copytree(snapshot.media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    forget_cached_rows()
    # Nothing kept from other rows under the same generation is shown or searched.
    fragments.changed()
    search_generation.forget_results()


def forget_cached_rows():
    """Caches of this process that hold rows or ids of a database state now gone: the content
    types, the local cache (Wagtail's site root paths, rate-limit counts)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    ContentType.objects.clear_cache()
    cache.clear()


def build(builder, media, *, changed_only=False):
    """Run `builder()` in a transaction rolled back afterwards, its files under `media`;
    the snapshot of what it made, with what it returned. With `changed_only`, of the tables
    the builder changed only (a table it emptied is kept as empty)."""
    from django.test import override_settings

    media.mkdir(parents=True, exist_ok=True)
    with override_settings(MEDIA_ROOT=str(media)), transaction.atomic():
        before = capture().tables if changed_only else None
        extra = builder()
        snapshot = capture(media, extra)
        transaction.set_rollback(True)
    if before is not None:
        emptied = {name: b"" for name in before if name not in snapshot.tables}
        snapshot.tables = {
            name: data
            for name, data in (snapshot.tables | emptied).items()
            if before.get(name) != data
        }
    forget_cached_rows()
    return snapshot


def shared(name, builder, directory):
    """The snapshot `name`, built once under `directory` by whichever process asks first
    (xdist's workers share `directory`), read from there by the others."""
    directory.mkdir(parents=True, exist_ok=True)
    stored = directory / f"{name}.pickle"
    with open(directory / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stored.exists():
            return pickle.loads(stored.read_bytes())  # noqa: S301 - written by this run
        snapshot = build(builder, directory / f"{name}-media")
        stored.write_bytes(pickle.dumps(snapshot))
        return snapshot


def load_demo():
    """What `manage.py load_demo --force --no-admin` makes, on the migrated database."""
    from io import StringIO

    from django.core.management import call_command

    from tests.factories import restore_migrated_roots

    restore_migrated_roots()
    call_command("load_demo", "--force", "--no-admin", stdout=StringIO())


_kept = {}


def once(name, builder, media_copy):
    """What `builder()` makes, in the current test's transaction: made by the builder the first
    time in this process (its rows and the files under MEDIA_ROOT then kept, under
    `media_copy`), its rows and files put back the times after. Each call returns a fresh
    copy of what the builder returned (pickled model instances, their ids those of the rows)."""
    if name not in _kept:
        made = builder()
        shutil.copytree(settings.MEDIA_ROOT, media_copy, dirs_exist_ok=True)
        _kept[name] = capture(media_copy, {"made": pickle.dumps(made)})
        return made
    snapshot = _kept[name]
    restore(snapshot)
    return pickle.loads(snapshot.extra["made"])  # noqa: S301 - pickled by this process
