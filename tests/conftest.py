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


# The longest tests (up to a minute each on two cores): run first, so that `make test`'s two
# xdist workers share them out and end together, rather than one worker starting a long one
# when the other has nothing left. Order only; a module missing here just runs in its turn.
LONGEST_FIRST = (
    "tests/quality/test_accessibility.py",
    "tests/quality/test_url_sweep.py",
    "tests/staff/test_access_table.py",
    "tests/staff/test_admin_crawl.py",
    "tests/search/test_demo_relevance.py",
    "tests/search/test_guarantee_text.py",
)


def _longest_first(item):
    module = item.nodeid.split("::")[0]
    return LONGEST_FIRST.index(module) if module in LONGEST_FIRST else len(LONGEST_FIRST)


# Before pytest-django's own reordering (both are tryfirst; pluggy calls the later registered,
# this conftest, first): its stable sort then puts every test that only rolls back before the
# transactional ones, as Django orders them, since a transactional test's flush takes away the
# rows migrations made (the root page, the blocklist, wagtail-localize's permission), and our
# order survives inside each group.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        if RESTARTS_DATABASE_FIXTURE in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.restarts_database)
    items.sort(key=_longest_first)  # stable: the others keep their order


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Each test database is a copy of one migrated once (tests/migrated_template.py)."""
    from tests import migrated_template

    migrated_template.use()


@pytest.fixture(autouse=True)
def site_language():
    """Every test starts as a reader of the site language. Django's LocaleMiddleware activates
    a request's language in the thread that served it and nothing deactivates it after the
    response: a test that asked for an English page (the sweeps ask in every language) left
    the next test on its worker reading in English (a search then missed Swedish hits)."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def fresh_rate_limits(request):
    """Rate limits count in the cache, a table of the test database that a flush leaves
    alone: every test that uses the database starts with a clean count, whichever tests ran
    before it on its worker (the sweeps send feedback in every language, from one address).
    A test in a transaction rolls its counts back anyway; a transactional one would not."""
    names = set(request.fixturenames)
    if "transactional_db" in names or "live_server" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
    else:
        yield
        return
    from home.resident_input import rate_limit_counts

    rate_limit_counts().clear()
    yield
    rate_limit_counts().clear()


def content_types():
    """How many content types there are and their highest id: after a flush Django makes them
    anew, under new ids (the sequence is never reset), so the highest id tells the two apart
    without reading every row in each of nine hundred tests."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count, Max

    return tuple(ContentType.objects.aggregate(Count("id"), Max("id")).values())


@pytest.fixture(scope="session")
def shell_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo shell (`load_demo_shell`) built once per test process, on the migrated
    database, in a transaction rolled back afterwards: the tables it changed, as it left them
    (tests/snapshots.py), and the content types its rows refer to."""
    from tests import snapshots
    from tests.factories import load_demo_shell, restore_migrated_roots

    def build():
        restore_migrated_roots()
        return {"home": load_demo_shell().pk, "content_types": content_types()}

    with django_db_blocker.unblock():
        return snapshots.build(build, tmp_path_factory.mktemp("shell-media"), changed_only=True)


@pytest.fixture
def home_page(db, shell_snapshot):
    """The demo shell: a HomePage as the default site's root, with city-wide commitments.

    In the tests that only roll back (nine hundred ask for it) its rows are put back from
    `shell_snapshot`, a tenth of building them; the tables it did not change keep what the
    test made before, such as a moderator a fixture made and the role group it is in. After
    a transactional test's flush (content types made anew under other ids, the Locale and
    root Page gone) it is built again, as `load_demo_shell` builds it."""
    from home.models import HomePage
    from tests import snapshots
    from tests.factories import load_demo_shell, restore_migrated_roots

    if shell_snapshot.extra["content_types"] == content_types():
        snapshots.restore(shell_snapshot, keep_other_tables=True)
        return HomePage.objects.get(pk=shell_snapshot.extra["home"])
    restore_migrated_roots()
    return load_demo_shell()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """`manage.py load_demo` run once for the whole test run (tests/snapshots.py)."""
    from tests import snapshots

    # xdist's workers share the parent of their own base temporary directories.
    base = tmp_path_factory.getbasetemp()
    directory = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "snapshots"
    with django_db_blocker.unblock():
        return snapshots.shared("demo", snapshots.load_demo, directory)


@pytest.fixture
def demo(db, demo_snapshot):
    """The demo as `manage.py load_demo --force --no-admin` leaves it, in this test's
    transaction (or committed, in a transactional test, and flushed after it)."""
    from tests import snapshots

    snapshots.restore(demo_snapshot)
    yield
    snapshots.forget_cached_rows()


@pytest.fixture
def sweep_world(db, tmp_path, settings, tmp_path_factory):
    """The generated sweeps' world (tests/sweeps.py), its files under this test's tmp_path:
    built by the first test of this process that asks, its rows put back for the others."""
    from tests import snapshots
    from tests.factories import load_demo_shell, restore_migrated_roots
    from tests.sweeps import build_world

    def build():
        restore_migrated_roots()
        return build_world(load_demo_shell(), tmp_path)

    settings.MEDIA_ROOT = str(tmp_path)
    media_copy = tmp_path_factory.getbasetemp() / "snapshots" / "sweep-world-media"
    world = snapshots.once("sweep world", build, media_copy)
    yield world
    snapshots.forget_cached_rows()


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


def cut_off_on_screen(page):
    """What the page shows cut off or sideways at its current width: how far the page itself
    scrolls sideways, each table that runs past the screen's edge outside a region that
    scrolls (Wagtail's admin clips its main column, so there a too wide table is cut, not
    scrolled), and each word broken between its letters although it is shorter than half the
    screen (a column squeezed to a letter's width: a word that long fits any line of its own).
    Measured once the transitions a new width starts have run. Nothing, on a page that
    reflows."""
    return page.evaluate(
        r"""async () => {
        // A new width starts transitions (the admin's sidebar padding, its side panel's
        // width): the page is measured once they have run, not in between.
        await Promise.all(document.getAnimations()
            .filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)
            .map((a) => a.finished.catch(() => null)));
        const edge = document.documentElement.clientWidth + 1;
        const scrolls = (e) => ["auto", "scroll"].includes(getComputedStyle(e).overflowX)
            && e.getBoundingClientRect().right <= edge;
        const cut = [...document.querySelectorAll("table")].filter((table) => {
            if (table.getBoundingClientRect().right <= edge) return false;
            for (let e = table.parentElement; e; e = e.parentElement) if (scrolls(e)) return false;
            return true;
        }).map((t) => (t.caption || t).textContent.replace(/\s+/g, " ").trim().slice(0, 60))
          .map((name) => `table "${name}"`);
        // A word breaks across lines only where its box is narrower than the word: for a
        // word shorter than half the screen, a box squeezed (a word's parts after a hyphen or
        // a slash count apart: a line may end there).
        const broken = [];
        const short = (edge - 1) / 2;
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            let box = node.parentElement;
            while (box && getComputedStyle(box).display === "inline") box = box.parentElement;
            // Text hidden for all but screen readers sits in a box a pixel wide.
            if (!box || box.getBoundingClientRect().width < 2) continue;
            const style = getComputedStyle(box);
            const room = box.clientWidth - parseFloat(style.paddingLeft)
                - parseFloat(style.paddingRight);
            if (room >= short) continue; // no short word is wider than this box
            for (const word of node.data.matchAll(/[^\s\-\u00ad\u2010-\u2014/]+/gu)) {
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                const parts = [...range.getClientRects()].filter((r) => r.width > 0);
                const lines = new Set(parts.map((r) => Math.round(r.top))).size;
                const width = parts.reduce((sum, r) => sum + r.width, 0);
                if (lines > 1 && width <= short && width > room) {
                    broken.push(`the word "${word[0]}" broken over ${lines} lines`);
                }
            }
        }
        const root = document.documentElement;
        const sideways = root.scrollWidth - root.clientWidth;
        return (sideways > 0 ? [`the page scrolls ${sideways} px sideways`] : [])
            .concat(cut, broken);
        }"""
    )


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
