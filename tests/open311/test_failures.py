"""Every failure under /open311/v2/ answers in GeoReport's error list, in the asked format,
whoever refused it: the house's middleware, Django or the API's own checks (issue 32)."""

import time

import pytest
from django.test import Client

from feedback.models import Feedback

from .conftest import BASE, assert_errors, complaint_code

pytestmark = pytest.mark.django_db

FORMATS = ["json", "xml"]


def fields(guarantee, key, **overrides):
    values = {
        "api_key": key,
        "service_code": complaint_code(guarantee),
        "description": "Maten var kall tre dagar i rad.",
        "attribute[dimension]": "utforande",
    }
    values.update(overrides)
    return "&".join(f"{name}={value}" for name, value in values.items())


def post_raw(client, fmt, body, content_type="application/x-www-form-urlencoded", **extra):
    return client.generic(
        "POST", f"{BASE}/requests.{fmt}", body, content_type=content_type, **extra
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_body_over_the_sites_cap_is_refused_in_the_error_format(client, guarantee, api_key, fmt):
    body = fields(guarantee, api_key, description="x" * (3 * 1024 * 1024)).encode()
    response = post_raw(client, fmt, body)
    assert_errors(response, 413, "för stor")
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "rot13", "base64", "nonsense"])
def test_a_body_in_a_charset_that_cannot_be_read_is_refused_in_the_error_format(
    client, guarantee, api_key, fmt, charset
):
    body = fields(guarantee, api_key).encode("utf-16") if charset == "utf-16" else b"a=b"
    content_type = f"application/x-www-form-urlencoded; charset={charset}"
    response = post_raw(client, fmt, body, content_type=content_type)
    assert_errors(response, 400, "UTF-8")
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_malformed_content_length_is_refused_in_the_error_format(client, guarantee, fmt):
    response = post_raw(client, fmt, b"a=b", CONTENT_LENGTH="tio")
    assert_errors(response, 400, "kunde inte läsas")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_body_over_the_apis_own_cap_is_refused_in_the_error_format(
    client, guarantee, api_key, fmt
):
    body = fields(guarantee, api_key, description="x" * 100_000).encode()
    assert_errors(post_raw(client, fmt, body), 413, "för stor")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_multipart_body_is_refused_in_the_error_format(client, guarantee, api_key, fmt):
    response = client.post(
        f"{BASE}/requests.{fmt}",
        {"api_key": api_key, "service_code": complaint_code(guarantee), "description": "x"},
    )
    assert_errors(response, 400, "x-www-form-urlencoded")


def test_a_path_without_a_format_is_a_json_404(client, home_page):
    for path in ("nope", "services", "requests/SYN-2026-000001", "services/42-klagomal.html"):
        response = client.get(f"{BASE}/{path}")
        assert_errors(response, 404, "finns inte")
        assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_refused_in_the_error_format_with_allow(client, home_page, fmt, method):
    response = client.generic(method, f"{BASE}/services.{fmt}")
    assert_errors(response, 405, "Metoden")
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_server_error_is_a_500_in_the_error_format(home_page, monkeypatch, fmt):
    from open311 import catalog

    def broken():
        raise RuntimeError("the catalogue is broken")

    monkeypatch.setattr(catalog, "services", broken)
    response = Client(raise_request_exception=False).get(f"{BASE}/services.{fmt}")
    assert_errors(response, 500, "Försök igen")
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("fmt", FORMATS)
def test_too_many_reads_answer_429_with_retry_after_and_the_counts(
    client, home_page, settings, fmt
):
    settings.OPEN311_READ_RATE = "3/h"
    remaining = []
    for _attempt in range(3):
        response = client.get(f"{BASE}/services.{fmt}")
        assert response.status_code == 200
        assert response["X-RateLimit-Limit"] == "3"
        remaining.append(int(response["X-RateLimit-Remaining"]))
    assert remaining == [2, 1, 0]
    refused = client.get(f"{BASE}/services.{fmt}")
    assert_errors(refused, 429, "För många")
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert refused["X-RateLimit-Remaining"] == "0"
    assert int(refused["X-RateLimit-Reset"]) > time.time()
    assert "Retry-After" in refused["Access-Control-Expose-Headers"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_app_over_its_hourly_limit_gets_429_with_retry_after(client, guarantee, api_key, fmt):
    from open311.models import ApiClient

    ApiClient.objects.update(requests_per_hour=1)
    first = post_raw(client, fmt, fields(guarantee, api_key).encode())
    assert first.status_code == 200
    assert (first["X-RateLimit-Limit"], first["X-RateLimit-Remaining"]) == ("1", "0")
    refused = post_raw(client, fmt, fields(guarantee, api_key, description="Igen.").encode())
    assert_errors(refused, 429, "för många ärenden")
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_guessed_keys_get_429_with_retry_after(client, guarantee, api_key, fmt):
    for attempt in range(20):
        post_raw(client, fmt, fields(guarantee, f"gissning{attempt}").encode())
    refused = post_raw(client, fmt, fields(guarantee, "gissning21").encode())
    assert_errors(refused, 429, "nycklar")
    assert 0 < int(refused["Retry-After"]) <= 3600
