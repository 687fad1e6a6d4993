"""Moderation that can be reversed where it should be, and is explained where it cannot."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from proposals.canonical import voter_hash
from proposals.models import Proposal, ProposalEvent, RejectionReason, Status, Vote

pytestmark = pytest.mark.django_db


def test_a_published_proposal_can_be_taken_down_with_a_public_reason(
    client, moderator, make_proposal, committed
):
    proposal = make_proposal(status=Status.OPEN, votes=2)
    Vote.objects.filter(proposal=proposal).update(notify=True, email="voter@example.se")
    client.force_login(moderator)
    url = f"/admin/e-forslag/{proposal.pk}/ta-bort/"
    confirm_page = client.get(url)
    assert (
        confirm_page.status_code == 200
        and "Det går inte att ångra" in confirm_page.content.decode()
    )
    assert client.post(url, {"reason": ""}).status_code == 400
    with committed():
        response = client.post(url, {"reason": "Förslaget visade sig bryta mot reglerna."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.REMOVED
    client.logout()
    public = client.get(f"/e-forslag/{proposal.pk}/")
    html = public.content.decode()
    assert public.status_code == 410
    assert "bryta mot reglerna" in html
    assert proposal.title not in html and proposal.display_name not in html
    assert proposal.title not in client.get("/e-forslag/").content.decode()
    assert proposal.title not in client.get("/e-forslag/export.json").content.decode()
    assert {m.to[0] for m in mail.outbox} == {"karin@example.se", "voter@example.se"}
    assert all("bryta mot reglerna" in m.body for m in mail.outbox)
    assert not Vote.objects.exclude(email="").exists()


def test_the_moderators_explanation_reaches_the_proposer_for_every_reason(
    client, moderator, make_proposal
):
    proposal = make_proposal(status=Status.AWAITING_MODERATION)
    client.force_login(moderator)
    client.post(
        f"/admin/e-forslag/{proposal.pk}/avvisa/",
        {"reason": RejectionReason.INDIVIDUAL_CASE, "text": "Ring kontaktcenter om ert bygglov."},
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED
    assert "Ring kontaktcenter om ert bygglov." in mail.outbox[-1].body


def test_publishing_asks_for_confirmation_first(client, moderator, make_proposal):
    proposal = make_proposal(status=Status.AWAITING_MODERATION)
    client.force_login(moderator)
    page = client.get(f"/admin/e-forslag/{proposal.pk}/publicera/")
    assert page.status_code == 200 and "öppet för röster" in page.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.AWAITING_MODERATION


def test_the_service_area_can_be_changed_and_is_logged(client, moderator, make_proposal, home_page):
    from tests.factories import make_service_area

    schools = make_service_area(home_page, title="Skola")
    proposal = make_proposal(status=Status.OPEN)
    client.force_login(moderator)
    response = client.post(f"/admin/e-forslag/{proposal.pk}/omrade/", {"service_area": schools.pk})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.service_area == schools
    assert proposal.events.filter(kind=ProposalEvent.Kind.AREA).exists()


def vote_from(proposal, i, network):
    return Proposal.record_vote(
        proposal.pk, voter_hash("epost", f"{network}-{i}"), network=network, domain="spam.se"
    )


def test_invalidation_is_previewed_needs_a_note_and_can_be_restored(
    client, moderator, make_proposal
):
    first, second = make_proposal(), make_proposal()
    for i in range(3):
        vote_from(first, i, "203.0.113.0/24")
    vote_from(second, 9, "203.0.113.0/24")
    vote_from(second, 10, "198.51.100.0/24")
    now = timezone.now()
    criteria = {
        "network": "203.0.113.0/24",
        "start": (now - timedelta(hours=1)).isoformat(),
        "end": (now + timedelta(hours=1)).isoformat(),
    }
    client.force_login(moderator)
    preview = client.get("/admin/e-forslag/trafik/ogiltigforklara/", criteria)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "4 giltiga röster" in html and first.title in html and second.title in html
    first.refresh_from_db()
    assert first.vote_count == 3  # the preview changed nothing

    assert client.post("/admin/e-forslag/trafik/ogiltigforklara/", criteria).status_code == 400
    response = client.post(
        "/admin/e-forslag/trafik/ogiltigforklara/", {**criteria, "note": "Samma nät, samma minut"}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.vote_count, second.vote_count) == (0, 1)

    audit = client.get("/admin/e-forslag/ogiltigforklaringar/").content.decode()
    assert "Samma nät, samma minut" in audit
    assert "nätverk 203.0.113.0/24" in audit  # the selection in words, not a stored dict
    assert "{&#x27;network&#x27;" not in audit and "{'network'" not in audit
    invalidation = first.votes.first().invalidation
    restore = f"/admin/e-forslag/ogiltigforklaringar/{invalidation.pk}/aterstall/"
    assert client.post(restore).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.vote_count, second.vote_count) == (3, 2)
    assert client.post(restore).status_code == 400  # restored once, not twice
    assert first.events.filter(kind=ProposalEvent.Kind.RESTORED).exists()


@pytest.mark.parametrize(
    "path", ["/admin/e-forslag/edit/99999999999999999999/", "/admin/e-forslag/abc/ta-bort/"]
)
def test_crafted_proposal_ids_are_a_404(client, moderator, path):
    client.force_login(moderator)
    assert client.get(path).status_code == 404


def test_a_crafted_proposal_search_is_answered_and_escaped(client, moderator, make_proposal):
    make_proposal(status=Status.OPEN)
    client.force_login(moderator)
    response = client.get("/admin/e-forslag/", {"q": "'\"<script>"})
    assert response.status_code == 200
    assert "'\"<script>" not in response.content.decode()


def test_each_role_finds_its_proposals_waiting_on_the_dashboard(
    client, moderator, committee_clerk, make_proposal, django_user_model
):
    now = timezone.now()
    newer = make_proposal(
        status=Status.AWAITING_MODERATION, title="Nyare förslag", confirmed_at=now
    )
    older = make_proposal(
        status=Status.AWAITING_MODERATION,
        title="Äldre förslag",
        confirmed_at=now - timedelta(days=3),
    )
    at_committee = make_proposal(status=Status.AT_COMMITTEE, title="Förslag hos nämnden")
    make_proposal(status=Status.OPEN, title="Öppet förslag")

    client.force_login(moderator)
    panel = BeautifulSoup(client.get("/admin/").content, "html.parser").find(
        "section", attrs={"aria-labelledby": "proposals-panel-title"}
    )
    text = panel.get_text(" ", strip=True)
    assert "I kön: två e-förslag." in text
    titles = [a.get_text(strip=True) for a in panel.select("tbody a")]
    assert titles == [older.title, newer.title]  # the longest waiting first
    assert panel.select_one("tbody a")["href"] == reverse("proposals_admin:edit", args=[older.pk])
    assert "Förslag hos nämnden" not in text and "Öppet förslag" not in text

    client.force_login(committee_clerk)
    panel = BeautifulSoup(client.get("/admin/").content, "html.parser").find(
        "section", attrs={"aria-labelledby": "proposals-panel-title"}
    )
    assert [a.get_text(strip=True) for a in panel.select("tbody a")] == [at_committee.title]
    assert "Väntar på granskning" not in panel.get_text()

    others = django_user_model.objects.create_user("annan", "annan@example.se", "pw")
    others.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(others)
    assert 'aria-labelledby="proposals-panel-title"' not in client.get("/admin/").content.decode()
