"""Transport: requests the site cannot read, wrong hosts, oversized bodies.

Each answer is a Swedish error page with every security header, never a 500.
"""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = [
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
]

UNDECODABLE_CHARSETS = ["base64", "hex", "rot13", "zlib", "utf-16", "utf-32", "utf-7", "nonsense"]


def assert_swedish_error_page(response, status, heading, admin=False):
    assert response.status_code == status, response.content[:300]
    # The Wagtail admin is exempt from CSP by design (CONTENT_SECURITY_POLICY in settings).
    expected = [h for h in SECURITY_HEADERS if not (admin and h == "Content-Security-Policy")]
    for header in expected:
        assert response.has_header(header), f"{header} missing on the {status} page"
    if not admin:
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    text = response.content.decode()
    assert heading in text
    assert '<html lang="sv">' in text
    assert "Traceback" not in text


@pytest.fixture
def browser_client():
    """A client that answers as the server would, instead of raising the view's exception."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("charset", UNDECODABLE_CHARSETS)
@pytest.mark.parametrize("path", ["/?a=1", "/sok/?q=skola", "/healthz?a=1", "/admin/login/?n=1"])
def test_a_get_naming_an_undecodable_charset_gets_the_swedish_400(
    browser_client, home_page, charset, path
):
    response = browser_client.get(path, CONTENT_TYPE=f"text/plain; charset={charset}")
    assert_swedish_error_page(response, 400, "Felaktig förfrågan", admin=path.startswith("/admin/"))


@pytest.mark.parametrize("charset", UNDECODABLE_CHARSETS)
@pytest.mark.parametrize("path", ["/synpunkter/", "/e-forslag/nytt/", "/admin/login/"])
def test_a_form_post_naming_an_undecodable_charset_gets_the_swedish_400(
    browser_client, home_page, charset, path
):
    # generic(): post() would encode the body with the named charset on the client's side.
    response = browser_client.generic(
        "POST",
        path,
        b"a=1&csrfmiddlewaretoken=x",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert_swedish_error_page(response, 400, "Felaktig förfrågan", admin=path.startswith("/admin/"))


def test_a_readable_charset_is_still_served(browser_client, home_page):
    response = browser_client.get("/?a=1", CONTENT_TYPE="text/plain; charset=ISO-8859-1")
    assert response.status_code == 200


@pytest.mark.parametrize("charset", ["utf-8", "latin-1"])
def test_the_csrf_failure_page_survives_a_form_with_a_charset(browser_client, home_page, charset):
    """No CSRF cookie: the Swedish 403 page with its headers, whatever the form's charset."""
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    response = client.generic(
        "POST",
        "/synpunkter/?x=1",
        b"meddelande=hej",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert_swedish_error_page(response, 403, "Formuläret har gått ut")


def test_the_live_server_answers_an_undecodable_request_with_the_400_page(live_server, home_page):
    """Through the real WSGI handler, where the request used to fail before any middleware."""
    import requests

    response = requests.post(
        live_server.url + "/synpunkter/?a=1",
        data=b"a=1",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=rot13"},
        timeout=20,
    )
    assert response.status_code == 400
    for header in SECURITY_HEADERS:
        assert header in response.headers
    assert "Felaktig förfrågan" in response.text


def test_a_wrong_host_gets_the_400_page_with_every_security_header(browser_client, home_page):
    from django.test import override_settings

    with override_settings(ALLOWED_HOSTS=["kvalitet.angsby.example"]):
        response = browser_client.get("/", HTTP_HOST="evil.example")
    assert_swedish_error_page(response, 400, "Felaktig förfrågan")
