"""Who may keep each answer (home/caching.py) and what each change purges (home/
frontend_cache.py and the rooms' frontend_cache modules). The real proxy's side of it is
tests/quality/test_reverse_proxy.py."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from home.models import MunicipalitySettings
from proposals.models import ProposalEvent, Status
from tests.factories import make_content_page, make_guarantee, make_service_area
from tests.feedback.conftest import form_data
from tests.followup.conftest import make_follow_up
from tests.proposals.conftest import build_proposal

pytestmark = pytest.mark.django_db


class RecordingBackend(BaseBackend):
    """Wagtail's backend interface, keeping the URLs it is asked to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def purged(settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "tests.home.test_caching.RecordingBackend"}
    }
    RecordingBackend.purged = []

    class Purged:
        def during(self):
            RecordingBackend.purged = []
            return django_capture_on_commit_callbacks(execute=True)

        @property
        def paths(self):
            return {re.sub(r"^https?://[^/]+", "", url) for url in RecordingBackend.purged}

    return Purged()


def public_pages(home_page, service_area, guarantee):
    content = make_content_page(home_page, title="Om kvalitetsarbetet")
    proposal = build_proposal()
    return [
        home_page.url,
        service_area.url,
        service_area.url + "jamfor/",
        guarantee.url,
        content.url,
        reverse("proposals:list"),
        reverse("proposals:detail", args=[proposal.pk]),
        reverse("proposals:export_json"),
        reverse("search:search") + "?q=Solrosen",
    ]


def test_public_pages_are_cacheable_for_everyone_and_hold_nothing_personal(
    home_page, service_area, guarantee
):
    for path in public_pages(home_page, service_area, guarantee):
        response = Client().get(path)
        assert response.status_code == 200, path
        control = response["Cache-Control"]
        assert "public" in control and "s-maxage=" in control, path
        assert not response.cookies, path
        assert "cookie" not in response.get("Vary", "").lower(), path
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html, path
        assert not re.search(r'name="form_key" value="[^"]', html), path
        assert "{#" not in html and "{%" not in html, path  # no template comment leaks


def test_a_guarantee_is_the_same_bytes_for_every_anonymous_visitor(guarantee):
    assert Client().get(guarantee.url).content == Client().get(guarantee.url).content


def test_proposal_pages_lag_at_most_a_minute_and_say_so():
    proposal = build_proposal()
    response = Client().get(reverse("proposals:detail", args=[proposal.pk]))
    assert "max-age=60" in response["Cache-Control"]
    assert "s-maxage=60" in response["Cache-Control"]
    assert "Antalet röster uppdateras varje minut." in response.content.decode()


def test_anyone_with_a_session_gets_private_no_store(guarantee, django_user_model):
    editor = django_user_model.objects.create_user("redaktor", "r@example.se", "pw")
    client = Client()
    client.force_login(editor)
    for path in (guarantee.url, reverse("proposals:list")):
        control = client.get(path)["Cache-Control"]
        assert "private" in control and "no-store" in control


def test_a_resident_after_sending_feedback_is_not_served_public_answers(guarantee):
    client = Client()
    url = f"/synpunkter/enhet/{guarantee.pk}/skicka/"
    receipt = client.post(url, form_data(client, url), follow=True)
    assert "no-store" in receipt["Cache-Control"]  # the receipt
    assert "no-store" in client.get(guarantee.url)["Cache-Control"]  # has a session now


def test_forms_with_their_own_key_errors_and_posts_are_never_stored(guarantee):
    client = Client()
    unit_form = f"/synpunkter/enhet/{guarantee.pk}/skicka/"
    for path in (unit_form, "/synpunkter/", reverse("feedback:form_parts")):
        assert "no-store" in client.get(path)["Cache-Control"], path
    with_errors = client.post(unit_form, form_data(client, unit_form, message=""))
    assert with_errors.status_code == 400
    assert "no-store" in with_errors["Cache-Control"]
    refused_vote = client.post("/e-forslag/999999/rosta/epost/start/", {})
    assert "no-store" in refused_vote["Cache-Control"]


def test_tracking_pages_are_private(guarantee):
    client = Client()
    url = f"/synpunkter/enhet/{guarantee.pk}/skicka/"
    receipt = client.post(url, form_data(client, url), follow=True)
    track = re.search(r"/synpunkter/arende/[^\"<\s]+/", receipt.content.decode()).group(0)
    assert "no-store" in Client().get(track)["Cache-Control"]


def test_publishing_an_area_purges_its_guarantees_and_comparison(purged, home_page):
    area = make_service_area(home_page, title="Grundskola")
    units = [make_guarantee(area, title=f"Skola {n}") for n in ("Norr", "Söder")]
    other = make_guarantee(make_service_area(home_page, title="Äldreomsorg"), title="Hemtjänst")
    with purged.during():
        area.save_revision().publish()
    assert {area.url, area.url + "jamfor/", *(u.url for u in units)} <= purged.paths
    assert other.url not in purged.paths


def test_publishing_the_home_page_or_a_setting_purges_everything(purged, home_page, guarantee):
    content = make_content_page(home_page, title="Kontakt")
    everything = {home_page.url, guarantee.url, content.url, "/e-forslag/", "/kvalitetsrapport/"}
    with purged.during():
        home_page.save_revision().publish()
    assert everything <= purged.paths
    settings = MunicipalitySettings.for_site(home_page.get_site())
    with purged.during():
        settings.phone = "08-123 45 67"
        settings.save()
    assert everything <= purged.paths


def test_publishing_a_follow_up_purges_guarantee_area_comparison_and_report(
    purged, service_area, guarantee
):
    with purged.during():
        follow_up = make_follow_up(guarantee)
    report = f"/kvalitetsrapport/{guarantee.committee_id}/{follow_up.year}/"
    expected = {guarantee.url, service_area.url, service_area.url + "jamfor/", report}
    assert expected | {report + "csv/"} <= purged.paths  # the area links to the latest report


def test_a_proposal_change_purges_its_page_the_list_and_the_open_data(purged):
    proposal = build_proposal()
    with purged.during():
        ProposalEvent.objects.create(
            proposal=proposal, kind=ProposalEvent.Kind.STATUS, to_status=Status.CLOSED
        )
    assert {
        f"/e-forslag/{proposal.pk}/",
        "/e-forslag/",
        "/e-forslag/export.json",
        "/e-forslag/export.csv",
    } <= purged.paths
