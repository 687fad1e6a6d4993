"""A resident who uses only the keyboard can send feedback: Tab, Space and Enter, no clicks."""

import pytest

from feedback.models import Feedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, predicate, limit=80):
    """Press Tab until the focused element satisfies `predicate` (a JS function body)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return {predicate}; }}"):
            return
    pytest.fail(f"Tab never reached an element where {predicate}")


def test_feedback_is_sent_with_the_keyboard_alone(page, live_server, guarantee):
    page.goto(guarantee.url)
    tab_to(page, "el.name === 'kind'")
    page.keyboard.press("Space")  # the first kind of feedback
    tab_to(page, "el.name === 'dimension'")
    page.keyboard.press("Space")
    tab_to(page, "el.name === 'message'")
    page.keyboard.type("Jag skickar den här synpunkten bara med tangentbordet.")
    tab_to(page, "el.type === 'submit'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("heading", name="Tack för din synpunkt").wait_for()
    case = Feedback.objects.get()
    assert case.message == "Jag skickar den här synpunkten bara med tangentbordet."
    assert case.unit_id == guarantee.pk
