"""The comparison of an area's units shows whatever figures the other rooms hand to the
"register_unit_metrics" hook, for several years; guarantees knows none of them.

A provider registered only for these tests stands in for feedback and follow-up.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail import hooks

from guarantees.metrics import Column, MetricsProvider
from tests.factories import make_guarantee

pytestmark = pytest.mark.django_db


class Inspections(MetricsProvider):
    """Figures made up from the unit's title and the year, without a query."""

    heading = "Inspektioner"
    columns = [
        Column("inspections", "Inspektioner"),
        Column("approved", "Godkända", "share", charted=True),
        Column("note", "Anteckning", "text"),
    ]

    def compute(self, units, year):
        return {
            unit.pk: {"inspections": len(unit.title) + year - 2020, "approved": 0.25, "note": "x"}
            for unit in units
        }

    def years(self, units):
        return [2023, 2021, 2019] if units else []


def inspections():
    return Inspections()


def _soup(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _table(soup, heading):
    section = soup.find("h2", string=heading).find_parent("section")
    return section.find("table", class_="compare")


def test_the_comparison_shows_the_hooks_figures_a_column_per_year(client, service_area):
    make_guarantee(service_area, title="Förskolan Ek")  # 12 letters
    with hooks.register_temporarily("register_unit_metrics", inspections):
        soup = _soup(client, service_area.url + "jamfor/")
    table = _table(soup, "Inspektioner")
    figures = [th.get_text(strip=True) for th in table.thead.tr.find_all("th")]
    assert figures == ["Enhet", "Inspektioner", "Godkända"]  # text columns are not compared
    years = [th.get_text(strip=True) for th in table.thead.find_all("tr")[1].find_all("th")]
    assert years == ["2019", "2021", "2023"] * 2  # the latest year and two before, oldest first
    cells = [td.get_text(strip=True) for td in table.tbody.tr.find_all("td")]
    assert cells == ["11", "13", "15", "25 %", "25 %", "25 %"]
    assert [o["value"] for o in soup.select("select[name=ar] option")] == ["2023", "2021", "2019"]
    desc = soup.find("svg").find("desc").get_text()
    assert "Godkända: 2019 25 %, 2021 25 %, 2023 25 %." in desc


def test_the_reader_picks_the_last_year_shown(client, service_area):
    make_guarantee(service_area, title="Förskolan Ek")
    with hooks.register_temporarily("register_unit_metrics", inspections):
        soup = _soup(client, service_area.url + "jamfor/", ar="2021")
    table = _table(soup, "Inspektioner")
    years = [th.get_text(strip=True) for th in table.thead.find_all("tr")[1].find_all("th")]
    assert years[:2] == ["2019", "2021"]
    assert [td.get_text(strip=True) for td in table.tbody.find_all("td")][:2] == ["11", "13"]


def test_the_comparison_without_the_hook_has_no_such_table(client, service_area):
    make_guarantee(service_area, title="Förskolan Ek")
    soup = _soup(client, service_area.url + "jamfor/")
    assert soup.find("h2", string="Inspektioner") is None


def test_the_comparison_uses_as_many_queries_for_many_units_and_years(
    client, service_area, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_guarantee(service_area, title="Förskolan Ek")
    url = service_area.url + "jamfor/"
    client.get(url)  # fills the caches every page request shares
    with CaptureQueriesContext(connection) as one:
        client.get(url, {"ar": "2019"})  # one year only
    reference = len(one)  # now: the next request's start clears the connection's query log
    for n in range(6):
        make_guarantee(service_area, title=f"Förskolan {n}")
    client.get(url, {"ar": "2019"})  # the new units' publication renewed the kept page parts
    with (
        hooks.register_temporarily("register_unit_metrics", inspections),
        django_assert_max_num_queries(reference),
    ):
        client.get(url)  # seven units, three years


def test_the_comparison_footer_is_filled_by_hooks(client, service_area):
    def footer(context):
        return f'<p id="test-footer">{context["area"].title}</p>'

    with hooks.register_temporarily("area_comparison_footer", footer):
        soup = _soup(client, service_area.url + "jamfor/")
    assert soup.find(id="test-footer").get_text() == service_area.title
