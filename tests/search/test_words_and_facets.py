"""The typo fallback goes through the table of distinct indexed words, not over the whole index;
the type and area facets come from the one statement that finds the hits (search/engine.py) and
equal the counts Wagtail's search API gives one by one; a search request has a fixed query
budget."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.models import SearchWord
from search.query import SiteSearch

from .conftest import page_titles


@pytest.mark.parametrize(("typed", "corrected"), [("Myrstackn", "myrstacken")])
def test_a_misspelt_word_is_corrected_against_the_words_table(municipality, typed, corrected):
    with CaptureQueriesContext(connection) as queries:
        outcome = SiteSearch(typed).run()
    assert outcome.fuzzy
    assert outcome.suggestion == corrected
    assert page_titles(outcome)[0] == "Förskolan Myrstacken"
    sql = [q["sql"] for q in queries]
    lookup = max(i for i, text in enumerate(sql) if "search_searchword" in text)
    # No trigram comparison against the documents' own text: only the words table's.
    assert not [text for text in sql if "word_similarity" in text]
    assert not [text for text in sql[lookup + 1 :] if "similarity" in text]


def test_the_page_says_menade_du_with_the_corrected_word(client, municipality):
    html = client.get("/sok/", {"q": "Myrstackn"}).content.decode()
    assert "Menade du" in html and ">myrstacken</a>?" in html


def test_the_words_table_holds_the_published_pages_words(municipality):
    SearchWord.rebuild()
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {"myrstacken", "förskolan"} <= words
    assert not [w for w in words if w.isdigit() or len(w) < 3]


def test_a_word_far_from_every_indexed_word_finds_nothing(municipality):
    outcome = SiteSearch("xyzzyqwv").run()
    assert outcome.total == 0 and not outcome.suggestion


@pytest.mark.parametrize(
    ("query", "type_key", "area_slug"),
    [
        ("förskola", "", ""),
        ("förskola", "", "forskola"),
        ("belysning", "e-forslag", ""),
        ("belysning", "", "grundskola"),
        ("läxhjälp", "garantier", ""),
        ("biblioteket", "", "bibliotek"),
    ],
)
def test_facets_from_one_grouped_query_equal_the_counts_one_by_one(
    municipality, query, type_key, area_slug
):
    search = SiteSearch(query, type_key=type_key, area_slug=area_slug)
    outcome = search.run()
    # Through Wagtail's search API, per type and per area, with a search per count.
    reference = SiteSearch(query, type_key=type_key, area_slug=area_slug, engine=False)
    reference.facets_in_database = False
    found = next(iter(reference._queries()))[0]
    by_type = reference._type_counts(found)
    by_area = reference._area_counts(found)
    assert {f.key: f.count for f in outcome.type_facets} == by_type
    assert {f.key: f.count for f in outcome.area_facets} == by_area


def test_a_search_request_has_a_fixed_query_budget(client, municipality):
    # Another search first warms the shell and the process's catalogue (search/engine.py),
    # so what is counted is the search itself.
    client.get("/sok/", {"q": "Solrosen"})
    with CaptureQueriesContext(connection) as found:
        assert client.get("/sok/", {"q": "förskola"}).status_code == 200
    with CaptureQueriesContext(connection) as misspelt:
        assert client.get("/sok/", {"q": "Myrstackn"}).status_code == 200
    # One read of the shared cache (the search generation with the kept parts'), then the
    # one statement: hits, facets and the page shell's parts all come from those two.
    assert len(found) == 2, [q["sql"][:80] for q in found]
    # The typo fallback adds the words table's lookup and the statement for the corrected
    # words; no check that the words table was ever built while it finds a word.
    assert len(misspelt) == 4, [q["sql"][:80] for q in misspelt]
    assert "search_searchword" in misspelt[2]["sql"]


def test_a_words_table_never_built_is_built_by_the_first_misspelt_search(municipality):
    SearchWord.objects.all().delete()
    outcome = SiteSearch("Myrstackn").run()
    assert outcome.fuzzy and outcome.suggestion == "myrstacken"
    assert SearchWord.objects.filter(word="myrstacken").exists()


def test_the_results_links_carry_the_search_as_understood_and_nothing_else(client, municipality):
    """A facet link keeps the other choice and starts at the first page; the page links keep
    both; a parameter the search does not know (a tracker's, a stale one) is not echoed."""
    import html as html_module
    import re
    from urllib.parse import parse_qs, urlsplit

    page = client.get(
        "/sok/", {"q": "förskola", "omrade": "forskola", "sida": "1", "utm_source": "x"}
    ).content.decode()
    hrefs = [
        parse_qs(urlsplit(html_module.unescape(href)).query)
        for href in re.findall(r'<a href="(\?[^"]*)"', page)
    ]
    assert hrefs, page
    for params in hrefs:
        assert params["q"] == ["förskola"]
        assert "utm_source" not in params
    type_links = [p for p in hrefs if "typ" in p]
    assert type_links and all(p["omrade"] == ["forskola"] and "sida" not in p for p in type_links)
    # "Alla områden" drops the area and keeps nothing else but the query.
    assert {"q": ["förskola"]} in hrefs
