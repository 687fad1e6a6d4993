"""`import_kolada` and `import_kolada_kpis` against a real HTTP server on loopback."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.search.backends import get_search_backend

from kolada.models import Kpi, Scope, Value

from .conftest import (
    GROUP,
    HANG,
    KPI,
    MUNICIPALITY,
    OU,
    municipality_path,
    ou_path,
    serve_full_year_set,
)

pytestmark = pytest.mark.django_db


def run(*years):
    args = []
    for year in years:
        args += ["--year", str(year)]
    call_command("import_kolada", *args)


def total(scope, entity, period):
    return Value.objects.get(kpi=KPI, scope=scope, entity=entity, period=period, gender="T")


def test_import_stores_municipality_country_group_and_unit_over_all_pages(
    kolada_server, kolada_site
):
    serve_full_year_set(kolada_server)
    run(2023, 2024)

    assert total(Scope.MUNICIPALITY, MUNICIPALITY, 2024).value == 86.0  # from page 2
    assert total(Scope.MUNICIPALITY, MUNICIPALITY, 2023).value == 84.0
    women = Value.objects.get(kpi=KPI, scope=Scope.MUNICIPALITY, period=2023, gender="K")
    assert women.value == 85.0
    assert total(Scope.NATIONAL, "0000", 2023).value == 88.0
    assert total(Scope.UNIT, OU, 2024).value == 93.0
    # The group is the mean of its members that have a value.
    assert total(Scope.GROUP, GROUP, 2023).value == 85.0
    assert total(Scope.GROUP, GROUP, 2023).count == 2
    assert total(Scope.GROUP, GROUP, 2024).value == 82.0
    stored = total(Scope.MUNICIPALITY, MUNICIPALITY, 2024)
    assert stored.source == kolada_server.url + municipality_path("2023,2024")
    assert stored.fetched_at is not None


def test_import_run_twice_stores_each_value_once_and_updates_it(kolada_server, kolada_site):
    serve_full_year_set(kolada_server)
    run(2023, 2024)
    count = Value.objects.count()
    first_fetch = total(Scope.UNIT, OU, 2024).fetched_at

    serve_full_year_set(kolada_server)
    run(2023, 2024)

    assert Value.objects.count() == count
    assert total(Scope.UNIT, OU, 2024).fetched_at > first_fetch


def test_a_server_error_is_retried_and_the_import_succeeds(kolada_server, kolada_site):
    serve_full_year_set(kolada_server)
    path = ou_path("2023,2024")
    good = kolada_server.routes["/v2/" + path][0]
    kolada_server.answer(path, (500, "Internal Server Error"), good)

    run(2023, 2024)

    assert kolada_server.hits["/v2/" + path] == 2
    assert total(Scope.UNIT, OU, 2024).value == 93.0


def _store_earlier_values(kolada_server):
    serve_full_year_set(kolada_server)
    run(2023, 2024)
    return {v.pk: v.value for v in Value.objects.all()}


def test_a_lasting_server_error_fails_the_command_and_keeps_stored_values(
    kolada_server, kolada_site
):
    before = _store_earlier_values(kolada_server)
    kolada_server.answer(municipality_path("2023,2024"), (500, "down"))

    with pytest.raises(CommandError, match="HTTP 500"):
        run(2023, 2024)

    assert kolada_server.hits["/v2/" + municipality_path("2023,2024")] == 1 + 3
    assert {v.pk: v.value for v in Value.objects.all()} == before


def test_a_failing_second_page_stores_nothing_of_the_first(kolada_server, kolada_site):
    before = _store_earlier_values(kolada_server)
    serve_full_year_set(kolada_server)
    changed = kolada_server.routes["/v2/" + municipality_path("2023,2024")][0]
    changed["values"][0]["values"][0]["value"] = 10.0
    kolada_server.answer(municipality_path("2023,2024") + "?page=2", (503, "busy"))

    with pytest.raises(CommandError, match="HTTP 503"):
        run(2023, 2024)

    assert total(Scope.MUNICIPALITY, MUNICIPALITY, 2023).value == 84.0
    assert {v.pk: v.value for v in Value.objects.all()} == before


def test_a_timeout_is_retried_then_reported_and_keeps_stored_values(kolada_server, kolada_site):
    before = _store_earlier_values(kolada_server)
    kolada_server.answer(ou_path("2023,2024"), HANG)

    with pytest.raises(CommandError, match="timed out"):
        run(2023, 2024)

    assert kolada_server.hits["/v2/" + ou_path("2023,2024")] == 1 + 3
    assert {v.pk: v.value for v in Value.objects.all()} == before


@pytest.mark.parametrize(
    "body",
    [
        (200, '{"count": 1, "values": [{"kpi": "U21468"'),
        (200, "<html>Service Unavailable</html>"),
        {"count": 1, "values": {"kpi": KPI}},
        {"count": 1, "values": [{"kpi": KPI, "ou": OU, "values": []}]},
        {
            "count": 1,
            "values": [
                {"kpi": KPI, "ou": OU, "period": 2024, "values": [{"gender": "T", "value": "93"}]}
            ],
        },
    ],
    ids=["truncated", "html", "values-not-a-list", "no-period", "value-not-a-number"],
)
def test_a_malformed_answer_fails_and_keeps_stored_values(kolada_server, kolada_site, body):
    before = _store_earlier_values(kolada_server)
    kolada_server.answer(ou_path("2023,2024"), body)

    with pytest.raises(CommandError, match=r"oudata"):
        run(2023, 2024)

    assert {v.pk: v.value for v in Value.objects.all()} == before


def test_an_empty_year_leaves_the_stored_values_of_that_year(kolada_server, kolada_site):
    before = _store_earlier_values(kolada_server)
    empty = kolada_server.page([])
    kolada_server.answer(municipality_path("2024"), empty)
    kolada_server.answer(f"data/kpi/{KPI}/municipality/1280,1480/year/2024", empty)
    kolada_server.answer(ou_path("2024"), empty)
    serve_full_year_set(kolada_server)  # keeps the group's member list

    run(2024)

    assert {v.pk: v.value for v in Value.objects.all()} == before


def test_without_commitments_naming_a_figure_nothing_is_fetched(kolada_server, kolada_site):
    kolada_site["commitment"].kolada_kpi = ""
    kolada_site["commitment"].save()

    run(2024)

    assert sum(kolada_server.hits.values()) == 0


def test_import_kolada_kpis_stores_the_paged_catalogue_idempotently(kolada_server, db):
    kolada_server.answer(
        "kpi",
        kolada_server.page(
            [
                {
                    "id": "N15419",
                    "title": (
                        "Elever i åk 9 som uppnått kunskapskraven i alla ämnen, "
                        "kommunala skolor, andel (%)"
                    ),
                    "description": "Andel elever i årskurs 9.",
                    "has_ou_data": True,
                    "is_divided_by_gender": 1,
                    "municipality_type": "K",
                    "operating_area": "Grundskola",
                }
            ],
            next_path="kpi?page=2",
        ),
    )
    kolada_server.answer(
        "kpi?page=2",
        kolada_server.page(
            [{"id": "U21468", "title": "Brukarbedömning hemtjänst", "has_ou_data": False}]
        ),
    )

    call_command("import_kolada_kpis")
    call_command("import_kolada_kpis")

    assert Kpi.objects.count() == 2
    school = Kpi.objects.get(id="N15419")
    assert school.has_ou_data and school.is_divided_by_gender and school.is_share
    assert not Kpi.objects.get(id="U21468").has_ou_data
    found = get_search_backend().search("kunskapskraven", Kpi)
    assert [kpi.id for kpi in found] == ["N15419"]


def test_import_kolada_kpis_fails_cleanly_on_a_broken_catalogue(kolada_server, db):
    kolada_server.answer("kpi", {"count": 1, "values": [{"title": "utan id"}]})

    with pytest.raises(CommandError, match="without id"):
        call_command("import_kolada_kpis")

    assert Kpi.objects.count() == 0
