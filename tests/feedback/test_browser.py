"""The whole resident flow in Chromium, with JavaScript (proof-of-work) and without it."""

import re

import pytest
from playwright.sync_api import expect

from feedback.models import Feedback, Kind
from tests.quality.pages import LONG_WORD, proposal_preview

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_resident_reports_a_broken_promise_and_follows_the_case(page, live_server, guarantee):
    commitment = guarantee.commitments.first()
    page.goto(f"{guarantee.url}?atagande={commitment.pk}#lamna-synpunkt")
    form = page.locator("#lamna-synpunkt form")
    assert form.get_by_role("radio", name="Klagomål", exact=True).is_checked()
    promises = form.get_by_role("group", name="Gäller det ett av våra löften?")
    assert promises.get_by_role("radio", name=commitment.title).is_checked()
    notice = form.locator("[data-broken-promise-notice]")
    assert notice.is_visible()
    assert "Du anmäler att vi inte har hållit ett löfte" in notice.inner_text()
    form.get_by_label("Tillgänglighet", exact=True).check()
    form.get_by_label("Ditt meddelande").fill("Vi fick inget svar på två veckor.")
    form.get_by_label("Namn").fill("Anna Svensson")
    form.get_by_label("E-post", exact=True).fill("anna@example.se")
    form.get_by_label("Jag vill ha svar").check()
    page.get_by_role("button", name="Skicka").click()

    page.get_by_role("heading", level=1, name="Vi har tagit emot ditt klagomål").wait_for()
    reference = page.locator("[data-reference]").inner_text()
    assert re.fullmatch(r"SYN-\d{4}-\d{6}", reference)
    case = Feedback.objects.get(reference=reference)
    assert case.kind == Kind.COMPLAINT and case.commitment == commitment
    copy = page.locator("[data-sent-copy]").inner_text()
    for words in ["Klagomål", "Tillgänglighet", commitment.title, "inget svar på två veckor"]:
        assert words in copy
    assert page.locator("[data-reply-by]").is_visible()
    page.locator("[data-tracking-link]").click()
    page.get_by_role("heading", name=f"Ärende {reference}").wait_for()
    assert page.locator("[data-status]").inner_text() == "Ny"
    assert "Anna" not in page.content()
    assert page.watch.console_errors == []
    assert page.watch.hosts <= {live_server.url.split("//")[1]}


def test_a_resident_on_a_small_screen_is_led_through_errors_and_sends_once(page, guarantee):
    """At 320 px (WCAG 1.4.10): the error summary, the anonymity conflict, the receipt,
    Back and send again, and pages that repeat a resident's long words, none scrolls sideways."""
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(guarantee.url)
    form = page.locator("#lamna-synpunkt form")
    form.get_by_label("Ditt meddelande").fill(f"Hämtningen vid {LONG_WORD} var rörig.")
    form.get_by_label("Jag vill vara anonym").check()
    form.get_by_label("E-post", exact=True).fill("anna@example.se")
    form.get_by_role("button", name="Skicka").click()

    summary = page.get_by_role("alert")
    summary.wait_for()
    assert page.title().startswith("Fel: ")
    # The site's script moves focus there once the document is parsed (DOMContentLoaded),
    # which may come after the summary is already visible: wait for it, do not race it.
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Välj om det är en synpunkt").click()
    assert page.evaluate("document.activeElement.id") == "id_kind_0"
    kinds = page.get_by_role("group", name="Vad vill du lämna?")
    assert "id_kind_error" in kinds.get_attribute("aria-describedby")
    email = page.get_by_label("E-post", exact=True)
    assert "Ta bort e-postadressen" in page.locator("#id_email_error").inner_text()
    assert "id_email_error" in email.get_attribute("aria-describedby")
    # A single box has its label beside it, on the same line.
    box = page.get_by_label("Jag vill vara anonym").bounding_box()
    label = page.locator("label[for=id_anonymous]").bounding_box()
    assert label["x"] > box["x"] + box["width"] and label["y"] < box["y"] + box["height"]
    # Numbers as Swedish writes them, the limit grouped ("5 000").
    assert re.search(r"Högst 5\s000 tecken", form.inner_text())
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    # Sent from a form the browser fetched (GET), so that Back returns to it.
    page.goto(guarantee.url)
    page.get_by_role("radio", name="Klagomål", exact=True).check()
    page.get_by_role("radio", name="Bemötande").check()
    page.get_by_label("Ditt meddelande").fill(f"Hämtningen vid {LONG_WORD} var rörig.")
    page.get_by_label("E-post", exact=True).fill("anna@example.se")
    page.get_by_role("button", name="Skicka").click()
    page.get_by_role("heading", level=1, name="Vi har tagit emot ditt klagomål").wait_for()
    reference = page.locator("[data-reference]").inner_text()
    assert LONG_WORD in page.locator("[data-sent-copy]").inner_text()
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "the receipt scrolls sideways"

    page.go_back()
    page.get_by_role("button", name="Skicka").click()
    page.get_by_role("heading", level=1, name="Vi har tagit emot ditt klagomål").wait_for()
    assert page.locator("[data-reference]").inner_text() == reference
    assert Feedback.objects.count() == 1

    page.locator("[data-tracking-link]").click()
    page.get_by_role("heading", name=f"Ärende {reference}").wait_for()
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "the tracking page scrolls sideways"
    proposal_preview(page, {})
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "the proposal preview scrolls sideways"
    page.goto(f"/sok/?q={LONG_WORD}")
    page.get_by_role("heading", name="Inga träffar för").wait_for()
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "search without hits scrolls sideways"


def test_form_errors_are_summarised_when_javascript_is_off(browser, live_server, guarantee):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(guarantee.url)
        page.get_by_label("Ditt meddelande").fill("Hej")
        page.get_by_label("E-post", exact=True).fill("inte-en-adress")
        page.get_by_role("button", name="Skicka").click()
        page.get_by_role("alert").wait_for()
        assert "Ange en e-postadress i rätt form" in page.get_by_role("alert").inner_text()
        page.get_by_label("Synpunkt", exact=True).check()
        page.get_by_label("Bemötande", exact=True).check()
        page.get_by_label("E-post", exact=True).fill("anna@example.se")
        page.get_by_role("button", name="Skicka").click()
        page.get_by_role("heading", name="Tack för din synpunkt").wait_for()
        assert Feedback.objects.count() == 1
    finally:
        context.close()
