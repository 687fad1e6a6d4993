"""The page for app developers at /open311/: what it says is read from where it is decided
(the API's limits, the catalogue, the retention settings), so it cannot drift from them."""

import pytest
from django.test import Client
from wagtail.models import Site

from feedback.models import FeedbackSettings, Kind
from home.numbers import swedish_number
from open311 import catalog, intake, models, views

pytestmark = pytest.mark.django_db


def test_the_developer_page_lists_every_units_number_and_every_kinds_code(
    client, guarantee, other_unit
):
    response = client.get("/open311/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Open311 för apputvecklare" in page
    for _area, unit in catalog.units():
        assert f"<code>{unit.pk}</code>" in page and unit.title in page
    for value, label in Kind.choices:
        assert f"<code>{value}</code>" in page and str(label) in page
    assert "http://testserver/open311/v2/" in page


def test_the_developer_page_states_the_limits_the_api_applies(client, home_page, settings):
    settings.OPEN311_READ_RATE = "250/h"
    page = client.get("/open311/").content.decode()
    assert "250 per timme" in page
    assert f"{models.DEFAULT_REQUESTS_PER_HOUR} per timme" in page
    assert f"{views.MAX_BODY_BYTES // 1024} kB" in page
    assert f"{swedish_number(intake.DESCRIPTION_MAX_LENGTH)} tecken" in page
    assert "Retry-After" in page and "X-RateLimit-Remaining" in page
    assert "Access-Control-Allow-Origin" in page


def test_the_developer_page_states_the_retention_set_in_the_settings(client, home_page):
    feedback_settings = FeedbackSettings.for_site(Site.objects.get(is_default_site=True))
    feedback_settings.retention_months_praise = 7
    feedback_settings.save()
    page = client.get("/open311/").content.decode()
    assert "Beröm: 7 månader" in page


def test_the_developer_page_is_public_and_cacheable(home_page):
    response = Client().get("/open311/")
    assert response.status_code == 200 and not response.cookies
    assert "public" in response["Cache-Control"]
    assert Client().head("/open311/").status_code == 200
