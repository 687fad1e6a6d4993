"""Each way a resident's e-ID sign-in can fail at the provider, driven for real at the test
provider in Chromium: a Swedish page that says what happened, a way back, nothing recorded."""

from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest

from proposals.models import Vote
from tests.proposals.conftest import build_proposal

from .conftest import sign_in_at_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def start_vote(page, proposal):
    page.goto(f"/e-forslag/{proposal.pk}/")
    form = page.locator("form.vote-eid")
    form.get_by_label("Din e-postadress").fill("anna@example.se")
    form.get_by_role("button", name="Rösta med e-legitimation").click()
    page.wait_for_selector("input[name=login]")


def held_return(page, account="anna"):
    """Sign in at the provider but hold its answer: the URL it sends the resident back to.

    The login form is posted with the browser's own cookies (its context's request API) and
    the provider's redirects read instead of followed."""
    request = page.context.request
    answer = request.post(
        page.url,
        form={"prompt": "login", "login": account, "password": "valfritt"},
        max_redirects=0,
    )
    while "/inloggning/e-legitimation/svar/" not in answer.headers.get("location", ""):
        assert answer.status in (302, 303), answer.text()
        answer = request.get(answer.headers["location"], max_redirects=0)
    return answer.headers["location"]


def with_query(url, **changes):
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def assert_failure_page(page, response, status, message, way_back):
    assert response.status == status
    page.get_by_role("heading", name="Inloggningen avbröts").wait_for()
    assert message in page.get_by_role("alert").inner_text()
    assert page.get_by_role("link", name="Tillbaka och försök igen").get_attribute("href") == (
        way_back
    )
    assert page.locator("html").get_attribute("lang") == "sv"


def assert_nothing_recorded(proposal):
    proposal.refresh_from_db()
    assert proposal.vote_count == 0
    assert not Vote.objects.exists()


def test_a_resident_who_cancels_at_the_provider_is_told_so_and_can_try_again(
    page, identity_settings, home_page
):
    proposal = build_proposal()
    start_vote(page, proposal)
    with page.expect_response(lambda r: "/rosta/e-legitimation/" in r.url) as answer:
        page.get_by_role("link", name="[ Cancel ]").click()
    assert_failure_page(
        page, answer.value, 400, "Du avbröt inloggningen.", proposal.get_absolute_url()
    )
    assert_nothing_recorded(proposal)
    page.get_by_role("link", name="Tillbaka och försök igen").click()
    page.get_by_role("button", name="Rösta med e-legitimation").wait_for()


def test_an_e_id_below_the_required_level_of_assurance_is_refused_with_403(
    page, identity_settings, home_page
):
    proposal = build_proposal()
    start_vote(page, proposal)
    with page.expect_response(lambda r: "/rosta/e-legitimation/" in r.url) as answer:
        sign_in_at_provider(page, "svag")
    assert_failure_page(page, answer.value, 403, "räcker inte här", proposal.get_absolute_url())
    assert_nothing_recorded(proposal)


def test_an_answer_with_a_state_this_session_did_not_start_is_refused(
    page, identity_settings, home_page
):
    proposal = build_proposal()
    start_vote(page, proposal)
    answer_url = held_return(page)
    response = page.goto(with_query(answer_url, state="inte-din-inloggning"))
    assert_failure_page(page, response, 400, "hörde inte till din inloggning", "/")
    assert_nothing_recorded(proposal)


def test_a_replayed_code_is_refused_by_the_provider_and_counts_nothing(
    page, identity_settings, home_page
):
    first, second = build_proposal(), build_proposal()
    start_vote(page, first)
    used = held_return(page)
    page.goto(used)
    page.get_by_role("heading", name="Tack för din röst").wait_for()

    # A new sign-in for the second proposal, answered with the first one's spent code.
    start_vote(page, second)
    fresh = held_return(page)
    replay = with_query(fresh, code=parse_qs(urlsplit(used).query)["code"][0])
    with page.expect_response(lambda r: "/rosta/e-legitimation/" in r.url) as answer:
        page.goto(replay)
    assert_failure_page(page, answer.value, 400, "redan använts", second.get_absolute_url())
    second.refresh_from_db()
    assert second.vote_count == 0 and not second.votes.exists()
    assert Vote.objects.count() == 1


def test_an_expired_id_token_is_refused(page, identity_settings, oidc_provider, home_page):
    proposal = build_proposal()
    oidc_provider.set_clock(-600)  # ten minutes behind: its one-minute tokens are expired
    start_vote(page, proposal)
    with page.expect_response(lambda r: "/rosta/e-legitimation/" in r.url) as answer:
        sign_in_at_provider(page, "anna")
    assert_failure_page(page, answer.value, 400, "inte giltigt", proposal.get_absolute_url())
    assert_nothing_recorded(proposal)


def test_a_code_issued_to_another_client_is_refused_by_the_provider(
    page, identity_settings, home_page
):
    proposal = build_proposal()
    page.goto(f"/e-forslag/{proposal.pk}/")
    form = page.locator("form.vote-eid")
    form.get_by_label("Din e-postadress").fill("anna@example.se")
    with page.expect_request(lambda r: "/auth?" in r.url) as asked:
        form.get_by_role("button", name="Rösta med e-legitimation").click()
    # The same request, as another service of the municipality registered with the broker.
    page.goto(with_query(asked.value.url, client_id="annan-tjanst"))
    with page.expect_response(lambda r: "/rosta/e-legitimation/" in r.url) as answer:
        sign_in_at_provider(page, "anna")
    assert_failure_page(
        page, answer.value, 400, "Ingenting har sparats", proposal.get_absolute_url()
    )
    assert_nothing_recorded(proposal)


def test_a_sign_in_that_took_too_long_is_void(page, identity_settings, home_page):
    identity_settings.IDENTITY_SIGN_IN_SECONDS = 0
    proposal = build_proposal()
    start_vote(page, proposal)
    with page.expect_response(lambda r: "/rosta/e-legitimation/" in r.url) as answer:
        sign_in_at_provider(page, "anna")
    assert_failure_page(page, answer.value, 400, "tog för lång tid", proposal.get_absolute_url())
    assert_nothing_recorded(proposal)
