"""Hostile or broken queries: never a 500, always a sensible page."""

import pytest

from search.query import MAX_QUERY_LENGTH

from .conftest import page_titles

pytestmark = pytest.mark.django_db


def test_ten_thousand_characters_are_truncated(client, municipality):
    response = client.get("/sok/", {"q": "förskola " * 1112})
    assert response.status_code == 200
    assert response.context["query"] == ("förskola " * 30)[:MAX_QUERY_LENGTH].strip()


@pytest.mark.parametrize("query", ["!!!", "?*&|:()'\"", "-- ;", "§½…"])
def test_only_punctuation_asks_for_words(client, municipality, query):
    response = client.get("/sok/", {"q": query})
    assert response.status_code == 200
    assert "inga ord vi kan söka på" in response.content.decode()


@pytest.mark.parametrize(
    "query, words",
    [
        ("'; DROP TABLE wagtailcore_page; --", "DROP TABLE wagtailcore_page"),
        ("solrosen' OR '1'='1", "solrosen OR 1 1"),
        ("title:solrosen AND (idea:* OR NOT x~2) ^3", "title solrosen AND idea OR NOT x 2 3"),
        ('solrosen && !"skogen" || /regex.*/', "solrosen skogen regex"),
        ("solrosen:* & !x | y <-> z", "solrosen x y z"),
        ("(solrosen)", "solrosen"),
        ('"solrosen"~', "solrosen"),
    ],
)
def test_sql_and_query_syntax_is_searched_as_words(client, municipality, query, words):
    """The page lists exactly what the bare words find: no operator of SQL, tsquery or
    Lucene changed the result, and the pages are all still there."""
    from wagtail.models import Page

    response = client.get("/sok/", {"q": query})
    assert response.status_code == 200
    hostile = page_titles(response.context["outcome"])
    plain = page_titles(client.get("/sok/", {"q": words}).context["outcome"])
    assert hostile == plain
    if words == "solrosen" or words.startswith("solrosen skogen"):
        assert "Förskolan Solrosen" in hostile  # the words really were searched
    assert Page.objects.filter(title="Förskolan Solrosen").exists()


def test_sql_like_query_still_finds_its_words(client, municipality):
    response = client.get("/sok/", {"q": "Solrosen' OR 1=1 --"})
    assert response.status_code == 200
    assert "Förskolan Solrosen" in response.content.decode()


def test_nul_and_control_characters_are_stripped(client, municipality):
    response = client.get("/sok/", {"q": "Sol\x00ros\x07en\x1b[31m Myr\u200bstacken"})
    assert response.status_code == 200
    query = response.context["query"]
    assert not any(ord(char) < 32 for char in query)
    response = client.get("/sok/", {"q": "Solrosen\x00"})
    assert "Förskolan Solrosen" in response.content.decode()


def test_suggestions_survive_hostile_input(client, municipality):
    for query in ["\x00\x00", "'; --", "a" * 10_000, "*:*", ""]:
        response = client.get("/sok/forslag/", {"q": query})
        assert response.status_code == 200
        assert isinstance(response.json()["suggestions"], list)


@pytest.mark.parametrize("sida", ["abc", "-3", "0", "1.5", "99999999999999999999999", "", "\x00"])
def test_invalid_page_numbers_give_a_real_page(client, municipality, sida):
    response = client.get("/sok/", {"q": "förskola", "sida": sida})
    assert response.status_code == 200
    outcome = response.context["outcome"]
    assert outcome.hits
    assert 1 <= outcome.page_number <= outcome.num_pages


def test_unknown_type_and_area_are_ignored(client, municipality):
    response = client.get("/sok/", {"q": "förskola", "typ": "<script>", "omrade": "x' OR 1"})
    assert response.status_code == 200
    assert response.context["outcome"].hits
    assert "<script>" not in response.content.decode().split("<main")[1]


def test_post_is_refused(client, municipality):
    assert client.post("/sok/", {"q": "förskola"}).status_code == 405


def test_the_query_follows_the_house_rule_for_bidi_and_normal_form():
    from search.query import clean_query

    assert clean_query("Sol\u202eros\u2066en\u200f") == "Solrosen"
    assert clean_query("Fo\u0308rskolan") == "Förskolan"  # NFD typed, NFC searched
