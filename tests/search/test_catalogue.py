"""What each process keeps for searching (search/engine.py's catalogue: page types, areas,
restricted paths, locales, the registered types' SQL) is kept per search generation: a
distinct query costs one statement, and anything published, unpublished or restricted shows
in the very next search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import make_guarantee

pytestmark = pytest.mark.django_db


def _search(client, query):
    response = client.get("/sok/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_distinct_query_is_one_search_statement_and_the_generation(client, municipality):
    _search(client, "Solrosen")  # builds the catalogue and the page shell's kept parts
    with CaptureQueriesContext(connection) as queries:
        html = _search(client, "förskola")
    assert "Förskolan Solrosen" in html
    searches = [q for q in queries if "wagtailsearch_indexentry" in q["sql"]]
    assert len(searches) == 1
    # The search generation, the page parts' generation, the statement, and the proposals
    # among the hits (one query for the registered type, not one per hit).
    assert len(queries) <= 5, [q["sql"][:80] for q in queries]


def test_the_header_is_not_rendered_again_for_each_distinct_query(client, municipality):
    _search(client, "Solrosen")
    with CaptureQueriesContext(connection) as queries:
        _search(client, "Ekbacken")
    assert not [q for q in queries if "home_municipalitysettings" in q["sql"]]


def test_a_page_published_after_a_search_is_found_by_the_next(
    client, municipality, django_capture_on_commit_callbacks
):
    assert "Förskolan Nyponet" not in _search(client, "Nyponet")
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_guarantee(
            municipality["areas"]["forskola"], title="Förskolan Nyponet", publish=False, live=False
        )
        draft.get_latest_revision().publish()
    assert "Förskolan Nyponet" in _search(client, "Nyponet")


def test_an_unpublished_or_restricted_page_leaves_the_next_search(
    client, municipality, django_capture_on_commit_callbacks
):
    bus = municipality["units"]["Biblioteksbussen"]
    assert "Biblioteksbussen</a>" in _search(client, "Biblioteksbussen")
    with django_capture_on_commit_callbacks(execute=True):
        bus.unpublish()
    assert "Biblioteksbussen</a>" not in _search(client, "Biblioteksbussen")

    home = municipality["units"]["Vårdboendet Lindgården"]
    assert "Vårdboendet Lindgården</a>" in _search(client, "Lindgården")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    assert "Vårdboendet Lindgården</a>" not in _search(client, "Lindgården")


def test_a_new_service_area_is_a_facet_of_the_next_search(
    client, municipality, django_capture_on_commit_callbacks
):
    from tests.factories import make_service_area

    assert "Simhallar" not in _search(client, "simhall")
    with django_capture_on_commit_callbacks(execute=True):
        area = make_service_area(municipality["areas"]["forskola"].get_parent(), title="Simhallar")
        make_guarantee(area, title="Simhallen Norr")
    assert "Simhallar" in _search(client, "simhallen")
