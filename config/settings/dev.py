"""`make run`: the demo municipality on one machine, on its own PostgreSQL under var/postgres
(bin/demo-postgres starts it and sets DATABASE_URL), searched as production is, mail as files."""

import os
from urllib.parse import quote

import dj_database_url

from .base import *  # noqa: F403

# The demo answers as the site does in production: a mistyped address gets the site's own
# Swedish 404 page and an error its 500 page, never Django's technical pages (in English,
# listing every route and setting). Tracebacks still go to the console (LOGGING).
DEBUG = False
# What DEBUG would have given the demo server, without it: `load_demo` may run, WhiteNoise
# serves the static files straight from the apps' folders (no collectstatic, edits seen at
# once), and config/urls.py serves editors' uploads from MEDIA_ROOT.
DEMO_SITE = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - never used outside `make run`
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# The demo's cluster listens on a Unix socket in var/postgres; the default lets `manage.py`
# commands reach it while `make run` serves.
DATABASES = {
    "default": dj_database_url.config(
        default=f"postgres://postgres@{quote(str(VAR_DIR / 'postgres'), safe='')}:5432/kvalitet",  # noqa: F405
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
prepared_statements(DATABASES["default"])  # noqa: F405

# `make run` serves on PORT; links in the demo's mail and API follow it, and load_demo gives
# the Wagtail Site record the same address.
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
