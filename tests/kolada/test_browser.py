"""An editor ties a commitment to a key figure, the import fills it from a loopback Kolada,
and a resident reads unit, municipality and comparison over the years, at 1280 and 375 px."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from guarantees.models import Commitment

from .conftest import KPI, serve_full_year_set

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def axe_violations(page):
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


def test_editor_ties_a_figure_import_fills_it_and_the_guarantee_shows_it(
    page, live_server, kolada_server, kolada_site
):
    unit, commitment = kolada_site["unit"], kolada_site["commitment"]
    Commitment.objects.filter(pk=commitment.pk).update(kolada_kpi="")
    unit.save_revision().publish()
    get_user_model().objects.create_superuser("redaktor", "r@example.se", "hemligt-lösen-1")

    page.goto("/admin/login/")
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", "hemligt-lösen-1")
    page.click("form button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/pages/{unit.pk}/edit/")
    page.get_by_role("button", name="Välj nyckeltal").first.click()
    page.locator(".modal").get_by_role("link", name=f"{KPI} Brukarbedömning").click()
    page.locator(".modal").wait_for(state="hidden")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    page.get_by_text("publicerad").first.wait_for()
    assert Commitment.objects.get(page=unit).kolada_kpi == KPI

    serve_full_year_set(kolada_server)
    call_command("import_kolada", "--year", "2023", "--year", "2024")

    SHOTS.mkdir(parents=True, exist_ok=True)
    anchor = Commitment.objects.get(page=unit).anchor
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(unit.url)
        figures = page.locator(f"#{anchor}-nyckeltal")
        assert "Enheten, 2024" in figures.inner_text()
        assert "Liknande kommuner, 2024" in figures.inner_text()
        figures.get_by_text("Utvecklingen över åren").click()
        chart = figures.get_by_role("img", name="Brukarbedömning hemtjänst")
        assert chart.is_visible()
        table = figures.get_by_role("table")
        assert table.get_by_role("rowheader").all_inner_texts() == ["2024", "2023"]
        # Reflow: nothing wider than the screen but the table's own scroll box.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        figures.screenshot(path=str(SHOTS / f"kolada-commitment-{width}.png"))
        assert axe_violations(page) == []

        page.goto(f"/nyckeltal/omrade/{kolada_site['area'].pk}/")
        assert page.get_by_role("table").get_by_role("rowheader").first.inner_text() == (
            "Hemtjänst Norr"
        )
        page.screenshot(path=str(SHOTS / f"kolada-area-{width}.png"), full_page=True)
        assert axe_violations(page) == []

        page.goto("/nyckeltal/")
        page.screenshot(path=str(SHOTS / f"kolada-municipality-{width}.png"), full_page=True)
        assert axe_violations(page) == []

    assert page.watch.console_errors == []  # CSP violations are reported here
    assert {host.split(":")[0] for host in page.watch.hosts} <= {"localhost", "127.0.0.1"}
