"""The compilation's sums (PostgreSQL's grouping sets) against a plain count of the same rows,
and its queries, which must not grow with the units."""

import datetime
import random
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feedback.compilation import Compilation, period_bounds, tables, xlsx_response_for
from feedback.models import Dimension, Feedback, Kind, Status
from tests.factories import make_guarantee, make_service_area

pytestmark = pytest.mark.django_db


def local(year, month, day, hour=10, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def generated_feedback(units, year, count, seed=27):
    """`count` seeded cases over `year` (and a few just outside it) spread over the units and
    feedback about no unit, every kind and dimension, some answered in time, some late."""
    rng = random.Random(seed)
    moments = [local(year, 1, 1, 0, 0), local(year, 12, 31, 23, 59)]  # the period's edges
    moments += [local(year - 1, 12, 31, 23, 59), local(year + 1, 1, 1, 0, 0)]  # just outside
    while len(moments) < count:
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        moments.append(local(day.year, day.month, day.day, rng.randrange(24), rng.randrange(60)))
    cases = []
    for i, received_at in enumerate(moments):
        unit = rng.choice([*units, None])
        replied_at = None
        if rng.random() < 0.6:
            replied_at = received_at + datetime.timedelta(hours=rng.randrange(10 * 24))
        case = Feedback(
            reference=f"SYN-T-{i:05d}",
            status=Status.CLOSED if replied_at else Status.NEW,
            kind=rng.choice(Kind.values),
            dimension=rng.choice(Dimension.values),
            unit=unit,
            message="Hej",
            received_at=received_at,
            deadline=timezone.localdate(received_at) + datetime.timedelta(days=3),
            replied_at=replied_at,
            tracking_token_hash=f"{i:064d}",
        )
        # The stored month and "answered in time" by the model's own rule (Feedback.save).
        case.received_month = Feedback.month_of(received_at)
        case.answered_in_time = case.replied_in_time()
        cases.append(case)
    Feedback.objects.bulk_create(cases)
    return cases


@pytest.fixture
def units(home_page):
    """Two service areas with two units each."""
    found = []
    for area_title in ("Förskola", "Hemtjänst"):
        area = make_service_area(home_page, title=area_title)
        found += [make_guarantee(area, title=f"{area_title} {n}", commitments=0) for n in (1, 2)]
    return found


def test_every_breakdown_equals_a_plain_count_of_the_periods_rows(units):
    year = timezone.localdate().year - 1  # a year gone by: every month has a count
    cases = generated_feedback(units, year, 400)
    start, end = period_bounds(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    inside = [case for case in cases if start <= case.received_at < end]
    assert 0 < len(inside) < len(cases)  # the cases just outside the year are left out

    compilation = Compilation(start, end)

    assert compilation.total == len(inside)
    assert compilation.answered_in_time == sum(case.answered_in_time for case in inside)
    kinds = Counter(case.kind for case in inside)
    assert compilation.by_kind() == [(kind.label, kinds[kind.value]) for kind in Kind]
    dimensions = Counter(case.dimension for case in inside)
    assert compilation.by_dimension() == [(d.label, dimensions[d.value]) for d in Dimension]
    months = [datetime.date(year, m, 1) for m in range(1, 13)]
    per_month = Counter(case.received_month for case in inside)
    assert compilation.by_month() == [(month, per_month[month]) for month in months]

    title = {unit.pk: unit.title for unit in units}
    area = {unit.pk: unit.title.split()[0] for unit in units}
    general = "Ingen särskild enhet"
    per_unit = Counter(case.unit_id for case in inside)
    in_time = Counter(case.unit_id for case in inside if case.answered_in_time)
    assert {row["unit"]: (row["count"], row["in_time_share"]) for row in compilation.by_unit()} == {
        title.get(pk, general): (n, in_time[pk] / n) for pk, n in per_unit.items()
    }
    per_area, area_in_time = Counter(), Counter()
    for pk, n in per_unit.items():
        per_area[area.get(pk, general)] += n
        area_in_time[area.get(pk, general)] += in_time[pk]
    assert {row["area"]: (row["count"], row["in_time_share"]) for row in compilation.by_area()} == {
        name: (n, area_in_time[name] / n) for name, n in per_area.items()
    }

    cells = Counter((case.unit_id, case.dimension, case.received_month) for case in inside)
    labels = dict(Dimension.choices)
    expected = {
        (title.get(pk, general), str(labels[dimension])): [
            cells[(pk, dimension, m)] for m in months
        ]
        for pk, dimension, _month in cells
    }
    rows = compilation.by_unit_dimension_month()
    assert {(row["unit"], row["dimension"]): row["months"] for row in rows} == expected
    assert len(rows) == len(expected)  # no pair of unit and dimension twice
    assert sum(sum(row["months"]) for row in rows) == len(inside)


def test_the_tables_sum_to_the_total_in_every_breakdown(units):
    year = timezone.localdate().year - 1
    generated_feedback(units, year, 200, seed=3)
    start, end = period_bounds(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    compilation = Compilation(start, end)
    sheets = tables(compilation)
    total = compilation.total
    assert total > 0
    for slug, column in [
        ("per-typ", 1),
        ("per-dimension", 1),
        ("per-manad", 1),
        ("per-verksamhetsomrade", 1),
        ("per-enhet", 2),
    ]:
        assert sum(row[column] for row in sheets[slug].rows) == total, slug
    assert sum(n for row in sheets["per-enhet-galler-manad"].rows for n in row[3:]) == total


def test_the_compilations_queries_do_not_grow_with_the_units(home_page):
    year = timezone.localdate().year - 1
    start, end = period_bounds(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    area = make_service_area(home_page, title="Förskola")
    other_area = make_service_area(home_page, title="Hemtjänst")

    def queries_with(n_units, seed):
        Feedback.objects.all().delete()
        units = [make_guarantee(area, commitments=0) for _ in range(n_units // 2)]
        units += [make_guarantee(other_area, commitments=0) for _ in range(n_units - len(units))]
        generated_feedback(units, year, 20 * n_units, seed=seed)
        with CaptureQueriesContext(connection) as queries:
            compilation = Compilation(start, end)
            compilation.month_chart_svg()
            compilation.by_unit()
            xlsx_response_for(compilation)
        assert len({row["unit"] for row in compilation.by_unit()}) == n_units + 1
        return len(queries)

    assert queries_with(2, seed=1) == queries_with(12, seed=2)


def test_numbers_and_empty_cells_written_plainly_read_back_as_the_numbers_and_nothing():
    """The XLSX writes bare numbers and empty cells without a cell object of its own: they
    must still read back as numbers of their type and as empty, beside formatted cells."""
    import io

    from openpyxl import load_workbook

    from home.spreadsheets import Sheet, xlsx_response

    rows = [
        ("=A1", 0, 7, None, 2.5, 0.25, datetime.date(2026, 3, 1), True),
        ("Enhet", 123456789, None, -3, 0.0, None, None, False),
    ]
    sheet = Sheet("Blad", ["a", "b", "c", "d", "e", "f", "g", "h"], rows, {5: "0 %", 6: "yyyy-mm"})
    book = load_workbook(io.BytesIO(xlsx_response("t.xlsx", [sheet]).content))
    cells = list(book["Blad"].iter_rows(min_row=2))
    read = [tuple(cell.value for cell in row) for row in cells]
    assert read == [
        ("=A1", 0, 7, None, 2.5, 0.25, datetime.datetime(2026, 3, 1), True),
        ("Enhet", 123456789, None, -3, 0, None, None, False),
    ]
    assert [type(cell.value) for cell in cells[0][1:3]] == [int, int]
    assert cells[0][0].data_type == "s" and cells[0][0].quotePrefix  # text, never a formula
    assert cells[0][5].number_format == "0 %" and cells[0][6].number_format == "yyyy-mm"
    assert {cells[0][i].number_format for i in (1, 2, 4)} == {"General"}
