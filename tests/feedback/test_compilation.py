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
