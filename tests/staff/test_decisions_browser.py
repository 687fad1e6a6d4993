"""In Chromium: the demo editor submits, the demo approver decides from the compare view with
a comment, and the editor's letter carries it."""

import io
import os
from pathlib import Path

import pytest

from guarantees.models import GuaranteePage
from outbox.models import Message
from staff import demo

SHOTS = Path(os.environ.get("APPROVAL_SHOTS", "/tmp/approval-shots"))  # noqa: S108
WIDTHS = {"desktop": 1280, "phone": 375}
COMMENT = "Fint! Skriv gärna ut telefontiden i kontaktuppgifterna."


def sign_in(browser, live_server, username, password, width):
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form button[type=submit]")
    page.wait_for_url("**/admin/")
    return page, errors


def shoot(page, name, full_page=True):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page, animations="disabled")


@pytest.mark.browser
@pytest.mark.parametrize("size", list(WIDTHS))
def test_the_editor_submits_and_the_approver_approves_from_the_compare_view_with_a_comment(
    browser, live_server, settings, world, mailoutbox, size
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    demo.load(io.StringIO())  # redaktor (editor of the first area) and granskare
    width = WIDTHS[size]
    guarantee = world.own

    editor, editor_errors = sign_in(browser, live_server, "redaktor", "redaktor-demo", width)
    editor.goto(f"/admin/pages/{guarantee.pk}/edit/")
    primary = editor.locator("footer .w-dropdown-button > button").first
    assert "Lämna in till Nämndens godkännande" in primary.inner_text()
    shoot(editor, f"{size}-1-editor-footer", full_page=False)  # the footer sticks to the bottom
    editor.fill("#id_idea", "Varje barn ska känna sig trygg, sedd och välkommen hos oss.")
    primary.click()
    editor.get_by_text("inlämnad för moderering").first.wait_for()

    approver, approver_errors = sign_in(browser, live_server, "granskare", "granskare-demo", width)
    queue = approver.locator("#awaiting-review-content, #awaiting-review").first
    assert guarantee.title in queue.inner_text()
    shoot(approver, f"{size}-2-approver-dashboard")

    # The footer offers the decision first, and no plain "Publicera" beside it.
    approver.goto(f"/admin/pages/{guarantee.pk}/edit/")
    approver_primary = approver.locator("footer .w-dropdown-button > button").first
    assert approver_primary.inner_text().strip() == "Godkänn och publicera"
    approver.locator("footer [data-w-dropdown-target='toggle']").last.click()
    menu = approver.locator("footer .w-dropdown__content")
    menu.get_by_text("Begär ändringar").wait_for()
    assert "Publicera" not in menu.inner_text()
    shoot(approver, f"{size}-3-approver-footer", full_page=False)

    approver.goto(f"/admin/pages/{guarantee.pk}/revisions/compare/live...latest/")
    decision = approver.locator(".staff-decision")
    decision.scroll_into_view_if_needed()
    assert "Skickad till granskning av Rebecka Redaktör" in decision.inner_text()
    approver.get_by_label("Kommentar till redaktören").fill(COMMENT)
    shoot(approver, f"{size}-4-approver-compare")
    approver.get_by_role("button", name="Godkänn och publicera").click()

    approver.wait_for_url(f"{live_server.url}/admin/")
    message = approver.get_by_text("Du har godkänt ”Förskolan Solrosen” och den är publicerad.")
    message.wait_for()
    assert "Rebecka Redaktör får ett mejl med din kommentar." in message.inner_text()
    shoot(approver, f"{size}-5-approver-after-decision")

    guarantee = GuaranteePage.objects.get(pk=guarantee.pk)
    assert guarantee.live and guarantee.idea.startswith("Varje barn ska känna sig trygg")
    letter = Message.objects.get(to="redaktor@angsby.example", subject__startswith="Godkänd")
    assert f"Kommentar från Gunnar Granskare:\n{COMMENT}" in letter.body
    assert letter.sent_at is not None
    assert [sent.body for sent in mailoutbox if sent.to == ["redaktor@angsby.example"]] == [
        letter.body
    ]
    assert editor_errors == [] and approver_errors == []
    editor.context.close()
    approver.context.close()
