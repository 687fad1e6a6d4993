"""The vote path through real HTTP: the mailed link's page reads no database, its POST is one
short transaction (one statement),
and many concurrent POSTs end with the count equal to the distinct voters."""

import threading
from urllib.parse import quote, unquote

import pytest
import requests
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from proposals import services
from proposals.canonical import voter_hash
from proposals.models import Confirmation, Proposal, Status, Vote, VotingClosed
from tests.threads import run_in_threads

from .conftest import build_proposal

VOTERS = 20


def _links(proposal, voters, per_voter):
    tokens = []
    for i in range(voters):
        for _ in range(per_voter):
            _c, token = Confirmation.issue(
                Confirmation.Kind.VOTE, proposal, voter_hash=voter_hash("epost", f"v{i}@x.se")
            )
            tokens.append(token)
    return [f"/e-forslag/{proposal.pk}/rosta/epost/?t={quote(token)}" for token in tokens]


@pytest.mark.django_db(transaction=True)
def test_concurrent_http_votes_end_with_count_equal_to_distinct_voters(live_server):
    """Every voter has two links and uses both at once: 40 POSTs in flight together."""
    proposal = build_proposal()
    links = _links(proposal, VOTERS, per_voter=2)
    barrier = threading.Barrier(len(links))

    def use(link):
        with requests.Session() as session:
            page = session.get(live_server.url + link, timeout=30)
            assert page.status_code == 200 and "Bekräfta min röst" in page.text
            barrier.wait(timeout=30)
            return session.post(live_server.url + link, timeout=30).status_code

    statuses = run_in_threads(use, [(link,) for link in links], timeout=120)
    proposal.refresh_from_db()
    assert sorted(statuses) == [200] * VOTERS + [409] * VOTERS
    assert proposal.vote_count == VOTERS == Vote.objects.filter(proposal=proposal).count()
    assert Confirmation.objects.filter(used_at__isnull=False).count() == VOTERS


def test_the_mailed_links_page_reads_no_database_once_rendered(db, client):
    cache.clear()
    proposal = build_proposal()
    first, second = _links(proposal, 2, per_voter=1)
    assert client.get(first).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(second)
    assert response.status_code == 200
    assert len(queries) == 0
    html = response.content.decode()
    assert proposal.title in html
    assert "csrfmiddlewaretoken" not in html and 'method="post"' in html


@override_settings(RATELIMIT_ENABLE=False)  # the limiter's own cache reads are not the vote's
def test_the_vote_post_is_one_short_transaction(db, client):
    cache.clear()
    proposal = build_proposal()
    warm, link = _links(proposal, 2, per_voter=1)
    client.post(warm)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(link)
    assert response.status_code == 200
    statements = [q["sql"].split()[0].upper() for q in queries]
    # One statement spends the link, inserts the vote and moves the counter (the test's own
    # transaction wraps it in a savepoint; served, it runs in autocommit: one round trip).
    assert [s for s in statements if s not in ("SAVEPOINT", "RELEASE")] == ["WITH"]
    assert Proposal.objects.get(pk=proposal.pk).vote_count == 2


def test_a_used_link_opened_again_in_the_same_browser_says_so_and_reads_no_database(db, client):
    cache.clear()
    proposal = build_proposal()
    (link,) = _links(proposal, 1, per_voter=1)
    assert client.post(link).status_code == 200
    first = client.get(link).content.decode()
    assert "Din röst är redan räknad" in first and "Bekräfta min röst" not in first
    with CaptureQueriesContext(connection) as queries:
        again = client.get(link)  # rendered once for the proposal, as the button's page is
    assert again.status_code == 200 and "Din röst är redan räknad" in again.content.decode()
    assert len(queries) == 0
    assert Vote.objects.filter(proposal=proposal).count() == 1


def test_a_used_link_in_another_browser_shows_the_button_and_its_post_says_the_vote_counts(
    db, client
):
    proposal = build_proposal()
    (link,) = _links(proposal, 1, per_voter=1)
    assert client.post(link).status_code == 200
    client.cookies.clear()
    assert "Bekräfta min röst" in client.get(link).content.decode()
    response = client.post(link)
    assert response.status_code == 200
    assert "Din röst är redan räknad" in response.content.decode()
    assert Vote.objects.filter(proposal=proposal).count() == 1


def test_a_bad_signature_is_refused_already_on_the_get(db, client):
    proposal = build_proposal()
    (link,) = _links(proposal, 1, per_voter=1)
    response = client.get(link[:-4] + "abcd")
    assert response.status_code == 400
    assert "ogiltig" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_votes_racing_the_close_are_counted_exactly_or_refused():
    """Links used while a moderator's close runs: each vote is either in the counter and the
    rows, or refused, never half; the decision sees the final count."""
    proposal = build_proposal(threshold=10)
    links = _links(proposal, VOTERS, per_voter=1)
    tokens = [link.split("?t=", 1)[1] for link in links]
    barrier = threading.Barrier(len(tokens) + 1)

    def act(token):
        barrier.wait(timeout=30)
        if token is None:
            Proposal.objects.get(pk=proposal.pk).close()
            return None
        try:
            services.vote_by_mailed_link(proposal.pk, unquote(token))
        except VotingClosed:
            return False
        return True

    results = run_in_threads(act, [(t,) for t in tokens] + [(None,)], timeout=120)
    proposal.refresh_from_db()
    counted = results.count(True)
    assert proposal.vote_count == counted == Vote.objects.filter(proposal=proposal).count()
    assert proposal.status == (Status.AT_COMMITTEE if counted >= 10 else Status.CLOSED)


def test_a_link_posted_to_another_or_a_missing_proposal_is_refused(db, client):
    proposal, other = build_proposal(), build_proposal()
    (link,) = _links(proposal, 1, per_voter=1)
    token = link.split("?t=", 1)[1]
    response = client.post(f"/e-forslag/{other.pk}/rosta/epost/?t={token}")
    assert response.status_code == 400
    assert "hör inte till" in response.content.decode()
    assert client.post(f"/e-forslag/{other.pk + 100}/rosta/epost/?t={token}").status_code == 404
    assert not Vote.objects.exists()
    assert client.post(link).status_code == 200  # the link itself still works
