"""A resident in Chromium: a guarantee that puts the unit first, finding a unit by district,
and a comparison that reads on a phone."""

import pytest

from home.years import previous_year
from tests.factories import make_guarantee

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 375, "height": 740}


def _publish_follow_up(unit, year):
    from guarantees.followup.models import YearlyFollowUp

    follow_up = YearlyFollowUp.start(unit, year)
    follow_up.outcomes.update(outcome="met")
    follow_up.is_published = True
    follow_up.save()


def test_a_parent_on_a_phone_reads_the_units_own_commitments_first(page, guarantee):
    _publish_follow_up(guarantee, previous_year())
    own = guarantee.commitments.first()
    shared = guarantee.applicable_commitments().exclude(page=guarantee).first()
    page.set_viewport_size(PHONE)
    page.goto(guarantee.url)

    # The unit's own commitments come before every shared one, and those are folded.
    tops = page.evaluate(
        """() => ['#niva-unit', '#niva-area', '#niva-city'].map(
            s => document.querySelector(s).getBoundingClientRect().top)"""
    )
    assert tops == sorted(tops)
    assert page.locator(f"#{own.anchor} .commitment__facts").is_visible()
    folded = page.locator(f"#{shared.anchor}")
    assert not folded.locator(".commitment__facts").is_visible()
    folded.locator("summary").click()
    assert folded.locator(".commitment__facts").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # "Så gick det" is folded too: each outcome shows its title and result, its facts one
    # click away; the reply time reads as Swedish writes it.
    outcome = page.locator("#sa-gick-det .follow-up__item").first
    assert outcome.locator("summary .tag").inner_text() == "Uppfyllt"
    assert not outcome.locator("dl").is_visible()
    remedy = page.locator("section[aria-labelledby=om-vi-inte-haller] dl")
    assert "två arbetsdagar" in remedy.inner_text()

    # The contents lead to "Så gick det"; a link to a folded commitment opens it.
    page.locator(".guarantee__toc").get_by_role("link", name="Så gick det").click()
    page.wait_for_url("**#sa-gick-det")
    other = guarantee.applicable_commitments().exclude(page=guarantee).last()
    page.goto(f"{guarantee.url}#{other.anchor}")
    assert page.locator(f"#{other.anchor} details").evaluate("d => d.open")
    assert page.get_by_role("link", name="Jämför enheterna inom Förskola").is_visible()

    # On a wide screen the outcomes are open as the page loads.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(guarantee.url)
    assert outcome.locator("dl").is_visible()
    assert page.watch.console_errors == []


def test_finding_and_comparing_units_on_a_phone(page, service_area, guarantee):
    make_guarantee(service_area, title="Förskolan Lärkan", district="Norrby")
    make_guarantee(
        service_area,
        title="Montessoriförskolan Humlan",
        district="Norrby",
        provider="Humlan Förskolor AB",
    )
    for unit in service_area.units():
        for year in (previous_year() - 1, previous_year()):
            _publish_follow_up(unit, year)
    page.set_viewport_size(PHONE)

    # From the home page's finder to the area's list, filtered without any script needed.
    page.goto("/")
    finder = page.locator(".unit-finder")
    finder.get_by_label("Stadsdel").select_option("Norrby")
    finder.get_by_role("button", name="Visa enheter").click()
    page.wait_for_url("**/forskola/?stadsdel=Norrby*")
    cards = page.locator(".unit-card h3")
    assert cards.all_inner_texts() == ["Förskolan Lärkan", "Montessoriförskolan Humlan"]
    page.get_by_label("Driftsform").select_option("enskild")
    page.get_by_role("button", name="Visa enheter").click()
    page.wait_for_url("**driftsform=enskild*")
    assert cards.all_inner_texts() == ["Montessoriförskolan Humlan"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The comparison: tables scroll in their own focusable region, names stay put.
    page.goto(service_area.url + "jamfor/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    region = page.get_by_role("region", name="Uppfyllda åtaganden, tabell som kan rullas i sidled")
    region.focus()
    page.keyboard.press("End")
    region.evaluate("r => r.scrollLeft = r.scrollWidth")
    assert region.evaluate("r => r.scrollLeft") > 0
    name = region.locator("tbody th").first
    assert name.evaluate(
        "th => th.getBoundingClientRect().left - th.closest('.compare-scroll')"
        ".getBoundingClientRect().left"
    ) == pytest.approx(0, abs=2)
    # The small charts' text is drawn at 12 px or more on the phone.
    sizes = page.eval_on_selector_all(
        ".trend__svg text",
        "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)",
    )
    assert sizes and min(sizes) >= 12
    assert page.watch.console_errors == []
