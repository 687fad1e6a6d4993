"""A resident finds a unit: by district and provider kind on the area's list, from the home
page's "Hitta en verksamhet", with the municipality's arms and main site in the header."""

import pytest
from bs4 import BeautifulSoup

from guarantees.models import GuaranteePage, ProviderKind
from tests.factories import make_guarantee

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(service_area):
    return {
        "Förskolan Lärkan": make_guarantee(
            service_area,
            title="Förskolan Lärkan",
            district="Norrby",
            opening_hours="Vardagar 6.00–18.30",
        ),
        "Förskolan Ekorren": make_guarantee(
            service_area, title="Förskolan Ekorren", district="Ängsby centrum"
        ),
        "Montessoriförskolan Humlan": make_guarantee(
            service_area,
            title="Montessoriförskolan Humlan",
            district="Norrby",
            provider="Humlan Förskolor AB",
        ),
    }


def _listed(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [h3.get_text(strip=True) for h3 in soup.select(".unit-card h3")], soup


def test_the_provider_kind_follows_from_the_provider(units):
    assert units["Förskolan Lärkan"].provider_kind == ProviderKind.MUNICIPAL
    assert units["Montessoriförskolan Humlan"].get_provider_kind_display() == "Enskild"
    private = ProviderKind.filter(GuaranteePage.objects.all(), ProviderKind.PRIVATE)
    assert list(private) == [units["Montessoriförskolan Humlan"]]


def test_the_area_lists_its_units_filtered_by_district_and_provider(client, service_area, units):
    url = service_area.url
    listed, soup = _listed(client, url)
    assert listed == ["Förskolan Ekorren", "Förskolan Lärkan", "Montessoriförskolan Humlan"]
    options = [o["value"] for o in soup.select("select[name=stadsdel] option")]
    assert options == ["", "Norrby", "Ängsby centrum"]
    card = soup.find("h3", string="Förskolan Lärkan").find_parent("li")
    assert "Vardagar 6.00–18.30" in card.get_text() and "Kommunal" in card.get_text()

    assert _listed(client, url, {"stadsdel": "Norrby"})[0] == [
        "Förskolan Lärkan",
        "Montessoriförskolan Humlan",
    ]
    listed, soup = _listed(client, url, {"stadsdel": "Norrby", "driftsform": "enskild"})
    assert listed == ["Montessoriförskolan Humlan"]
    assert "En av tre enheter visas." in soup.get_text()
    assert soup.select_one("select[name=driftsform] option[selected]")["value"] == "enskild"
    assert _listed(client, url, {"driftsform": "kommunal"})[0] == [
        "Förskolan Ekorren",
        "Förskolan Lärkan",
    ]
    listed, soup = _listed(client, url, {"stadsdel": "Sjövik"})  # no unit there
    assert listed == ["Förskolan Ekorren", "Förskolan Lärkan", "Montessoriförskolan Humlan"]
    assert "det filtret används inte" in soup.get_text()


@pytest.mark.parametrize(
    "params",
    [
        {"stadsdel": "<script>alert(1)</script>"},
        {"stadsdel": "Norr\x00by"},
        {"stadsdel": "x" * 5000, "driftsform": "privat"},
        {"driftsform": ["kommunal", "enskild", "'; DROP TABLE x; --"]},
        {"stadsdel": "\u202eNorrby"},
    ],
)
def test_hostile_filter_values_are_ignored_never_an_error(client, service_area, units, params):
    listed, soup = _listed(client, service_area.url, params)
    assert len(listed) in (3, 1)  # ignored, or a valid value among several applied
    assert "<script>alert" not in str(soup)


def test_the_area_list_costs_the_same_queries_for_more_units(
    client, service_area, units, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(service_area.url)
    with CaptureQueriesContext(connection) as few:
        client.get(service_area.url, {"stadsdel": "Norrby"})
    reference = len(few)
    for n in range(8):
        make_guarantee(service_area, title=f"Förskolan {n}", district=f"Stadsdel {n}")
    # The publications renewed the kept page parts (menu, settings); the first visitor after
    # them makes those again. The list itself is never kept: it is counted below.
    client.get(service_area.url)
    with django_assert_max_num_queries(reference):
        client.get(service_area.url, {"stadsdel": "Norrby"})


def test_the_home_page_finder_leads_to_the_area_list(client, home_page, service_area, units):
    soup = BeautifulSoup(client.get(home_page.url).content, "html.parser")
    form = soup.find("h2", string="Hitta en verksamhet").find_parent("section").form
    assert form["method"] == "get" and form["action"] == "/hitta-verksamhet/"
    assert [o["value"] for o in form.select("select[name=omrade] option")] == ["forskola"]

    response = client.get("/hitta-verksamhet/", {"omrade": "forskola", "stadsdel": "Norrby"})
    assert response.status_code == 302
    assert response["Location"] == "/forskola/?stadsdel=Norrby#enheter-rubrik"
    response = client.get("/hitta-verksamhet/", {"omrade": "forskola", "stadsdel": ""})
    assert response["Location"] == "/forskola/#enheter-rubrik"
    response = client.get(
        "/hitta-verksamhet/", {"omrade": "forskola", "stadsdel": "Påhittad"}, follow=True
    )
    assert "Stadsdelen finns inte. Här är alla enheter." in response.content.decode()
    for hostile in [{}, {"omrade": "<script>"}, {"omrade": "forskola\x00"}, {"omrade": "x" * 999}]:
        response = client.get("/hitta-verksamhet/", hostile)
        assert response.status_code == 400
        assert "Felaktig förfrågan" in response.content.decode()


def test_the_header_shows_the_arms_and_links_the_main_site(client, home_page):
    from io import StringIO

    from wagtail.models import Site

    from home import demo
    from home.models import MunicipalitySettings

    html = client.get(home_page.url).content.decode()
    assert "site-header__logo" not in html and "Till kommunens webbplats" not in html
    # The home page's title is not the municipality's name twice.
    assert "<title>Kvalitetsgarantier – Ängsby kommun</title>" in html

    settings = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    demo.load_header(settings, StringIO())
    try:
        soup = BeautifulSoup(client.get(home_page.url).content, "html.parser")
        header = soup.find("header", class_="site-header")
        logo = header.find("img", class_="site-header__logo")
        assert logo["alt"] == "" and logo["src"].endswith(".png")
        assert "Ängsby kommun" in header.find("a", class_="site-header__brand").get_text()
        link = header.find("a", class_="site-header__main-site")
        assert link["href"] == demo.MAIN_SITE
        assert link.get_text(strip=True) == "Till kommunens webbplats"
    finally:
        image = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True)).logo
        image.file.delete(save=False)
