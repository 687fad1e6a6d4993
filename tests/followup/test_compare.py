"""The comparison compares like with like: per unit, the share of commitments met at each level
and by quality criterion, broken promises and answers in time, year by year."""

import re

import pytest
from bs4 import BeautifulSoup

from guarantees.followup.models import Outcome
from guarantees.models import QualityCriterion
from home.years import previous_year
from tests.factories import make_guarantee

from .conftest import make_follow_up


def comparison_cells(html):
    """{unit: {(figure, year): shown text}} across every table of the comparison."""
    soup = BeautifulSoup(html, "html.parser")
    cells = {}
    for table in soup.find_all("table", class_="compare"):
        head, years_row = table.thead.find_all("tr")
        years = [th.get_text(strip=True) for th in years_row.find_all("th")]
        figures = []
        for th in head.find_all("th")[1:]:
            figures += [th.get_text(strip=True)] * int(th.get("colspan", 1))
        for tr in table.tbody.find_all("tr"):
            unit = tr.th.a.get_text(strip=True)
            for key, td in zip(zip(figures, years, strict=True), tr.find_all("td"), strict=True):
                cells.setdefault(unit, {})[key] = td.get_text(" ", strip=True)
    return cells


def test_each_level_and_criterion_is_compared_apart_year_by_year(client, area):
    year = previous_year()
    # Each unit: 3 city-wide (treatment, confidence, accessibility), 1 area (influence) and
    # its own commitments (treatment).
    four_own = make_guarantee(area, title="Förskolan Blåklinten", commitments=4)
    make_follow_up(four_own, year=year - 1, outcomes=[Outcome.NOT_MET] * 8)
    # City: 1 of 3; area met; own: 3 of 4.
    make_follow_up(four_own, year=year, outcomes=[Outcome.NOT_MET, Outcome.PARTLY_MET])
    one_own = make_guarantee(area, title="Förskolan Vitsippan", commitments=1, provider="Lek AB")
    make_follow_up(one_own, year=year)
    draft_only = make_guarantee(area, title="Förskolan Kastanjen")
    make_follow_up(draft_only, year=year, published=False)

    html = client.get(area.url + "jamfor/").content.decode()
    cells = comparison_cells(html)
    now, before = str(year), str(year - 1)
    blaklinten = cells["Förskolan Blåklinten"]
    assert blaklinten[("Kommungemensamma åtaganden", now)] == "33 % 1 av 3"
    assert blaklinten[("Kommungemensamma åtaganden", before)] == "0 % 0 av 3"
    assert blaklinten[("Verksamhetsområdets åtaganden", now)] == "100 % 1 av 1"
    assert blaklinten[("Enhetens egna åtaganden", now)] == "100 % 4 av 4"
    # Treatment: the first city-wide commitment (not met) and the four own ones (met).
    assert blaklinten[(QualityCriterion.TREATMENT.label, now)] == "80 % 4 av 5"
    assert blaklinten[(QualityCriterion.CONFIDENCE.label, now)] == "0 % 0 av 1"
    assert cells["Förskolan Vitsippan"][("Enhetens egna åtaganden", now)] == "100 % 1 av 1"
    assert cells["Förskolan Vitsippan"][("Enhetens egna åtaganden", before)] == "–"
    assert set(cells["Förskolan Kastanjen"].values()) <= {"–", "0"}  # only a draft
    soup = BeautifulSoup(html, "html.parser")
    kinds = {th.a.get_text(strip=True): th.span.get_text() for th in soup.select("tbody th")}
    assert kinds["Förskolan Vitsippan"] == "Enskild"
    assert kinds["Förskolan Blåklinten"] == "Kommunal"
    # The overall share, which mixes commitments units do not share, is not compared.
    assert "Andel uppfyllda åtaganden" not in html


def test_the_tables_scroll_in_their_own_focusable_region_and_the_chart_is_server_drawn(
    client, area
):
    unit = make_guarantee(area, title="Förskolan Blåklinten", commitments=1)
    make_follow_up(unit, outcomes=[Outcome.NOT_MET])
    soup = BeautifulSoup(client.get(area.url + "jamfor/").content, "html.parser")
    regions = soup.select("div.compare-scroll")
    assert len(regions) == 2  # follow-up and feedback
    for region in regions:
        assert region["role"] == "region" and region["tabindex"] == "0" and region["aria-label"]
        table = region.find("table")
        assert table.caption.get_text(strip=True)
        assert {th["scope"] for th in table.select("th")} == {"col", "colgroup", "row"}
    svg = soup.find("svg", class_="trend__svg")
    assert svg["role"] == "img"
    assert svg["width"] == svg["viewbox"].split()[2]  # drawn at its own size, not scaled
    labelled_by = svg["aria-labelledby"].split()
    assert svg.find("title")["id"] in labelled_by and svg.find("desc")["id"] in labelled_by
    assert "Kommungemensamma åtaganden" in svg.find("desc").get_text()
    assert "67 %" in svg.get_text()  # 2 of 3 city-wide met, as in the table
    assert not soup.select("[style]"), "CSP forbids inline style attributes"


def test_feedback_figures_come_through_the_hook_for_each_year(client, area):
    import datetime

    from django.utils import timezone

    from feedback.models import Dimension, Feedback, Kind

    year = previous_year()
    unit = make_guarantee(area, title="Förskolan Blåklinten", commitments=1)
    make_follow_up(unit, year=year - 1)
    make_follow_up(unit, year=year)
    for received in (year - 1, year, year):
        Feedback.receive(
            unit=unit,
            message="Löftet hölls inte.",
            received_at=timezone.make_aware(datetime.datetime(received, 3, 10, 10, 0)),
            kind=Kind.COMPLAINT,
            dimension=Dimension.DELIVERY,
            commitment=unit.commitments.first(),
        )
    cells = comparison_cells(client.get(area.url + "jamfor/").content.decode())
    row = cells["Förskolan Blåklinten"]
    assert row[("Löften som inte hölls", str(year))] == "2"
    assert row[("Löften som inte hölls", str(year - 1))] == "1"
    assert row[("Besvarade i tid", str(year))] == "0 %"


@pytest.mark.parametrize("units,years", [(1, 1), (6, 3)])
def test_the_comparison_takes_as_many_queries_for_more_units_and_years(
    client, area, units, years, django_assert_max_num_queries
):
    year = previous_year()
    for n in range(units):
        unit = make_guarantee(area, title=f"Förskolan {n}", commitments=2)
        for shown in range(years):
            make_follow_up(unit, year=year - shown, outcomes=[Outcome.NOT_MET])
    client.get(area.url + "jamfor/")  # fills the caches every page request shares
    # Units, years, one query per provider for the years and one for the figures, with
    # the page's own (site, settings, menu, breadcrumbs): the same budget for any size.
    with django_assert_max_num_queries(16):
        response = client.get(area.url + "jamfor/")
    shown_years = re.findall(
        r'<th scope="col" class="compare__year-head number">(\d{4})</th>', response.content.decode()
    )
    assert len(set(shown_years)) == years


def test_the_year_parameter_falls_back_to_the_latest_year(client, area):
    year = previous_year()
    unit = make_guarantee(area, title="Förskolan Blåklinten", commitments=1)
    make_follow_up(unit, year=year - 1, outcomes=[Outcome.NOT_MET] * 5)
    make_follow_up(unit, year=year)
    url = area.url + "jamfor/"
    older = comparison_cells(client.get(url, {"ar": year - 1}).content.decode())
    assert older["Förskolan Blåklinten"][("Enhetens egna åtaganden", str(year - 1))] == (
        "0 % 0 av 1"
    )
    assert ("Enhetens egna åtaganden", str(year)) not in older["Förskolan Blåklinten"]
    for hostile in ["abc", "99999", "1999", "<script>", "2025\x00", "١٢٣٤"]:
        response = client.get(url, {"ar": hostile})
        assert response.status_code == 200
        caption = BeautifulSoup(response.content, "html.parser").find("caption").get_text()
        assert re.search(rf"\b{year}\b", caption)
