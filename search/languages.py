"""Which PostgreSQL text search configuration reads which language.

Each page is indexed with its locale's configuration and searched with the same one, so a
Swedish page is stemmed as Swedish and an English page as English. Languages are read from
settings (LANGUAGES, WAGTAIL_CONTENT_LANGUAGES); this table only says how a language is read.
A language without a stemmer of its own (Arabic, Somali, Persian, Tigrinya, the minority
languages but Finnish) is read by `search_folded`: PostgreSQL's `simple` configuration with
`unaccent` in front, so case and accents are folded and nothing is stemmed (migration
search/0003). The easy-to-read Swedish locale (`sv-x-easy`) is Swedish.
"""

from django.conf import settings
from django.db import connection

SWEDISH = "swedish"
FOLDED = "search_folded"
# The primary language subtag and its configuration; every other language is folded.
CONFIGS = {"sv": SWEDISH, "en": "english", "fi": "finnish"}


def config_for_language(code):
    """The text search configuration for a language code ("sv", "sv-x-easy", "en-GB")."""
    primary = (code or settings.LANGUAGE_CODE).split("-")[0].split("_")[0].lower()
    return getattr(settings, "SEARCH_TEXT_CONFIGS", CONFIGS).get(primary, FOLDED)


def default_config():
    return config_for_language(settings.LANGUAGE_CODE)


def config_for_object(obj):
    """An indexed object's configuration: its locale's, or the site language's when it has
    none (proposals, key figures)."""
    locale = getattr(obj, "locale", None)
    code = getattr(locale, "language_code", None) if locale is not None else None
    return config_for_language(code) if code else default_config()


def configured_languages():
    languages = getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or settings.LANGUAGES
    return [code for code, _name in languages]


def folded_config_exists():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [FOLDED])
        return cursor.fetchone() is not None
