"""The site setting says which ways a resident may show who they are: e-mail, e-ID or both."""

import pytest

from proposals.models import ProposalSettings, VoteWays
from tests.proposals.conftest import build_proposal

pytestmark = pytest.mark.django_db

ISSUER = "https://eid.example"


@pytest.fixture
def broker(settings):
    settings.IDENTITY_RESIDENT = {**settings.IDENTITY_RESIDENT, "ISSUER": ISSUER, "CLIENT_ID": "x"}


def set_ways(ways):
    config = ProposalSettings.current()
    config.vote_ways = ways
    config.save()


@pytest.mark.parametrize(
    ("ways", "shown", "hidden"),
    [
        (VoteWays.EMAIL, "Rösta med e-post", "Rösta med e-legitimation"),
        (VoteWays.EID, "Rösta med e-legitimation", "Rösta med e-post"),
    ],
)
def test_the_vote_form_offers_only_the_ways_the_municipality_allows(
    client, home_page, broker, ways, shown, hidden
):
    set_ways(ways)
    proposal = build_proposal()
    page = client.get(f"/e-forslag/{proposal.pk}/").content.decode()
    assert shown in page and hidden not in page


def test_both_ways_are_offered_by_default(client, home_page, broker):
    page = client.get(f"/e-forslag/{build_proposal().pk}/").content.decode()
    assert "Rösta med e-post" in page and "Rösta med e-legitimation" in page


def test_without_a_configured_broker_e_id_is_not_offered(client, home_page, settings):
    settings.IDENTITY_RESIDENT = {**settings.IDENTITY_RESIDENT, "ISSUER": ""}
    page = client.get(f"/e-forslag/{build_proposal().pk}/").content.decode()
    assert "Rösta med e-legitimation" not in page


def test_a_mailed_vote_is_refused_where_only_e_id_is_allowed(client, home_page, broker):
    set_ways(VoteWays.EID)
    proposal = build_proposal()
    response = client.post(
        f"/e-forslag/{proposal.pk}/rosta/epost/start/", {"epost-email": "a@example.se"}
    )
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.vote_count == 0


def test_a_proposal_sent_by_mail_is_refused_where_only_e_id_is_allowed(
    client, home_page, broker, service_area
):
    set_ways(VoteWays.EID)
    data = {
        "title": "Fler bänkar",
        "body": "Vid ån behövs bänkar.",
        "display_name": "Karin",
        "email": "karin@example.se",
        "consent": "on",
        "steg": "skicka",
    }
    response = client.post("/e-forslag/nytt/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Skicka och signera med e-legitimation" in page and "Skicka förslaget" not in page
    from proposals.models import Proposal

    assert not Proposal.objects.exists()
