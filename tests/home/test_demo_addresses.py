"""The demo's links follow PORT: the Site record and the configured address both say where
`make run` serves, so mail links and the API's detail_url and html_url point there."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_on_port_8765(demo):
    """The demo loaded again (on top of the session's, tests/snapshots.py) with 8765 as the
    configured port, as `make run` with PORT=8765 after an earlier `make run`."""
    address = "http://127.0.0.1:8765"
    with override_settings(WAGTAILADMIN_BASE_URL=address, WAGTAILAPI_BASE_URL=address):
        call_command("load_demo", "--force", "--no-admin", stdout=StringIO())
        yield address


def test_the_site_record_and_the_api_urls_follow_the_configured_port(client, demo_on_port_8765):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8765)
    answer = client.get("/api/v2/pages/", {"type": "guarantees.GuaranteePage", "limit": 3})
    assert answer.status_code == 200
    for item in answer.json()["items"]:
        assert item["meta"]["detail_url"].startswith("http://127.0.0.1:8765/api/v2/pages/")
        assert item["meta"]["html_url"].startswith("http://127.0.0.1:8765/")
        assert "localhost" not in item["meta"]["html_url"]


def test_a_second_load_on_another_port_moves_the_site(demo_on_port_8765):
    with override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:9123"):
        call_command("load_demo", "--force", "--no-admin", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 9123)
    assert Site.objects.count() == 1


def test_mail_links_follow_the_configured_port(
    client, demo_on_port_8765, django_capture_on_commit_callbacks
):
    from guarantees.models import GuaranteePage
    from tests.feedback.conftest import form_data

    unit = GuaranteePage.objects.in_source_language().get(slug="forskolan-solrosen")
    url = f"/synpunkter/enhet/{unit.pk}/skicka/"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, form_data(client, url)).status_code == 302
    assert mail.outbox
    links = re.findall(r"https?://[^\s\"<>]+", " ".join(m.body for m in mail.outbox))
    assert any("/synpunkter/arende/" in link for link in links)
    assert links and all(link.startswith("http://127.0.0.1:8765/") for link in links), links
