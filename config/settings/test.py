"""Test settings: the real PostgreSQL that `make test` starts, mail kept in memory."""

import os

from .base import *  # noqa: F403

if not os.environ.get("DATABASE_URL"):
    raise RuntimeError(
        "Tests run against PostgreSQL: use `make test`, which starts one, or set DATABASE_URL."
    )

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
