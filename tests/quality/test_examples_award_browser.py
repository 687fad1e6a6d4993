"""The new public pages in Chromium at desktop and phone width: axe clean and no sideways
scrolling (WCAG 1.4.10 reflow at 320 CSS px is the stricter of the two; 375 px is a phone)."""

import os

import pytest

from .conftest import axe_violations, describe_violations
from .pages import PUBLIC_PAGE_PATHS, nomination_with_errors

pytestmark = pytest.mark.browser

NEW_PAGES = [
    "good examples",
    "good examples filtered",
    "good example",
    "quality award",
    "quality award year",
    "nomination form",
]
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


@pytest.mark.parametrize("width", [1280, 375])
def test_good_examples_and_award_pages_pass_axe_and_reflow(axe_page, public_site, width):
    axe_page.set_viewport_size({"width": width, "height": 900})
    visits = [(name, lambda p, s, n=name: p.goto(PUBLIC_PAGE_PATHS[n](s))) for name in NEW_PAGES]
    visits.append(("nomination form with errors", nomination_with_errors))
    for name, visit in visits:
        response = visit(axe_page, public_site)
        assert response.status == (400 if "errors" in name else 200), name
        if SCREENSHOTS:
            path = f"{SCREENSHOTS}/{name.replace(' ', '_')}_{width}.png"
            axe_page.screenshot(path=path, full_page=True)
        overflow = axe_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways at {width} px"
        violations = axe_violations(axe_page)
        assert not violations, f"{name} at {width} px:\n" + describe_violations(violations)
