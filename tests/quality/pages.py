"""Every public page type, as (name, visit) pairs that browser tests are parametrized over.

`visit(page, site)` brings a Playwright page to the state to audit, with `site` from the
`public_site` fixture, and returns the main response. A new page type is covered by adding a
line here: a plain address to PUBLIC_PAGE_PATHS, a page reached by interaction to
INTERACTIVE_PAGES.
"""

PUBLIC_PAGE_PATHS = {
    "home": lambda site: "/",
    "content page": lambda site: site["content_page"].url,
    "accessibility statement": lambda site: "/tillganglighetsredogorelse/",
    "service area": lambda site: site["service_area"].url,
    "guarantee": lambda site: site["guarantee"].url,
    "not found": lambda site: "/finns-inte-har/",
    "feedback form": lambda site: "/synpunkter/",
    "proposal list": lambda site: "/e-forslag/",
    "proposal": lambda site: f"/e-forslag/{site['proposal'].pk}/",
    "new proposal": lambda site: "/e-forslag/nytt/",
    "search with results": lambda site: "/sok/?q=Solrosen",
    "search without results": lambda site: "/sok/?q=qwxzyvbnk",
    "good examples": lambda site: site["examples"].url,
    "good examples filtered": lambda site: f"{site['examples'].url}?kriterium=inflytande",
    "good example": lambda site: site["example"].url,
    "quality award": lambda site: "/kvalitetspriset/",
    "quality award year": lambda site: f"/kvalitetspriset/{site['award_year']}/",
    "nomination form": lambda site: "/kvalitetspriset/nominera/",
}


def goto(path_of):
    def visit(page, site):
        response = page.goto(path_of(site))
        assert response is not None
        return response

    return visit


def feedback_with_errors(page, site):
    """The guarantee's embedded form sent empty: the error summary and field errors."""
    page.goto(site["guarantee"].url)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Skicka").click()
    page.get_by_role("alert").first.wait_for()
    return navigation.value


def send_feedback(page, site):
    page.goto(site["guarantee"].url)
    page.get_by_label("Synpunkt", exact=True).check()
    page.get_by_label("Bemötande").check()
    page.get_by_label("Ditt meddelande").fill("Tack för ett fint bemötande vid inskolningen.")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Skicka").click()
    page.get_by_role("heading", name="Tack för din synpunkt").wait_for()
    return navigation.value


def feedback_tracking(page, site):
    send_feedback(page, site)
    with page.expect_navigation() as navigation:
        page.locator("[data-tracking-link]").click()
    page.get_by_role("heading", name="Ärende").first.wait_for()
    return navigation.value


def nomination_with_errors(page, site):
    """The nomination form sent empty: the error summary and field errors."""
    page.goto("/kvalitetspriset/nominera/")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Skicka nomineringen").click()
    page.get_by_role("alert").first.wait_for()
    return navigation.value


INTERACTIVE_PAGES = [
    ("feedback form with errors", feedback_with_errors),
    ("feedback receipt", send_feedback),
    ("feedback tracking", feedback_tracking),
    ("nomination form with errors", nomination_with_errors),
]

PUBLIC_PAGES = [(name, goto(path_of)) for name, path_of in PUBLIC_PAGE_PATHS.items()]
PUBLIC_PAGES += INTERACTIVE_PAGES
PAGE_IDS = [name for name, _ in PUBLIC_PAGES]
PAGE_VISITS = [visit for _, visit in PUBLIC_PAGES]
