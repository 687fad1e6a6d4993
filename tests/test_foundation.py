"""The site shell: health check, error pages, Swedish, and the home page in a browser."""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


# The 503 when the database is down is tested with PostgreSQL really stopped:
# tests/quality/test_faults.py::test_requests_during_a_database_outage_get_a_swedish_503...


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_home_page_is_swedish_and_lists_the_way_to_give_feedback(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Ängsby kommun" in html
    assert 'href="#main"' in html
    assert "Lämna synpunkter" in html


def test_missing_page_answers_a_swedish_404(client, home_page):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


@override_settings(DEBUG=False)
def test_csrf_failure_is_explained_in_swedish(home_page):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Formuläret har gått ut" in response.content.decode()


def test_responses_carry_a_content_security_policy_without_unsafe_inline(client, home_page):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_load_demo_twice_duplicates_nothing(demo):
    """The first load is the session's demo (tests/snapshots.py); the second runs here."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from wagtail.models import Page

    pages = Page.objects.count()
    assert pages > 100  # the demo is there
    call_command("load_demo", "--force", stdout=StringIO())
    assert Page.objects.count() == pages
    assert get_user_model().objects.filter(username="admin").count() == 1


@pytest.mark.browser
def test_home_page_in_chromium_has_a_working_skip_link_and_asks_no_other_host(
    page, live_server, home_page
):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").inner_text() == "Ängsby kommun"

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    assert page.watch.console_errors == []
    assert page.watch.hosts == {urlsplit(live_server.url).netloc}
