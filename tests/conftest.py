"""Shared fixtures: the demo shell, a staff client, and headless Chromium through Playwright."""

import os
import shutil
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
# thread with a running loop unless told it is safe, which it is in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


# Tests that stop or restart the test PostgreSQL (the `postgres` fixture of the fault tests)
# would cut off every other test running at the same time, so they are marked and `make test`
# runs them alone after the parallel part.
RESTARTS_DATABASE_FIXTURE = "postgres"


def pytest_collection_modifyitems(items):
    for item in items:
        if RESTARTS_DATABASE_FIXTURE in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.restarts_database)


@pytest.fixture
def home_page(db):
    """The demo shell: a HomePage as the default site's root, with city-wide commitments.

    A transactional test empties every table afterwards, including the Locale and root Page
    that Wagtail's migrations created, so they are put back first when missing.
    """
    from tests.factories import load_demo_shell, restore_migrated_roots

    restore_migrated_roots()
    return load_demo_shell()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class PageWatch:
    """What a browser page did: console errors and the hosts it asked for."""

    def __init__(self, page):
        self.console_errors = []
        self.hosts = set()
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        page.on("request", lambda request: self.hosts.add(urlsplit(request.url).netloc))


@pytest.fixture
def page(browser, live_server, settings):
    # Links in mail and on receipts come from the site's configured address: here, the
    # live server's.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.watch = PageWatch(page)
    yield page
    context.close()


@pytest.fixture
def service_area(home_page):
    from tests.factories import make_service_area

    return make_service_area(home_page, title="Förskola")


@pytest.fixture
def guarantee(service_area):
    from tests.factories import make_guarantee

    return make_guarantee(service_area, title="Förskolan Solrosen")
