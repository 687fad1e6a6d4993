"""An editor ties a preschool commitment to a key figure among those Kolada offers for
preschools, the import fills it from a loopback Kolada (v3), and a parent reads the unit, the
municipality, the comparison group and the country over the years, at 1280 and 375 px."""

import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Site

from guarantees.models import Commitment
from kolada.models import KoladaSettings, Kpi
from tests.factories import make_committee, make_guarantee, make_service_area

from .conftest import GROUP, MEMBERS, MUNICIPALITY

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SHOTS = Path(tempfile.gettempdir()) / "kolada-shots"  # screenshots a person looks at

PRESCHOOL_KPI = "N11808"
PRESCHOOL_TITLE = "Heltidstjänster i förskolan med förskollärarlegitimation, andel (%)"
PRESCHOOL_OU = "V11E258000101"


def axe_violations(page):
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


@pytest.fixture
def preschool(home_page):
    config = KoladaSettings.for_site(Site.objects.get(is_default_site=True))
    config.municipality_id = MUNICIPALITY
    config.comparison_group_id = GROUP
    config.comparison_group_title = "Liknande kommuner"
    config.years = 3
    config.save()
    for kpi_id, title in [
        (PRESCHOOL_KPI, PRESCHOOL_TITLE),
        ("N15419", "Elever i åk 9 som är behöriga till yrkesprogram, kommunala skolor, andel (%)"),
        ("U21468", "Brukarbedömning hemtjänst äldreomsorg - helhetssyn, andel (%)"),
    ]:
        Kpi.objects.create(id=kpi_id, title=title, has_ou_data=True, fetched_at=timezone.now())
    area = make_service_area(
        home_page, title="Förskola", committee=make_committee("Barn- och utbildningsnämnden")
    )
    unit = make_guarantee(area, title="Förskolan Solrosen", kolada_ou=PRESCHOOL_OU, commitments=1)
    return {"area": area, "unit": unit}


def serve_preschool(fake):
    fake.add_kpi(PRESCHOOL_KPI, PRESCHOOL_TITLE)
    fake.add_group(GROUP, "Liknande kommuner, förskola", MEMBERS)
    for year, unit, municipality, group, nation in [
        (2023, 44.0, 41.0, 43.0, 40.0),
        (2024, 47.0, 42.5, 43.5, 40.5),
    ]:
        fake.add_unit_value(PRESCHOOL_KPI, PRESCHOOL_OU, year, unit)
        fake.add_value(PRESCHOOL_KPI, MUNICIPALITY, year, municipality)
        fake.add_value(PRESCHOOL_KPI, GROUP, year, group, count=2)
        fake.add_value(PRESCHOOL_KPI, "0000", year, nation)
    fake.page_size = 2


def test_editor_chooses_a_preschool_figure_and_parents_read_it(
    page, live_server, kolada_v3, preschool
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    unit = preschool["unit"]
    get_user_model().objects.create_superuser("redaktor", "r@example.se", "hemligt-lösen-1")

    page.goto("/admin/login/")
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", "hemligt-lösen-1")
    page.click("form button[type=submit]")
    page.wait_for_url("**/admin/")
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/admin/pages/{unit.pk}/edit/")
        page.get_by_role("button", name="Välj nyckeltal").first.click()
        modal = page.locator(".modal")
        modal.get_by_role("link", name=f"{PRESCHOOL_KPI} Heltidstjänster").wait_for()
        # Only what Kolada offers for preschools, the kind read from the unit's Kolada id.
        assert modal.get_by_label("Verksamhet").input_value() == "11"
        assert modal.get_by_role("link", name="N15419").count() == 0
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        page.screenshot(path=str(SHOTS / f"chooser-{width}.png"))
        if width == 375:
            modal.get_by_role("button", name="Stäng").first.click()
            modal.wait_for(state="hidden")
    modal.get_by_role("link", name=f"{PRESCHOOL_KPI} Heltidstjänster").click()
    modal.wait_for(state="hidden")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    page.get_by_text("publicerad").first.wait_for()
    assert Commitment.objects.get(page=unit).kolada_kpi == PRESCHOOL_KPI

    serve_preschool(kolada_v3)
    call_command("import_kolada", "--year", "2023", "--year", "2024")

    anchor = Commitment.objects.get(page=unit).anchor
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(unit.url)
        figures = page.locator(f"#{anchor}-nyckeltal")
        text = figures.inner_text()
        assert "Enheten, 2024" in text and "47,0" in text
        assert "Liknande kommuner, 2024" in text and "43,5" in text
        assert "Riket, 2024" in text and "Källa" not in text  # the source is in the trend
        figures.get_by_text("Utvecklingen över åren").click()
        assert figures.get_by_role("img", name="Heltidstjänster i förskolan").is_visible()
        table = figures.get_by_role("table")
        assert table.get_by_role("rowheader").all_inner_texts() == ["2024", "2023"]
        assert "Källa: Kolada, nyckeltal N11808" in figures.inner_text()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        figures.scroll_into_view_if_needed()
        figures.screenshot(path=str(SHOTS / f"preschool-figure-{width}.png"))
        page.screenshot(path=str(SHOTS / f"preschool-page-{width}.png"), full_page=True)
        assert axe_violations(page) == []

    assert page.watch.console_errors == []  # CSP violations are reported here
    assert {host.split(":")[0] for host in page.watch.hosts} <= {"localhost", "127.0.0.1"}


def test_an_operator_reads_the_last_import_and_what_failed(page, live_server, kolada_v3, preschool):
    from kolada.models import ImportRun

    serve_preschool(kolada_v3)
    commitment = preschool["unit"].commitments.get()
    commitment.kolada_kpi = PRESCHOOL_KPI
    commitment.save()
    other = Commitment.objects.create(
        page=preschool["unit"],
        title="Ett åtagande med ett nyckeltal Kolada inte har",
        expected_result="Något mätbart.",
        quality_criterion="trygghet",
        kolada_kpi="N11999",
    )
    with pytest.raises(CommandError):
        call_command("import_kolada", "--year", "2023", "--year", "2024", stdout=StringIO())
    assert other.kolada_kpi in ImportRun.objects.latest().failed_kpis
    get_user_model().objects.create_superuser("drift", "d@example.se", "hemligt-lösen-1")
    site = Site.objects.get(is_default_site=True)

    page.goto("/admin/login/")
    page.fill("#id_username", "drift")
    page.fill("#id_password", "hemligt-lösen-1")
    page.click("form button[type=submit]")
    page.wait_for_url("**/admin/")
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/admin/settings/kolada/koladasettings/{site.pk}/")
        last = page.locator(".kolada-last-import")
        assert "Klar, men något misslyckades" in last.inner_text()
        assert "N11999: " in last.inner_text()
        last.screenshot(path=str(SHOTS / f"last-import-{width}.png"))
        last.get_by_role("link", name="Alla hämtningar").click()
        page.get_by_role("table").wait_for()
        assert "N11999" in page.get_by_role("table").inner_text()
        page.screenshot(path=str(SHOTS / f"import-runs-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        page.get_by_role("table").get_by_role("link").first.click()
        page.get_by_text("Kolada has no key figure N11999").first.wait_for()
        page.screenshot(path=str(SHOTS / f"import-run-{width}.png"), full_page=True)
