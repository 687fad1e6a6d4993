from pathlib import Path

import pytest

from guarantees.followup.models import Outcome
from tests.factories import make_guarantee

from .conftest import make_follow_up

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def _axe_violations(page):
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => (await axe.run(document)).violations")
    return [(violation["id"], len(violation["nodes"])) for violation in result]


@pytest.mark.browser
def test_the_comparison_and_results_pass_axe_and_csp_in_a_browser(transactional_db, page, area):
    unit = make_guarantee(area, title="Förskolan Blåklinten")
    make_follow_up(unit, outcomes=[Outcome.NOT_MET, Outcome.PARTLY_MET])
    make_follow_up(make_guarantee(area, title="Förskolan Vitsippan"))

    page.goto(area.url + "jamfor/")
    # One trend chart per unit, and every comparison table has a row per unit.
    charts = page.locator("svg.trend__svg[role=img]")
    assert charts.count() == 2 and charts.first.is_visible()
    tables = page.get_by_role("table")
    assert tables.count() >= 1
    for index in range(tables.count()):
        assert tables.nth(index).get_by_role("rowheader").count() == 2
    assert _axe_violations(page) == []

    page.goto(unit.url)
    assert page.get_by_role("heading", name="Så gick det").is_visible()
    assert _axe_violations(page) == []

    assert page.watch.console_errors == []  # CSP violations are reported here
    assert {host.split(":")[0] for host in page.watch.hosts} <= {"localhost", "127.0.0.1"}
