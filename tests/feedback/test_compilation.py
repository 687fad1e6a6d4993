"""The compilation: counts, share answered in time, chart, CSV without formulas, slots, metrics."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feedback.models import Dimension, Feedback, Kind
from home.spreadsheets import spreadsheet_safe

pytestmark = pytest.mark.django_db

COMPILATION = "/admin/synpunkter/inkorg/sammanstallning/"


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def make_case(unit, **fields):
    values = {"kind": Kind.OPINION, "dimension": "bemotande", "message": "Hej", "unit": unit}
    values.update(fields)
    return Feedback.receive(**values)[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+46 8", "'+46 8"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Förskolan", "Förskolan"),
        (12, 12),
        (None, None),
    ],
)
def test_csv_cells_never_start_a_formula(value, expected):
    assert spreadsheet_safe(value) == expected


def test_a_year_outside_the_sites_range_is_refused_in_swedish(admin_user):
    client = Client()
    client.force_login(admin_user)
    for raw in ["2099", "²", "١٢٣٤"]:
        response = client.get("/admin/synpunkter/inkorg/sammanstallning/", {"ar": raw})
        assert response.status_code == 400
        html = response.content.decode()
        assert "Ange ett år mellan" in html or "Fyll i ett heltal" in html, raw
        assert "Per månad" not in html  # no figures for a period nobody asked for


def test_compilation_counts_and_csv_export_is_guarded(guarantee, admin_user):
    guarantee.title = "=cmd|' /C calc'!A0"
    guarantee.save_revision().publish()
    answered = make_case(guarantee, received_at=at(2026, 3, 2), kind=Kind.COMPLAINT)
    answered.answer("Svar", None, when=at(2026, 3, 3))
    answered.save()
    late = make_case(guarantee, received_at=at(2026, 3, 2))
    late.answer("Sent svar", None, when=at(2026, 3, 20))
    late.save()
    make_case(None, received_at=at(2026, 5, 1), dimension="information")
    make_case(guarantee, received_at=at(2025, 5, 1))  # another year

    client = Client()
    client.force_login(admin_user)
    html = client.get("/admin/synpunkter/inkorg/sammanstallning/?ar=2026").content.decode()
    assert 'role="img"' in html and "<title" in html
    assert "Totalt 3 synpunkter." in html
    assert "1 av 3 besvarades inom utlovad tid" in html

    def table(slug):
        response = client.get(COMPILATION, {"ar": "2026", "format": "csv", "tabell": slug})
        assert response.status_code == 200, slug
        assert "anna" not in response.content.decode().lower()
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))

    units = table("per-enhet")
    cells = [cell for row in units for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'=cmd|' /C calc'!A0" in cells
    kinds = dict(table("per-typ")[1:])
    assert kinds["Klagomål"] == "1" and kinds["Synpunkt"] == "2"
    months = dict(table("per-manad")[1:])
    assert months["2026-03"] == "2" and months["2026-05"] == "1" and months["2026-01"] == "0"


def test_handler_compilation_covers_only_their_units(guarantee, other_unit, make_handler):
    make_case(guarantee)
    make_case(other_unit)
    make_case(other_unit)
    client = Client()
    client.force_login(make_handler("a", guarantee))
    html = client.get("/admin/synpunkter/inkorg/sammanstallning/").content.decode()
    assert "Totalt 1 synpunkt." in html
    assert "Hemtjänsten Norr" not in html


def test_broken_promises_counted_per_commitment_and_shown_in_year_slot(guarantee, home_page):
    from feedback.stats import broken_promises_per_commitment
    from guarantees.sections import render_sections

    year = timezone.localdate().year
    own = guarantee.commitments.first()
    city = home_page.commitments.first()
    for commitment in (own, own, city):
        make_case(guarantee, kind=Kind.COMPLAINT, commitment=commitment)
    make_case(guarantee, kind=Kind.PRAISE, commitment=own)  # praise is not a broken promise
    assert broken_promises_per_commitment(year) == {own.pk: 2, city.pk: 1}
    html = render_sections(
        "guarantee_page_year_feedback", {"page": guarantee, "year": year, "request": None}
    )
    assert "3 anmälningar om att ett löfte inte hölls." in html
    assert f"{own.title}: 2" in html


def test_metrics_use_a_fixed_number_of_queries(guarantee, other_unit):
    from guarantees import metrics

    year = timezone.localdate().year
    make_case(guarantee, kind=Kind.COMPLAINT, commitment=guarantee.commitments.first())
    make_case(other_unit, dimension="information")
    with CaptureQueriesContext(connection) as one:
        metrics.compute([guarantee], year)
    with CaptureQueriesContext(connection) as two:
        result = metrics.compute([guarantee, other_unit], year)
    assert len(one) == len(two)
    assert result[guarantee.pk]["broken_promises"] == 1
    assert result[other_unit.pk]["feedback_information"] == 1
    assert result[other_unit.pk]["answered_in_time_share"] == 0


def test_report_slot_lists_actions_without_personal_data(guarantee):
    from guarantees.sections import render_sections

    case = make_case(guarantee, kind=Kind.COMPLAINT, name="Anna Hemlig", email="a@example.se")
    case.record_action("Ny rutin för hämtning.", None)
    case.save()
    year = timezone.localdate().year
    html = render_sections(
        "committee_report_sections",
        {"units": [guarantee], "year": year, "committee": None, "request": None},
    )
    assert "Ny rutin för hämtning." in html and case.reference in html
    assert "Anna Hemlig" not in html and "a@example.se" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"fran": "0001-01-01", "till": "9999-12-31"},
        {"fran": "2026-12-31", "till": "2026-01-01"},
        {"fran": "2026-01-01"},
        {"fran": "inte ett datum", "till": "2026-01-01"},
        {"ar": "99999999999999999999"},
    ],
)
def test_a_crafted_period_is_refused_in_swedish(admin_user, params):
    client = Client()
    client.force_login(admin_user)
    response = client.get("/admin/synpunkter/inkorg/sammanstallning/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert any(
        phrase in html
        for phrase in (
            "Datumen ska ligga",
            "Tilldatum",
            "Ange både",
            "Datumet går inte att läsa",
            "Ange ett år",
            "Fyll i ett heltal",
        )
    ), html[:2000]


def test_months_to_come_are_empty_and_the_unit_dimension_month_table_counts(guarantee, admin_user):
    from feedback.compilation import Compilation, period_bounds

    today = timezone.localdate()
    Feedback.receive(
        kind=Kind.OPINION, dimension=Dimension.INFORMATION, message="Hej", unit=guarantee
    )
    start, end = period_bounds(today.replace(month=1, day=1), today.replace(month=12, day=31))
    compilation = Compilation(start, end)
    months = dict(compilation.by_month())
    assert months[today.replace(day=1)] == 1
    later = [m for m in months if m > today]
    assert all(months[m] is None for m in later)
    [row] = compilation.by_unit_dimension_month()
    assert row["unit"] == guarantee.title and row["dimension"] == "Information"
    assert row["months"][today.month - 1] == 1 and sum(n or 0 for n in row["months"]) == 1


# Issue 31, item 4: one table per CSV, an XLSX with a sheet per table, area and unit filters,
# Swedish dates.

TABLE_HEADINGS = {
    "sammanfattning": [
        "Period",
        "Urval",
        "Antal",
        "Besvarade inom utlovad tid",
        "Andel besvarade i tid",
    ],
    "per-typ": ["Typ", "Antal"],
    "per-dimension": ["Gäller", "Antal"],
    "per-manad": ["Månad", "Antal"],
    "per-verksamhetsomrade": ["Verksamhetsområde", "Antal", "Besvarade i tid"],
    "per-enhet": [
        "Enhet",
        "Verksamhetsområde",
        "Antal",
        "Besvarade i tid",
        "Försenade, ännu öppna",
    ],
}
SHEETS = [
    "Sammanfattning",
    "Per typ",
    "Per dimension",
    "Per månad",
    "Per verksamhetsområde",
    "Per enhet",
    "Per enhet, gäller och månad",
]
HOSTILE = ['=HYPERLINK("http://x";"klicka")', "@SUM(A1)", "+46 8 123", "-2+3"]


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(response):
    from openpyxl import load_workbook

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return load_workbook(io.BytesIO(response.content))


@pytest.fixture
def staff(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.fixture
def two_areas(guarantee, other_unit):
    """Förskolan Solrosen (Förskola): a complaint answered in time and an opinion in March
    2026; Hemtjänsten Norr (Äldreomsorg): one opinion about information in May 2026."""
    answered = make_case(guarantee, received_at=at(2026, 3, 2), kind=Kind.COMPLAINT)
    answered.answer("Svar", None, when=at(2026, 3, 3))
    answered.save()
    make_case(guarantee, received_at=at(2026, 3, 9))
    make_case(other_unit, received_at=at(2026, 5, 4), dimension="information")
    return guarantee, other_unit


def test_each_table_downloads_as_its_own_csv_under_its_own_headings(staff, two_areas):
    for slug, headings in TABLE_HEADINGS.items():
        table = read_csv(staff.get(COMPILATION, {"ar": "2026", "format": "csv", "tabell": slug}))
        assert table[0] == headings, slug
        assert len(table) > 1, slug
        assert all(len(row) == len(headings) for row in table), slug
    months = read_csv(
        staff.get(COMPILATION, {"ar": "2026", "format": "csv", "tabell": "per-enhet-galler-manad"})
    )
    assert months[0] == ["Enhet", "Verksamhetsområde", "Gäller"] + [
        f"2026-{m:02}" for m in range(1, 13)
    ]
    assert ["Hemtjänsten Norr", "Äldreomsorg", "Information"] in [row[:3] for row in months]
    units = read_csv(staff.get(COMPILATION, {"ar": "2026", "format": "csv", "tabell": "per-enhet"}))
    assert ["Förskolan Solrosen", "Förskola", "2", "50 %", "1"] in units


def test_the_page_links_one_csv_per_table_and_one_xlsx_for_the_same_period_and_units(
    staff, two_areas
):
    guarantee, _other = two_areas
    html = staff.get(COMPILATION, {"ar": "2026", "enhet": guarantee.pk}).content.decode()
    query = f"ar=2026&amp;enhet={guarantee.pk}"
    assert f'href="?{query}&amp;format=xlsx"' in html
    for slug in [*TABLE_HEADINGS, "per-enhet-galler-manad"]:
        assert f'href="?{query}&amp;format=csv&amp;tabell={slug}"' in html, slug
    assert "Urval: Förskolan Solrosen (Förskola)" in html


def test_a_download_without_a_table_or_of_an_unknown_table_or_format_is_a_swedish_400(staff):
    for params, message in [
        ({"format": "csv"}, "Välj vilken tabell som ska laddas ner som CSV."),
        ({"format": "csv", "tabell": "allt"}, "Den tabellen finns inte i sammanställningen."),
        ({"format": "pdf"}, "Filen kan laddas ner som CSV eller XLSX."),
    ]:
        response = staff.get(COMPILATION, params)
        assert response.status_code == 400, params
        assert response["Content-Type"].startswith("text/html")
        assert message in response.content.decode(), params


def test_the_xlsx_has_a_sheet_per_table_with_headings_numbers_dates_and_no_formulas(
    staff, two_areas
):
    import zipfile

    guarantee, _other = two_areas
    guarantee.title = HOSTILE[0]
    guarantee.save_revision().publish()
    make_case(guarantee, received_at=at(2026, 4, 1), dimension="ovrigt")
    response = staff.get(COMPILATION, {"ar": "2026", "format": "xlsx"})
    assert 'filename="synpunkter-2026-01-01-2026-12-31.xlsx"' in response["Content-Disposition"]
    book = read_xlsx(response)
    assert book.sheetnames == SHEETS
    for name, (slug, headings) in zip(SHEETS, TABLE_HEADINGS.items(), strict=False):
        sheet = book[name]
        heading_cells = next(sheet.iter_rows(max_row=1))
        assert [cell.value for cell in heading_cells] == headings, slug
        assert all(cell.font.b for cell in heading_cells), slug
        assert sheet.freeze_panes == "A2", slug
    # Numbers as numbers, a share as a fraction shown in per cent, a month as a date.
    kinds = {row[0]: row[1] for row in book["Per typ"].iter_rows(min_row=2, values_only=True)}
    assert kinds == {"Synpunkt": 3, "Klagomål": 1, "Beröm": 0, "Förslag": 0}
    units = {row[0].value: row for row in book["Per enhet"].iter_rows(min_row=2)}
    hostile = units[HOSTILE[0]]
    # Three cases, one answered in time, two still open after their deadline.
    assert [cell.value for cell in hostile[1:]] == ["Förskola", 3, pytest.approx(1 / 3), 2]
    assert hostile[3].number_format == "0 %"
    months = list(book["Per månad"].iter_rows(min_row=2))
    assert months[2][0].value == datetime.datetime(2026, 3, 1)
    assert months[2][0].number_format == "yyyy-mm" and months[2][1].value == 2
    # The unit's hostile name is a text cell, as written, not a formula, in every sheet.
    assert hostile[0].data_type == "s"
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    # Once per unit, twice per unit, dimension and month (two dimensions).
    assert sum(cell.value == HOSTILE[0] for cell in cells) == 3
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        xml = "".join(
            archive.read(name).decode() for name in archive.namelist() if "worksheets" in name
        )
    assert "<f>" not in xml and "<f " not in xml
    # The same text in the CSV carries the house's guard.
    table = read_csv(staff.get(COMPILATION, {"ar": "2026", "format": "csv", "tabell": "per-enhet"}))
    assert "'" + HOSTILE[0] in [row[0] for row in table]


@pytest.mark.parametrize("title", HOSTILE[1:])
def test_no_leading_formula_character_becomes_a_formula_in_the_xlsx(staff, guarantee, title):
    guarantee.title = title
    guarantee.save_revision().publish()
    make_case(guarantee, received_at=at(2026, 2, 2))
    book = read_xlsx(staff.get(COMPILATION, {"ar": "2026", "format": "xlsx"}))
    [cell] = [row[0] for row in book["Per enhet"].iter_rows(min_row=2)]
    assert cell.value == title and cell.data_type == "s"


def test_an_area_narrows_the_page_and_every_download_to_its_units(staff, two_areas, service_area):
    params = {"ar": "2026", "omrade": service_area.pk}
    html = staff.get(COMPILATION, params).content.decode()
    assert "Totalt 2 synpunkter." in html
    assert "Urval: Alla enheter inom Förskola" in html
    assert '<th scope="row">Hemtjänsten Norr</th>' not in html
    units = read_csv(staff.get(COMPILATION, {**params, "format": "csv", "tabell": "per-enhet"}))
    assert [row[0] for row in units[1:]] == ["Förskolan Solrosen"]
    book = read_xlsx(staff.get(COMPILATION, {**params, "format": "xlsx"}))
    summary = list(book["Sammanfattning"].iter_rows(min_row=2, values_only=True))
    assert summary[0][1:4] == ("Alla enheter inom Förskola", 2, 1)
    areas = [row[0] for row in book["Per verksamhetsområde"].iter_rows(min_row=2, values_only=True)]
    assert areas == ["Förskola"]


def test_a_unit_narrows_the_page_and_every_download_to_it(staff, two_areas):
    _guarantee, other = two_areas
    params = {"ar": "2026", "enhet": other.pk}
    html = staff.get(COMPILATION, params).content.decode()
    assert "Totalt 1 synpunkt." in html
    kinds = dict(
        read_csv(staff.get(COMPILATION, {**params, "format": "csv", "tabell": "per-typ"}))[1:]
    )
    assert kinds["Synpunkt"] == "1" and kinds["Klagomål"] == "0"
    book = read_xlsx(staff.get(COMPILATION, {**params, "format": "xlsx"}))
    units = [row[0] for row in book["Per enhet"].iter_rows(min_row=2, values_only=True)]
    assert units == ["Hemtjänsten Norr"]


def test_a_unit_outside_the_chosen_area_is_a_swedish_400_at_the_unit_field(
    staff, two_areas, service_area
):
    _guarantee, other = two_areas
    for fmt in ("", "xlsx"):
        response = staff.get(
            COMPILATION, {"omrade": service_area.pk, "enhet": other.pk, "format": fmt}
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "Hemtjänsten Norr hör inte till Förskola." in html
        # The message stands at the unit field: between its label and its list.
        field = html.split('for="id_enhet"')[1].split('id="id_enhet"')[0]
        assert "Hemtjänsten Norr hör inte till Förskola." in field
        assert "Totalt" not in html


def test_the_unit_and_area_lists_hold_only_the_users_units(guarantee, other_unit, make_handler):
    make_case(guarantee, received_at=at(2026, 3, 2))
    make_case(other_unit, received_at=at(2026, 3, 2))
    client = Client()
    client.force_login(make_handler("handlaggare", guarantee))
    html = client.get(COMPILATION, {"ar": "2026"}).content.decode()
    select = html.split('id="id_enhet"')[1].split("</select>")[0]
    assert "Förskolan Solrosen" in select and "Hemtjänsten Norr" not in select
    areas = html.split('id="id_omrade"')[1].split("</select>")[0]
    assert "Förskola" in areas and "Äldreomsorg" not in areas
    assert "Urval: Dina enheter" in html
    for params in ({"enhet": other_unit.pk}, {"omrade": other_unit.get_parent().pk}):
        response = client.get(COMPILATION, {"ar": "2026", **params, "format": "xlsx"})
        assert response.status_code == 400, params
        html = response.content.decode()
        assert "Välj en av enheterna i listan." in html or (
            "Välj ett av verksamhetsområdena i listan." in html
        )


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (("2026-01-01", "2026-06-30"), "tors 1 jan 2026 – tis 30 jun 2026"),
        (("1/1 2026", "30 juni 2026"), "tors 1 jan 2026 – tis 30 jun 2026"),
        (("1/1/2026", "30 jun 2026"), "tors 1 jan 2026 – tis 30 jun 2026"),
        (("1 januari 2026", "30 JUNI 2026"), "tors 1 jan 2026 – tis 30 jun 2026"),
        (("2 Mars 2026", "3/11 2026"), "mån 2 mar 2026 – tis 3 nov 2026"),
    ],
)
def test_a_period_typed_the_swedish_way_is_read_as_typed(staff, typed, shown):
    response = staff.get(COMPILATION, {"fran": typed[0], "till": typed[1]})
    assert response.status_code == 200
    assert f"Period {shown}" in response.content.decode()


@pytest.mark.parametrize(
    "typed",
    ["1/13 2026", "31/2 2026", "30 juno 2026", "idag", "2026/01/01", "١/١ ٢٠٢٦", "1.1.2026"],
)
def test_a_date_that_cannot_be_read_is_refused_at_its_field_never_today(staff, typed):
    today = timezone.localdate()
    response = staff.get(COMPILATION, {"fran": typed, "till": "31 december 2026"})
    assert response.status_code == 400
    html = response.content.decode()
    message = (
        "Datumet går inte att läsa. Skriv det som 2026-01-31, 31/1 2026 eller 31 januari 2026."
    )
    # At the field: after its label, before the next field.
    field = html.split('for="id_fran"')[1].split('for="id_till"')[0]
    assert message in field
    assert "Period" not in html and today.isoformat() not in html


def test_a_year_without_feedback_says_so_in_words_not_with_zeros(guarantee):
    from guarantees.sections import render_sections

    year = timezone.localdate().year
    html = render_sections(
        "guarantee_page_year_feedback", {"page": guarantee, "year": year, "request": None}
    )
    assert "Inga synpunkter. Ingen anmälan om att ett löfte inte hölls." in " ".join(html.split())
    assert "0 anmälningar" not in html and "0 synpunkter" not in html
