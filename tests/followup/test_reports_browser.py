"""Issue 13 item 7 in Chromium: each staff report, at desktop and phone width, wears the admin's
header with its own title, keeps its tables in focusable scroll regions (not the page) and
writes a date as a Swedish date."""

import re

import pytest
from django.contrib.auth import get_user_model

from feedback.models import Dimension, Feedback, Kind
from home.years import previous_year
from tests.feedback.test_report_look import SWEDISH_DAY

from .conftest import make_follow_up

PASSWORD = "rapport-losen-1"  # noqa: S105
SWEDISH_DATE = re.compile(SWEDISH_DAY)


@pytest.mark.browser
def test_each_report_has_its_title_a_focusable_scroll_region_and_swedish_dates(
    transactional_db, page, unit, committee
):
    get_user_model().objects.create_superuser("kvalitet", password=PASSWORD)
    make_follow_up(unit)
    Feedback.receive(unit=unit, kind=Kind.OPINION, dimension=Dimension.TREATMENT, message="Hej")
    year = previous_year()
    reports = [
        ("/admin/synpunkter/inkorg/sammanstallning/", "Sammanställning av synpunkter"),
        (
            f"/admin/kvalitetsrapport/?committee={committee.pk}&year={year}",
            f"Kvalitetsrapport {year}: Förskolenämnden",
        ),
    ]
    page.goto("/admin/login/")
    page.fill("#id_username", "kvalitet")
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/admin/")
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for path, title in reports:
            page.goto(path)
            assert page.locator("header h1").inner_text().strip() == title
            assert page.locator("header .w-breadcrumbs").inner_text().strip().endswith(title)
            region = page.locator("main [role=region][tabindex='0'][aria-label]").first
            region.focus()
            assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
            # The page itself never scrolls sideways: a wide table scrolls in its region.
            overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            assert page.evaluate(overflow) <= 0, (path, width)
            assert SWEDISH_DATE.search(page.locator("main").inner_text()), (path, width)
        # A table of a few columns (month and count) fits a phone: its figures are in view,
        # not behind a sideways scroll.
        page.goto(reports[0][0])
        by_month = page.get_by_role("region", name="Per månad", exact=True)
        assert by_month.evaluate("r => r.scrollWidth <= r.clientWidth"), width
        # The chart's labels are drawn at 11 px or more, on the phone too (the chart scrolls
        # in its region rather than shrink).
        sizes = page.eval_on_selector_all(
            ".report-chart svg text",
            "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)",
        )
        assert sizes and min(sizes) >= 11, (width, min(sizes or [0]))
    assert page.watch.console_errors == []
