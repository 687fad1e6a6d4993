"""An area's list of units a page at a time: a phone's screenful of units per page, the
filters and the address order kept from page to page, and a page that costs the same whatever
the number of units the municipality has (issue 27: "page cost flat from 200 to 2,000")."""

import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from guarantees.models import ServiceAreaPage
from tests.factories import make_guarantee
from tests.guarantees import test_places
from tests.guarantees.test_places import _names, _soup

pytestmark = pytest.mark.django_db

ängsby = test_places.ängsby  # four preschools placed in two districts, a school in a third


@pytest.fixture
def two_a_page(monkeypatch):
    monkeypatch.setattr(ServiceAreaPage, "units_per_page", 2)


def _pages(soup):
    nav = soup.select_one("nav .pagination")
    return None if nav is None else nav.get_text(" ", strip=True)


def _next(soup):
    return soup.select_one(".pagination a[rel=next]")["href"]


def test_a_long_list_of_units_is_shown_a_page_at_a_time(client, ängsby, two_a_page):
    url = ängsby["Solrosen"].get_parent().url
    first = _soup(client.get(url))
    assert _names(first) == ["Förskolan Ekorren", "Förskolan Lärkan"]
    assert _pages(first) == "Sida 1 av 2 Nästa"
    assert first.select_one(".pagination [aria-current=page]").get_text() == "Sida 1 av 2"
    assert first.select_one("nav:has(.pagination)")["aria-label"] == "Sidor"
    # The count says how many units the area has in all, not how many this page shows.
    assert first.select_one("#enheter-antal").get_text(strip=True) == "Fyra enheter."
    assert _next(first) == "?sida=2#enheter-rubrik"
    second = _soup(client.get(url + _next(first).split("#")[0]))
    assert _names(second) == ["Förskolan Solrosen", "Förskolan Vitsippan"]
    assert _pages(second) == "Föregående Sida 2 av 2"
    assert second.select_one(".pagination a[rel=prev]")["href"] == "?sida=1#enheter-rubrik"


def test_a_list_that_fits_on_one_page_has_no_page_links(client, ängsby):
    soup = _soup(client.get(ängsby["Solrosen"].get_parent().url))
    assert len(_names(soup)) == 4
    assert _pages(soup) is None
    assert not soup.select_one("[data-unit-list]").has_attr("data-paged")


def test_the_filters_are_kept_from_page_to_page(client, ängsby, monkeypatch):
    monkeypatch.setattr(ServiceAreaPage, "units_per_page", 1)
    url = ängsby["Solrosen"].get_parent().url
    first = _soup(client.get(url, {"stadsdel": "Norrby"}))
    assert _names(first) == ["Förskolan Lärkan"]
    assert first.select_one("#enheter-antal").get_text(strip=True) == "Två av fyra enheter visas."
    assert _next(first) == "?stadsdel=Norrby&sida=2#enheter-rubrik"
    second = _soup(client.get(url, {"stadsdel": "Norrby", "sida": "2"}))
    assert _names(second) == ["Förskolan Vitsippan"]
    assert _pages(second) == "Föregående Sida 2 av 2"


def test_the_order_by_distance_runs_over_every_page(client, ängsby, two_a_page):
    url = ängsby["Solrosen"].get_parent().url
    first = _soup(client.get(url, {"adress": "storgatan 20, ängsby"}))
    # The nearest two of all four, not the alphabetical first two sorted.
    assert _names(first) == ["Förskolan Solrosen", "Förskolan Ekorren"]
    assert "adress=storgatan+20%2C+%C3%A4ngsby" in _next(first)
    second = _soup(client.get(url, {"adress": "storgatan 20, ängsby", "sida": "2"}))
    assert _names(second) == ["Förskolan Lärkan", "Förskolan Vitsippan"]
    distances = [p.get_text(strip=True) for p in second.select(".unit-card [data-distance]")]
    assert distances[0] == "3,5 km fågelvägen"


def test_near_me_in_the_browser_is_left_to_the_address_form_when_the_list_is_paged(
    client, ängsby, two_a_page
):
    soup = _soup(client.get(ängsby["Solrosen"].get_parent().url))
    # near-me.js sorts only an unpaged list: one page sorted would hide nearer units elsewhere.
    assert soup.select_one("[data-unit-list]").has_attr("data-paged")
    assert soup.select_one(".unit-near__address input[name=adress]") is not None


@pytest.mark.parametrize("page", ["abc", "0", "-1", "2.5", "99999999999999999999", "2' OR 1=1"])
def test_a_page_number_that_is_no_page_answers_a_page_never_an_error(
    client, ängsby, two_a_page, page
):
    soup = _soup(client.get(ängsby["Solrosen"].get_parent().url, {"sida": page}))
    assert len(_names(soup)) == 2
    assert "Sida" in _pages(soup)


def test_the_map_numbers_the_units_of_the_page_and_counts_every_unit_of_the_area(
    client, ängsby, two_a_page
):
    url = ängsby["Solrosen"].get_parent().url
    svg = _soup(client.get(url, {"sida": "2"})).select_one("section.district-map svg")
    markers = [a["aria-label"] for a in svg.select("a.district-map__unit")]
    assert markers == ["1. Förskolan Solrosen"]  # Vitsippan, on the page too, has no position
    labels = {a["aria-label"] for a in svg.select("a.district-map__district")}
    assert {"Norrby: 2 enheter", "Ängsby centrum: 2 enheter"} <= labels


def test_a_page_of_the_list_costs_the_same_however_many_units_the_area_has(
    client, service_area, two_a_page
):
    for n in range(4):
        make_guarantee(service_area, title=f"Förskola {n}", district="Norrby")
    client.get(service_area.url)
    reset_queries()
    with CaptureQueriesContext(connection) as few:
        small = client.get(service_area.url, {"sida": "2"})
    for n in range(4, 12):
        make_guarantee(service_area, title=f"Förskola {n}", district="Norrby")
    client.get(service_area.url)
    reset_queries()
    with CaptureQueriesContext(connection) as many:
        large = client.get(service_area.url, {"sida": "2"})
    assert len(many) == len(few)
    assert len(_names(_soup(small))) == len(_names(_soup(large))) == 2
    # The units are read a page at a time: no statement reads the area's units unlimited.
    unit_reads = [
        q["sql"] for q in many.captured_queries if '"guarantees_guaranteepage"."idea"' in q["sql"]
    ]
    assert unit_reads and all("LIMIT 2" in sql for sql in unit_reads), unit_reads


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [(375, 740), (1280, 900)], ids=["375", "1280"])
def test_a_resident_pages_through_the_list_on_a_phone_and_a_desktop(
    browser, live_server, home_page, monkeypatch, viewport
):
    """In Chromium: page links that reach every unit, "Närmast mig" not offered for a paged
    list (the address form is), no axe finding on any page of the list, nothing wider than
    the screen. Screenshots in
    /tmp/scale-shots/ for a person to look at."""
    import tempfile
    from io import StringIO
    from pathlib import Path

    from guarantees import demo
    from tests.quality.conftest import WCAG_TAGS, axe_violations, describe_violations

    demo.load(StringIO())
    monkeypatch.setattr(ServiceAreaPage, "units_per_page", 2)
    area = ServiceAreaPage.objects.get(slug="forskola")
    every = [unit.display_name for unit in area.units()]
    width, height = viewport
    context = browser.new_context(
        base_url=live_server.url,
        locale="sv-SE",
        viewport={"width": width, "height": height},
        geolocation={"latitude": 61.3, "longitude": 14.8},
        permissions=["geolocation"],
        bypass_csp=True,  # for axe's inline script only (tests/quality/conftest.py `axe_page`)
    )
    page = context.new_page()
    page.goto(area.url)
    shots = Path(tempfile.gettempdir()) / "scale-shots"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / f"area-paged-{width}.png"), full_page=True)
    assert page.locator("[data-near-me-part]").is_hidden()
    assert page.locator(".unit-near__address input[name=adress]").is_visible()
    seen = []
    while True:
        seen += page.locator("[data-unit-list] > li h3").all_inner_texts()
        violations = axe_violations(page, [*WCAG_TAGS, "best-practice"])
        assert not violations, describe_violations(violations)
        overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        assert page.evaluate(overflow) <= 0
        following = page.locator(".pagination a[rel=next]")
        if not following.count():
            break
        following.click()
        page.wait_for_load_state()
    assert seen == every and len(every) > 2
    page.locator(".pagination").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"area-paged-last-{width}.png"))
    context.close()
