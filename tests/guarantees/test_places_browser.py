"""A resident in Chromium finds the units near them: "Närmast mig" with a granted position
(sorted in the browser, the position sent nowhere), a denied one (back to the district
choice), no script at all (a typed address on the server), and the site's own map.

Screenshots go to /tmp/finder-shots/ for a person to look at."""

import tempfile
from io import StringIO
from pathlib import Path

import pytest

from guarantees import demo, places
from guarantees.models import GuaranteePage, ServiceAreaPage, StreetAddress

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SHOTS = Path(tempfile.gettempdir()) / "finder-shots"  # screenshots a person looks at
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def municipality(home_page):
    demo.load(StringIO())
    return ServiceAreaPage.objects.get(slug="forskola")


def _context(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def _listed(page):
    return page.locator("[data-unit-list] > li h3").all_inner_texts()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_near_me_sorts_by_the_granted_position_in_the_browser_and_sends_it_nowhere(
    browser, live_server, municipality, viewport
):
    # Standing at Möllevägen 10 in Kvarnby, as the municipality's address list places it.
    here = StreetAddress.objects.get(street="Möllevägen", number="10")
    latitude, longitude = here.position
    expected = [
        entry.unit.display_name
        for entry in places.by_distance(municipality.units(), (latitude, longitude))
    ]
    context, page = _context(
        browser,
        live_server,
        viewport=viewport,
        geolocation={"latitude": latitude, "longitude": longitude},
        permissions=["geolocation"],
    )
    try:
        page.goto(municipality.url)
        alphabetical = _listed(page)
        assert alphabetical != expected  # the sorting below is visible
        requests = []
        page.on("request", lambda request: requests.append(request))
        button = page.get_by_role("button", name="Närmast mig")
        button.click()
        status = page.get_by_role("status").filter(has_text="sorterade efter avstånd")
        status.wait_for()
        # The browser's order is the server's haversine order: the two formulas agree.
        assert _listed(page) == expected
        assert expected[0] == "Förskolan Fyrklövern"
        nearest = places.format_distance(
            places.distance_km(
                (latitude, longitude),
                GuaranteePage.objects.get(slug="forskolan-fyrklovern").position,
            )
        )
        assert status.inner_text() == (
            "Enheterna är nu sorterade efter avstånd från dig. Närmast är Förskolan "
            f"Fyrklövern, {nearest} fågelvägen."
        )
        first = page.locator("[data-unit-list] > li").first
        assert first.locator("[data-distance]").inner_text() == f"{nearest} fågelvägen"
        assert page.evaluate("document.activeElement.textContent.trim()") == "Närmast mig"
        # The position left the device in no request: none at all after the click.
        assert requests == [], [r.url for r in requests]
        assert page.url.endswith(municipality.url)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        _shot(page, f"narmast-mig-beviljad-{viewport['width']}")
    finally:
        context.close()


def test_a_denied_position_falls_back_to_the_district_choice(browser, live_server, municipality):
    context, page = _context(browser, live_server, viewport=PHONE)  # nothing granted
    try:
        page.goto(municipality.url)
        before = _listed(page)
        page.get_by_role("button", name="Närmast mig").click()
        status = page.get_by_role("status").filter(has_text="lov att se var du är")
        status.wait_for()
        assert "Välj en stadsdel i stället, eller skriv en gatuadress." in status.inner_text()
        assert _listed(page) == before
        assert page.evaluate("document.activeElement.id") == "id_stadsdel"
        # The district choice then says where none is, and offers the nearest.
        page.get_by_label("Stadsdel", exact=True).select_option("Sjövik")
        page.get_by_role("button", name="Visa enheter").click()
        page.get_by_text("Det finns ingen förskola i Sjövik.").wait_for()
        assert len(_listed(page)) == places.NEAREST_OFFERED
        _shot(page, "narmast-mig-nekad-sjovik-375")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_without_script_a_typed_address_sorts_the_units_on_the_server(
    browser, live_server, municipality, viewport
):
    context, page = _context(browser, live_server, viewport=viewport, java_script_enabled=False)
    try:
        page.goto(municipality.url)
        assert not page.get_by_role("button", name="Närmast mig").is_visible()
        page.get_by_label("Gatuadress").fill("Sjöviksvägen 15")
        page.get_by_role("button", name="Sortera efter avstånd").click()
        page.get_by_text("Enheterna är sorterade efter avstånd fågelvägen från").wait_for()
        origin = StreetAddress.objects.get(street="Sjöviksvägen", number="15").position
        assert _listed(page) == [
            entry.unit.display_name for entry in places.by_distance(municipality.units(), origin)
        ]
        _shot(page, f"adress-utan-skript-{viewport['width']}")
        page.get_by_label("Gatuadress").fill("Påhittade gatan 3")
        page.get_by_role("button", name="Sortera efter avstånd").click()
        page.get_by_text("Vi hittar inte ”Påhittade gatan 3” i kommunens adresslista.").wait_for()
        _shot(page, f"adress-okand-{viewport['width']}")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [NARROW, PHONE, DESKTOP], ids=["320", "375", "1280"])
def test_the_map_is_the_sites_own_and_reads_at_every_width(
    browser, live_server, municipality, viewport
):
    context, page = _context(browser, live_server, viewport=viewport)
    hosts = set()
    try:
        page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
        page.goto(municipality.url)
        region = page.get_by_role("region", name="Karta över stadsdelarna")
        region.scroll_into_view_if_needed()
        assert hosts == {live_server.url.split("/")[2]}
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        # Every district and unit is a link with a name; the labels are big enough to read.
        links = region.get_by_role("group").get_by_role("link")
        names = links.evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")
        assert "Sjövik: ingen enhet" in names
        assert "1. Förskolan Ekorren" in names
        heights = region.locator(".district-map__district text").evaluate_all(
            "texts => texts.map(t => t.getBoundingClientRect().height)"
        )
        assert min(heights) >= 11, heights
        region.get_by_role("link", name="Sjövik: ingen enhet").focus()
        _shot(page, f"karta-{viewport['width']}")
        page.keyboard.press("Enter")
        page.get_by_text("Det finns ingen förskola i Sjövik.").wait_for()
    finally:
        context.close()
