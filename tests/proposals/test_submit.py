"""Submitting a proposal: two steps without JavaScript, a mailed link to a confirm button."""

import pytest
from django.core import mail
from django.test import override_settings

from proposals.models import Proposal, Status

from .conftest import mailed_link, path_of

pytestmark = pytest.mark.django_db

VALID = {
    "title": "Belysning på gång- och cykelvägen till Ängsbyskolan",
    "body": "Vägen är mörk på vinterhalvåret. Sätt upp belysning så att barnen vågar cykla.",
    "display_name": "Ali",
    "email": "ali@example.se",
    "consent": "on",
}


def test_first_step_shows_similar_published_proposals_and_stores_nothing(
    client, home_page, make_proposal
):
    make_proposal(title="Bättre belysning på cykelvägen vid skolan")
    make_proposal(title="Belysning vid skolan", status=Status.AWAITING_MODERATION)
    response = client.post("/e-forslag/nytt/", {**VALID, "steg": "kontrollera"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bättre belysning på cykelvägen vid skolan" in html
    assert "Belysning vid skolan<" not in html  # not published: not shown
    assert "Skicka förslaget" in html
    assert Proposal.objects.filter(title=VALID["title"]).count() == 0


def test_second_step_stores_an_unconfirmed_proposal_and_mails_a_confirm_link(client, home_page):
    response = client.post("/e-forslag/nytt/", {**VALID, "steg": "skicka"})
    assert response.status_code == 302
    proposal = Proposal.objects.get(title=VALID["title"])
    assert proposal.status == Status.UNCONFIRMED
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ali@example.se"]
    assert "/e-forslag/bekrafta/?t=" in mailed_link(mail.outbox[0])


def test_following_the_link_does_not_confirm_only_the_button_does(client, home_page):
    client.post("/e-forslag/nytt/", {**VALID, "steg": "skicka"})
    link = path_of(mailed_link(mail.outbox[0]))
    response = client.get(link)
    assert response.status_code == 200
    assert "Bekräfta förslaget" in response.content.decode()
    assert Proposal.objects.get().status == Status.UNCONFIRMED

    response = client.post(link)
    assert response.status_code == 200
    assert Proposal.objects.get().status == Status.AWAITING_MODERATION

    replay = client.post(link)
    assert replay.status_code == 400
    assert "redan använts" in replay.content.decode()


def test_a_proposal_needs_consent_and_a_title(client, home_page):
    response = client.post(
        "/e-forslag/nytt/", {**VALID, "consent": "", "title": "", "steg": "skicka"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "godkänna hanteringen av personuppgifter" in html
    assert 'role="alert"' in html
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    "field,value",
    [
        ("title", "x" * 151),
        ("body", "x" * 4001),
        ("display_name", '=HYPERLINK("http://evil")'),
        ("email", "inte-en-adress"),
        ("email", "throwaway@mailinator.com"),
        ("email", "throwaway@sub.yopmail.com"),
        ("service_area", "abc"),
    ],
)
def test_hostile_input_is_refused_with_400_and_nothing_stored(client, home_page, field, value):
    response = client.post("/e-forslag/nytt/", {**VALID, field: value, "steg": "skicka"})
    assert response.status_code == 400
    assert not Proposal.objects.exists()
    assert not mail.outbox


def test_control_and_bidi_characters_are_removed_by_the_house_rule(client, home_page):
    response = client.post(
        "/e-forslag/nytt/",
        {
            **VALID,
            "title": "Ny\u202egnp.exe\u2066 lekpark\x85",
            "body": "Rad ett\x00\x07\r\nRad\ttv\u0061\u030a\x9b",
            "display_name": "Al\u200fi\x1b",
            "steg": "skicka",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.title == "Nygnp.exe lekpark"
    assert proposal.body == "Rad ett\nRad\ttvå"  # NFC: a + ring above is one "å"
    assert proposal.display_name == "Ali"


def test_html_in_a_proposal_is_shown_as_text(client, home_page, make_proposal):
    proposal = make_proposal(title="<script>alert(1)</script>")
    html = client.get(f"/e-forslag/{proposal.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@override_settings(RESIDENT_RATE_LIMITS={"proposals.submit": {"accepted": "2/h"}})
def test_too_many_submissions_from_one_client_get_a_swedish_429_that_keeps_the_text(
    client, home_page
):
    from home.resident_input import rate_limit_counts

    rate_limit_counts().clear()
    for _ in range(2):
        assert client.post("/e-forslag/nytt/", {**VALID, "steg": "kontrollera"}).status_code == 200
    response = client.post("/e-forslag/nytt/", {**VALID, "steg": "skicka"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "för många" in html
    assert 'role="alert"' in html
    assert VALID["body"] in html  # what the resident wrote is still in the form
    assert not Proposal.objects.exists()


def test_missing_csrf_token_is_refused(home_page):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/e-forslag/nytt/", {**VALID, "steg": "skicka"}
    )
    assert response.status_code == 403
    assert not Proposal.objects.exists()


@pytest.mark.django_db
def test_confirming_twice_confirms_once_and_says_so():
    """Mail scanners and double clicks open the link again: only the first one confirms."""
    from home.transitions import TransitionError
    from proposals.models import Proposal, Status

    from .conftest import build_proposal

    proposal = build_proposal(status=Status.UNCONFIRMED)
    event = proposal.confirm_by_proposer()
    assert event.to_status == Status.AWAITING_MODERATION
    assert proposal.status == Status.AWAITING_MODERATION
    first = Proposal.objects.get(pk=proposal.pk).confirmed_at
    assert first is not None
    with pytest.raises(TransitionError, match="Väntar på granskning"):
        proposal.confirm_by_proposer()
    assert Proposal.objects.get(pk=proposal.pk).confirmed_at == first
