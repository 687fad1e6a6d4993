"""ETag and Last-Modified on the services and the requests; 304 while nothing has changed."""

import pytest
from django.contrib.auth import get_user_model

from feedback import services
from feedback.models import Feedback, Kind

from .conftest import BASE, complaint_code

pytestmark = pytest.mark.django_db


def case_for(unit):
    return Feedback.receive(
        unit=unit,
        kind=Kind.COMPLAINT,
        dimension="utforande",
        message="Maten var kall.",
        name="",
        email="",
        phone="",
        wants_reply=False,
    )[0]


def revalidate(client, path):
    """The first answer, and the answers to If-None-Match and If-Modified-Since with it."""
    first = client.get(path)
    assert first.status_code == 200, first.content
    by_etag = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    return first, by_etag, by_date


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_services_answer_304_until_a_unit_is_published(client, guarantee, fmt):
    paths = [f"{BASE}/services.{fmt}", f"{BASE}/services/{complaint_code(guarantee)}.{fmt}"]
    etags = {}
    for path in paths:
        first, by_etag, by_date = revalidate(client, path)
        assert by_etag.status_code == by_date.status_code == 304
        assert by_etag.content == b"" and by_etag["ETag"] == first["ETag"]
        assert first["Cache-Control"] == "no-cache"
        assert by_etag["Access-Control-Allow-Origin"] == "*"
        etags[path] = first["ETag"]

    guarantee.title = "Förskolan Solrosen Norra"
    guarantee.save_revision().publish()

    for path in paths:
        again = client.get(path, HTTP_IF_NONE_MATCH=etags[path])
        assert again.status_code == 200 and again["ETag"] != etags[path]
    assert "Solrosen Norra" in client.get(paths[0]).content.decode()


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_request_answers_304_until_it_is_answered(client, guarantee, fmt):
    case = case_for(guarantee)
    paths = [f"{BASE}/requests/{case.reference}.{fmt}", f"{BASE}/requests.{fmt}"]
    etags = {}
    for path in paths:
        first, by_etag, by_date = revalidate(client, path)
        assert by_etag.status_code == by_date.status_code == 304
        etags[path] = first["ETag"]

    handler = get_user_model().objects.create_superuser("h", "h@example.se", "pw")
    services.answer(case, "Vi har bytt leverantör.", handler)

    for path in paths:
        again = client.get(path, HTTP_IF_NONE_MATCH=etags[path])
        assert again.status_code == 200 and "bytt leverantör" in again.content.decode()


def test_a_new_request_changes_the_lists_etag_but_not_another_requests(client, guarantee):
    case = case_for(guarantee)
    listing = client.get(f"{BASE}/requests.json")
    one = client.get(f"{BASE}/requests/{case.reference}.json")
    case_for(guarantee)
    assert (
        client.get(f"{BASE}/requests.json", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 200
    )
    assert (
        client.get(
            f"{BASE}/requests/{case.reference}.json", HTTP_IF_NONE_MATCH=one["ETag"]
        ).status_code
        == 304
    )


def test_the_listings_etag_follows_its_arguments(client, guarantee):
    case_for(guarantee)
    everything = client.get(f"{BASE}/requests.json")
    closed = client.get(f"{BASE}/requests.json?status=closed")
    assert everything["ETag"] != closed["ETag"]
    stale = client.get(f"{BASE}/requests.json?status=closed", HTTP_IF_NONE_MATCH=everything["ETag"])
    assert stale.status_code == 200


def test_head_revalidates_too(client, guarantee):
    first = client.get(f"{BASE}/services.json")
    head = client.head(f"{BASE}/services.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert head.status_code == 304
