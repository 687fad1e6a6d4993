"""The header's suggestion box in Chromium: WAI-ARIA combobox, keyboard only, no console errors;
the same search without JavaScript; and the results on a phone (375 px): the first hit on the
first screen, the filters after the hits, their counts heard as "1 träff".

One transactional test on purpose: the flush after such a test also removes the tree root
that Wagtail's migration created, which a second test here would need.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_suggestions_combobox_and_search_without_javascript(page, browser, live_server, guarantee):
    page.goto("/")
    box = page.locator("#site-search-q")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.fill("Solr")
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    expect(listbox).to_have_attribute("role", "listbox")
    option = listbox.get_by_role("option", name="Förskolan Solrosen")
    expect(option).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")

    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))

    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()

    box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{guarantee.url}")
    assert page.watch.console_errors == []
    assert len(page.watch.hosts) == 1

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    nojs = context.new_page()
    nojs.goto("/")
    nojs.locator("#site-search-q").fill("solrosen")
    nojs.locator("form.site-search button").click()
    expect(nojs.get_by_role("link", name="Förskolan Solrosen")).to_be_visible()
    nojs.get_by_role("complementary").get_by_role("link", name="Kvalitetsgarantier").click()
    expect(nojs).to_have_url(f"{live_server.url}/sok/?q=solrosen&typ=garantier")
    expect(nojs.get_by_role("link", name="Förskolan Solrosen")).to_be_visible()
    context.close()

    phone = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 667})
    small = phone.new_page()
    small.goto("/sok/?q=solrosen+kv%C3%A4llar")
    expect(small.get_by_text("Ingen träff innehöll ordet ”kvällar”.")).to_be_visible()
    first = small.locator(".search-hit").first
    expect(first).to_contain_text("Saknar: kvällar")
    box = first.locator("a").first.bounding_box()
    assert box["y"] + box["height"] <= 667, box  # the first hit's link on the first screen
    facets = small.get_by_role("complementary").bounding_box()
    assert facets["y"] > box["y"]  # the filters come after the hits
    # Heard "Kvalitetsgarantier, 1 träff": the "(1)" seen is hidden from screen readers.
    named = re.compile(r"^Kvalitetsgarantier\s*, 1 träff$")
    expect(small.get_by_role("complementary").get_by_role("link", name=named)).to_have_count(1)
    assert small.evaluate("document.documentElement.scrollWidth") <= 375
    phone.close()
