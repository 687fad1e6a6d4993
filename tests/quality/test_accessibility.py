"""axe-core on every public page type, in every language, at desktop and phone width: zero
violations of the WCAG 2.1 A and AA rules and of axe's best practices (landmarks, heading
order, ...).

One browser context per language visits every page in turn, and audits each page at both
widths: the layout changes with CSS media queries alone (no script reads the width), so the
page resized to 375 px is the page a phone shows. Each page must also reflow without
sideways scrolling or a table cut off at 375 px and at 320 px, the width WCAG 1.4.10 names
(a page zoomed to 400 % on a desktop)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page, get_page_models

from tests.conftest import cut_off_on_screen

from .conftest import WCAG_TAGS, axe_violations, describe_violations
from .pages import (
    LANGUAGES,
    NOT_PAGES,
    NOT_PUBLIC_ROUTES,
    PAGE_KINDS,
    PUBLIC_PAGES,
    SWEDISH_PAGES,
    in_each_language,
    named,
)

AXE_TAGS = [*WCAG_TAGS, "best-practice"]
WIDTHS = (1280, 375)
REFLOW_WIDTH = 320


def audit(page, name):
    """What is wrong with the page shown, at each width, as sentences."""
    findings = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        violations = axe_violations(page, AXE_TAGS)
        if violations:
            findings.append(
                f"{name} at {width} px ({page.url}):\n{describe_violations(violations)}"
            )
    for width in WIDTHS[1:] + (REFLOW_WIDTH,):
        page.set_viewport_size({"width": width, "height": 900})
        findings += [f"{name} at {width} px ({page.url}): {cut}" for cut in cut_off_on_screen(page)]
    return findings


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_has_no_axe_violations(axe_page, public_site, language):
    findings = []
    for name, visit in SWEDISH_PAGES:
        axe_page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        in_each_language(visit, language)(axe_page, public_site)
        findings += audit(axe_page, named(name, language))
    assert not findings, "\n".join(findings)


@pytest.mark.browser
def test_axe_reports_a_violation_on_a_page_that_breaks_the_rules(axe_page, live_server):
    """The harness can fail: an image without alt text, an unlabelled input and two
    unnamed search landmarks are caught."""
    axe_page.goto(live_server.url + "/healthz")
    axe_page.set_content(
        '<html lang="sv"><head><title>t</title></head><body><main><h1>t</h1>'
        '<img src="/x.png"><input type="text">'
        '<form role="search"><label>a <input></label></form>'
        '<form role="search"><label>b <input></label></form></main></body></html>'
    )
    rules = {violation["id"] for violation in axe_violations(axe_page, AXE_TAGS)}
    assert {"image-alt", "label", "landmark-unique"} <= rules


@pytest.mark.browser
def test_the_reflow_check_reports_a_column_squeezed_to_a_letter_a_line(axe_page, live_server):
    """The harness can fail: a table whose cells may break between any two letters (as
    Wagtail's listings may) gives its first column the width of a letter on a phone. A long
    word that must break to fit the screen is not reported."""
    axe_page.goto(live_server.url + "/healthz")
    axe_page.set_viewport_size({"width": 375, "height": 900})
    cells = "".join(f"<td>Kolumn {n} med text</td>" for n in range(5))
    long_word = "Tillgänglighetsredogörelsekontrollantsbehörighetsnivåerna"
    axe_page.set_content(
        '<html lang="sv"><body><div style="overflow-x: auto">'
        f'<table style="min-width: 32rem"><tr><td style="word-break: break-word">Elias '
        f"Enhetschef</td>{cells}</tr></table></div>"
        f'<h1 style="overflow-wrap: break-word">{long_word}</h1></body></html>'
    )
    found = cut_off_on_screen(axe_page)
    assert 'the word "Enhetschef"' in " ".join(found)
    assert long_word not in " ".join(found)


def public_url_names():
    """The name of every public URL pattern of the URLconf (staff, files and APIs aside)."""

    def walk(patterns, prefix, namespaces):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if route.startswith(NOT_PUBLIC_ROUTES):
                continue
            if isinstance(entry, URLResolver):
                spaces = namespaces + ((entry.namespace,) if entry.namespace else ())
                yield from walk(entry.url_patterns, route, spaces)
            elif isinstance(entry, URLPattern):
                yield ":".join(namespaces + (entry.name,)) if entry.name else route

    return set(walk(get_resolver().url_patterns, "", ()))


def test_every_public_url_and_page_type_is_audited():
    """The audit's page list is checked against the URLconf and Wagtail's page models."""
    audited = set(PAGE_KINDS.values())
    assert set(PAGE_KINDS) == {name for name, _ in PUBLIC_PAGES}
    page_types = {
        f"page:{model._meta.app_label}.{model.__name__}"
        for model in get_page_models()
        if model is not Page
    }
    assert page_types - audited == set(), "page types no visit audits"
    unaudited = public_url_names() - audited - set(NOT_PAGES)
    assert unaudited == set(), "public URLs neither audited nor listed in NOT_PAGES"
    assert "wagtail_serve" in audited
