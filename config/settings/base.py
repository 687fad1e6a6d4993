"""Settings shared by every environment. Environment-specific files import from here."""

import json
import os
import zoneinfo
from pathlib import Path

import dj_database_url
import django.conf.locale

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    # Our rooms, one per thing a reader can name.
    "home",
    "guarantees",
    "guarantees.followup",
    "kolada",
    "feedback",
    "proposals",
    "award",
    "examples",
    "search",
    "staff",
    "identity",  # before wagtail.admin: its login page template comes first
    "outbox",
    "open311",
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    # Page trees per locale, synchronised from Swedish and translated in the admin
    # (docs/architecture.md, "Languages"). wagtail_localize.locales replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "staff.apps.StaffUsersConfig",  # wagtail.users, with the role groups only
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Security headers first: every answer passes back through them, including the 400s that
    # the middleware below and Django's own host check (CommonMiddleware) raise.
    "django.middleware.security.SecurityMiddleware",
    # The URL's language for every answer, the early refusals below included (LocaleMiddleware
    # further down then decides as Django does).
    "home.middleware.LanguageOfThePathMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # /open311/v2/: CORS, OPTIONS, HEAD, and every failure in GeoReport's error list, also
    # the refusals of the middleware below (open311/middleware.py).
    "open311.middleware.Open311Middleware",
    # A request naming a charset it cannot be read with gets the Swedish 400 (home/middleware.py).
    "home.middleware.RefuseUndecodableRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Who may keep each answer (home/caching.py): outside the session, CSRF and auth
    # middleware, so that it sees every cookie they set.
    "home.caching.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A body over its cap gets the Swedish 413 before it is read (home/middleware.py).
    "home.middleware.RequestSizeLimitMiddleware",
    # A page request's Site and home page, found once per publish (home/fragments.py).
    "home.fragments.KeptSiteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Every 405 in Swedish, Django REST framework's too (home/middleware.py).
    "home.middleware.MethodNotAllowedMiddleware",
    # A delete that PROTECT refuses is explained, not a 500 (home/middleware.py).
    "home.middleware.ProtectedDeletionMiddleware",
    # A missing form field, a NUL character or a `next` that is no URL, in the admin: 400
    # (home/middleware.py).
    "home.middleware.RefuseMalformedAdminRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Passwords as Django checks them, refused when IDENTITY_LOCAL_PASSWORDS is off (identity/staff.py).
AUTHENTICATION_BACKENDS = ["identity.staff.PasswordBackend"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # site/ is the shell every page wears: base template, header, footer, error pages.
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}


def prepared_statements(database):
    """PostgreSQL keeps the plan of a statement that asks for it (the site search,
    search/engine.py), prepared on its first use per connection. Django's own cursors bind
    values client-side and never prepare, so no other statement is affected. A connection
    pooler in transaction mode loses prepared statements (pgbouncer before 1.21):
    DATABASE_PREPARED_STATEMENTS=0 turns them off (the search then runs unprepared)."""
    if "postgresql" in database.get("ENGINE", "") and (
        os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") != "0"
    ):
        database.setdefault("OPTIONS", {})["prepare_threshold"] = 0


prepared_statements(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Swedish is the source; residents read in every language below (docs/architecture.md,
# "Languages"). Each is named in itself: that is how the language switch shows it.
# Easy-to-read Swedish ("lättläst") is the private-use tag sv-x-easy: its interface strings
# fall back to Swedish's catalogue (Django's to_locale gives sv_X-easy, which gettext expands
# to sv) and its pages to the Swedish source.
LANGUAGE_CODE = "sv"
LANGUAGES = [
    ("sv", "Svenska"),
    ("en", "English"),
    ("fi", "Suomi"),
    ("ar", "العربية"),
    ("sv-x-easy", "Lättläst"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Right to left (django.utils.translation.get_language_bidi reads it; Django's default).
LANGUAGES_BIDI = ["he", "ar", "ar-dz", "ckb", "fa", "ug", "ur"]
# Django knows no sv-x-easy: get_language_info would answer Swedish's entry. Its own entry is
# added to Django's table the way Django's docs for get_language_info suggest for languages
# it lacks (django.conf.locale.LANG_INFO, read by get_language_info and {% get_language_info %}).
EXTRA_LANG_INFO = {
    "sv-x-easy": {
        "bidi": False,
        "code": "sv-x-easy",
        "name": "Easy-to-read Swedish",
        "name_local": "Lättläst",
    }
}
django.conf.locale.LANG_INFO = {**django.conf.locale.LANG_INFO, **EXTRA_LANG_INFO}
# Staff work in Swedish: the admin's own language stays Swedish whatever the content's.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska")]
# A translation created in the admin is a draft until it is published through the workflow.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# The time zones a staff member may choose on the account page: the IANA zones a browser
# knows. Wagtail's default lists every name the system's zoneinfo holds, "localtime" and
# "Factory" included, which the page's script cannot name (Intl throws RangeError).
IANA_AREAS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
WAGTAIL_USER_TIME_ZONES = sorted(
    {"UTC", TIME_ZONE}
    | {zone for zone in zoneinfo.available_timezones() if zone.split("/")[0] in IANA_AREAS}
)
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Residents' forms are small and take no files: no request body may be larger, except editors'
# uploads (home.middleware.RequestSizeLimitMiddleware answers 413 from the Content-Length alone).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Editors upload images and documents in the admin: the largest request body they may send.
ADMIN_URL_PREFIX = "/admin/"
ADMIN_UPLOAD_MAX_SIZE = 25 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Uploaded files larger than this are spooled to a temporary file, not held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Two caches. "default" holds what each process may keep for itself (Wagtail's site root
# paths and the like: read once per item in API listings, so it must stay cheap); "shared"
# holds what every process must see the same, such as the rate-limit counts: the database
# (`manage.py createcachetable`) unless REDIS_URL is set, and then both are Redis.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    },
}
if os.environ.get("REDIS_URL"):
    redis_cache = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "OPTIONS": {
            # Redis restarted or failed over: a read is a miss and a write is lost, so pages
            # are rendered uncached (home/fragments.py keeps nothing without a generation)
            # instead of answering 500. Each miss is logged.
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "1")),
            "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "1")),
        },
    }
    CACHES = {"default": redis_cache, "shared": redis_cache}
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Sessions live in the database so that any app server can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Background work. In-process by default (`make run`, tests); production switches to the
# database-backed queue and its `outbox_worker` command.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Mail is queued in the outbox with the change that caused it and delivered after commit.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kvalitet@example.se")
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_TIMEOUT = 10

# Rate limits of residents' forms (home/resident_input.py) count in the shared cache.
# Per client: {scope: {"accepted": rate, "failed": rate}}; unset scopes keep the defaults
# of home.resident_input.DEFAULT_RATE_LIMITS.
RESIDENT_RATE_LIMITS = {}
RATELIMIT_USE_CACHE = "shared"
# A count the shared cache cannot give (Redis away) limits nobody: a resident's submission
# must not be refused for an outage (the one-time key and the spam challenge still guard).
RATELIMIT_FAIL_OPEN = True
# Behind a load balancer set this to the header carrying the client's address.
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY", "REMOTE_ADDR")

# Content Security Policy: our own origin only, no inline script or style. The Wagtail
# admin is excluded because its editor relies on inline script.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [ADMIN_URL_PREFIX],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}


# Identity (identity/, README "Configuration"): residents sign with e-legitimation through the
# municipality's e-ID broker, staff sign in through its own provider; both OpenID Connect.
# Either is offered only when its issuer and client id are set.
IDENTITY_RESIDENT = {
    "ISSUER": os.environ.get("IDENTITY_RESIDENT_ISSUER", ""),
    "CLIENT_ID": os.environ.get("IDENTITY_RESIDENT_CLIENT_ID", ""),
    "CLIENT_SECRET": os.environ.get("IDENTITY_RESIDENT_CLIENT_SECRET", ""),
    "SCOPES": os.environ.get(
        "IDENTITY_RESIDENT_SCOPES", "openid profile https://id.oidc.se/scope/naturalPersonNumber"
    ),
    # The claim with the personal identity number (the Swedish OIDC profile's by default).
    "ID_CLAIM": os.environ.get(
        "IDENTITY_RESIDENT_ID_CLAIM", "https://id.oidc.se/claim/personalIdentityNumber"
    ),
    "NAME_CLAIM": os.environ.get("IDENTITY_RESIDENT_NAME_CLAIM", "name"),
    # The levels of assurance (`acr`) accepted, space-separated: Sweden Connect's LoA 3 and 4.
    "ACR": os.environ.get(
        "IDENTITY_RESIDENT_ACR",
        "http://id.elegnamnden.se/loa/1.0/loa3 http://id.elegnamnden.se/loa/1.0/loa4",
    ),
}
IDENTITY_STAFF = {
    "ISSUER": os.environ.get("IDENTITY_STAFF_ISSUER", ""),
    "CLIENT_ID": os.environ.get("IDENTITY_STAFF_CLIENT_ID", ""),
    "CLIENT_SECRET": os.environ.get("IDENTITY_STAFF_CLIENT_SECRET", ""),
    "SCOPES": os.environ.get("IDENTITY_STAFF_SCOPES", "openid profile email groups"),
    "GROUPS_CLAIM": os.environ.get("IDENTITY_STAFF_GROUPS_CLAIM", "groups"),
}
# The provider's group (claim value) -> a role of staff/roles.py, as JSON.
IDENTITY_STAFF_GROUP_MAP = json.loads(os.environ.get("IDENTITY_STAFF_GROUP_MAP", "{}"))
# "off" removes the password form and refuses passwords, but for the break-glass users.
IDENTITY_LOCAL_PASSWORDS = os.environ.get("IDENTITY_LOCAL_PASSWORDS", "on").lower() != "off"
IDENTITY_BREAK_GLASS_USERS = [
    name.strip()
    for name in os.environ.get("IDENTITY_BREAK_GLASS_USERS", "").split(",")
    if name.strip()
]
# Key of the personal identity number's hash; derived from SECRET_KEY when empty.
IDENTITY_HASH_KEY = os.environ.get("IDENTITY_HASH_KEY", "")
# How long a resident may take at the e-ID broker before the sign-in is void.
IDENTITY_SIGN_IN_SECONDS = int(os.environ.get("IDENTITY_SIGN_IN_SECONDS", "600"))
if IDENTITY_RESIDENT["ISSUER"]:
    # A vote's form posts to us and we redirect to the broker: form-action covers redirects.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        "/".join(IDENTITY_RESIDENT["ISSUER"].split("/")[:3])
    )

# HTTP caching (home/caching.py, docs/caching.md): how long browsers (max-age) and a shared
# cache in front (s-maxage) may keep a public page. The shared cache is purged on publish
# when FRONTEND_CACHE_URL names it (the reverse proxy of deploy/, which accepts PURGE).
PUBLIC_CACHE_MAX_AGE = int(os.environ.get("PUBLIC_CACHE_MAX_AGE", "60"))
PUBLIC_CACHE_S_MAXAGE = int(os.environ.get("PUBLIC_CACHE_S_MAXAGE", "600"))
# Wagtail's own rewriting of purged URLs per language assumes every language has a prefix;
# Swedish has none here, so home/frontend_cache.py purges each language's URL itself.
WAGTAILFRONTENDCACHE_LANGUAGES = []
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "home.frontend_cache.ProxyBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        }
    }

WAGTAIL_SITE_NAME = "Kvalitetsgarantier"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
# Wagtail's image and document forms, repaired where a malformed upload answered 500.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.admin_repairs.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.admin_repairs.DocumentForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# ASCII paths (/forskola/forskolan-solrosen/) read and paste better than %C3%B6.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No avatars from gravatar.com: the admin asks no third-party host either.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100

WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Wagtail's database backend on PostgreSQL, query words matching as prefixes too.
        "BACKEND": "search.database",
        "SEARCH_CONFIG": "swedish",
        # Trigram word similarity needed before a misspelled query counts as a close match.
        "FUZZY_SIMILARITY_THRESHOLD": 0.4,
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"outbox": {"level": "INFO"}},
}

# Point any environment at an Elasticsearch cluster with ELASTICSEARCH_URL (search/backends.py).
if os.environ.get("ELASTICSEARCH_URL"):
    from search.backends import elasticsearch_backend

    WAGTAILSEARCH_BACKENDS = {"default": elasticsearch_backend(os.environ["ELASTICSEARCH_URL"])}

# Kolada, the open database of municipal key figures (kolada/): where its API answers and
# how patiently the nightly import asks. v3 is Kolada's current API; a URL naming /v2/ is
# still read (kolada/client.py).
KOLADA_API_URL = os.environ.get("KOLADA_API_URL", "https://api.kolada.se/v3/")
KOLADA_TIMEOUT_SECONDS = 20
KOLADA_ATTEMPTS = 4
KOLADA_BACKOFF_SECONDS = 2.0
KOLADA_BACKOFF_MAX_SECONDS = 60
KOLADA_RETRY_AFTER_MAX_SECONDS = 300
KOLADA_PER_PAGE = 5000
