"""What readers and staff see of the stored key figures."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from guarantees.followup.models import YearlyFollowUp
from kolada.models import ImportRun, Kpi, Scope, Value

from .conftest import GROUP, KPI, MUNICIPALITY, OU

pytestmark = pytest.mark.django_db


def store(scope, entity, period, value):
    Value.objects.create(
        kpi=KPI,
        scope=scope,
        entity=entity,
        period=period,
        gender="T",
        value=value,
        source="http://127.0.0.1/v2/data",
        fetched_at=timezone.now(),
    )


@pytest.fixture
def stored(kolada_site):
    for year, unit, municipality, group, nation in [
        (2022, 90.0, 83.0, 84.0, 86.0),
        (2023, 91.0, 84.0, 85.0, 88.0),
        (2024, 93.0, 86.0, 82.0, 87.0),
    ]:
        store(Scope.UNIT, OU, year, unit)
        store(Scope.MUNICIPALITY, MUNICIPALITY, year, municipality)
        store(Scope.GROUP, GROUP, year, group)
        store(Scope.NATIONAL, "0000", year, nation)
    store(Scope.UNIT, "V15E000000000", 2024, 11.0)  # another unit: never shown here
    return kolada_site


def test_guarantee_shows_latest_values_trend_table_and_chart_beside_the_commitment(client, stored):
    html = client.get(stored["unit"].url).content.decode()

    block = html.split(f'id="{stored["commitment"].anchor}-nyckeltal"')[1].split("</details>")[0]
    assert "Brukarbedömning hemtjänst äldreomsorg - helhetssyn" in block
    assert "Enheten, 2024" in block and "93,0" in block
    assert "Kommunen, 2024" in block and "86,0" in block
    assert "Liknande kommuner, 2024" in block and "82,0" in block
    assert "Riket, 2024" in block and "87,0" in block
    assert "<table" in block and '<th scope="row">2022</th>' in block
    assert "<svg" in block and "<polyline" in block
    assert "11,0" not in block
    assert "Källa: Kolada, nyckeltal U21468" in block


def test_a_commitment_without_a_key_figure_shows_no_figures(client, stored):
    stored["commitment"].kolada_kpi = ""
    stored["commitment"].save()

    assert "nyckeltal" not in client.get(stored["unit"].url).content.decode()


def test_a_figure_not_yet_imported_says_so(client, kolada_site):
    html = client.get(kolada_site["unit"].url).content.decode()

    assert "Värden för nyckeltalet har ännu inte hämtats." in html
    assert "<svg" not in html.split("nyckeltal")[1].split("</article>")[0]


def test_area_comparison_shows_each_unit_over_the_years(client, stored):
    response = client.get(reverse("kolada:area", args=[stored["area"].pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="row">Hemtjänst Norr</th><td>90,0</td><td>91,0</td><td>93,0</td>' in html
    assert '<th scope="row">Hela kommunen</th><td>83,0</td>' in html


def test_municipality_comparison_sets_the_municipality_against_group_and_country(client, stored):
    html = client.get(reverse("kolada:municipality")).content.decode()

    assert '<th scope="col">Liknande kommuner</th>' in html
    assert '<th scope="row">2024</th><td>86,0</td><td>82,0</td><td>87,0</td>' in html
    assert "93,0" not in html  # units belong on the area page


def test_yearly_report_includes_the_key_figures(client, stored):
    committee = stored["unit"].committee
    follow_up = YearlyFollowUp.start(stored["unit"], 2024)
    follow_up.is_published = True
    follow_up.save()

    html = client.get(reverse("followup:public_report", args=[committee.pk, 2024])).content.decode()

    section = html.split('id="rapport-nyckeltal"')[1]
    assert '<th scope="row">Hemtjänst Norr</th><td>90,0</td><td>91,0</td><td>93,0</td>' in section
    assert (
        '<th scope="row">Liknande kommuner</th><td>84,0</td><td>85,0</td><td>82,0</td>' in section
    )


def test_follow_up_prefills_the_measured_value_from_the_unit_figure(stored):
    follow_up = YearlyFollowUp.start(stored["unit"], 2024)

    row = follow_up.outcomes.get(commitment=stored["commitment"])
    assert row.measured_value == row.prefilled_value == "93,0 (Kolada U21468, enheten 2024)"
    others = follow_up.outcomes.exclude(commitment=stored["commitment"])
    assert all(other.measured_value == "" for other in others)


def test_follow_up_falls_back_to_the_municipality_value(stored):
    Value.objects.filter(scope=Scope.UNIT).delete()

    follow_up = YearlyFollowUp.start(stored["unit"], 2023)

    row = follow_up.outcomes.get(commitment=stored["commitment"])
    assert row.measured_value == "84,0 (Kolada U21468, kommunen 2023)"


def test_staff_override_the_prefilled_value_only_with_a_note(stored):
    row = YearlyFollowUp.start(stored["unit"], 2024).outcomes.get(commitment=stored["commitment"])
    row.outcome = "met"
    row.measured_value = "95 procent i egen enkät"

    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "override_note" in error.value.message_dict

    row.override_note = "Kolada räknar bara svar från 65 år och äldre."
    row.full_clean()


def test_editor_gets_a_key_figure_chooser_for_commitments(admin_client, stored):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[stored["unit"].pk]))
    html = edit.content.decode()
    assert "Välj ett annat nyckeltal" in html or "Välj nyckeltal" in html
    assert "Brukarbedömning hemtjänst äldreomsorg - helhetssyn" in html  # the chosen figure

    chooser = admin_client.get(reverse("kolada_kpi_chooser:choose"))
    assert chooser.status_code == 200
    assert KPI in chooser.json()["html"]


def _catalogue():
    for kpi_id, title in [
        ("N11808", "Heltidstjänster i förskolan med förskollärarlegitimation, andel (%)"),
        ("N15419", "Elever i åk 9 som är behöriga till yrkesprogram, andel (%)"),
        ("U21401", "Personalkontinuitet i hemtjänsten, medelvärde"),
    ]:
        Kpi.objects.create(id=kpi_id, title=title, has_ou_data=True, fetched_at=timezone.now())


def _chooser_rows(response):
    is_json = response["Content-Type"].startswith("application/json")
    html = response.json()["html"] if is_json else response.content.decode()
    links = BeautifulSoup(html, "html.parser").select("a[data-chooser-modal-choice]")
    return sorted(link.get_text(" ", strip=True).split()[0] for link in links)


def test_the_chooser_offers_the_figures_for_the_kind_of_unit_being_edited(admin_client, stored):
    _catalogue()
    edit_url = reverse("wagtailadmin_pages:edit", args=[stored["unit"].pk])

    chooser = admin_client.get(
        reverse("kolada_kpi_chooser:choose"), HTTP_REFERER=f"http://testserver{edit_url}"
    )

    assert _chooser_rows(chooser) == ["U21401", KPI]  # home care: service code 21
    assert '<option value="21" selected>Hemtjänst</option>' in chooser.json()["html"]


def test_a_new_unit_under_an_area_gets_the_areas_kind(admin_client, stored):
    _catalogue()
    add_url = reverse(
        "wagtailadmin_pages:add", args=["guarantees", "guaranteepage", stored["area"].pk]
    )

    chooser = admin_client.get(
        reverse("kolada_kpi_chooser:choose"), HTTP_REFERER=f"http://testserver{add_url}"
    )

    assert _chooser_rows(chooser) == ["U21401", KPI]


def test_the_editor_can_search_every_kind_and_by_words(admin_client, stored):
    _catalogue()
    results = reverse("kolada_kpi_chooser:choose_results")

    everything = admin_client.get(results, {"kind": "alla"})
    preschool = admin_client.get(results, {"kind": "11"})
    searched = admin_client.get(results, {"kind": "alla", "q": "behöriga"})

    assert _chooser_rows(everything) == ["N11808", "N15419", "U21401", KPI]
    assert _chooser_rows(preschool) == ["N11808"]
    assert _chooser_rows(searched) == ["N15419"]


@pytest.mark.parametrize(
    "referer",
    ["http://evil.example/admin/pages/1/edit/", "inte en adress", "http://testserver/okand/"],
)
def test_a_chooser_opened_from_elsewhere_offers_every_kind(admin_client, stored, referer):
    _catalogue()

    chooser = admin_client.get(reverse("kolada_kpi_chooser:choose"), HTTP_REFERER=referer)

    assert chooser.status_code == 200
    assert _chooser_rows(chooser) == ["N11808", "N15419", "U21401", KPI]


def test_a_missing_value_shows_as_missing_and_zero_as_zero(client, stored):
    Value.objects.filter(scope=Scope.UNIT, period=2024).update(value=None, status="Saknas")
    Value.objects.filter(scope=Scope.UNIT, period=2023).update(value=0.0)

    html = client.get(stored["unit"].url).content.decode()

    assert '<th scope="row">2024</th><td>–</td>' in html
    assert '<th scope="row">2023</th><td>0,0</td>' in html
    assert "Enheten, 2023" in html  # the latest value the unit has


def _run(**fields):
    return ImportRun.objects.create(
        started_at=timezone.now(),
        finished_at=timezone.now(),
        state=ImportRun.State.PARTLY,
        api_url="https://api.kolada.se/v3/",
        kpis=2,
        new=3,
        changed=1,
        unchanged=8,
        missing=2,
        failures=[{"kpi": "N15419", "error": "https://api.kolada.se/v3/data: HTTP 503"}],
        **fields,
    )


def test_the_last_run_and_what_failed_is_shown_on_the_kolada_settings(admin_client, stored):
    _run()
    url = reverse("wagtailsettings:edit", args=["kolada", "koladasettings", stored["site"].pk])

    html = admin_client.get(url).content.decode()

    assert "Klar, men något misslyckades." in html
    assert "2 nyckeltal: 3 nya värden, 1 ändrade, 8 oförändrade, 2 saknas." in html
    assert "N15419: https://api.kolada.se/v3/data: HTTP 503" in html
    assert reverse("kolada_runs:index") in html


def test_the_runs_are_listed_for_operators_and_cannot_be_edited(admin_client, stored):
    run = _run()

    listing = admin_client.get(reverse("kolada_runs:index")).content.decode()
    details = admin_client.get(reverse("kolada_runs:inspect", args=[run.pk])).content.decode()

    assert "Klar, men något misslyckades" in listing and "N15419" in listing
    assert "HTTP 503" in details
    assert "/edit/" not in listing.split("<main")[-1] and "/delete/" not in details


def test_the_chart_keeps_years_in_order_with_gaps(client, stored):
    Value.objects.filter(scope=Scope.GROUP, period=2023).delete()
    stored["config"].comparison_group_title = ""
    stored["config"].save()
    html = client.get(stored["unit"].url).content.decode()

    assert '<th scope="row">2023</th><td>91,0</td><td>84,0</td><td>–</td><td>88,0</td>' in html


@pytest.mark.parametrize(
    "field, value",
    [("municipality_id", "180"), ("municipality_id", "01a0"), ("comparison_group_id", "124026")],
)
def test_kolada_ids_in_the_settings_are_written_as_kolada_writes_them(stored, field, value):
    config = stored["config"]
    setattr(config, field, value)

    with pytest.raises(ValidationError) as error:
        config.full_clean()

    assert field in error.value.message_dict
    setattr(config, field, {"municipality_id": "0180", "comparison_group_id": "G124026"}[field])
    config.full_clean()
