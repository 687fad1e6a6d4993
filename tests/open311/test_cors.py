"""CORS, OPTIONS and HEAD under /open311/v2/: anyone reads, only an app's own origins post."""

import pytest
from django.urls import URLPattern, reverse

from feedback.models import Feedback
from open311 import urls as open311_urls
from open311.models import ApiClient, normalize_origin

from .conftest import BASE, assert_errors, complaint_code, parsed

pytestmark = pytest.mark.django_db

APP_ORIGIN = "https://app.example.se"
OTHER_ORIGIN = "https://evil.example.net"


def read_paths(guarantee, reference):
    """A path for every GET view of the API's URLconf, in both formats."""
    arguments = {
        "services": {},
        "discovery": {},
        "requests": {},
        "service_definition": {"code": complaint_code(guarantee)},
        "request": {"reference": reference},
    }
    paths = ["/open311/v2/"]
    for pattern in open311_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        methods = getattr(pattern.callback, "open311_methods", ())
        if "GET" not in methods or pattern.name == "root":
            continue
        for fmt in ("json", "xml"):
            paths.append(
                reverse(f"open311:{pattern.name}", kwargs={**arguments[pattern.name], "fmt": fmt})
            )
    assert len(paths) == 11
    return paths


@pytest.fixture
def browser_app(db):
    app = ApiClient(name="Webbappen", contact="webb@example.se", allowed_origins=APP_ORIGIN)
    key = app.new_key()
    app.save()
    return key


@pytest.fixture
def reference(client, guarantee, api_key):
    response = client.post(
        f"{BASE}/requests.json",
        f"api_key={api_key}&service_code={complaint_code(guarantee)}"
        "&description=Kall+mat.&attribute[dimension]=utforande",
        content_type="application/x-www-form-urlencoded",
    )
    return parsed(response)[0]["service_request_id"]


def test_every_read_answers_any_origin_and_head_gives_the_same_headers_without_a_body(
    client, guarantee, reference
):
    for path in read_paths(guarantee, reference):
        got = client.get(path, HTTP_ORIGIN=OTHER_ORIGIN)
        head = client.head(path, HTTP_ORIGIN=OTHER_ORIGIN)
        assert got.status_code == head.status_code == 200, path
        assert got["Access-Control-Allow-Origin"] == head["Access-Control-Allow-Origin"] == "*"
        assert head.content == b"" and got.content
        assert head["Content-Type"] == got["Content-Type"]
        assert int(head["Content-Length"]) == len(got.content)
        assert "ETag" in got["Access-Control-Expose-Headers"]


def test_options_names_the_methods_of_each_path(client, guarantee):
    assert client.options(f"{BASE}/services.json")["Allow"] == "GET, HEAD, OPTIONS"
    answer = client.options(f"{BASE}/requests.xml")
    assert answer.status_code == 204
    assert answer["Allow"] == "GET, POST, HEAD, OPTIONS"
    assert_errors(client.options(f"{BASE}/ingenting.xml"), 404, "finns inte")


def preflight(client, path, origin, method, headers="content-type"):
    return client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )


def test_a_preflight_for_reading_is_allowed_from_any_origin(client, home_page):
    answer = preflight(client, f"{BASE}/services.json", OTHER_ORIGIN, "GET", "if-none-match")
    assert answer.status_code == 204
    assert answer["Access-Control-Allow-Origin"] == "*"
    assert answer["Access-Control-Allow-Methods"] == "GET, HEAD"
    assert "If-None-Match" in answer["Access-Control-Allow-Headers"]
    assert int(answer["Access-Control-Max-Age"]) > 0


def test_a_preflight_for_posting_is_allowed_only_from_an_origin_an_app_names(
    client, home_page, browser_app
):
    allowed = preflight(client, f"{BASE}/requests.json", APP_ORIGIN, "POST")
    assert allowed["Access-Control-Allow-Origin"] == APP_ORIGIN
    assert "POST" in allowed["Access-Control-Allow-Methods"]
    assert "Origin" in allowed["Vary"]
    refused = preflight(client, f"{BASE}/requests.json", OTHER_ORIGIN, "POST")
    assert "Access-Control-Allow-Origin" not in refused
    assert "Origin" in refused["Vary"]
    # Posting where the path takes no POST is no more allowed from the app's own origin.
    wrong = preflight(client, f"{BASE}/services.json", APP_ORIGIN, "POST")
    assert "Access-Control-Allow-Origin" not in wrong


def test_a_revoked_apps_origin_may_no_longer_post(client, home_page, browser_app):
    from django.contrib.auth import get_user_model

    ApiClient.objects.get().revoke(get_user_model().objects.create_superuser("a", "a@e.se", "p"))
    refused = preflight(client, f"{BASE}/requests.json", APP_ORIGIN, "POST")
    assert "Access-Control-Allow-Origin" not in refused


def post_from(client, guarantee, key, origin):
    extra = {"HTTP_ORIGIN": origin} if origin else {}
    return client.post(
        f"{BASE}/requests.json",
        f"api_key={key}&service_code={complaint_code(guarantee)}"
        "&description=Kall+mat.&attribute[dimension]=utforande",
        content_type="application/x-www-form-urlencoded",
        **extra,
    )


def test_a_post_from_an_origin_the_key_does_not_name_is_refused_and_unreadable(
    client, guarantee, browser_app, api_key
):
    refused = post_from(client, guarantee, browser_app, OTHER_ORIGIN)
    assert_errors(refused, 403, OTHER_ORIGIN)
    assert "Access-Control-Allow-Origin" not in refused
    # Another app's key, from the first app's origin: refused, though the page may read why.
    other_key = post_from(client, guarantee, api_key, APP_ORIGIN)
    assert_errors(other_key, 403, "gäller inte")
    assert not Feedback.objects.exists()


def test_a_post_from_the_apps_own_origin_is_filed_and_readable(client, guarantee, browser_app):
    answer = post_from(client, guarantee, browser_app, "HTTPS://App.Example.se:443")
    assert answer.status_code == 200, answer.content
    assert answer["Access-Control-Allow-Origin"] == "HTTPS://App.Example.se:443"
    assert "Origin" in answer["Vary"]
    assert Feedback.objects.count() == 1


def test_an_app_outside_a_browser_sends_no_origin_and_is_not_affected(
    client, guarantee, browser_app
):
    assert post_from(client, guarantee, browser_app, None).status_code == 200


@pytest.mark.parametrize(
    ("given", "origin"),
    [
        ("https://App.example.se/", "https://app.example.se"),
        ("http://localhost:8080", "http://localhost:8080"),
        ("https://app.example.se:443", "https://app.example.se"),
        ("https://app.example.se/sida", None),
        ("ftp://app.example.se", None),
        ("app.example.se", None),
        ("https://user@app.example.se", None),
        ("https://app.example.se:99999", None),
        ("null", None),
    ],
)
def test_an_origin_is_read_as_browsers_send_it(given, origin):
    assert normalize_origin(given) == origin
