"""`make run`: the demo municipality on one machine, SQLite under var/, mail as files."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - never used outside `make run`
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# SQLite ignores the INCLUDE columns of the feedback compilation's covering index; the
# index is for PostgreSQL, where production runs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
