"""Where a personal identity number could end up: every table, every session, both caches, the
log and the pages. The sweep in test_privacy.py asks each place; a planted number proves that
each place is really read."""

import base64
import logging
import pickle

from django.contrib.sessions.backends.db import SessionStore
from django.core.cache.backends.locmem import _caches
from django.db import connection


def spellings(number):
    """The ways one number is written: 12 or 10 digits, with or without the hyphen."""
    return {number, f"{number[:8]}-{number[8:]}", number[2:], f"{number[2:8]}-{number[8:]}"}


def _found(text, numbers):
    return sorted({n for number in numbers for n in spellings(number) if n in text})


def in_tables(numbers):
    """Each table (sessions and the shared cache read decoded below) as its rows' text."""
    places = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT t::text FROM "{table}" t')  # noqa: S608 - our own table names
            text = "\n".join(row[0] for row in cursor.fetchall())
            places += [(f"table {table}", n) for n in _found(text, numbers)]
    return places


def in_sessions(numbers):
    places = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_key, session_data FROM django_session")
        for key, data in cursor.fetchall():
            decoded = repr(SessionStore().decode(data))
            places += [(f"session {key[:6]}", n) for n in _found(decoded, numbers)]
    return places


def in_caches(numbers):
    """The shared cache (a table of pickled values) and each process-local cache."""
    places = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value FROM django_cache")
        for key, value in cursor.fetchall():
            decoded = repr(pickle.loads(base64.b64decode(value)))  # noqa: S301 - our own cache
            places += [(f"shared cache {key}", n) for n in _found(decoded, numbers)]
    for name, entries in _caches.items():
        for key, value in list(entries.items()):
            decoded = repr(pickle.loads(value))  # noqa: S301 - our own cache
            places += [
                (f"local cache {name or 'default'} {key}", n) for n in _found(decoded, numbers)
            ]
    return places


def in_log(records, numbers):
    places = []
    for record in records:
        text = f"{record.name} {record.getMessage()} {record.exc_text or ''}"
        places += [(f"log {record.name}", n) for n in _found(text, numbers)]
    return places


def in_pages(pages, numbers):
    return [(f"page {url}", n) for url, body in pages for n in _found(body, numbers)]


class EveryRecord(logging.Handler):
    """Keeps every log record of every logger, at every level, while installed."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        if record.exc_info:
            self.format(record)  # fills record.exc_text: a traceback could hold a number
        self.records.append(record)

    def __enter__(self):
        root = logging.getLogger()
        self._level = root.level
        root.setLevel(logging.DEBUG)
        root.addHandler(self)
        return self

    def __exit__(self, *exc):
        root = logging.getLogger()
        root.removeHandler(self)
        root.setLevel(self._level)
