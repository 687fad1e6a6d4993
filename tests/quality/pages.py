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
}


def goto(path_of):
    def visit(page, site):
        response = page.goto(path_of(site))
        assert response is not None
        return response

    return visit


INTERACTIVE_PAGES = []

PUBLIC_PAGES = [(name, goto(path_of)) for name, path_of in PUBLIC_PAGE_PATHS.items()]
PUBLIC_PAGES += INTERACTIVE_PAGES
PAGE_IDS = [name for name, _ in PUBLIC_PAGES]
PAGE_VISITS = [visit for _, visit in PUBLIC_PAGES]
