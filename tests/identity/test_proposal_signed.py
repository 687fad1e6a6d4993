"""A proposal signed with e-ID, over HTTP against the real test provider."""

import pytest

from proposals.models import Proposal
from tests.proposals.conftest import CommitClient

from .conftest import sign_at_provider_by_http

pytestmark = pytest.mark.django_db

TEXT = {
    "title": "Belysning på gångvägen",
    "body": "Det är mörkt på vintern. Sätt upp lampor längs vägen till skolan.",
    "display_name": "Förälder i Ängsby",
    "email": "anna@example.se",
    "consent": "on",
}


def test_a_cancelled_signature_stores_nothing_and_keeps_the_text_for_the_next_try(
    identity_settings, home_page
):
    client = CommitClient()
    to_provider = client.post("/e-forslag/nytt/", {**TEXT, "steg": "e-legitimation"})
    assert to_provider.status_code == 302
    back = sign_at_provider_by_http(to_provider["Location"], "anna", cancel=True)
    failed = client.get(back, follow=True)
    assert failed.status_code == 400
    assert "Du avbröt inloggningen" in failed.content.decode()
    assert 'href="/e-forslag/nytt/"' in failed.content.decode()
    assert not Proposal.objects.exists()
    again = client.get("/e-forslag/nytt/").content.decode()
    assert TEXT["title"] in again and TEXT["body"] in again

    # The second try signs, and the proposal is stored once.
    to_provider = client.post("/e-forslag/nytt/", {**TEXT, "steg": "e-legitimation"})
    done = client.get(sign_at_provider_by_http(to_provider["Location"], "anna"), follow=True)
    assert done.status_code == 200
    assert Proposal.objects.get().verified_with == "e-legitimation"


def test_the_proposal_callback_without_a_sign_in_is_a_400_with_a_way_back(
    identity_settings, home_page
):
    response = CommitClient().get("/e-forslag/nytt/signerat/?code=x&state=y")
    assert response.status_code == 400
    assert 'href="/e-forslag/nytt/"' in response.content.decode()
    assert not Proposal.objects.exists()
