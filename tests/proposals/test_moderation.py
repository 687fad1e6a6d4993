"""Moderation and answers in the admin, by users with the custom permissions."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from proposals.models import (
    Proposal,
    ProposalEvent,
    ProposalSettings,
    RejectionReason,
    Status,
)

from .conftest import votes_from

pytestmark = pytest.mark.django_db


def manage_url(proposal):
    return f"/admin/e-forslag/edit/{proposal.pk}/"


def action_url(proposal, action):
    return f"/admin/e-forslag/{proposal.pk}/{action}/"


def test_the_queue_lists_proposals_awaiting_moderation(client, moderator, make_proposal):
    waiting = make_proposal(status=Status.AWAITING_MODERATION, title="Väntar på granskning här")
    make_proposal(status=Status.UNCONFIRMED, title="Obekräftat förslag här")
    client.force_login(moderator)
    response = client.get("/admin/e-forslag/?status=awaiting_moderation")
    html = response.content.decode()
    assert response.status_code == 200
    assert waiting.title in html
    assert "Obekräftat förslag här" not in html


def test_publishing_opens_voting_for_the_configured_period(
    client, moderator, make_proposal, home_page
):
    settings = ProposalSettings.current()
    settings.threshold, settings.voting_days = 25, 60
    settings.save()
    proposal = make_proposal(status=Status.AWAITING_MODERATION)
    client.force_login(moderator)
    response = client.post(action_url(proposal, "publicera"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.OPEN
    assert proposal.threshold == 25
    assert proposal.closes_at - proposal.opens_at == timedelta(days=60)
    assert mail.outbox[-1].to == ["karin@example.se"]
    assert "Öppet för röstning" in mail.outbox[-1].subject


@pytest.mark.parametrize("reason", list(RejectionReason))
def test_every_rejection_reason_tells_the_proposer(client, moderator, make_proposal, reason):
    original = make_proposal(title="Det första förslaget om bänkar")
    proposal = make_proposal(status=Status.AWAITING_MODERATION)
    data = {"reason": reason.value}
    if reason == RejectionReason.OTHER:
        data["text"] = "Förslaget saknar en fråga som kommunen kan besluta om."
    if reason == RejectionReason.DUPLICATE:
        data["duplicate_of"] = original.pk
    client.force_login(moderator)
    response = client.post(action_url(proposal, "avvisa"), data)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED
    assert proposal.rejection_reason == reason
    body = mail.outbox[-1].body
    assert mail.outbox[-1].to == ["karin@example.se"]
    assert str(reason.label) in body
    if reason == RejectionReason.OTHER:
        assert "saknar en fråga" in body
    if reason == RejectionReason.DUPLICATE:
        assert f"/e-forslag/{original.pk}/" in body
    assert client.get(f"/e-forslag/{proposal.pk}/").status_code == 404


@pytest.mark.parametrize(
    "reason,missing",
    [(RejectionReason.OTHER, "text"), (RejectionReason.DUPLICATE, "duplicate_of")],
)
def test_other_needs_a_text_and_duplicate_needs_the_original(
    client, moderator, make_proposal, reason, missing
):
    proposal = make_proposal(status=Status.AWAITING_MODERATION)
    client.force_login(moderator)
    response = client.post(action_url(proposal, "avvisa"), {"reason": reason})
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == Status.AWAITING_MODERATION
    assert not mail.outbox


def test_rejecting_without_a_reason_is_refused(client, moderator, make_proposal):
    proposal = make_proposal(status=Status.AWAITING_MODERATION)
    client.force_login(moderator)
    response = client.post(action_url(proposal, "avvisa"))
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == Status.AWAITING_MODERATION


def test_an_edit_needs_a_note_and_is_logged_with_before_and_after(client, moderator, make_proposal):
    proposal = make_proposal(
        status=Status.AWAITING_MODERATION, body="Rektor Anna Svensson på skolan borde sluta."
    )
    client.force_login(moderator)
    data = {"title": proposal.title, "body": "Skolan borde ändra sig."}
    response = client.post(action_url(proposal, "personuppgifter"), data)
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert "Anna Svensson" in proposal.body

    response = client.post(
        action_url(proposal, "personuppgifter"), {**data, "note": "Namn på rektor bort"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.body == "Skolan borde ändra sig."
    event = proposal.events.get(kind=ProposalEvent.Kind.EDIT)
    assert event.actor == moderator
    assert "Anna Svensson" in event.data["before"]["body"]
    assert event.data["after"]["body"] == "Skolan borde ändra sig."
    assert "Anna Svensson" in client.get(manage_url(proposal)).content.decode()


def test_staff_without_the_permission_cannot_moderate(client, django_user_model, make_proposal):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("editor", "e@example.se", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    proposal = make_proposal(status=Status.AWAITING_MODERATION)
    client.force_login(editor)
    assert client.get(manage_url(proposal)).status_code in (302, 403)
    client.post(action_url(proposal, "publicera"))
    proposal.refresh_from_db()
    assert proposal.status == Status.AWAITING_MODERATION


def test_a_moderator_cannot_answer_and_a_committee_clerk_cannot_moderate(
    client, moderator, committee_clerk, make_proposal
):
    at_committee = make_proposal(status=Status.AT_COMMITTEE)
    waiting = make_proposal(status=Status.AWAITING_MODERATION)
    answer = {"decision": "approved", "answer_text": "Bifall.", "answered_at": "2026-03-01"}
    # Wagtail answers PermissionDenied in the admin with a redirect and a message.
    client.force_login(moderator)
    assert client.post(action_url(at_committee, "svara"), answer).status_code in (302, 403)
    at_committee.refresh_from_db()
    assert at_committee.status == Status.AT_COMMITTEE
    client.force_login(committee_clerk)
    denied = client.post(action_url(waiting, "publicera"))
    assert denied.status_code in (302, 403)
    response = client.post(action_url(at_committee, "svara"), answer)
    assert response.status_code == 302 and response.url == manage_url(at_committee)
    at_committee.refresh_from_db()
    waiting.refresh_from_db()
    assert at_committee.status == Status.ANSWERED and at_committee.decision == "approved"
    assert waiting.status == Status.AWAITING_MODERATION


def test_only_proposals_at_the_committee_can_be_answered(make_proposal):
    from django.core.exceptions import ValidationError

    proposal = make_proposal(status=Status.OPEN)
    with pytest.raises(ValidationError):
        proposal.answer("approved", "Bifall.")


def test_closing_expired_proposals_sends_them_to_the_committee_or_closes_them(
    make_proposal, committed
):
    from io import StringIO

    from django.core.management import call_command

    past = timezone.now() - timedelta(minutes=1)
    enough = make_proposal(threshold=3, votes=3)
    too_few = make_proposal(threshold=3, votes=2)
    running = make_proposal(threshold=3, votes=3)
    Proposal.objects.filter(pk__in=[enough.pk, too_few.pk]).update(closes_at=past)
    out = StringIO()
    with committed():
        call_command("close_expired_proposals", stdout=out)
    for p in (enough, too_few, running):
        p.refresh_from_db()
    assert (enough.status, too_few.status, running.status) == (
        Status.AT_COMMITTEE,
        Status.CLOSED,
        Status.OPEN,
    )
    assert "closed 2 proposal(s)" in out.getvalue()
    assert len(mail.outbox) == 2


def test_the_traffic_view_groups_votes_by_network_and_domain_and_can_invalidate(
    client, moderator, make_proposal
):
    proposal = make_proposal()
    votes_from(proposal, 4, "b", network="203.0.113.0/24", domain="spam.se")
    votes_from(proposal, 1, "ok", network="198.51.100.0/24")
    client.force_login(moderator)
    html = client.get("/admin/e-forslag/trafik/").content.decode()
    assert "203.0.113.0/24" in html and "spam.se" in html
    now = timezone.now()
    response = client.post(
        "/admin/e-forslag/trafik/ogiltigforklara/",
        {
            "mail_domain": "spam.se",
            "start": (now - timedelta(hours=1)).isoformat(),
            "end": (now + timedelta(hours=1)).isoformat(),
            "note": "Samma domän, samma minut",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.vote_count == 1


@pytest.mark.parametrize(
    "query",
    [
        "dagar=%C2%B2",
        "dagar=99999999999999999999",
        "forslag=99999999999999999999",
        "forslag=%C2%B2",
        "forslag=-1",
        "dagar=x&forslag=%00",
    ],
)
def test_the_traffic_view_answers_hostile_parameters_with_a_swedish_400(client, moderator, query):
    client.raise_request_exception = False
    client.force_login(moderator)
    response = client.get(f"/admin/e-forslag/trafik/?{query}")
    assert response.status_code == 400
    errors = BeautifulSoup(response.content, "html.parser").select(".error-message")
    assert {e.get_text(" ", strip=True) for e in errors} <= {
        "Ange antalet dagar som en siffra, från 1 till 90.",
        "Det finns inget e-förslag med det numret.",
        "Null-tecken är inte tillåtna.",
    }
    if "%00" in query:  # refused before the view, by the admin's bad-input guard
        assert "Felaktig förfrågan" in response.content.decode()
    else:
        assert errors
    assert "Röster per timme och nätverk" not in response.content.decode()


def test_the_traffic_view_without_a_filter_shows_the_last_week(client, moderator):
    client.force_login(moderator)
    response = client.get("/admin/e-forslag/trafik/")
    assert response.status_code == 200 and response.context["days"] == 7


def test_the_traffic_view_filters_by_proposal(client, moderator, make_proposal):
    from proposals.canonical import voter_hash

    counted, other = make_proposal(), make_proposal()
    Proposal.record_vote(counted.pk, voter_hash("epost", "a"), domain="ett.se")
    Proposal.record_vote(other.pk, voter_hash("epost", "b"), domain="annat.se")
    client.force_login(moderator)
    html = client.get(f"/admin/e-forslag/trafik/?forslag={counted.pk}&dagar=2").content.decode()
    assert "ett.se" in html and "annat.se" not in html


def test_blocked_domains_are_editable_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/e-forslag-sparrade-domaner/")
    assert response.status_code == 200
    assert "mailinator.com" in response.content.decode()
    response = client.post(
        "/admin/e-forslag-sparrade-domaner/new/", {"domain": "Spam.example", "note": "test"}
    )
    assert response.status_code == 302
    from proposals.models import BlockedDomain

    assert BlockedDomain.blocks("x@spam.example")


def _listed_titles(html, titles):
    """The given titles in the order the listing shows them."""
    positions = {title: html.index(title) for title in titles if title in html}
    return sorted(positions, key=positions.get)


@pytest.mark.parametrize(
    ("status", "since"),
    [(Status.AWAITING_MODERATION, "confirmed_at"), (Status.AT_COMMITTEE, "closes_at")],
)
def test_a_queue_lists_the_longest_waiting_proposal_first(
    client, moderator, committee_clerk, make_proposal, status, since
):
    now = timezone.now()
    # Submitted in an order that is neither the queue's nor its reverse, so that neither the
    # submission time nor the id gives the queue's order.
    for title, waited, submitted in [
        ("Väntat längst i kön", 30, 2),
        ("Väntat kortast i kön", 1, 3),
        ("Väntat en vecka i kön", 7, 1),
    ]:
        make_proposal(
            status=status,
            title=title,
            created_at=now - timedelta(days=40, hours=submitted),
            **{since: now - timedelta(days=waited)},
        )
    client.force_login(moderator if status == Status.AWAITING_MODERATION else committee_clerk)

    html = client.get(f"/admin/e-forslag/?status={status.value}").content.decode()

    assert _listed_titles(
        html, ["Väntat längst i kön", "Väntat en vecka i kön", "Väntat kortast i kön"]
    ) == ["Väntat längst i kön", "Väntat en vecka i kön", "Väntat kortast i kön"]
    dashboard = client.get("/admin/").content.decode()
    assert _listed_titles(
        dashboard, ["Väntat längst i kön", "Väntat en vecka i kön", "Väntat kortast i kön"]
    ) == ["Väntat längst i kön", "Väntat en vecka i kön", "Väntat kortast i kön"]


def test_a_column_the_moderator_sorts_by_wins_over_the_queue_order(
    client, moderator, make_proposal
):
    now = timezone.now()
    make_proposal(
        status=Status.AWAITING_MODERATION,
        title="Först inskickat",
        confirmed_at=now,
        created_at=now - timedelta(days=3),
    )
    make_proposal(
        status=Status.AWAITING_MODERATION,
        title="Sist inskickat",
        confirmed_at=now - timedelta(days=9),
        created_at=now - timedelta(days=1),
    )
    client.force_login(moderator)
    html = client.get(
        "/admin/e-forslag/?status=awaiting_moderation&ordering=-created_at"
    ).content.decode()
    assert _listed_titles(html, ["Först inskickat", "Sist inskickat"]) == [
        "Sist inskickat",
        "Först inskickat",
    ]
