"""The comparison of an area's units shows whatever figures the other rooms hand to the
"register_unit_metrics" hook, for the years they have; guarantees knows none of them.

A provider registered only for these tests stands in for feedback and follow-up.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks

from guarantees.metrics import Column, MetricsProvider
from tests.factories import make_guarantee

pytestmark = pytest.mark.django_db


class Inspections(MetricsProvider):
    """Figures made up from the unit's title and the year, without a query."""

    columns = [Column("inspections", "Inspektioner"), Column("approved", "Godkända", "share")]

    def compute(self, units, year):
        return {
            unit.pk: {"inspections": len(unit.title) + year - 2020, "approved": 0.25}
            for unit in units
        }

    def years(self, units):
        return [2021, 2023] if units else []


def inspections():
    return Inspections()


def _soup(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_comparison_shows_the_figures_a_hook_provides(client, service_area):
    make_guarantee(service_area, title="Förskolan Ek")  # 12 letters
    with hooks.register_temporarily("register_unit_metrics", inspections):
        soup = _soup(client, service_area.url + "jamfor/")
    table = soup.find("table", class_="compare")
    headers = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    assert headers[:3] == ["Enhet", "Inspektioner", "Godkända"]
    cells = [td.get_text(strip=True) for td in table.tbody.tr.find_all("td")]
    # The latest year the provider has figures for is shown first: 12 + 2023 - 2020.
    assert cells[:2] == ["15", "25 %"]
    assert [o["value"] for o in soup.select("select[name=ar] option")] == ["2023", "2021"]
    assert "Förskolan Ek: godkända 25 %" in soup.find("svg").find("desc").get_text()


def test_the_comparison_without_the_hook_has_no_such_column(client, service_area):
    make_guarantee(service_area, title="Förskolan Ek")
    soup = _soup(client, service_area.url + "jamfor/")
    headers = [th.get_text(strip=True) for th in soup.select("table.compare thead th")]
    assert "Inspektioner" not in headers


def test_the_reader_picks_another_year_of_the_hooks_figures(client, service_area):
    make_guarantee(service_area, title="Förskolan Ek")
    with hooks.register_temporarily("register_unit_metrics", inspections):
        soup = _soup(client, service_area.url + "jamfor/", ar="2021")
    cells = [td.get_text(strip=True) for td in soup.select("table.compare tbody td")]
    assert cells[0] == "13"


def test_the_comparison_uses_a_fixed_number_of_queries(client, service_area):
    make_guarantee(service_area, title="Förskolan Ek")
    client.get(service_area.url + "jamfor/")  # fills the caches every page request shares
    with CaptureQueriesContext(connection) as one:
        client.get(service_area.url + "jamfor/")
    for n in range(4):
        make_guarantee(service_area, title=f"Förskolan {n}")
    with CaptureQueriesContext(connection) as five:
        client.get(service_area.url + "jamfor/")
    assert len(five) == len(one)


def test_the_comparison_footer_is_filled_by_hooks(client, service_area):
    def footer(context):
        return f'<p id="test-footer">{context["area"].title}</p>'

    with hooks.register_temporarily("area_comparison_footer", footer):
        soup = _soup(client, service_area.url + "jamfor/")
    assert soup.find(id="test-footer").get_text() == service_area.title
