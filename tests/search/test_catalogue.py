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
    # The search generation with the page parts' (one read of the shared cache), and the
    # statement.
    assert len(queries) == 2, [q["sql"][:80] for q in queries]


def test_registered_hits_cost_no_query_and_link_where_their_type_says(client, municipality):
    """A registered type's hits come with their title and address from the statement: a
    proposal's address from its model (made from its key, no row read), a registered page
    type's (a good example) from its page, as a page hit's."""
    from tests.examples.builders import make_examples_index, make_good_example

    unit = municipality["units"]["Förskolan Solrosen"]
    example = make_good_example(
        make_examples_index(unit.get_parent().get_parent()), unit, title="Lampor längs gångvägen"
    )
    proposal = municipality["proposals"]["Bättre belysning på gångvägen till Ekbackens skola"]
    _search(client, "Solrosen")
    with CaptureQueriesContext(connection) as queries:
        html = _search(client, "gångvägen")
    assert len(queries) == 2, [q["sql"][:80] for q in queries]
    assert f'<a href="/e-forslag/{proposal.pk}/">{proposal.title}</a>' in html
    assert f'<a href="{example.url}">Lampor längs gångvägen</a>' in html


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
