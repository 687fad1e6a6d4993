"""Fixtures for the quality bar: a browser context for axe-core and the public pages to visit."""

from pathlib import Path

import pytest

from tests.conftest import PageWatch

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def axe_page(browser, live_server, settings):
    """A page whose context bypasses CSP, for axe runs only.

    Playwright's add_script_tag(path=...) injects the file's content as an inline script,
    which our policy (script-src 'self') rightly blocks. Bypassing CSP in this one context is
    the standard way to audit a CSP-protected site; CSP itself is tested with the ordinary
    `page` fixture, which enforces it.
    """
    settings.WAGTAILADMIN_BASE_URL = live_server.url  # receipts link to the configured site
    # An audit sends feedback from one address again and again (a form with errors, a
    # receipt, in each language it visits): more than a resident's hourly allowance
    # (home/resident_input.DEFAULT_RATE_LIMITS).
    settings.RESIDENT_RATE_LIMITS = {"feedback": {"accepted": "100/h", "failed": "300/h"}}
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.watch = PageWatch(page)
    yield page
    context.close()


def axe_violations(page, tags=WCAG_TAGS):
    """Run axe-core with the WCAG 2.0/2.1 A and AA rules (or `tags`) on the current document."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core not found at {AXE_SCRIPT}; `make test` runs `npm ci`.")
    page.add_script_tag(path=str(AXE_SCRIPT))
    # Only violations are read: axe then gathers no detail of what passed (a third of its time
    # on our pages), and reports every violation as before.
    options = "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}"
    result = page.evaluate(f"tags => axe.run(document, {options})", list(tags))
    return result["violations"]


def describe_violations(violations):
    """A readable account of axe's findings: rule, impact, help and the offending nodes."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    at {', '.join(node['target'])}: {node['html'][:160]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


def build_public_site():
    """The demo shell with one service area and one guarantee: every public page type."""
    from tests.factories import (
        load_demo_shell,
        make_guarantee,
        make_service_area,
        restore_migrated_roots,
    )

    restore_migrated_roots()
    home_page = load_demo_shell()
    service_area = make_service_area(home_page, title="Förskola")
    guarantee = make_guarantee(service_area, title="Förskolan Solrosen")
    from home.models import AccessibilityStatementPage, ContentPage
    from home.years import previous_year
    from tests.examples.builders import (
        make_award_winner,
        make_examples_index,
        make_good_example,
        open_award_round,
    )
    from tests.factories import in_every_language
    from tests.followup.conftest import make_follow_up
    from tests.proposals.conftest import build_proposal

    examples = make_examples_index(home_page)
    # Places: the guarantee's position, two districts (one without a unit) and an address
    # list, so that "nearest an address", the map and an empty district are pages too.
    from guarantees.models import District, GuaranteePage, StreetAddress

    GuaranteePage.objects.filter(pk=guarantee.pk).update(
        district="Ängsby centrum", latitude="61.3010", longitude="14.8000"
    )
    District.objects.create(
        name="Ängsby centrum", outline="61.2864 14.7626\n61.2819 14.8281\n61.3181 14.8187"
    )
    District.objects.create(
        name="Sjövik", outline="61.2864 14.7626\n61.2819 14.8281\n61.2412 14.8561"
    )
    StreetAddress.objects.create(
        street="Storgatan",
        number="20",
        postcode="12341",
        locality="Ängsby",
        latitude="61.2990",
        longitude="14.7990",
    )
    # Last year's follow-up, published: the yearly report has its tables.
    make_follow_up(guarantee, previous_year())
    site = {
        "report_year": previous_year(),
        "examples": examples,
        "example": make_good_example(examples, guarantee, commitment=guarantee.commitments.first()),
        "award_year": make_award_winner(guarantee, "vinnarnominerare@example.se").year,
        "award_round": open_award_round(),
        "proposal": build_proposal(),
        "home": home_page,
        "content_page": ContentPage.objects.child_of(home_page).first(),
        "statement": AccessibilityStatementPage.objects.child_of(home_page).get(),
        "service_area": service_area,
        "guarantee": guarantee,
    }
    # The same site in every language (tests/quality/pages.py visits each): the guarantee
    # translated, with its commitments; every other page an alias showing the Swedish.
    in_every_language(guarantee)
    return site


@pytest.fixture
def public_site(db, tmp_path, settings, tmp_path_factory):
    """Every public page type (`build_public_site`), in this test's database: built by the
    first test of this process that asks, its rows and files put back for the others
    (tests/snapshots.py), as a hundred tests visit it."""
    from tests import snapshots

    settings.MEDIA_ROOT = str(tmp_path)
    media_copy = tmp_path_factory.getbasetemp() / "snapshots" / "public-site-media"
    site = snapshots.once("public site", build_public_site, media_copy)
    yield site
    snapshots.forget_cached_rows()
