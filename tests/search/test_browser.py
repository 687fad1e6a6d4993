"""The header's suggestion box in Chromium: WAI-ARIA combobox, keyboard only, no console errors;
and the same search without JavaScript.

One transactional test on purpose: the flush after such a test also removes the tree root
that Wagtail's migration created, which a second test here would need.
"""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
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
