"""`import_kolada` and `import_kolada_kpis` against a loopback Kolada speaking v3 and v2."""

import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.search.backends import get_search_backend

from kolada.client import Kolada, version_of
from kolada.importer import import_values
from kolada.models import ImportRun, Kpi, Scope, Value

from .conftest import (
    GROUP,
    HANG,
    KPI,
    MUNICIPALITY,
    OU,
    TRUNCATED,
    UNAVAILABLE,
    data_path,
    ou_path,
    serve_full_year_set,
    too_many,
)

pytestmark = pytest.mark.django_db


def run(*years):
    out = StringIO()
    args = []
    for year in years:
        args += ["--year", str(year)]
    call_command("import_kolada", *args, stdout=out)
    return out.getvalue()


def total(scope, entity, period):
    return Value.objects.get(kpi=KPI, scope=scope, entity=entity, period=period, gender="T")


def stored():
    return {
        (v.kpi, v.scope, v.entity, v.period, v.gender): (v.value, v.count, v.status)
        for v in Value.objects.all()
    }


@pytest.mark.parametrize(
    "url, version",
    [
        ("https://api.kolada.se/v3/", 3),
        ("https://api.kolada.se/v2/", 2),
        ("https://api.kolada.se/v2", 2),
        ("https://kolada.proxy.example/kolada/v3/", 3),
    ],
)
def test_the_api_version_is_the_one_the_url_names(url, version):
    assert version_of(url) == version


def test_import_reads_all_three_pages_and_stores_every_place(kolada_server, kolada_site):
    serve_full_year_set(kolada_server)

    out = run(2023, 2024)

    pages = kolada_server.hits_to(data_path())
    assert len(pages) == 3
    assert total(Scope.MUNICIPALITY, MUNICIPALITY, 2024).value == 86.0  # from the second page
    assert total(Scope.GROUP, GROUP, 2024).value == 82.0  # from the third page
    assert total(Scope.GROUP, GROUP, 2023).count == 2  # members behind Kolada's mean
    assert total(Scope.NATIONAL, "0000", 2023).value == 88.0
    assert total(Scope.UNIT, OU, 2024).value == 93.0
    genders = Value.objects.filter(kpi=KPI, scope=Scope.MUNICIPALITY, period=2023)
    assert {v.gender: v.value for v in genders} == {"T": 84.0, "K": 85.0, "M": 82.0}
    source = total(Scope.MUNICIPALITY, MUNICIPALITY, 2024).source
    assert source.startswith(kolada_server.url + data_path())
    assert f"{KPI}: 12 new, 0 changed, 0 unchanged, 0 missing" in out
    assert "Done: 1 of 1 key figures; values 12 new, 0 changed, 0 unchanged, 0 missing." in out


def test_a_second_run_changes_nothing_and_says_so(kolada_server, kolada_site):
    serve_full_year_set(kolada_server)
    run(2023, 2024)
    before = stored()

    out = run(2023, 2024)

    assert stored() == before
    assert f"{KPI}: 0 new, 0 changed, 12 unchanged, 0 missing" in out
    last = ImportRun.objects.latest()
    assert (last.state, last.new, last.unchanged, last.failures) == ("succeeded", 0, 12, [])


def test_a_revised_value_is_counted_as_changed(kolada_server, kolada_site):
    serve_full_year_set(kolada_server)
    run(2023, 2024)
    kolada_server.data[1]["values"][0]["value"] = 86.5  # Kolada revises 2024

    out = run(2023, 2024)

    assert total(Scope.MUNICIPALITY, MUNICIPALITY, 2024).value == 86.5
    assert f"{KPI}: 0 new, 1 changed, 11 unchanged, 0 missing" in out


def test_a_missing_value_stays_missing_with_its_status_and_zero_stays_zero(
    kolada_server, kolada_site
):
    serve_full_year_set(kolada_server)
    kolada_server.data[0]["values"] = [
        {"gender": "T", "value": None, "count": 0, "status": "Uppgift saknas"}
    ]
    kolada_server.oudata[0]["values"][0]["value"] = 0

    out = run(2023, 2024)

    missing = total(Scope.MUNICIPALITY, MUNICIPALITY, 2023)
    assert (missing.value, missing.status) == (None, "Uppgift saknas")
    assert total(Scope.UNIT, OU, 2023).value == 0.0
    assert f"{KPI}: 9 new, 0 changed, 0 unchanged, 1 missing" in out


def test_the_catalogue_follows_every_page_and_is_searchable(kolada_server, db):
    kolada_server.add_kpi("N15419", "Elever i åk 9 som är behöriga till yrkesprogram, andel (%)")
    kolada_server.add_kpi(KPI, "Brukarbedömning hemtjänst äldreomsorg - helhetssyn, andel (%)")
    kolada_server.add_kpi("U09403", "Öppettimmar vid huvudbiblioteket", has_ou_data=False)
    kolada_server.page_size = 1

    call_command("import_kolada_kpis", stdout=StringIO())
    call_command("import_kolada_kpis", stdout=StringIO())

    assert len(kolada_server.hits_to("kpi")) == 6  # three pages, twice
    assert {k.id: (k.kind, k.has_ou_data) for k in Kpi.objects.all()} == {
        "N15419": ("15", True),
        KPI: ("21", True),
        "U09403": ("09", False),
    }
    school = Kpi.objects.get(id="N15419")
    assert school.is_divided_by_gender and school.is_share
    found = get_search_backend().search("behöriga", Kpi)
    assert [kpi.id for kpi in found] == ["N15419"]


def test_retry_after_is_honoured_through_the_injected_sleeper(kolada_v3, kolada_site):
    serve_full_year_set(kolada_v3)
    kolada_v3.fail(data_path(), too_many(7))
    waits = []

    with Kolada(sleeper=waits.append) as kolada:
        run_ = import_values(
            kolada, kpis=[KPI], years=[2023, 2024], municipality=MUNICIPALITY, group=GROUP
        )

    assert waits == [7]  # what the server asked for, and no more
    assert len(kolada_v3.hits_to(data_path())) == 1 + 3
    assert run_.state == ImportRun.State.SUCCEEDED
    assert total(Scope.MUNICIPALITY, MUNICIPALITY, 2024).value == 86.0


def test_a_503_is_retried_with_urllib3s_exponential_backoff(kolada_v3, kolada_site, settings):
    settings.KOLADA_BACKOFF_SECONDS = 0.5
    serve_full_year_set(kolada_v3)
    kolada_v3.fail(ou_path(), UNAVAILABLE, UNAVAILABLE)
    waits = []

    with Kolada(sleeper=waits.append) as kolada:
        import_values(kolada, kpis=[KPI], years=[2023, 2024], municipality=MUNICIPALITY)

    # urllib3 retries the first failure at once, then waits factor * 2 ** (failures - 1).
    assert waits == [1.0]
    assert len(kolada_v3.hits_to(ou_path())) == 3
    assert total(Scope.UNIT, OU, 2024).value == 93.0


def _store_earlier_values(fake):
    serve_full_year_set(fake)
    run(2023, 2024)
    return stored()


def test_a_lasting_503_fails_the_figure_keeps_its_values_and_is_recorded(
    kolada_server, kolada_site
):
    before = _store_earlier_values(kolada_server)
    kolada_server.data[1]["values"][0]["value"] = 10.0
    kolada_server.fail(data_path(), UNAVAILABLE, UNAVAILABLE, UNAVAILABLE)

    with pytest.raises(CommandError, match="HTTP 503"):
        run(2023, 2024)

    assert stored() == before
    last = ImportRun.objects.latest()
    assert last.state == ImportRun.State.FAILED
    assert last.failed_kpis == [KPI]
    assert "HTTP 503" in last.failures[0]["error"]
    assert last.finished_at >= last.started_at


def test_a_truncated_body_fails_that_figure_and_the_others_are_imported(kolada_server, kolada_site):
    before = _store_earlier_values(kolada_server)
    other = "N15419"
    kolada_server.add_kpi(other, "Elever i åk 9 som är behöriga till yrkesprogram, andel (%)")
    kolada_server.add_value(other, MUNICIPALITY, 2024, 84.0)
    commitment = kolada_site["commitment"]
    commitment.pk = None
    commitment.translation_key = uuid.uuid4()
    commitment.kolada_kpi = other
    commitment.save()
    kolada_server.fail(ou_path(), TRUNCATED)

    out = StringIO()
    with pytest.raises(CommandError, match="broke off"):
        call_command("import_kolada", "--year", "2023", "--year", "2024", stdout=out)

    assert f"{KPI}: FAILED, stored values kept:" in out.getvalue()
    assert f"{other}: 1 new" in out.getvalue()
    assert {k: v for k, v in stored().items() if k[0] == KPI} == before
    assert Value.objects.get(kpi=other, scope=Scope.MUNICIPALITY, period=2024).value == 84.0
    assert ImportRun.objects.latest().state == ImportRun.State.PARTLY


def test_an_unknown_key_figure_is_reported_and_the_others_are_imported(kolada_server, kolada_site):
    serve_full_year_set(kolada_server)
    commitment = kolada_site["commitment"]
    commitment.pk = None
    commitment.translation_key = uuid.uuid4()
    commitment.kolada_kpi = "U99999"
    commitment.save()

    out = StringIO()
    with pytest.raises(CommandError, match="no key figure U99999"):
        call_command("import_kolada", "--year", "2023", "--year", "2024", stdout=out)

    assert "U99999: FAILED" in out.getvalue()
    assert total(Scope.UNIT, OU, 2024).value == 93.0
    assert not Value.objects.filter(kpi="U99999").exists()
    assert ImportRun.objects.latest().failed_kpis == ["U99999"]


def test_a_group_kolada_does_not_know_is_reported_and_left_out(kolada_server, kolada_site):
    serve_full_year_set(kolada_server)
    kolada_server.groups.clear()

    with pytest.raises(CommandError, match="no municipality group G124026"):
        run(2023, 2024)

    assert total(Scope.MUNICIPALITY, MUNICIPALITY, 2024).value == 86.0
    assert not Value.objects.filter(scope=Scope.GROUP).exists()
    assert ImportRun.objects.latest().state == ImportRun.State.PARTLY


def test_a_failing_second_page_stores_nothing_of_the_first(kolada_server, kolada_site):
    before = _store_earlier_values(kolada_server)
    kolada_server.data[0]["values"][0]["value"] = 10.0  # on the first page
    kolada_server.fail(data_path(), UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, page="2")

    with pytest.raises(CommandError, match="HTTP 503"):
        run(2023, 2024)

    assert stored() == before


def test_a_timeout_is_retried_then_reported_and_keeps_stored_values(kolada_v3, kolada_site):
    before = _store_earlier_values(kolada_v3)
    kolada_v3.fail(ou_path(), HANG, HANG, HANG)

    with pytest.raises(CommandError, match="timed out"):
        run(2023, 2024)

    assert len(kolada_v3.hits_to(ou_path())) == 1 + 3
    assert stored() == before


@pytest.mark.parametrize(
    "entry",
    [
        {"kpi": KPI, "ou": OU, "values": []},
        {"kpi": KPI, "ou": OU, "period": "nästa år", "values": []},
        {"kpi": KPI, "ou": OU, "period": 2024, "values": [{"gender": "T", "value": "93"}]},
        {"kpi": KPI, "ou": OU, "period": 2024, "values": {"gender": "T"}},
    ],
    ids=["no-period", "period-not-a-year", "value-not-a-number", "values-not-a-list"],
)
def test_an_entry_not_in_koladas_shape_fails_and_keeps_stored_values(kolada_v3, kolada_site, entry):
    before = _store_earlier_values(kolada_v3)
    kolada_v3.oudata[:] = [entry]

    with pytest.raises(CommandError, match="not in Kolada's shape"):
        run(2023, 2024)

    assert stored() == before


def test_a_next_page_on_another_host_is_not_followed(kolada_v3, kolada_site):
    serve_full_year_set(kolada_v3)
    original = kolada_v3._page

    def elsewhere(path, query, items):
        body = original(path, query, items)
        if body.get("next_url"):
            body["next_url"] = "http://other.example/v3/data"
        return body

    kolada_v3._page = elsewhere

    with pytest.raises(CommandError, match="the next page is elsewhere"):
        run(2023, 2024)

    assert not Value.objects.exists()


def test_without_commitments_naming_a_figure_nothing_is_fetched(kolada_server, kolada_site):
    kolada_site["commitment"].kolada_kpi = ""
    kolada_site["commitment"].save()

    out = run(2024)

    assert kolada_server.hits == []
    assert "nothing to fetch" in out
