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


def test_a_word_the_hits_own_language_ignores_is_not_marked_for_a_reader_of_another(
    municipality,
):
    # "för" is a Swedish stop word, not an English one: on an untranslated (Swedish) page
    # the search of an English reader ignores it as the Swedish reader's does, and so does
    # the excerpt, which would otherwise mark every "förskola".
    Locale.objects.create(language_code="en")
    with translation.override("en"):
        outcome = SiteSearch("för barn").run()
    excerpts = " ".join(hit.excerpt for hit in outcome.hits)
    assert "<mark>barn</mark>" in excerpts
    assert "<mark>för" not in excerpts.lower()


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


def _translate(page, language_code, translations):
    """`page` translated into `language_code` through wagtail-localize and published: each of
    its strings by `translations` ({Swedish text: text}), the others left as they are."""
    from wagtail_localize.models import TranslationSource

    from home.demo_languages import translate_page

    locale = Locale.objects.get(language_code=language_code)
    source, _created = TranslationSource.update_or_create_from_instance(page)
    memory = {
        segment.string.data: {
            language_code: translations.get(segment.string.data, segment.string.data)
        }
        for segment in source.stringsegment_set.select_related("string")
    }
    assert translate_page(page, locale, memory)
    return page.get_translation(locale)


def test_a_finnish_reader_finds_the_finnish_page_first_and_swedish_only_where_untranslated(
    municipality,
):
    from home.languages import synchronise_locales

    synchronise_locales()  # every page in every language's tree, as aliases until translated
    swedish = municipality["pages"]["Så lämnar du klagomål"]
    finnish = _translate(
        swedish,
        "fi",
        {
            swedish.title: "Näin annat palautetta",
            swedish.intro: "Voit antaa palautetta kaikista kunnan palveluista, myös Solrosenista.",
        },
    )
    with translation.override("fi"):
        outcome = SiteSearch("palautetta").run()
        assert page_titles(outcome)[0] == "Näin annat palautetta"
        assert outcome.hits[0].language == ""  # in the reader's language: nothing to mark
        # The Finnish page stands in for its Swedish source, which is not found beside it.
        assert "Så lämnar du klagomål" not in page_titles(SiteSearch("klagomål").run())
        # "Solrosen": the Finnish page first, then the Swedish guarantee, untranslated,
        # marked Swedish and linked where it stands in the Finnish tree.
        outcome = SiteSearch("Solrosen").run()
        assert page_titles(outcome)[:2] == ["Näin annat palautetta", "Förskolan Solrosen"]
        assert [hit.language for hit in outcome.hits[:2]] == ["", "sv"]
        assert outcome.hits[1].url.startswith("/fi/")
    with translation.override("sv"):
        # A Swedish reader is not shown the Finnish page, so a Finnish word finds nothing.
        outcome = SiteSearch("palautetta").run()
        assert not outcome.hits and not outcome.suggestion
        assert page_titles(SiteSearch("klagomål").run())[0] == "Så lämnar du klagomål"
    assert finnish.locale.language_code == "fi" and finnish.live


def test_an_english_reader_gets_an_untranslated_swedish_page_marked_as_swedish(
    client, municipality
):
    from bs4 import BeautifulSoup

    from home.languages import synchronise_locales

    synchronise_locales()
    html = client.get("/en/sok/", {"q": "skogen"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "en"
    hit = soup.select_one(".search-hit")
    link = hit.select_one(".search-hit__title a")
    assert link.get_text(strip=True) == "Förskolan Solrosen"
    assert link["lang"] == "sv" and link["href"].startswith("/en/")
    assert hit.select_one(".search-hit__excerpt")["lang"] == "sv"
    marker = hit.select_one(".search-hit__language")
    assert marker["lang"] == "sv" and marker.get_text(strip=True) == "Svenska"
    # The service area it is listed under is the English tree's.
    with translation.override("en"):
        site_search = SiteSearch("skogen")
        outcome = site_search.run()
    assert {area.locale.language_code for area in site_search.areas} == {"en"}
    assert outcome.hits[0].area in site_search.areas
    assert [f.count for f in outcome.area_facets if f.key == "forskola"] == [1]
    # A Swedish reader's hit is not marked.
    html = client.get("/sok/", {"q": "skogen"}).content.decode()
    hit = BeautifulSoup(html, "html.parser").select_one(".search-hit")
    assert not hit.select(".search-hit__language") and not hit.select("[lang]")


def test_a_registered_page_type_is_found_once_per_reader_in_the_readers_tree(municipality):
    """A good example (a page type registered by its room) follows the pages' rule: each
    reader finds it once, the copies standing untranslated in other trees are not found
    beside it, and a reader of another language gets it in their tree, marked Swedish."""
    from home.languages import synchronise_locales
    from tests.examples.builders import make_examples_index, make_good_example

    unit = municipality["units"]["Förskolan Solrosen"]
    make_good_example(
        make_examples_index(unit.get_parent().get_parent()), unit, title="Kvällsöppet"
    )
    synchronise_locales()  # the example in every language's tree, as an alias
    for language in ("sv", "en", "fi"):
        with translation.override(language):
            outcome = SiteSearch("Kvällsöppet", type_key="goda-exempel").run()
        assert [(hit.title, hit.language) for hit in outcome.hits] == [
            ("Kvällsöppet", "" if language == "sv" else "sv")
        ], language
        prefix = "/" if language == "sv" else f"/{language}/"
        assert outcome.hits[0].url == f"{prefix}goda-exempel/kvallsoppet/", language
        assert {f.key: f.count for f in outcome.type_facets}["goda-exempel"] == 1


def test_the_language_switch_of_each_search_keeps_its_own_query(client, municipality):
    # The search page's address in each language is kept once per publish (home/languages.py);
    # the query string is each request's own.
    from bs4 import BeautifulSoup

    def switch(path, query):
        html = client.get(path, query).content.decode()
        links = BeautifulSoup(html, "html.parser").select(".language-switch a")
        return {link["hreflang"]: link["href"] for link in links}

    first = switch("/sok/", {"q": "förskola", "sida": "2"})
    second = switch("/sok/", {"q": "bibliotek"})
    from_english = switch("/en/sok/", {"q": "library"})
    assert first["sv"] == "/sok/?q=f%C3%B6rskola&sida=2"
    assert first["en"] == "/en/sok/?q=f%C3%B6rskola&sida=2"
    assert second["en"] == "/en/sok/?q=bibliotek"
    assert (
        second["sv-x-easy"].endswith("/sok/?q=bibliotek")
        and second["sv-x-easy"] != "/sok/?q=bibliotek"
    )
    assert from_english["sv"] == "/sok/?q=library"
    assert from_english["en"] == "/en/sok/?q=library"


@pytest.mark.parametrize(("secure", "scheme"), [(False, "http"), (True, "https")])
def test_the_heads_hreflang_links_name_each_languages_address_in_full(
    client, municipality, secure, scheme
):
    """hreflang wants absolute addresses: the request's own scheme and host before the path
    the language switch links to."""
    from bs4 import BeautifulSoup

    html = client.get("/sok/", {"q": "förskola"}, secure=secure).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    heads = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"]')}
    switch = {link["hreflang"]: link["href"] for link in soup.select(".language-switch a")}
    assert set(heads) == set(switch) and "en" in heads
    for code, path in switch.items():
        assert heads[code] == f"{scheme}://testserver{path}"
