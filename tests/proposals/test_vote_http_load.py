"""The vote path through real HTTP: the mailed link's page reads no database, its POST is one
short transaction, and many concurrent POSTs end with the count equal to the distinct voters."""

import threading
from urllib.parse import quote

import pytest
import requests
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from proposals.canonical import voter_hash
from proposals.models import Confirmation, Proposal, Vote
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
    # Lock and spend the link, insert the vote (in a savepoint: a second vote is refused by
    # the unique constraint), move the counter. Nothing before or after the transaction.
    assert statements.count("SELECT") == 1
    assert statements.count("INSERT") == 1
    assert statements.count("UPDATE") == 2
    assert len([s for s in statements if s not in ("SAVEPOINT", "RELEASE")]) == 4
    assert Proposal.objects.get(pk=proposal.pk).vote_count == 2


def test_a_used_link_shows_the_button_but_its_post_is_refused(db, client):
    proposal = build_proposal()
    (link,) = _links(proposal, 1, per_voter=1)
    assert client.post(link).status_code == 200
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 400
    assert "redan använts" in response.content.decode()
    assert Vote.objects.filter(proposal=proposal).count() == 1


def test_a_bad_signature_is_refused_already_on_the_get(db, client):
    proposal = build_proposal()
    (link,) = _links(proposal, 1, per_voter=1)
    response = client.get(link[:-4] + "abcd")
    assert response.status_code == 400
    assert "ogiltig" in response.content.decode()
