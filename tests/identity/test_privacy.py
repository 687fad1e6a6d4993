"""No personal identity number in any table, session, cache entry, log line or page after the
e-ID flows; and the sweep finds a number wherever one is planted."""

import logging

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.test import Client

from feedback.models import Dimension, Feedback, Kind
from tests.proposals.conftest import build_proposal

from . import personal_numbers as where
from .conftest import PERSONAL_NUMBERS, sign_in_at_provider

NUMBERS = list(PERSONAL_NUMBERS.values())
PLANTED = "194107086994"


def everywhere(records, pages, numbers):
    return (
        where.in_tables(numbers)
        + where.in_sessions(numbers)
        + where.in_caches(numbers)
        + where.in_log(records, numbers)
        + where.in_pages(pages, numbers)
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_personal_identity_number_is_kept_anywhere_after_the_e_id_flows(
    page, identity_settings, home_page
):
    proposal = build_proposal()
    pages = []

    def keep(label):
        pages.append((label, page.content()))

    with where.EveryRecord() as log:
        # A vote signed with e-ID, with an address for news.
        page.goto(f"/e-forslag/{proposal.pk}/")
        form = page.locator("form.vote-eid")
        form.get_by_label("Din e-postadress").fill("anna@example.se")
        form.get_by_label("Meddela mig").check()
        form.get_by_role("button", name="Rösta med e-legitimation").click()
        sign_in_at_provider(page, "anna")
        page.get_by_role("heading", name="Tack för din röst").wait_for()
        keep("vote counted")
        # A sign-in refused for a weak e-ID: the provider did send the number.
        page.goto(f"/e-forslag/{proposal.pk}/")
        form.get_by_label("Din e-postadress").fill("svea@example.se")
        form.get_by_role("button", name="Rösta med e-legitimation").click()
        sign_in_at_provider(page, "svag")
        page.get_by_role("heading", name="Inloggningen avbröts").wait_for()
        keep("vote refused")
        # Staff by SSO.
        page.goto("/admin/login/")
        keep("admin login")
        visitor = Client()
        for path in (f"/e-forslag/{proposal.pk}/", "/e-forslag/export.json", "/e-forslag/"):
            pages.append((path, visitor.get(path).content.decode()))

    assert len(log.records) > 0 and len(pages) == 6
    proposal.refresh_from_db()
    assert proposal.vote_count == 1  # the sweep saw the flows that really ran
    assert everywhere(log.records, pages, NUMBERS) == []


@pytest.mark.django_db
def test_the_sweep_finds_a_number_planted_in_a_table_session_cache_log_or_page(home_page):
    from tests.factories import make_guarantee, make_service_area

    unit = make_guarantee(make_service_area(home_page, title="Förskola"), title="Solrosen")
    Feedback.receive(
        unit=unit,
        kind=Kind.OPINION,
        dimension=Dimension.OTHER,
        message=f"Mitt personnummer är {PLANTED[:8]}-{PLANTED[8:]}.",
    )
    session = SessionStore()
    session["identity.resident"] = {"number": PLANTED[2:]}
    session.create()
    caches["shared"].set("planted", {"pnr": PLANTED})
    caches["default"].set("planted", f"x{PLANTED}x")
    with where.EveryRecord() as log:
        logging.getLogger("identity.resident").debug("claims %s", {"pnr": PLANTED})
    pages = [("/planted/", f"<p>{PLANTED[2:8]}-{PLANTED[8:]}</p>")]

    places = [place for place, _number in everywhere(log.records, pages, [PLANTED])]
    for expected in (
        "table feedback_feedback",
        f"session {session.session_key[:6]}",
        "shared cache",
        "local cache",
        "log identity.resident",
        "page /planted/",
    ):
        assert any(place.startswith(expected) for place in places), (expected, places)
