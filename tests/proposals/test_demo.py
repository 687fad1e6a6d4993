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
