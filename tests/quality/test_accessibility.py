"""axe-core on every public page type: zero violations of the WCAG 2.1 A and AA rules."""

import pytest

from .conftest import axe_violations, describe_violations
from .pages import PAGE_IDS, PAGE_VISITS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("visit", PAGE_VISITS, ids=PAGE_IDS)
def test_public_page_has_no_wcag_21_aa_violations(axe_page, public_site, visit):
    visit(axe_page, public_site)
    violations = axe_violations(axe_page)
    assert not violations, f"axe found violations on {axe_page.url}:\n" + describe_violations(
        violations
    )


def test_axe_reports_a_violation_on_a_page_that_breaks_the_rules(axe_page, live_server):
    """The harness can fail: an image without alt text and an unlabelled input are caught."""
    axe_page.goto(live_server.url + "/healthz")
    axe_page.set_content(
        '<html lang="sv"><head><title>t</title></head><body><main>'
        '<img src="/x.png"><input type="text"></main></body></html>'
    )
    rules = {violation["id"] for violation in axe_violations(axe_page)}
    assert {"image-alt", "label"} <= rules
