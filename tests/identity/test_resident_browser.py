"""A resident signs a vote with e-legitimation in Chromium, against a real OIDC provider."""

import pytest
from django.core import mail

from proposals.models import Proposal, Vote
from tests.proposals.conftest import build_proposal, mailed_link, path_of

from .conftest import sign_in_at_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_vote_signed_with_e_id_counts_once_and_the_same_person_by_mail_does_not_count_again(
    page, identity_settings, home_page
):
    proposal = build_proposal()
    page.goto(f"/e-forslag/{proposal.pk}/")
    form = page.locator("form.vote-eid")
    form.get_by_label("Din e-postadress").fill("anna@example.se")
    form.get_by_role("button", name="Rösta med e-legitimation").click()
    sign_in_at_provider(page, "anna")
    page.get_by_role("heading", name="Tack för din röst").wait_for()
    assert page.get_by_text("verifierad med e-legitimation").is_visible()
    proposal.refresh_from_db()
    assert proposal.vote_count == 1
    assert Vote.objects.get().verifier == "e-legitimation"

    # The same person, by e-mail with the address they gave: not counted again.
    page.goto(f"/e-forslag/{proposal.pk}/")
    email_form = page.locator("form").filter(
        has=page.get_by_role("button", name="Rösta med e-post")
    )
    email_form.get_by_label("Din e-postadress").fill("anna@example.se")
    email_form.get_by_role("button", name="Rösta med e-post").click()
    page.get_by_role("heading", name="Kolla din e-post").wait_for()
    page.goto(path_of(mailed_link(mail.outbox[-1])))
    page.get_by_role("button", name="Bekräfta").click()
    # Their vote by e-ID is the one counted, and the page says so.
    page.get_by_role("heading", name="Din röst är redan räknad").wait_for()
    proposal.refresh_from_db()
    assert proposal.vote_count == 1
    assert Proposal.objects.get(pk=proposal.pk).votes.count() == 1


def test_a_proposal_signed_with_e_id_waits_for_moderation_and_shows_how_it_was_verified(
    page, identity_settings, home_page, service_area
):
    page.goto("/e-forslag/nytt/")
    page.get_by_label("Rubrik").fill("Belysning på gångvägen till skolan")
    page.get_by_label("Ditt förslag").fill("Det är mörkt på vintern. Sätt upp lampor längs vägen.")
    page.get_by_label("Namn som visas med förslaget").fill("Förälder i Ängsby")
    page.get_by_label("Din e-postadress").fill("anna@example.se")
    page.get_by_label("Jag har läst").check()
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_role("button", name="Skicka och signera med e-legitimation").click()
    sign_in_at_provider(page, "anna")
    page.get_by_role("heading", name="Tack, förslaget är bekräftat").wait_for()
    proposal = Proposal.objects.get()
    assert proposal.status == "awaiting_moderation"
    assert proposal.verified_with == "e-legitimation"
    assert proposal.display_name == "Förälder i Ängsby"
    assert [message.to for message in mail.outbox] == [["anna@example.se"]]

    from proposals import services

    services.publish(proposal, by=None)
    page.goto(f"/e-forslag/{proposal.pk}/")
    facts = page.locator("dl.facts").inner_text()
    assert "Förälder i Ängsby" in facts and "Verifierad med e-legitimation" in facts
    assert "Anna Andersson" not in page.content()
