"""Open311 clients from PyPI, used unchanged, against a live server (issue 32).

`three` 0.8.0 is the client most apps were built on; it was written for Python 2 and imports
`itertools.ifilter`, which Python 3 calls `filter`. The test supplies that one name in the
standard library before importing it: the client's own code runs as published. `georeport`
0.3.1 reads only (it has no call to post), in JSON and in XML.
"""

import itertools

import pytest

from feedback.models import Feedback
from open311.models import RequestLocation


@pytest.fixture
def three_client(live_server, api_key, monkeypatch):
    monkeypatch.setattr(itertools, "ifilter", filter, raising=False)
    from three import Three

    return Three(f"{live_server.url}/open311/v2/", api_key=api_key)


def test_three_posts_a_request_and_reads_it_back(live_server, guarantee, three_client):
    services = three_client.services()
    complaint = next(s for s in services if s["service_code"] == f"{guarantee.pk}-klagomal")
    definition = three_client.services(complaint["service_code"])
    dimension = definition["attributes"][0]["values"][0]["key"]

    answer = three_client.post(
        complaint["service_code"],
        description="Ni lovade svar inom en vecka men inget har hänt.",
        name="Karin Larsson",
        email="karin@example.se",
        address="Solrosvägen 4",
        lat="59.1",
        long="17.9",
        media_url="https://bilder.example.se/1.jpg",
        **{"attribute[dimension]": dimension},
    )
    assert three_client.post_response.status_code == 200, answer
    reference = answer[0]["service_request_id"]

    (state,) = three_client.request(reference)
    assert (state["service_request_id"], state["status"]) == (reference, "open")
    listed = three_client.requests(complaint["service_code"])
    assert [r["service_request_id"] for r in listed] == [reference]

    case = Feedback.objects.get(reference=reference)
    assert (case.name, case.email) == ("Karin Larsson", "karin@example.se")
    location = RequestLocation.objects.get(case=case)
    assert location.address_string == "Solrosvägen 4" and str(location.lat) == "59.100000"


def test_three_is_told_why_a_request_is_refused(live_server, home_page, three_client):
    answer = three_client.post("kommun-synpunkt", description="Trasig lykta.")
    assert three_client.post_response.status_code == 400
    assert {error["code"] for error in answer} == {400}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_reads_services_definitions_and_requests(live_server, guarantee, api_key, fmt):
    from georeport import GeoReport

    client = GeoReport(f"{live_server.url}/open311/v2", output_format=fmt)
    listed = client.get_service_list()
    listed = listed if isinstance(listed, list) else [listed]
    codes = [service["service_code"] for service in listed]
    assert f"{guarantee.pk}-klagomal" in codes and "kommun-berom" in codes
    definition = client.get_service_definition(f"{guarantee.pk}-klagomal")
    assert definition["service_code"] == f"{guarantee.pk}-klagomal"

    first = Feedback.receive(
        unit=guarantee,
        kind="klagomal",
        dimension="utforande",
        message="Kallt.",
        name="",
        email="",
        phone="",
        wants_reply=False,
    )[0]
    second = Feedback.receive(
        unit=None,
        kind="berom",
        dimension="bemotande",
        message="Tack.",
        name="",
        email="",
        phone="",
        wants_reply=False,
    )[0]
    request = client.get_service_request(first.reference)
    assert (request["service_request_id"], request["status"]) == (first.reference, "open")
    found = client.get_service_requests(service_code=f"{guarantee.pk}-klagomal,kommun-berom")
    found = found if isinstance(found, list) else [found]
    assert {r["service_request_id"] for r in found} == {first.reference, second.reference}
