"""What a broken or hostile app sends: bad keys, huge bodies, wrong types, charset games."""

import pytest
from django.test import Client

from feedback.models import Feedback
from open311.models import ApiClient
from tests.quality.hostile import PAYLOADS

from .conftest import BASE, assert_errors, complaint_code, parsed, post_request

pytestmark = pytest.mark.django_db


def valid(guarantee, key, **overrides):
    fields = {
        "api_key": key,
        "service_code": complaint_code(guarantee),
        "description": "Maten var kall tre dagar i rad.",
        "attribute[dimension]": "utforande",
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


@pytest.mark.parametrize("key", [None, "", "fel", "x" * 5000, "' OR '1'='1"])
def test_missing_or_wrong_key_is_refused_with_403(client, guarantee, api_key, key):
    response = post_request(client, **valid(guarantee, api_key, api_key=key))
    assert_errors(response, 403, "api_key")
    assert not Feedback.objects.exists()


def test_guessing_keys_is_stopped_per_client_address(client, guarantee, api_key):
    for attempt in range(20):
        assert (
            post_request(client, **valid(guarantee, api_key, api_key=f"g{attempt}")).status_code
            == 403
        )
    assert_errors(post_request(client, **valid(guarantee, api_key, api_key="g21")), 429, "")
    # Once stopped, the address is stopped for the hour, even with a good key.
    assert_errors(post_request(client, **valid(guarantee, api_key)), 429, "")
    assert not Feedback.objects.exists()


def test_a_revoked_key_stops_working(client, guarantee, api_key):
    from django.contrib.auth import get_user_model

    assert post_request(client, **valid(guarantee, api_key)).status_code == 200
    app = ApiClient.objects.get()
    app.revoke(get_user_model().objects.create_superuser("adm", "a@example.se", "pw"))
    assert_errors(post_request(client, **valid(guarantee, api_key)), 403, "spärrad")
    assert Feedback.objects.count() == 1


def test_each_key_has_its_own_hourly_limit(client, guarantee, api_key):
    ApiClient.objects.update(requests_per_hour=2)
    other = ApiClient(name="Annan app", contact="b@example.se")
    other_key = other.new_key()
    other.save()
    assert post_request(client, **valid(guarantee, api_key)).status_code == 200
    assert post_request(client, **valid(guarantee, api_key)).status_code == 200
    assert_errors(post_request(client, **valid(guarantee, api_key)), 429, "för många ärenden")
    assert post_request(client, **valid(guarantee, other_key)).status_code == 200
    assert Feedback.objects.count() == 3


def test_huge_body_is_refused_before_it_is_read(client, guarantee, api_key):
    response = post_request(client, **valid(guarantee, api_key, description="å" * 200_000))
    assert_errors(response, 413, "för stor")
    assert not Feedback.objects.exists()


def test_description_over_the_specifications_4000_characters_is_refused(client, guarantee, api_key):
    response = post_request(client, **valid(guarantee, api_key, description="a" * 4001))
    assert_errors(response, 400, "4000")


@pytest.mark.parametrize(
    "content_type,body,fragment",
    [
        ("application/json", b'{"service_code": "1-klagomal"}', "x-www-form-urlencoded"),
        ("multipart/form-data; boundary=x", b"--x--", "x-www-form-urlencoded"),
        (
            "application/x-www-form-urlencoded; charset=iso-8859-1",
            b"description=Sm%E5land",
            "UTF-8",
        ),
        ("application/x-www-form-urlencoded", b"description=Sm%E5land&api_key=k", "UTF-8"),
        ("application/x-www-form-urlencoded", "description=Småland".encode("latin-1"), "UTF-8"),
        ("application/x-www-form-urlencoded", b"&".join([b"a=1"] * 60), "många fält"),
    ],
)
def test_bodies_in_other_types_or_encodings_are_refused(
    client, guarantee, api_key, content_type, body, fragment
):
    response = client.post(f"{BASE}/requests.json", body, content_type=content_type)
    assert_errors(response, 400, fragment)
    assert not Feedback.objects.exists()


def test_utf8_text_arrives_intact(client, guarantee, api_key):
    text = "Smörgåsbordet på Åre förskola – 😀"
    assert post_request(client, **valid(guarantee, api_key, description=text)).status_code == 200
    assert Feedback.objects.get().message == text


@pytest.mark.parametrize(
    "overrides,status,fragment",
    [
        ({"service_code": "999999-klagomal"}, 404, "ingen tjänst"),
        ({"service_code": "1-okand"}, 404, "ingen tjänst"),
        ({"service_code": None}, 400, "service_code"),
        ({"attribute[dimension]": "färg"}, 400, "attribute[dimension]"),
        ({"attribute[dimension]": None}, 400, "attribute[dimension]"),
        ({"attribute[commitment]": "abc"}, 400, "attribute[commitment]"),
        ({"attribute[commitment]": "-1"}, 400, "attribute[commitment]"),
        ({"attribute[farg]": "röd"}, 400, "Okänt attribut"),
        ({"description": "   "}, 400, "description"),
        ({"email": "inte-en-adress"}, 400, "email"),
        ({"lat": "norr"}, 400, "lat"),
        ({"long": "1e309"}, 400, "long"),
        ({"lat": "NaN"}, 400, "lat"),
        ({"first_name": "x" * 300}, 400, "first_name"),
    ],
)
def test_wrong_values_are_explained_per_parameter(
    client, guarantee, api_key, overrides, status, fragment
):
    response = post_request(client, **valid(guarantee, api_key, **overrides))
    assert_errors(response, status, fragment)
    assert not Feedback.objects.exists()


def test_a_commitment_of_another_unit_is_refused(client, guarantee, other_unit, api_key):
    foreign = other_unit.commitments.first()
    response = post_request(
        client, **valid(guarantee, api_key, **{"attribute[commitment]": str(foreign.pk)})
    )
    assert_errors(response, 400, "attribute[commitment]")


def test_a_field_sent_twice_is_refused(client, guarantee, api_key):
    from urllib.parse import urlencode

    body = urlencode(list(valid(guarantee, api_key).items()) + [("description", "Andra")])
    response = client.post(
        f"{BASE}/requests.xml", body, content_type="application/x-www-form-urlencoded"
    )
    assert_errors(response, 400, "description")


def test_hostile_text_is_stored_cleaned_or_refused_never_a_server_error(client, guarantee, api_key):
    from open311.models import ApiClient

    ApiClient.objects.update(requests_per_hour=10_000)
    for payload in PAYLOADS:
        for field in ("description", "first_name", "phone", "attribute[dimension]", "service_code"):
            response = post_request(client, **valid(guarantee, api_key, **{field: payload}))
            assert response.status_code in (200, 400, 404, 413), (field, payload)
            parsed(response)
    for case in Feedback.objects.all():
        assert "\x00" not in case.message and "\u202e" not in case.message


@pytest.mark.parametrize("segment", ["<script>", "..%2f..%2fetc", "SYN-2026-1'--", "😀" * 50])
def test_hostile_paths_answer_404_in_the_error_format(client, home_page, segment):
    from urllib.parse import quote

    assert_errors(client.get(f"{BASE}/requests/{quote(segment)}.json"), 404, "")
    assert_errors(client.get(f"{BASE}/services/{quote(segment)}.xml"), 404, "")
    assert_errors(client.get(f"{BASE}/{quote(segment)}.json"), 404, "")


def test_other_methods_are_refused_with_405(home_page):
    client = Client(enforce_csrf_checks=True)
    response = client.delete(f"{BASE}/requests.json")
    assert_errors(response, 405, "Metoden")
    assert "POST" in response["Allow"]
    assert_errors(client.post(f"{BASE}/services.xml"), 405, "Metoden")


def test_reads_are_limited_per_client_address(client, home_page, settings):
    settings.OPEN311_READ_RATE = "3/m"
    for _attempt in range(3):
        assert client.get(f"{BASE}/services.json").status_code == 200
    assert_errors(client.get(f"{BASE}/requests.xml"), 429, "För många")
    assert Client(REMOTE_ADDR="192.0.2.7").get(f"{BASE}/services.json").status_code == 200
