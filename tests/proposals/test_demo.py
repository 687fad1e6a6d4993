from io import StringIO

import pytest

from proposals import demo
from proposals.models import Proposal, ProposalEvent, Status, Vote

pytestmark = pytest.mark.django_db


def test_demo_proposals_cover_the_states_and_loading_twice_creates_nothing(service_area):
    demo.load(StringIO())
    counts = (Proposal.objects.count(), Vote.objects.count(), ProposalEvent.objects.count())
    demo.load(StringIO())
    assert (Proposal.objects.count(), Vote.objects.count(), ProposalEvent.objects.count()) == counts
    assert 8 <= counts[0] <= 12
    assert set(Proposal.objects.values_list("status", flat=True)) >= {
        Status.OPEN,
        Status.CLOSED,
        Status.AT_COMMITTEE,
        Status.ANSWERED,
        Status.REJECTED,
    }
    for proposal in Proposal.objects.all():
        assert proposal.vote_count == proposal.votes.count()
    assert Proposal.objects.filter(service_area=service_area).exists()


def test_demo_copes_without_service_areas(db):
    demo.load(StringIO())
    assert Proposal.objects.filter(service_area__isnull=True).count() == Proposal.objects.count()


# The words that tie a proposal to a service area of the demo.
AREA_WORDS = {
    "forskola": ["förskol"],
    "grundskola": ["skol", "fritidshem", "elev"],
    "hemtjanst": ["hemtjänst"],
    "bibliotek": ["bibliotek"],
}


def test_each_demo_proposal_is_filed_under_the_area_it_is_about(home_page):
    from guarantees import demo as guarantees_demo

    guarantees_demo.load(StringIO())
    demo.load(StringIO())
    assert Proposal.objects.filter(service_area__isnull=False).count() >= 5
    for proposal in Proposal.objects.select_related("service_area"):
        text = f"{proposal.title} {proposal.body}".lower()
        about = {slug for slug, words in AREA_WORDS.items() if any(w in text for w in words)}
        if proposal.service_area is None:
            assert not about, proposal.title
        else:
            assert proposal.service_area.slug in about, (proposal.title, proposal.service_area)
    assert Proposal.objects.get(title="Vattenlek i Stadsparken").service_area is None
    library = Proposal.objects.get(title="Längre öppettider på biblioteket på lördagar")
    assert library.service_area.slug == "bibliotek"
