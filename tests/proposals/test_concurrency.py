"""Exact counts under load: concurrent confirmed votes on PostgreSQL."""

import threading

import pytest

from proposals.canonical import canonical_email, voter_hash
from proposals.models import AlreadyVoted, Proposal, Vote
from tests.threads import run_in_threads

from .conftest import build_proposal

PEOPLE = [f"person{i}" for i in range(24)]
# The same people again, spelled differently: case, spaces, +tags, gmail dots and googlemail.
SPELLINGS = (
    [f"{p}@example.se" for p in PEOPLE[:12]]
    + [f"{p[:3]}.{p[3:]}@gmail.com" for p in PEOPLE[12:]]
    + [f"  {p.upper()}@EXAMPLE.se " for p in PEOPLE[:6]]
    + [f"{p}+rosta@example.se" for p in PEOPLE[6:12]]
    + [f"{p}@googlemail.com" for p in PEOPLE[12:18]]
    + [f"{p[:1]}.{p[1:]}+x@gmail.com" for p in PEOPLE[18:]]
)


@pytest.mark.django_db(transaction=True)
def test_concurrent_voters_with_duplicates_end_with_count_equal_to_distinct_voters():
    proposal = build_proposal()
    assert len(SPELLINGS) == 48 and len({canonical_email(s) for s in SPELLINGS}) == 24
    barrier = threading.Barrier(len(SPELLINGS))

    def vote(address):
        barrier.wait(timeout=30)
        try:
            Proposal.record_vote(proposal.pk, voter_hash("epost", canonical_email(address)))
        except AlreadyVoted:
            return False
        return True

    results = run_in_threads(vote, [(s,) for s in SPELLINGS])
    proposal.refresh_from_db()
    assert results.count(True) == 24
    assert proposal.vote_count == 24 == Vote.objects.filter(proposal=proposal).count()
