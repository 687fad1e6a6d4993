"""The kept search results (search/results_cache.py): a repeated search does not search again,
and anything published, unpublished or restricted shows in the very next search."""

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


def test_a_repeated_search_reads_the_generation_and_the_shell_only(client, municipality):
    first = _search(client, "förskola")
    with CaptureQueriesContext(connection) as queries:
        again = _search(client, "förskola")
    assert again == first
    assert "Förskolan Solrosen" in again
    # The search generation, and the shell's own lookups (site, settings, navigation); no search.
    assert len(queries) <= 5, [q["sql"][:80] for q in queries]
    assert not any("wagtailsearch_indexentry" in q["sql"] for q in queries)


def test_other_parameters_are_other_results(client, municipality):
    assert "Förskolan Solrosen" in _search(client, "Solrosen")
    assert "Förskolan Solrosen" not in _search(client, "Ekbacken")
    page = client.get("/sok/", {"q": "förskola", "typ": "omraden"}).content.decode()
    assert "Förskolan Solrosen" not in page


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
