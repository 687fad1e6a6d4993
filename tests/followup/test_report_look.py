"""Item 7 of issue 13 for the yearly report: inside the admin's look, its CSV in the shared
Swedish Excel dialect, hostile years a Swedish 4xx."""

import csv
import io

from django.urls import reverse

from home.years import previous_year
from tests.feedback.test_report_look import assert_report_look

from .conftest import make_follow_up


def test_the_yearly_report_wears_the_admin_header_with_its_title(admin_client, unit, committee):
    make_follow_up(unit)
    year = previous_year()
    response = admin_client.get(
        reverse("kvalitetsrapport:index"), {"committee": committee.pk, "year": year}
    )
    html = response.content.decode()
    assert_report_look(html, f"Kvalitetsrapport {year}: Förskolenämnden")
    assert "Förskolan Solrosen" in html
    # Before a committee is chosen the header says which screen this is, not "Hem".
    empty = admin_client.get(reverse("kvalitetsrapport:index")).content.decode()
    assert '<h1 class="w-sr-only">\n                                    Kvalitetsrapport' in empty
    assert ">Hem<" not in empty.split("<main")[0].split("w-slim-header")[-1]


def test_the_yearly_report_csv_is_the_shared_swedish_excel_dialect(admin_client, unit, committee):
    make_follow_up(unit)
    year = previous_year()
    response = admin_client.get(reverse("kvalitetsrapport:csv", args=[committee.pk, year]))
    assert response.content.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0][:2] == ["Nämnd", "År"] and len(table[0]) > 4
    assert all(len(row) == len(table[0]) for row in table)
