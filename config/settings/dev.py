"""`make run`: the demo municipality on one machine, SQLite under var/, mail as files."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - never used outside `make run`
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# `make run` serves on PORT; links in the demo's mail follow it.
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# SQLite ignores the INCLUDE columns of the feedback compilation's covering index; the
# index is for PostgreSQL, where production runs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
