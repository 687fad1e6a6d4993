"""Where a request is about: kept beside the case and shown to its handler, or refused with a
reason in the error format; never dropped. media_url stays a link the server never opens."""

import http.server
import threading
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from feedback.models import Feedback
from open311.models import RequestLocation

from .conftest import BASE, assert_errors, complaint_code, parsed, post_request

pytestmark = pytest.mark.django_db


def general(key, **overrides):
    fields = {
        "api_key": key,
        "service_code": "kommun-synpunkt",
        "description": "Gatlyktan är trasig sedan en vecka.",
        "attribute[dimension]": "ovrigt",
    }
    fields.update(overrides)
    return fields


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_service_that_needs_a_place_refuses_a_request_without_one(
    client, home_page, api_key, fmt
):
    assert parsed(client.get(f"{BASE}/services/kommun-synpunkt.json"))["location_required"]
    assert_errors(post_request(client, fmt=fmt, **general(api_key)), 400, "var det gäller")
    assert not Feedback.objects.exists()


def test_position_address_and_picture_link_are_kept_with_the_case(client, home_page, api_key):
    response = post_request(
        client,
        **general(
            api_key,
            lat="59.3293254",
            long="18.0686",
            address_string="Storgatan 1, Ängsby",
            media_url="https://bilder.example.se/lykta.jpg",
        ),
    )
    assert response.status_code == 200, response.content
    case = Feedback.objects.get(reference=parsed(response)[0]["service_request_id"])
    location = RequestLocation.objects.get(case=case)
    assert (location.lat, location.long) == (Decimal("59.329325"), Decimal("18.068600"))
    assert location.address_string == "Storgatan 1, Ängsby"
    assert location.media_url == "https://bilder.example.se/lykta.jpg"
    assert location.client.name == "Felanmälan-appen"
    # Kept for the handler, not published: the place can be someone's home.
    (public,) = parsed(client.get(f"{BASE}/requests/{case.reference}.json"))
    assert public["lat"] is public["long"] is public["address"] is public["media_url"] is None


def test_a_units_service_takes_a_place_when_given(client, guarantee, api_key):
    fields = general(api_key, service_code=complaint_code(guarantee), address_string="Gården")
    assert post_request(client, **fields).status_code == 200
    assert RequestLocation.objects.get().address_string == "Gården"


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"lat": "91", "long": "18"}, "lat"),
        ({"lat": "59", "long": "-180.5"}, "long"),
        ({"lat": "NaN", "long": "18"}, "lat"),
        ({"lat": "Infinity", "long": "18"}, "lat"),
        ({"lat": "1e400", "long": "18"}, "lat"),
        ({"lat": "59,3", "long": "18"}, "lat"),
        ({"lat": "59.3"}, "Ange båda"),
        ({"long": "18.0", "address_string": "Torget"}, "Ange båda"),
        ({"address_id": "12345"}, "address_id"),
        ({"address_string": "x" * 401}, "address_string"),
        ({"address_string": "Torget", "media_url": "javascript:alert(1)"}, "media_url"),
        ({"address_string": "Torget", "media_url": "file:///etc/passwd"}, "media_url"),
        ({"address_string": "Torget", "media_url": "bild.jpg"}, "media_url"),
        ({"address_string": "Torget", "media_url": "https://e.se/" + "x" * 2000}, "media_url"),
    ],
)
def test_a_place_that_cannot_be_kept_is_refused_with_the_reason(
    client, home_page, api_key, fmt, fields, fragment
):
    assert_errors(post_request(client, fmt=fmt, **general(api_key, **fields)), 400, fragment)
    assert not Feedback.objects.exists()


class CountingHandler(http.server.BaseHTTPRequestHandler):
    hits = []

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


def test_the_picture_link_is_never_fetched_by_the_server(client, home_page, api_key):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/bild.jpg"
        response = post_request(client, **general(api_key, address_string="Torget", media_url=url))
        assert response.status_code == 200
        reference = parsed(response)[0]["service_request_id"]
        client.get(f"{BASE}/requests/{reference}.json")
    finally:
        server.shutdown()
        server.server_close()
    assert RequestLocation.objects.get().media_url == url
    assert CountingHandler.hits == []


def test_the_handler_sees_the_place_and_the_picture_link(client, home_page, api_key):
    response = post_request(
        client,
        **general(
            api_key,
            lat="59.5",
            long="17.25",
            address_string="Storgatan 1",
            media_url="https://bilder.example.se/lykta.jpg",
        ),
    )
    case = Feedback.objects.get(reference=parsed(response)[0]["service_request_id"])
    admin = get_user_model().objects.create_superuser("handler", "h@example.se", "pw")
    staff = Client()
    staff.force_login(admin)
    page = staff.get(reverse("feedback_inbox:case", args=[case.pk])).content.decode()
    assert "Storgatan 1" in page
    assert "Position 59,500000, 17,250000 (WGS84)" in page
    assert 'href="https://bilder.example.se/lykta.jpg" rel="noopener noreferrer nofollow"' in page
    assert "Felanmälan-appen" in page


def test_the_place_goes_with_the_cases_personal_data(client, home_page, api_key):
    response = post_request(client, **general(api_key, address_string="Min gata 3"))
    case = Feedback.objects.get(reference=parsed(response)[0]["service_request_id"])
    call_command("purge_open311_locations", stdout=StringIO())
    assert RequestLocation.objects.filter(case=case).exists()
    Feedback.objects.filter(pk=case.pk).update(personal_data_removed_at=case.received_at)
    call_command("purge_open311_locations", stdout=StringIO())
    assert not RequestLocation.objects.filter(case=case).exists()
    assert Feedback.objects.filter(pk=case.pk).exists()
