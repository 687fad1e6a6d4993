import re

from bs4 import BeautifulSoup

from guarantees.followup.models import Outcome
from home.years import previous_year
from tests.factories import make_guarantee

from .conftest import make_follow_up


def _table_rows(html):
    table = BeautifulSoup(html, "html.parser").find("table", class_="compare")
    headers = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    rows = {}
    for tr in table.tbody.find_all("tr"):
        cells = [tr.th.get_text(strip=True)] + [td.get_text(strip=True) for td in tr.find_all("td")]
        rows[cells[0]] = dict(zip(headers, cells, strict=True))
    return rows


def test_the_comparison_shows_each_units_share_of_commitments_met(client, area):
    year = previous_year()
    # Each unit shows 3 city + 1 area + its own commitments.
    three_of_four_own = make_guarantee(area, title="Förskolan Blåklinten", commitments=4)
    make_follow_up(three_of_four_own, year=year, outcomes=[Outcome.NOT_MET, Outcome.PARTLY_MET])
    all_met = make_guarantee(area, title="Förskolan Vitsippan", commitments=1, provider="Lek AB")
    make_follow_up(all_met, year=year)
    draft_only = make_guarantee(area, title="Förskolan Kastanjen")
    make_follow_up(draft_only, year=year, published=False)
    make_guarantee(area, title="Förskolan Ekorren")

    response = client.get(area.url + "jamfor/")
    assert response.status_code == 200
    rows = _table_rows(response.content.decode())
    share = "Andel uppfyllda åtaganden"
    assert rows["Förskolan Blåklinten"][share] == "75 %"  # 6 of 8
    assert rows["Förskolan Vitsippan"][share] == "100 %"  # 5 of 5
    assert rows["Förskolan Kastanjen"][share] == "–"  # unpublished
    assert rows["Förskolan Ekorren"][share] == "–"
    assert rows["Förskolan Vitsippan"]["Utförare"] == "Lek AB"
    assert rows["Förskolan Blåklinten"]["Utförare"] == "Kommunen"


def test_the_comparison_is_an_accessible_table_with_a_server_drawn_chart(client, area):
    unit = make_guarantee(area, title="Förskolan Blåklinten", commitments=1)
    make_follow_up(unit, outcomes=[Outcome.NOT_MET])
    html = client.get(area.url + "jamfor/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("table", class_="compare").caption.get_text(strip=True)
    assert {th["scope"] for th in soup.select("table.compare th")} == {"col", "row"}
    svg = soup.find("svg")
    assert svg["role"] == "img"
    labelled_by = svg["aria-labelledby"].split()
    assert svg.find("title")["id"] in labelled_by and svg.find("desc")["id"] in labelled_by
    assert "Förskolan Blåklinten" in svg.find("desc").get_text()
    assert "80 %" in svg.get_text()  # 4 of 5 met, the same figure as the table
    assert not soup.select("[style]"), "CSP forbids inline style attributes"
    assert 'href="/forskola/jamfor/"' in client.get(area.url).content.decode()


def test_the_comparison_year_parameter_falls_back_to_the_latest_year(client, area):
    year = previous_year()
    unit = make_guarantee(area, title="Förskolan Blåklinten", commitments=1)
    make_follow_up(unit, year=year - 1, outcomes=[Outcome.NOT_MET] * 5)
    make_follow_up(unit, year=year)
    url = area.url + "jamfor/"
    older = _table_rows(client.get(url, {"ar": year - 1}).content.decode())
    assert older["Förskolan Blåklinten"]["Andel uppfyllda åtaganden"] == "0 %"
    for hostile in ["abc", "99999", "1999", "<script>", "2025\x00", "١٢٣٤"]:
        response = client.get(url, {"ar": hostile})
        assert response.status_code == 200
        caption = BeautifulSoup(response.content, "html.parser").find("caption").get_text()
        assert re.search(rf"\b{year}\b", caption)
