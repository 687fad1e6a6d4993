"""One migrated database per PostgreSQL server and set of migrations, copied for every test
database.

Django makes a test database by running every migration on an empty one: about fifteen
seconds of CPU here, once per xdist worker and once more for `make test`'s second pytest run
(the tests that restart PostgreSQL). Instead the first process that asks migrates a template
database, and Django creates each test database from it (its `TEST["TEMPLATE"]` setting,
PostgreSQL's `CREATE DATABASE ... TEMPLATE`), where its own `migrate` then finds nothing left
to apply.

The template's name carries a digest of the migrations (every app's migration names, the
content of this project's), so a changed migration makes a new template rather than reusing a
stale one. A PostgreSQL advisory lock lets one process build it while the others wait.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.db import connections

ROOT = Path(__file__).resolve().parents[1]
# Any fixed number: the advisory lock that one process holds while it builds the template.
LOCK_KEY = 7_305_114_031


def migrations_digest():
    """A digest of every installed app's migration files: their names, and the content of
    this project's (read from disk: some apps' migrations query the database on import)."""
    from django.apps import apps

    digest = hashlib.sha256()
    for app in sorted(apps.get_app_configs(), key=lambda app: app.label):
        for path in sorted(Path(app.path, "migrations").glob("*.py")):
            digest.update(f"{app.label}/{path.name}\n".encode())
            if ROOT in path.parents and ".venv" not in path.parts:
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _url(name=None):
    """DATABASE_URL (the server's maintenance database), or the same server's `name`."""
    url = os.environ["DATABASE_URL"]
    return url if name is None else urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _exists(cursor, name):
    cursor.execute("select 1 from pg_database where datname = %s", [name])
    return cursor.fetchone() is not None


def ensure():
    """The name of the migrated template database on this server, built if missing."""
    import psycopg

    name = f"test_template_{migrations_digest()}"
    with (
        psycopg.connect(_url(), autocommit=True) as conn,
        conn.cursor() as cursor,
    ):
        cursor.execute("select pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            if not _exists(cursor, name):
                building = f"{name}_building"
                cursor.execute(f'DROP DATABASE IF EXISTS "{building}"')
                cursor.execute(f'CREATE DATABASE "{building}"')
                subprocess.run(
                    [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                    cwd=ROOT,
                    env={**os.environ, "DATABASE_URL": _url(building)},
                    check=True,
                )
                # Published under its name only once complete: a process that died half-way
                # leaves a "_building" database, dropped by the next one.
                cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
        finally:
            cursor.execute("select pg_advisory_unlock(%s)", [LOCK_KEY])
    return name


def use():
    """Test databases made from now on are copies of the migrated template."""
    connections["default"].settings_dict["TEST"]["TEMPLATE"] = ensure()
