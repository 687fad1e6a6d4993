"""Search per language (issue 26): each page is indexed with its locale's text search
configuration (Swedish stemming for Swedish and easy Swedish, English for English, Finnish for
Finnish, case and accents folded for the rest) and searched with the same one; the reader's
language comes first. The locales are made here: the site's LANGUAGES are not ours to set."""

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale

from home.models import ContentPage
from search.languages import FOLDED, config_for_language, configured_languages
from search.query import SiteSearch

from .conftest import page_titles

pytestmark = pytest.mark.django_db


def _page(parent, locale, title, intro):
    page = ContentPage(title=title, intro=intro, body="", locale=locale)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _stored_vector(page):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT body::text FROM wagtailsearch_indexentry WHERE object_id = %s",
            [str(page.pk)],
        )
        return cursor.fetchone()[0]


@pytest.mark.parametrize(
    ("code", "config"),
    [
        ("sv", "swedish"),
        ("sv-x-easy", "swedish"),
        ("en", "english"),
        ("en-gb", "english"),
        ("fi", "finnish"),
        ("ar", FOLDED),
        ("so", FOLDED),
        ("se", FOLDED),
    ],
)
def test_each_language_is_read_by_its_configuration(code, config):
    assert config_for_language(code) == config


def test_every_configured_language_has_a_configuration_postgresql_knows(db):
    with override_settings(
        LANGUAGES=[("sv", "Svenska"), ("en", "English"), ("fi", "Suomi"), ("ar", "العربية")]
    ):
        codes = configured_languages()
    assert {"sv", "en", "fi", "ar"} <= set(codes)
    with connection.cursor() as cursor:
        for code in codes:
            cursor.execute(
                "SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [config_for_language(code)]
            )
            assert cursor.fetchone(), code


def test_an_english_page_is_stemmed_as_english_and_found_by_another_form(municipality):
    english = Locale.objects.create(language_code="en")
    home = municipality["areas"]["forskola"].get_parent()
    page = _page(home, english, "Opening hours", "The libraries open earlier on Saturdays.")
    vector = _stored_vector(page)
    assert "'librari'" in vector and "'saturday'" in vector  # English stems
    with translation.override("en"):
        assert "Opening hours" in page_titles(SiteSearch("library").run())
        assert "Opening hours" in page_titles(SiteSearch("saturday").run())


def test_a_language_without_a_stemmer_folds_case_and_accents(municipality):
    arabic = Locale.objects.create(language_code="ar")
    home = municipality["areas"]["forskola"].get_parent()
    page = _page(home, arabic, "مكتبة Ümeå", "Café på biblioteket: مكتبة المدينة")
    vector = _stored_vector(page)
    assert "'cafe'" in vector and "'مكتبة'" in vector
    with translation.override("ar"):
        assert "مكتبة Ümeå" in page_titles(SiteSearch("CAFE").run())
        assert "مكتبة Ümeå" in page_titles(SiteSearch("umea").run())
        assert "مكتبة Ümeå" in page_titles(SiteSearch("مكتبة").run())


def test_the_readers_language_comes_first(municipality):
    english = Locale.objects.create(language_code="en")
    home = municipality["areas"]["forskola"].get_parent()
    _page(home, english, "Stadsparken in English", "Stadsparken has a playground.")
    swedish = _page(home, home.locale, "Stadsparken på svenska", "Stadsparken har en lekplats.")
    assert swedish.locale.language_code == "sv"
    with translation.override("en"):
        assert page_titles(SiteSearch("Stadsparken").run())[0] == "Stadsparken in English"
    with translation.override("sv"):
        assert page_titles(SiteSearch("Stadsparken").run())[0] == "Stadsparken på svenska"
