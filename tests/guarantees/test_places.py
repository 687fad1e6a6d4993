"""Units near me with no third party: each unit's address and position, the municipality's
own address list, "nearest" from a typed address, a district without a unit of the kind, and
the site's own SVG map of the districts."""

import re
from decimal import Decimal
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from guarantees import demo, places
from guarantees.models import CoordinateFormField, District, GuaranteePage, StreetAddress
from tests.factories import make_guarantee
from tests.guarantees.test_admin import PUBLISH, _add_url, _commitment, _form
from tests.quality.hostile import PAYLOADS

pytestmark = pytest.mark.django_db

# A small piece of Ängsby: two districts side by side and a third, Sjövik, to the south-east.
ADDRESS_LIST = """street;number;postcode;locality;lat;long
Storgatan;20;123 41;Ängsby;61.2990;14.7990
Storgatan;22;123 41;Ängsby;61.2991;14.7995
Lärkgatan;8;123 50;Norrby;61.3300;14.7950
Sjöviksvägen;15;123 60;Sjövik;61.2750;14.8700
Skolvägen;1;123 70;Kvarnby;61.3040;14.7250
Skolvägen;1;123 60;Sjövik;61.2700;14.8800
"""

OUTLINES = {
    "Ängsby centrum": "61.2864 14.7626\n61.2819 14.8281\n61.3045 14.8468\n61.3181 14.8187",
    "Norrby": "61.3163 14.7719\n61.3181 14.8187\n61.3407 14.8561\n61.3543 14.8000",
    "Sjövik": "61.2864 14.7626\n61.2819 14.8281\n61.3045 14.9122\n61.2412 14.8561",
}


def import_list(tmp_path, text=ADDRESS_LIST, name="adresser.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_addresses", str(path), stdout=out)
    return out.getvalue()


@pytest.fixture
def ängsby(tmp_path, service_area):
    """The address list imported, the districts outlined and three preschools placed: two in
    Ängsby centrum, one in Norrby, none in Sjövik."""
    import_list(tmp_path)
    for name, outline in OUTLINES.items():
        District.objects.create(name=name, outline=outline)
    service_area.unit_noun = "en förskola"
    service_area.save_revision().publish()
    units = {
        "Solrosen": make_guarantee(
            service_area,
            title="Förskolan Solrosen",
            district="Ängsby centrum",
            address="Solrosvägen 12, 123 41 Ängsby",
            latitude=Decimal("61.3010"),
            longitude=Decimal("14.8000"),
        ),
        "Ekorren": make_guarantee(
            service_area,
            title="Förskolan Ekorren",
            district="Ängsby centrum",
            latitude=Decimal("61.2900"),
            longitude=Decimal("14.8200"),
        ),
        "Lärkan": make_guarantee(
            service_area,
            title="Förskolan Lärkan",
            district="Norrby",
            latitude=Decimal("61.3300"),
            longitude=Decimal("14.7950"),
        ),
        "Vitsippan": make_guarantee(service_area, title="Förskolan Vitsippan", district="Norrby"),
    }
    # A school in Sjövik: Sjövik is a district the site knows, but it has no preschool.
    from tests.factories import make_service_area

    school = make_service_area(service_area.get_parent(), title="Grundskola")
    make_guarantee(school, title="Sjöviksskolan", district="Sjövik")
    return units


def _soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _names(soup):
    return [h3.get_text(strip=True) for h3 in soup.select(".unit-card h3")]


# --- A unit's position: editor fields ---------------------------------------------------


def test_the_editor_gives_a_position_in_decimal_degrees_with_a_comma_or_a_point(
    admin_client, service_area
):
    data = _form(service_area, [_commitment()], latitude="61,3010", longitude="14.8", **PUBLISH)
    response = admin_client.post(_add_url(service_area), data)
    assert response.status_code == 302, response.context["form"].errors
    page = GuaranteePage.objects.get(slug="forskolan-blaklinten")
    assert page.position == (61.301, 14.8)
    assert admin_client.get(page.url).content.decode().count("Blåklintsvägen 2, Ängsby") == 1


@pytest.mark.parametrize(
    "coordinates, field, message",
    [
        ({"latitude": "61.3", "longitude": ""}, "longitude", "Fyll i både latitud och longitud"),
        ({"latitude": "", "longitude": "14.8"}, "latitude", "Fyll i både latitud och longitud"),
        ({"latitude": "91", "longitude": "14.8"}, "latitude", "mindre än eller lika med 90"),
        ({"latitude": "61.3", "longitude": "norr"}, "longitude", "Fyll i ett tal."),
        ({"latitude": "NaN", "longitude": "14.8"}, "latitude", "Fyll i ett tal."),
    ],
)
def test_the_admin_refuses_a_position_that_places_nothing(
    admin_client, service_area, coordinates, field, message
):
    data = _form(service_area, [_commitment()], **coordinates, **PUBLISH)
    response = admin_client.post(_add_url(service_area), data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert len(errors) == 1 and message in errors[0], errors
    assert not GuaranteePage.objects.filter(slug="forskolan-blaklinten").exists()


def test_the_position_fields_are_explained_in_swedish(admin_client, service_area):
    html = admin_client.get(_add_url(service_area)).content.decode()
    for text in ["Latitud", "Longitud", "Besöksadressens läge i decimalgrader"]:
        assert text in html, text
    assert CoordinateFormField().clean("\u221214,5") == Decimal("-14.5")
    # Copied from a map with more decimals than a visiting address needs: rounded, not refused.
    assert CoordinateFormField().clean("61.30123456789") == Decimal("61.301235")


def test_a_district_outline_must_be_corners_the_map_can_draw():
    district = District(name="Norrby", outline="61.31 14.77\n61.32 14.81")
    with pytest.raises(ValidationError, match="minst tre hörn"):
        district.full_clean()
    district.outline = "61.31 14.77\n61.32 öster\n61.34 14.85"
    with pytest.raises(ValidationError, match="Rad 2 går inte att läsa"):
        district.full_clean()
    district.outline = "61,31 14,77\n61.32; 14.81\n61.34, 14.85"
    district.full_clean()
    assert district.corners == [(61.31, 14.77), (61.32, 14.81), (61.34, 14.85)]


def test_the_area_names_its_units_in_a_sentence_with_en_or_ett(service_area):
    service_area.unit_noun = "ett bibliotek"
    assert service_area.none_in("Sjövik") == "Det finns inget bibliotek i Sjövik."
    service_area.unit_noun = "en förskola"
    assert service_area.none_in("Sjövik") == "Det finns ingen förskola i Sjövik."
    service_area.unit_noun = "förskola"
    with pytest.raises(ValidationError, match="Börja med ”en” eller ”ett”"):
        service_area.full_clean()


# --- The municipality's address list ------------------------------------------------------


def test_the_operator_imports_the_address_list_from_a_csv_file(tmp_path):
    assert "Imported 6 addresses" in import_list(tmp_path)
    entry = StreetAddress.objects.get(street="Lärkgatan")
    assert (entry.number, entry.postcode, entry.locality) == ("8", "12350", "Norrby")
    assert str(entry) == "Lärkgatan 8, 123 50 Norrby"
    # Commas and a byte-order mark, as a spreadsheet saves it; a new file replaces the list.
    import_list(
        tmp_path,
        "\ufeffstreet,number,postcode,locality,lat,long,extra\n"
        "Ängsvägen,4 b,12341,Ängsby,61.3,14.8,x\n",
    )
    assert [str(e) for e in StreetAddress.objects.all()] == ["Ängsvägen 4B, 123 41 Ängsby"]


@pytest.mark.parametrize(
    "text, named",
    [
        ("gata;nummer\nStorgatan;1\n", "lacks the column(s) street, number, postcode"),
        ("street;number;postcode;locality;lat;long\nStorgatan;1;1234;Ängsby;61.3;14.8\n", "line 2"),
        ("street;number;postcode;locality;lat;long\nStorgatan;1;12341;Ängsby;91;14.8\n", "line 2"),
        ("street;number;postcode;locality;lat;long\nStorgatan;1;12341;Ängsby;nan;14.8\n", "line 2"),
        (
            "street;number;postcode;locality;lat;long\n"
            "Storgatan;1;12341;Ängsby;61.3;14.8\nstorgatan;1;123 41;Ängsby;61.3;14.8\n",
            "line 3: the same address as line 2",
        ),
        ("street;number;postcode;locality;lat;long\n", "no addresses"),
    ],
)
def test_a_bad_address_file_is_refused_whole_and_the_list_kept(tmp_path, text, named):
    import_list(tmp_path)
    with pytest.raises(CommandError, match="Nothing imported") as refused:
        import_list(tmp_path, text, name="trasig.csv")
    assert named in str(refused.value)
    assert StreetAddress.objects.count() == 6


def test_an_address_file_that_is_not_utf8_or_missing_is_refused(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        "street;number;postcode;locality;lat;long\nÄngsvägen;1;12341;Ängsby;61;14\n".encode(
            "latin-1"
        )
    )
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_addresses", str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_addresses", str(tmp_path / "finns-inte.csv"))


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Storgatan 20", ("Storgatan", "20", "", "")),
        ("  storgatan   20 , Ängsby ", ("storgatan", "20", "", "Ängsby")),
        ("Ängsvägen 4 b, 123 41 Ängsby", ("Ängsvägen", "4B", "12341", "Ängsby")),
        ("Norrby torg 4", ("Norrby torg", "4", "", "")),
        ("Storgatan", None),
        ("20", None),
        ("<script>alert(1)</script> 1", None),
        ("<b>Storgatan</b> 1", ("<b>Storgatan</b>", "1", "", "")),
    ],
)
def test_a_typed_address_is_read_as_street_number_and_place(typed, expected):
    read = places.read_address(typed)
    assert (read and (read.street, read.number, read.postcode, read.locality)) == expected


# --- Nearest a typed address, on the server -----------------------------------------------


def test_a_typed_address_sorts_the_units_by_distance_and_is_kept_by_no_cache(client, ängsby):
    url = ängsby["Solrosen"].get_parent().url
    response = client.get(url, {"adress": "storgatan 20, ängsby"})
    soup = _soup(response)
    # Solrosen is 230 m from Storgatan 20, Ekorren 1.5 km, Lärkan 3.5 km; Vitsippan has no place.
    assert _names(soup) == [
        "Förskolan Solrosen",
        "Förskolan Ekorren",
        "Förskolan Lärkan",
        "Förskolan Vitsippan",
    ]
    distances = [p.get_text(strip=True) for p in soup.select(".unit-card [data-distance]")]
    assert distances[:3] == ["230 m fågelvägen", "1,5 km fågelvägen", "3,5 km fågelvägen"]
    assert "Storgatan 20, 123 41 Ängsby" in soup.select_one(".unit-list__origin").get_text()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # Without an address the list is alphabetical and may be cached for everyone.
    plain = client.get(url)
    assert _names(_soup(plain))[0] == "Förskolan Ekorren"
    assert "public" in plain["Cache-Control"]


@pytest.mark.parametrize(
    "typed, message",
    [
        ("Påhittade gatan 3", "Vi hittar inte ”Påhittade gatan 3” i kommunens adresslista."),
        ("Storgatan", "Skriv gatan och numret, t.ex. ”Storgatan 20”."),
        ("Skolvägen 1", "Adressen finns på flera orter: Kvarnby, Sjövik. Skriv orten också."),
        ("x" * 151, "högst 150 tecken"),
        ("<script>alert(1)</script> 1", "Skriv gatan och numret"),
        ("<script>Storgatan</script> 20", "Vi hittar inte ”<script>Storgatan</script> 20”"),
    ],
)
def test_an_address_not_in_the_list_says_so_and_offers_the_district_choice(
    client, ängsby, typed, message
):
    url = ängsby["Solrosen"].get_parent().url
    soup = _soup(client.get(url, {"adress": typed}))
    error = soup.select_one(".unit-near .field-error").get_text(" ", strip=True)
    assert message in error, error
    assert soup.select_one("select[name=stadsdel]") is not None
    assert len(_names(soup)) == 4  # the list as it was, in alphabetical order
    assert "<script>alert(1)" not in str(soup) and "<script>Storgatan" not in str(soup)


def test_an_address_with_the_locality_picks_the_entry_in_that_locality(client, ängsby):
    url = ängsby["Solrosen"].get_parent().url
    soup = _soup(client.get(url, {"adress": "Skolvägen 1, Sjövik"}))
    assert "Skolvägen 1, 123 60 Sjövik" in soup.select_one(".unit-list__origin").get_text()


# --- A district with no unit of the kind ----------------------------------------------------


def test_a_district_without_a_unit_of_the_kind_says_so_and_offers_the_nearest(client, ängsby):
    url = ängsby["Solrosen"].get_parent().url
    soup = _soup(client.get(url, {"stadsdel": "Sjövik"}))
    notice = soup.select_one(".unit-list__none").get_text(" ", strip=True)
    assert notice.startswith("Det finns ingen förskola i Sjövik.")
    assert "Här är de som ligger närmast Sjövik" in notice
    # Nearest Sjövik's centre first; the unit without a position is not offered as near.
    assert _names(soup) == ["Förskolan Ekorren", "Förskolan Solrosen", "Förskolan Lärkan"]
    assert soup.select_one(".unit-card [data-distance]").get_text(strip=True).endswith("fågelvägen")


def test_the_home_page_finder_leads_to_the_nearest_when_the_district_has_none(
    client, home_page, ängsby
):
    response = client.get("/hitta-verksamhet/", {"omrade": "forskola", "stadsdel": "Sjövik"})
    assert response["Location"] == "/forskola/?stadsdel=Sj%C3%B6vik#enheter-rubrik"
    soup = _soup(client.get(response["Location"]))
    assert "Det finns ingen förskola i Sjövik." in soup.get_text()


def test_without_a_known_place_the_empty_district_lists_every_unit_saying_why(client, ängsby):
    District.objects.filter(name="Sjövik").delete()  # Sjövik still known from its school
    url = ängsby["Solrosen"].get_parent().url
    soup = _soup(client.get(url, {"stadsdel": "Sjövik"}))
    notice = soup.select_one(".unit-list__none").get_text(" ", strip=True)
    assert notice == "Det finns ingen förskola i Sjövik. Här är alla enheter."
    assert len(_names(soup)) == 4


# --- "Närmast mig" without script, and the map ----------------------------------------------


def test_near_me_is_a_hidden_button_until_the_script_finds_a_position_api(client, ängsby):
    soup = _soup(client.get(ängsby["Solrosen"].get_parent().url))
    part = soup.select_one("[data-near-me-part]")
    assert part.has_attr("hidden")
    assert part.find("button", attrs={"type": "button"}).get_text(strip=True) == "Närmast mig"
    assert soup.select_one("[data-near-me-status]")["role"] == "status"
    cards = {c["data-name"]: c for c in soup.select("[data-unit-list] > li")}
    assert (cards["Förskolan Solrosen"]["data-lat"], cards["Förskolan Solrosen"]["data-long"]) == (
        "61.301000",
        "14.800000",
    )
    assert not cards["Förskolan Vitsippan"].has_attr("data-lat")
    script = soup.find("script", src=re.compile("near-me"))
    assert script["src"].startswith("/static/")


def test_the_map_draws_every_district_and_unit_from_the_sites_own_data(client, ängsby):
    url = ängsby["Solrosen"].get_parent().url
    soup = _soup(client.get(url))
    svg = soup.select_one("section.district-map svg")
    assert svg["role"] == "group" and svg["aria-labelledby"] == "karta-rubrik"
    districts = {a["aria-label"]: a["href"] for a in svg.select("a.district-map__district")}
    assert districts == {
        "Norrby: 2 enheter": f"{url}?stadsdel=Norrby#enheter-rubrik",
        "Sjövik: ingen enhet": f"{url}?stadsdel=Sj%C3%B6vik#enheter-rubrik",
        "Ängsby centrum: 2 enheter": f"{url}?stadsdel=%C3%84ngsby+centrum#enheter-rubrik",
    }
    markers = {a["aria-label"]: a["href"] for a in svg.select("a.district-map__unit")}
    assert markers == {
        "1. Förskolan Ekorren": ängsby["Ekorren"].url,
        "2. Förskolan Lärkan": ängsby["Lärkan"].url,
        "3. Förskolan Solrosen": ängsby["Solrosen"].url,
    }
    # Nothing on the map comes from elsewhere: every link is the site's own path.
    for element in svg.find_all(True):
        for attribute in ("href", "xlink:href", "src"):
            assert not element.get(attribute, "/").startswith(("http", "//")), element
    # Solrosen lies north of Ekorren (61.301 vs 61.290): higher on the map.
    circles = {a["aria-label"]: float(a.circle["cy"]) for a in svg.select("a.district-map__unit")}
    assert circles["3. Förskolan Solrosen"] < circles["1. Förskolan Ekorren"]


def test_an_area_with_nothing_placed_has_no_map(client, service_area):
    make_guarantee(service_area, title="Förskolan Utan Läge")
    soup = _soup(client.get(service_area.url))
    assert soup.select_one("section.district-map") is None
    assert _names(soup) == ["Förskolan Utan Läge"]


def test_the_area_page_costs_the_same_queries_with_an_address_for_more_units(
    client, service_area, ängsby, django_assert_max_num_queries
):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    area = service_area
    client.get(area.url, {"adress": "Storgatan 20"})
    reset_queries()  # the log keeps 9000 queries: a full one would capture none
    with CaptureQueriesContext(connection) as few:
        client.get(area.url, {"adress": "Storgatan 20", "stadsdel": "Sjövik"})
    reference = len(few)  # now: the log moves on
    for n in range(6):
        make_guarantee(
            area, title=f"Förskola {n}", district="Norrby", latitude="61.3", longitude="14.8"
        )
    client.get(area.url)
    with django_assert_max_num_queries(reference):
        client.get(area.url, {"adress": "Storgatan 20", "stadsdel": "Sjövik"})


# --- The demo: one municipality whose places agree --------------------------------------------


def _inside(point, corners):
    """Ray casting: is (lat, long) inside the polygon of (lat, long) corners?"""
    y, x = point
    inside = False
    for (y0, x0), (y1, x1) in zip(corners, corners[1:] + corners[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def test_every_demo_unit_stands_at_its_address_inside_its_district(home_page):
    demo.load(StringIO())
    outlines = {d.name: d.corners for d in District.objects.all()}
    assert set(outlines) == set(demo.DISTRICTS.values())
    assert StreetAddress.objects.count() > 400
    for unit in GuaranteePage.objects.live():
        if unit.slug in demo.MOVING_UNITS:
            assert unit.position is None
            continue
        typed = places.read_address(unit.address)
        entry = places.find_address(typed)
        assert unit.position == entry.position, unit.slug
        assert _inside(unit.position, outlines[unit.district]), unit.slug
    # Loading again adds nothing and moves nothing.
    before = list(GuaranteePage.objects.values_list("latitude", "longitude").order_by("pk"))
    demo.load(StringIO())
    assert list(GuaranteePage.objects.values_list("latitude", "longitude").order_by("pk")) == before
    assert District.objects.count() == 4


def test_in_the_demo_sjovik_has_no_preschool_and_the_nearest_are_offered(client, home_page):
    demo.load(StringIO())
    soup = _soup(client.get("/forskola/", {"stadsdel": "Sjövik"}))
    assert "Det finns ingen förskola i Sjövik." in soup.select_one(".unit-list__none").get_text()
    assert len(_names(soup)) == places.NEAREST_OFFERED
    soup = _soup(client.get("/bibliotek/", {"stadsdel": "Sjövik"}))
    assert soup.select_one(".unit-list__none") is None
    assert _names(soup) == ["Sjöviks bygdebibliotek"]


# --- Hostile input on the new admin fields and the cache ------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_hostile_coordinates_and_outlines_are_refused_in_swedish_never_a_500(
    admin_client, service_area, payload
):
    data = _form(service_area, [_commitment()], latitude=payload, longitude="14.8", **PUBLISH)
    response = admin_client.post(_add_url(service_area), data)
    saved = GuaranteePage.objects.filter(slug="forskolan-blaklinten").first()
    # A NUL character never reaches a form: the admin's bad-input guard answers with the
    # Swedish 400 page (home/middleware.py), since PostgreSQL cannot store one.
    nul = "\x00" in payload
    if response.status_code == 302:  # "-1" is a latitude (south of the equator)
        assert saved.latitude == Decimal(payload)
    elif nul:
        assert response.status_code == 400
        assert "Felaktig förfrågan" in response.content.decode()
        assert saved is None
    else:
        assert response.status_code == 200
        assert response.context["form"].errors["latitude"]
        assert saved is None

    add = "/admin/snippets/guarantees/district/add/"
    response = admin_client.post(add, {"name": "Norrby", "outline": payload})
    assert response.status_code == (400 if nul else 200), response.status_code
    if not nul:
        assert response.context["form"].errors["outline"]
    assert not District.objects.exists()


def test_the_administrator_outlines_a_district_in_the_admin(admin_client):
    add = "/admin/snippets/guarantees/district/add/"
    html = admin_client.get(add).content.decode()
    assert "ett hörn per rad" in html
    response = admin_client.post(add, {"name": "Norrby", "outline": OUTLINES["Norrby"]})
    assert response.status_code == 302
    assert len(District.objects.get(name="Norrby").corners) == 4


def test_changing_a_district_purges_the_area_pages_that_draw_it(settings, service_area):
    from tests.home.test_caching import RecordingBackend

    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "tests.home.test_caching.RecordingBackend"}
    }
    RecordingBackend.purged = []
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        District.objects.create(name="Norrby", outline=OUTLINES["Norrby"])
    assert any(url.endswith(service_area.url) for url in RecordingBackend.purged)
