"""Voting: a mailed link to a confirm button, one vote per canonical address, bad tokens."""

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from proposals import services
from proposals.canonical import canonical_email, source_network, voter_hash
from proposals.identity import VerificationFailed, VerifiedIdentity, Verifier
from proposals.models import Confirmation, Proposal, Status, TokenError, Vote

from .conftest import mailed_link, path_of, votes_from

pytestmark = pytest.mark.django_db


def ask_to_vote(client, proposal, email="lisa@example.se", notify=False):
    data = {"epost-email": email}
    if notify:
        data["epost-notify"] = "on"
    response = client.post(f"/e-forslag/{proposal.pk}/rosta/epost/start/", data)
    assert response.status_code == 302, response.content.decode()
    return path_of(mailed_link(mail.outbox[-1]))


@pytest.mark.parametrize(
    "spelling,canonical",
    [
        ("  Lisa.Berg@Example.SE ", "lisa.berg@example.se"),
        ("lisa+e-forslag@example.se", "lisa@example.se"),
        ("l.i.s.a@gmail.com", "lisa@gmail.com"),
        ("Lisa+x@GoogleMail.com", "lisa@gmail.com"),
        ('"anna.x"@gmail.com', "annax@gmail.com"),
        ('"Anna.Berg"@example.se', "anna.berg@example.se"),
        ('"anna\\"x"@example.se', 'anna"x@example.se'),
        ("anna@xn--ngsby-kommun-fcb.se", "anna@ängsby-kommun.se"),
        ("anna@XN--NGSBY-KOMMUN-FCB.SE", "anna@ängsby-kommun.se"),
        ("anna@A\u0308ngsby-kommun.se", "anna@ängsby-kommun.se"),  # NFD
        ("anna@ängsby-kommun.se.", "anna@ängsby-kommun.se"),
        ("anna@xn--broken-.se", "anna@xn--broken-.se"),  # not an A-label: kept as typed
        ("anna@xn--zz9zz9zz9.se", "anna@xn--zz9zz9zz9.se"),
    ],
)
def test_addresses_are_reduced_to_one_canonical_form(spelling, canonical):
    assert canonical_email(spelling) == canonical


@pytest.mark.parametrize(
    "address",
    [
        "lisa.berg@example.se",
        "lisa@gmail.com",
        "anna@ängsby-kommun.se",
        "o'brien@example.co.uk",
        "x_y-z@sub.example.se",
    ],
)
def test_an_address_already_canonical_is_left_as_it_was(address):
    """Its stored voter hash must keep matching."""
    assert canonical_email(address) == address


def test_the_voter_hash_is_keyed_and_never_the_address():
    digest = voter_hash("epost", "lisa@example.se")
    assert len(digest) == 64 and "lisa" not in digest
    with override_settings(SECRET_KEY="another-key"):
        assert voter_hash("epost", "lisa@example.se") != digest


@pytest.mark.parametrize(
    "first,second",
    [
        ("anna.x@gmail.com", '"anna.x"@gmail.com'),
        ("anna@ängsby-kommun.se", "anna@xn--ngsby-kommun-fcb.se"),
        ("anna@\u00e4ngsby-kommun.se", "anna@a\u0308ngsby-kommun.se"),
    ],
)
def test_one_mailbox_written_two_ways_votes_once(client, make_proposal, first, second):
    proposal = make_proposal()
    assert client.post(ask_to_vote(client, proposal, first)).status_code == 200
    response = client.post(ask_to_vote(client, proposal, second))
    assert response.status_code == 409
    assert "redan röstat" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.vote_count == 1


def test_only_the_truncated_network_is_kept():
    assert source_network("192.0.2.77") == "192.0.2.0/24"
    assert source_network("2001:db8:abcd:12::1") == "2001:db8:abcd::/48"
    assert source_network("not an ip") == ""


def test_a_vote_counts_after_the_confirm_button_not_after_the_link(client, make_proposal):
    proposal = make_proposal()
    link = ask_to_vote(client, proposal)
    assert client.get(link).status_code == 200
    proposal.refresh_from_db()
    assert proposal.vote_count == 0

    response = client.post(link)
    assert response.status_code == 200
    assert "Din röst är registrerad" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.vote_count == 1
    vote = Vote.objects.get()
    assert vote.email == ""  # no news asked: the address is not kept
    assert vote.network == "127.0.0.0/24"
    assert vote.mail_domain == "example.se"


def test_the_same_person_in_another_spelling_counts_once(client, make_proposal):
    proposal = make_proposal()
    client.post(ask_to_vote(client, proposal, "lisa.berg@gmail.com"))
    response = client.post(ask_to_vote(client, proposal, " LisaBerg+igen@googlemail.com"))
    assert response.status_code == 409
    assert "redan röstat" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.vote_count == 1


def test_a_link_used_again_says_the_vote_is_counted_and_counts_it_once(client, make_proposal):
    proposal = make_proposal()
    link = ask_to_vote(client, proposal)
    first = client.post(link).content.decode()
    # Thanked once: in the heading, not again in the message below it.
    assert first.count("Tack") == 1 and "Din röst är registrerad." in first

    # The same browser opening the link again is told so at once, without the button.
    again = client.get(link)
    assert again.status_code == 200
    html = again.content.decode()
    assert "Din röst är redan räknad" in html and "Bekräfta min röst" not in html
    assert "Länken fungerar inte" not in html

    # Another browser still gets the button; its press answers the same, and nothing counts twice.
    elsewhere = Client()
    assert "Bekräfta min röst" in elsewhere.get(link).content.decode()
    pressed = elsewhere.post(link)
    assert pressed.status_code == 200
    html = pressed.content.decode()
    assert "Din röst är redan räknad" in html and "den räknas" in html
    assert "Länken fungerar inte" not in html and "redan använts" not in html
    proposal.refresh_from_db()
    assert proposal.vote_count == 1 == proposal.votes.count()


def test_a_used_link_whose_vote_was_invalidated_is_not_said_to_count(client, make_proposal):
    proposal = make_proposal()
    link = ask_to_vote(client, proposal)
    client.post(link)
    Vote.objects.update(invalidated_at=timezone.now())
    response = Client().post(link)
    assert response.status_code == 400
    assert "redan använts" in response.content.decode()


def test_a_tampered_link_is_refused(client, make_proposal):
    proposal = make_proposal()
    link = ask_to_vote(client, proposal)
    tampered = link[:-3] + ("aaa" if not link.endswith("aaa") else "bbb")
    for method in (client.get, client.post):
        response = method(tampered)
        assert response.status_code == 400
        assert "ogiltig" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.vote_count == 0


def test_a_forged_token_with_a_guessed_id_is_refused(client, make_proposal):
    proposal = make_proposal()
    ask_to_vote(client, proposal)
    confirmation = Confirmation.objects.get()
    forged = Confirmation._signer("vote").sign(f"{confirmation.pk}.guessednonce")
    response = client.post(f"/e-forslag/{proposal.pk}/rosta/epost/?t={forged}")
    assert response.status_code == 400
    assert Vote.objects.count() == 0


def test_a_proposal_confirmation_token_cannot_confirm_a_vote(client, make_proposal):
    proposal = make_proposal()
    _c, token = Confirmation.issue(Confirmation.Kind.PROPOSAL, proposal)
    response = client.post(f"/e-forslag/{proposal.pk}/rosta/epost/?t={token}")
    assert response.status_code == 400
    assert Vote.objects.count() == 0


def test_an_expired_link_is_refused(client, make_proposal):
    proposal = make_proposal()
    link = ask_to_vote(client, proposal)
    with override_settings(PROPOSAL_TOKEN_MAX_AGE=-1):
        response = client.post(link)
    assert response.status_code == 400
    assert "gått ut" in response.content.decode()
    Confirmation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(link)
    assert response.status_code == 400
    assert "gått ut" in response.content.decode()
    assert Vote.objects.count() == 0


def test_a_link_for_another_proposal_is_refused(client, make_proposal):
    first, second = make_proposal(), make_proposal()
    link = ask_to_vote(client, first)
    wrong = link.replace(f"/e-forslag/{first.pk}/", f"/e-forslag/{second.pk}/")
    response = client.post(wrong)
    assert response.status_code == 400
    assert "hör inte till" in response.content.decode()
    assert Vote.objects.count() == 0


def test_voting_after_the_end_is_refused_in_swedish(client, make_proposal):
    proposal = make_proposal()
    link = ask_to_vote(client, proposal)
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    response = client.post(link)
    assert response.status_code == 409
    assert "Röstningen är avslutad" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.vote_count == 0 and not Vote.objects.exists()

    response = client.post(
        f"/e-forslag/{proposal.pk}/rosta/epost/start/", {"epost-email": "a@b.se"}
    )
    assert response.status_code == 409
    assert "Röstningen är avslutad" in response.content.decode()


def test_a_disposable_address_cannot_vote(client, make_proposal):
    proposal = make_proposal()
    response = client.post(
        f"/e-forslag/{proposal.pk}/rosta/epost/start/", {"epost-email": "x@mailinator.com"}
    )
    assert response.status_code == 400
    assert "e-posttjänsten" in response.content.decode()
    assert not mail.outbox


def test_votes_on_unpublished_proposals_are_not_possible(client, make_proposal):
    proposal = make_proposal(status=Status.AWAITING_MODERATION)
    response = client.post(
        f"/e-forslag/{proposal.pk}/rosta/epost/start/", {"epost-email": "a@example.se"}
    )
    assert response.status_code == 404


@override_settings(RESIDENT_RATE_LIMITS={"proposals.vote": {"accepted": "2/h"}})
def test_too_many_votes_from_one_client_get_a_429(client, make_proposal):
    from home.resident_input import rate_limit_counts

    rate_limit_counts().clear()
    proposal = make_proposal()
    for i in range(2):
        ask_to_vote(client, proposal, f"v{i}@example.se")
    response = client.post(
        f"/e-forslag/{proposal.pk}/rosta/epost/start/", {"epost-email": "v9@example.se"}
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert 'value="v9@example.se"' in html and "för många gånger" in html


def test_the_address_is_kept_only_for_news_and_erased_when_answered(
    client, make_proposal, committed
):
    proposal = make_proposal(threshold=2)
    client.post(ask_to_vote(client, proposal, "news@example.se", notify=True))
    client.post(ask_to_vote(client, proposal, "quiet@example.se"))
    assert sorted(Vote.objects.values_list("email", flat=True)) == ["", "news@example.se"]
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now())
    mail.outbox.clear()
    with committed():
        services.close_expired()
    proposal.refresh_from_db()
    assert proposal.status == Status.AT_COMMITTEE
    assert sorted(m.to[0] for m in mail.outbox) == ["karin@example.se", "news@example.se"]

    mail.outbox.clear()
    with committed():
        services.answer(
            proposal,
            None,
            decision="partly_approved",
            text="Nämnden sätter upp fem nya bänkar 2026.",
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["karin@example.se", "news@example.se"]
    assert "fem nya bänkar" in mail.outbox[1].body
    assert not Vote.objects.exclude(email="").exists()


class DummyEIDVerifier(Verifier):
    """Stands in for BankID/Freja: the identity provider sends the voter straight back."""

    key = "eid"
    label = "Rösta med e-legitimation (test)"

    def begin(self, request, proposal):
        return reverse("proposals:vote_callback", args=[proposal.pk, self.key]) + "?code=ok"

    def callback(self, request, proposal):
        if request.GET.get("code") != "ok":
            raise VerificationFailed("Inloggningen avbröts.")
        return VerifiedIdentity(verifier=self.key, subject="197001011234")


@override_settings(
    PROPOSAL_VOTE_VERIFIERS=[
        "proposals.identity.EmailVerifier",
        "tests.proposals.test_voting.DummyEIDVerifier",
    ]
)
def test_a_second_verifier_plugs_in_without_changing_the_voting_code(client, make_proposal):
    proposal = make_proposal()
    page = client.get(f"/e-forslag/{proposal.pk}/").content.decode()
    assert "Rösta med e-legitimation (test)" in page
    assert "Rösta med e-post" in page
    response = client.post(f"/e-forslag/{proposal.pk}/rosta/eid/start/", follow=True)
    assert response.status_code == 200 and "Din röst är registrerad" in response.content.decode()
    again = client.post(f"/e-forslag/{proposal.pk}/rosta/eid/start/", follow=True)
    assert again.status_code == 409
    refused = client.get(f"/e-forslag/{proposal.pk}/rosta/eid/?code=no")
    assert refused.status_code == 400 and "Inloggningen avbröts." in refused.content.decode()
    proposal.refresh_from_db()
    assert proposal.vote_count == 1
    assert Vote.objects.get().verifier == "eid"


def test_an_unknown_verifier_is_a_404(client, make_proposal):
    proposal = make_proposal()
    assert client.post(f"/e-forslag/{proposal.pk}/rosta/bankid/start/").status_code == 404


def test_invalidating_votes_from_a_network_corrects_the_count(make_proposal):
    proposal = make_proposal()
    now = timezone.now()
    votes_from(proposal, 5, "bot", network="203.0.113.0/24", domain="x.se")
    votes_from(proposal, 3, "real", network="198.51.100.0/24", domain="y.se")
    proposal.refresh_from_db()
    assert proposal.vote_count == 8
    invalidation = Vote.invalidate(
        Vote.objects.filter(network="203.0.113.0/24", created_at__gte=now - timedelta(hours=1)),
        note="Botnät",
    )
    proposal.refresh_from_db()
    assert invalidation.count == 5 and proposal.vote_count == 3
    event = proposal.events.filter(kind="invalidation").get()
    assert event.data == {"votes": 5, "invalidation": invalidation.pk}


# Made by the code as it stood at feedback/proposals/, before the app moved to proposals/, with
# the test SECRET_KEY and the clock at 1795000000 (2026-11-18). Links already mailed and hashes
# already stored must keep working after the move.
OLD_VOTER_HASH = "98cb8878632341e77f205e393de910869f35e3f7f6e996e9ad66e3dd174b9405"
OLD_VOTE_TOKEN = (
    "4242.fixed-nonce-made-before-the-move:1xTdUu:l6sVkhI6pplogXZdcgrgCh90zBDqQKjZjFNF9QooKWA"
)
OLD_PROPOSAL_TOKEN = "4243.another-fixed-nonce:1xTdUu:714vzEE36TU2_fHy_h51NEsu1fTiAKTYvlH751xMAWo"
OLD_CLOCK = 1795000000.0


def test_a_voter_hash_stored_before_the_move_is_still_the_voters_hash():
    assert voter_hash("epost", canonical_email("Anna.Andersson+x@Example.se")) == OLD_VOTER_HASH


@pytest.mark.parametrize(
    "kind, token, pk, nonce",
    [
        (Confirmation.Kind.VOTE, OLD_VOTE_TOKEN, 4242, "fixed-nonce-made-before-the-move"),
        (Confirmation.Kind.PROPOSAL, OLD_PROPOSAL_TOKEN, 4243, "another-fixed-nonce"),
    ],
)
def test_a_link_mailed_before_the_move_still_verifies(
    monkeypatch, make_proposal, kind, token, pk, nonce
):
    from proposals.models import _digest

    proposal = make_proposal()
    Confirmation.objects.create(
        pk=pk,
        kind=kind,
        proposal=proposal,
        token_hash=_digest(nonce),
        expires_at=timezone.now() + timedelta(days=1),
    )
    monkeypatch.setattr(signing.time, "time", lambda: OLD_CLOCK + 60)
    assert Confirmation.verify(kind, token).pk == pk
    other = Confirmation.Kind.PROPOSAL if kind == Confirmation.Kind.VOTE else Confirmation.Kind.VOTE
    with pytest.raises(TokenError):
        Confirmation.verify(other, token)


def test_a_vote_recorded_with_no_options_is_an_email_vote_that_keeps_no_address(make_proposal):
    """What a bare record_vote stores: an e-mail vote, no news wanted, nothing about the voter
    beyond the keyed hash (no address, network or mail domain)."""
    proposal = make_proposal()
    vote = Proposal.record_vote(proposal.pk, voter_hash("epost", canonical_email("o@example.se")))
    vote.refresh_from_db()
    assert vote.verifier == "email"
    assert vote.notify is False
    assert (vote.email, vote.network, vote.mail_domain) == ("", "", "")
    proposal.refresh_from_db()
    assert proposal.vote_count == 1
