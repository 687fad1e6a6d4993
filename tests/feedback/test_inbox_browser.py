"""The handler's inbox in Chromium on a phone: the deadline and the overdue tag stay in view."""

import datetime

import pytest
from django.utils import timezone

from feedback.models import Feedback, Kind

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 375, "height": 812}

# True when the middle of each line of the element (a date may wrap) is the element itself or
# inside it: it is drawn there, not clipped away by a scrolling ancestor or covered by another.
DRAWN_AT_ITS_MIDDLE = """element => Array.from(element.getClientRects()).every(box => {
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (hit === element || element.contains(hit));
})"""


def test_the_handlers_inbox_on_a_phone_shows_the_deadline_and_the_overdue_tag(
    browser, live_server, guarantee, make_handler
):
    make_handler("hanna", guarantee)
    late, _token = Feedback.receive(
        unit=guarantee,
        kind=Kind.COMPLAINT,
        dimension="utforande",
        message="Ingen hörde av sig om utflykten.",
        received_at=timezone.now() - datetime.timedelta(days=10),
    )
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport=PHONE)
    page = context.new_page()
    try:
        page.goto("/admin/login/")
        page.fill("input[name=username]", "hanna")
        page.fill("input[name=password]", "pw")
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")
        page.goto("/admin/synpunkter/inkorg/")
        row = page.locator("table.listing tbody tr").filter(has_text=late.reference)
        deadline = row.locator(f'time[datetime="{late.deadline.isoformat()}"]')
        tag = row.locator(".overdue-tag")
        assert tag.inner_text().strip().lower() == "försenat"
        for element in (row.get_by_role("link", name=late.reference), deadline, tag):
            box = element.bounding_box()
            assert box is not None
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
            assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
            assert element.evaluate(DRAWN_AT_ITS_MIDDLE), element
    finally:
        context.close()
