"""The whole resident flow in Chromium, with JavaScript (proof-of-work) and without it."""

import re

import pytest

from feedback.models import Feedback, Kind

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_resident_reports_a_broken_promise_and_follows_the_case(page, live_server, guarantee):
    commitment = guarantee.commitments.first()
    page.goto(f"{guarantee.url}?atagande={commitment.pk}#lamna-synpunkt")
    form = page.locator("#lamna-synpunkt form")
    assert form.get_by_role("radio", name="Klagomål").is_checked()
    assert form.get_by_label("Gäller det ett av våra åtaganden?").input_value() == str(
        commitment.pk
    )
    form.get_by_label("Tillgänglighet").check()
    form.get_by_label("Ditt meddelande").fill("Vi fick inget svar på två veckor.")
    form.get_by_label("Namn").fill("Anna Svensson")
    form.get_by_label("E-post", exact=True).fill("anna@example.se")
    form.get_by_label("Jag vill ha svar").check()
    page.get_by_role("button", name="Skicka").click()

    page.get_by_role("heading", name="Tack för din synpunkt").wait_for()
    reference = page.locator("[data-reference]").inner_text()
    assert re.fullmatch(r"SYN-\d{4}-\d{6}", reference)
    case = Feedback.objects.get(reference=reference)
    assert case.kind == Kind.COMPLAINT and case.commitment == commitment
    page.locator("[data-tracking-link]").click()
    page.get_by_role("heading", name=f"Ärende {reference}").wait_for()
    assert page.locator("[data-status]").inner_text() == "Ny"
    assert "Anna" not in page.content()
    assert page.watch.console_errors == []
    assert page.watch.hosts <= {live_server.url.split("//")[1]}


def test_form_errors_are_summarised_when_javascript_is_off(browser, live_server, guarantee):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(guarantee.url)
        page.get_by_label("Ditt meddelande").fill("Hej")
        page.get_by_label("E-post", exact=True).fill("inte-en-adress")
        page.get_by_role("button", name="Skicka").click()
        page.get_by_role("alert").wait_for()
        assert "Ange en giltig e-postadress" in page.get_by_role("alert").inner_text()
        page.get_by_label("Synpunkt", exact=True).check()
        page.get_by_label("Bemötande").check()
        page.get_by_label("E-post", exact=True).fill("anna@example.se")
        page.get_by_role("button", name="Skicka").click()
        page.get_by_role("heading", name="Tack för din synpunkt").wait_for()
        assert Feedback.objects.count() == 1
    finally:
        context.close()
