"""/sok/: one list over guarantees, commitments, areas and pages, with facets and pages."""

import pytest

from search.query import PAGE_SIZE, SiteSearch
from tests.factories import make_guarantee

from .conftest import page_titles

pytestmark = pytest.mark.django_db


def test_inflected_query_finds_the_base_form(municipality):
    outcome = SiteSearch("förskolor").run()
    assert "Förskolan Solrosen" in page_titles(outcome)
    assert "Förskola" in page_titles(outcome)


def test_commitment_wording_finds_its_guarantee(municipality):
    outcome = SiteSearch("modersmålsstöd").run()
    assert page_titles(outcome)[0] == "Förskolan Myrstacken"


def test_search_page_lists_hits_with_highlighted_excerpt(client, municipality):
    response = client.get("/sok/", {"q": "skogen"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Förskolan Solrosen" in html
    assert "<mark>skogen</mark>" in html


def test_a_word_the_search_ignores_is_not_marked_in_the_excerpt(client, municipality):
    # "för" is a Swedish stop word: the search looks for "barn" alone, and the excerpt marks
    # it, not every word that begins with "för" ("Förskolan är till för barn").
    html = client.get("/sok/", {"q": "för barn"}).content.decode()
    assert "<mark>barn</mark>" in html
    assert "<mark>för" not in html.lower()


def test_excerpt_escapes_markup_before_highlighting(client, municipality):
    unit = municipality["units"]["Ekbackens skola"]
    unit.idea = "<script>alert('odling')</script> Vi odlar på skolgården."
    unit.save_revision().publish()
    response = client.get("/sok/", {"q": "odlar"})
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<mark>odlar</mark>" in html


def test_type_filter_and_counts(client, municipality):
    outcome = SiteSearch("bibliotek").run()
    counts = {facet.key: facet.count for facet in outcome.type_facets}
    assert counts["omraden"] == 1
    assert counts["garantier"] == 2
    only_areas = SiteSearch("bibliotek", type_key="omraden").run()
    assert page_titles(only_areas) == ["Bibliotek"]
    response = client.get("/sok/", {"q": "bibliotek", "typ": "omraden"})
    assert "Biblioteksbussen" not in response.content.decode()


def test_each_hit_is_named_in_the_singular_and_the_facets_in_the_plural(client, municipality):
    """A hit is one guarantee, one area: its tag says "Kvalitetsgaranti", while the facet
    that counts them says "Kvalitetsgarantier"."""
    outcome = SiteSearch("bibliotek").run()
    tags = {hit.title: hit.type_label for hit in outcome.hits}
    assert tags["Bibliotek"] == "Verksamhetsområde"
    assert "Kvalitetsgaranti" in tags.values()
    assert not {"Kvalitetsgarantier", "Verksamhetsområden"} & set(tags.values())
    facets = {facet.key: facet.label for facet in outcome.type_facets}
    assert facets["garantier"] == "Kvalitetsgarantier"
    html = client.get("/sok/", {"q": "bibliotek"}).content.decode()
    assert '<span class="tag">Kvalitetsgaranti</span>' in html


def test_area_filter_and_counts(municipality):
    outcome = SiteSearch("varje vecka").run()
    counts = {facet.key: facet.count for facet in outcome.area_facets}
    assert counts["forskola"] == 2
    assert counts["aldreomsorg"] == 1
    filtered = SiteSearch("varje vecka", area_slug="aldreomsorg").run()
    assert page_titles(filtered) == ["Vårdboendet Lindgården"]


def test_results_are_paginated(municipality):
    area = municipality["areas"]["grundskola"]
    for n in range(PAGE_SIZE + 3):
        make_guarantee(area, title=f"Rektorsområde {n}", idea="Skolan har en rymdgård.")
    first = SiteSearch("rymdgård").run()
    second = SiteSearch("rymdgård", page_number="2").run()
    assert first.total == PAGE_SIZE + 3
    assert len(first.hits) == PAGE_SIZE
    assert len(second.hits) == 3
    assert not set(page_titles(first)) & set(page_titles(second))


def test_zero_results_page_helps(client, municipality):
    response = client.get("/sok/", {"q": "xyzzyqwv"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Inga träffar" in html
    assert 'href="/synpunkter/"' in html
    assert municipality["areas"]["forskola"].url in html


def test_misspelling_falls_back_to_close_matches(municipality):
    outcome = SiteSearch("Myrstaken").run()
    assert outcome.fuzzy
    assert page_titles(outcome)[0] == "Förskolan Myrstacken"


def test_suggestions_endpoint_returns_unit_and_area_titles(client, municipality):
    response = client.get("/sok/forslag/", {"q": "Solr"})
    titles = [s["title"] for s in response.json()["suggestions"]]
    assert titles == ["Förskolan Solrosen"]
    response = client.get("/sok/forslag/", {"q": "biblio"})
    titles = {s["title"] for s in response.json()["suggestions"]}
    assert {"Bibliotek", "Biblioteksbussen"} <= titles


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("biblioteket", "Bibliotek"),
        ("förskolan", "Förskola"),
        ("hemtjänsten", "Hemtjänsten Centrum"),
    ],
)
def test_definite_form_finds_the_indefinite_without_fuzzy(municipality, query, expected):
    outcome = SiteSearch(query).run()
    assert not outcome.fuzzy
    assert expected in page_titles(outcome)


def _filter_links(html):
    """The facets' links as (text, href), in the order shown."""
    import re

    aside = html.split('<aside class="search-facets"', 1)[1].split("</aside>", 1)[0]
    return [
        (re.sub(r"<[^>]+>", "", text).split(" (")[0].split(",")[0].strip(), href)
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', aside, re.S)
    ]


def test_the_filters_name_only_what_finds_something_and_a_chosen_one_stays(client, municipality):
    # One unit holds the word: one type and one area are offered beside "all".
    links = _filter_links(client.get("/sok/", {"q": "modersmålsstöd"}).content.decode())
    assert [text for text, _href in links] == [
        "Alla typer",
        "Kvalitetsgarantier",
        "Alla områden",
        "Förskola",
    ]
    # A chosen area that finds nothing stays, marked, so that it can be undone; the area
    # that does find the unit is still offered.
    html = client.get("/sok/", {"q": "modersmålsstöd", "omrade": "bibliotek"}).content.decode()
    assert [text for text, _href in _filter_links(html)] == [
        "Alla typer",
        "Alla områden",
        "Bibliotek",
        "Förskola",
    ]
    assert '<a href="?q=modersm%C3%A5lsst%C3%B6d&amp;omrade=bibliotek" aria-current="true">' in html
    # Hits outside every area (pages of the site): no area filter to offer at all.
    html = client.get("/sok/", {"q": "anonymt"}).content.decode()
    assert "Alla områden" not in html
    assert [text for text, _href in _filter_links(html)] == ["Alla typer", "Sidor"]
