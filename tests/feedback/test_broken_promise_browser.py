"""A broken promise reported in Chromium on a phone and a desktop: the form says what is being
reported with the whole promise, the receipt and the kept mail name the remedy.
With SCREENSHOT_DIR set, screenshots go there for a person to look at."""

import html
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from feedback.models import Feedback
from outbox.models import Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
LONG_PROMISE = (
    "Ditt barn har en egen kontaktpedagog som du kan prata med när du lämnar och hämtar, "
    "och som ringer dig samma dag om något har hänt."
)
COMPENSATION = "Du kan få avgiften nedsatt för de dagar ditt barn inte fick den omsorg vi lovat."


@pytest.fixture
def unit(service_area):
    from tests.factories import make_guarantee

    unit = make_guarantee(
        service_area,
        title="Förskolan Vitsippan",
        contact_person="Eva Ek, rektor",
        phone="0123-45 61 20",
        email="vitsippan@example.se",
        remedy="Vi förklarar vad som hänt och berättar vad vi gör för att rätta till det.",
        remedy_contact="Förskolans rektor",
        remedy_contact_days=2,
        remedy_compensation=COMPENSATION,
    )
    draft = unit.get_latest_revision_as_object()
    commitments = list(draft.commitments.all())
    commitments[0].title = LONG_PROMISE
    draft.commitments = commitments
    draft.save_revision().publish()
    unit.refresh_from_db()
    return unit


def shot(page, name, full_page=True):
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=full_page)


@pytest.mark.parametrize("width", [375, 1280])
def test_a_broken_promise_is_reported_with_its_remedy_on_the_receipt_and_in_the_mail(
    page, unit, width
):
    page.set_viewport_size({"width": width, "height": 900})
    commitment = unit.commitments.get(title=LONG_PROMISE)
    page.goto(f"{unit.url}?atagande={commitment.pk}#lamna-synpunkt")
    form = page.locator("#lamna-synpunkt form")
    notice = form.locator("[data-broken-promise-notice]")
    expect(notice).to_be_visible()
    expect(notice.get_by_role("heading")).to_have_text(
        "Du anmäler att vi inte har hållit ett löfte"
    )
    # The whole promise, in the notice and beside its radio: wrapped, never cut off.
    promise = notice.locator("[data-broken-promise-text]")
    expect(promise).to_have_text(LONG_PROMISE)
    assert promise.evaluate("e => e.scrollWidth <= e.clientWidth")
    radio = form.get_by_role("radio", name=LONG_PROMISE)
    assert radio.is_checked()
    label = radio.locator("xpath=..")
    assert label.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    notice.scroll_into_view_if_needed()
    shot(page, f"form-{width}", full_page=False)

    # Choosing no promise hides the notice; choosing the promise again shows it (script).
    form.get_by_role("radio", name="Nej, inget särskilt löfte").check()
    expect(notice).to_be_hidden()
    radio.check()
    expect(notice).to_be_visible()

    form.get_by_label("Tjänstens innehåll/utförande").check()
    form.get_by_label("Ditt meddelande").fill("Ingen ringde när Elsa slog sig i tisdags.")
    form.get_by_label("Namn").fill("Anna Svensson")
    form.get_by_label("E-post", exact=True).fill("anna@example.se")
    form.get_by_label("Jag vill ha svar").check()
    form.get_by_role("button", name="Skicka").click()

    page.get_by_role("heading", level=1, name="Vi har tagit emot ditt klagomål").wait_for()
    section = page.locator("[data-broken-promise]")
    expect(section.get_by_role("heading", level=2)).to_have_text("Löftet som vi inte höll")
    text = section.inner_text()
    assert LONG_PROMISE in text
    assert "Förskolans rektor hör av sig till dig inom två arbetsdagar, senast" in text
    assert COMPENSATION in text
    back = page.locator("[data-guarantee-link]")
    expect(back).to_have_text("Tillbaka till kvalitetsgarantin för Förskolan Vitsippan")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    shot(page, f"receipt-{width}")

    # The mail as the outbox keeps it, shown as a mail program would show plain text.
    case = Feedback.objects.get()
    letter = Message.objects.get(to="anna@example.se")
    assert letter.body.startswith("Hej Anna Svensson!")
    assert "Förskolans rektor hör av sig till dig inom två arbetsdagar, senast" in letter.body
    assert f"Ersättning: {COMPENSATION}" in letter.body
    assert "Vänliga hälsningar\nFörskolan Vitsippan\nEva Ek, rektor" in letter.body
    assert letter.language == case.language == "sv"
    assert page.watch.console_errors == []
    if SCREENSHOTS:  # a blank page of its own, outside the site's CSP
        mail_page = page.context.new_page()
        mail_page.set_viewport_size({"width": width, "height": 900})
        mail_page.set_content(
            '<html lang="sv"><body style="font-family: sans-serif; margin: 1rem">'
            f"<p><b>Ämne:</b> {html.escape(letter.subject)}</p>"
            '<pre style="white-space: pre-wrap; font-family: inherit">'
            f"{html.escape(letter.body)}</pre></body></html>"
        )
        shot(mail_page, f"mail-{width}")
