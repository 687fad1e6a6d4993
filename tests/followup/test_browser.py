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
    assert page.get_by_role("img", name="Andelar per enhet").is_visible()
    assert page.get_by_role("table").get_by_role("rowheader").count() == 2
    assert _axe_violations(page) == []

    page.goto(unit.url)
    assert page.get_by_role("heading", name="Så gick det").is_visible()
    assert _axe_violations(page) == []

    assert page.watch.console_errors == []  # CSP violations are reported here
    assert {host.split(":")[0] for host in page.watch.hosts} <= {"localhost", "127.0.0.1"}
