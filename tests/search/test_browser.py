"""The header's suggestion box in Chromium: WAI-ARIA combobox, keyboard only, no console errors."""

import pytest
from playwright.sync_api import expect

# serialized_rollback: the flush after a transactional test would take Wagtail's root page too.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_suggestions_follow_the_combobox_pattern(page, guarantee):
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
    expect(page).to_have_url(
        f"{page.url.split('/', 3)[0]}//{page.url.split('/')[2]}{guarantee.url}"
    )
    assert page.watch.console_errors == []
    assert len(page.watch.hosts) == 1


def test_search_works_without_javascript(browser, live_server, guarantee):
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
