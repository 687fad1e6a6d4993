"""Every public page type, as (name, visit) pairs that browser tests are parametrized over.

`visit(page, site)` brings a Playwright page to the state to audit, with `site` from the
`public_site` fixture, and returns the main response. What a page is counts twice:
`PAGE_KINDS` names, for every visit, the URL pattern (or the Wagtail page type) it stands for,
and `tests/quality/test_accessibility.py` checks against the URLconf and Wagtail's page models
that every public HTML page is visited or listed in `NOT_PAGES` with the reason. A URL added
to the URLconf therefore fails that check until it is given a line here.
"""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation

LONG_WORD = "Sammanträdesprotokollsjusteringsordförandeersättarlistan" * 2
SOURCE_LANGUAGE = settings.LANGUAGE_CODE
# Every visit is made in every language of the site (docs/architecture.md, "Languages"):
# generated from settings.LANGUAGES, Swedish first and named as before.
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def in_language(code, path):
    """The Swedish `path` as a reader of `code` finds it (under its prefix, or the same path
    for the few URLs outside the languages' patterns, such as the e-ID return)."""
    if code == SOURCE_LANGUAGE:
        return path
    with translation.override(SOURCE_LANGUAGE):
        return translate_url(path, code)


def say(site, text):
    """The interface text `text` (a Swedish msgid) as the page in the visit's language says it."""
    with translation.override(site.get("language", SOURCE_LANGUAGE)):
        return translation.gettext(text)


def named(name, code):
    return name if code == SOURCE_LANGUAGE else f"{name} [{code}]"


PUBLIC_PAGE_PATHS = {
    "home": lambda site: "/",
    "content page": lambda site: site["content_page"].url,
    "accessibility statement": lambda site: "/tillganglighetsredogorelse/",
    "service area": lambda site: site["service_area"].url,
    "service area nearest an address": lambda site: (
        site["service_area"].url + "?adress=Storgatan+20#enheter-rubrik"
    ),
    "service area, address not found": lambda site: (
        site["service_area"].url + "?adress=P%C3%A5hittade+gatan+3#enheter-rubrik"
    ),
    "service area, district without a unit": lambda site: (
        site["service_area"].url + "?stadsdel=Sj%C3%B6vik#enheter-rubrik"
    ),
    "comparison": lambda site: site["service_area"].url + "jamfor/",
    "guarantee": lambda site: site["guarantee"].url,
    "not found": lambda site: "/finns-inte-har/",
    "feedback form": lambda site: "/synpunkter/",
    "feedback form for a unit": lambda site: f"/synpunkter/enhet/{site['guarantee'].pk}/skicka/",
    "proposal list": lambda site: "/e-forslag/",
    "proposals' open data": lambda site: "/e-forslag/oppna-data/",
    "proposal": lambda site: f"/e-forslag/{site['proposal'].pk}/",
    "new proposal": lambda site: "/e-forslag/nytt/",
    "proposal sent": lambda site: "/e-forslag/nytt/skickat/",
    "proposal confirmation, spent link": lambda site: "/e-forslag/bekrafta/?t=forbrukad",
    "vote sent": lambda site: f"/e-forslag/{site['proposal'].pk}/rosta/skickat/",
    "vote confirmation, spent link": lambda site: (
        f"/e-forslag/{site['proposal'].pk}/rosta/epost/?t=forbrukad"
    ),
    "search with results": lambda site: "/sok/?q=Solrosen",
    "search without results": lambda site: f"/sok/?q={LONG_WORD}",
    "yearly reports": lambda site: "/kvalitetsrapport/",
    "yearly report": lambda site: (
        f"/kvalitetsrapport/{site['service_area'].committee_id}/{site['report_year']}/"
    ),
    "key figures": lambda site: "/nyckeltal/",
    "Open311 for developers": lambda site: "/open311/",
    "key figures of an area": lambda site: f"/nyckeltal/omrade/{site['service_area'].pk}/",
    "good examples": lambda site: site["examples"].url,
    "good examples filtered": lambda site: f"{site['examples'].url}?kriterium=inflytande",
    "good example": lambda site: site["example"].url,
    "quality award": lambda site: "/kvalitetspriset/",
    "quality award year": lambda site: f"/kvalitetspriset/{site['award_year']}/",
    "nomination form": lambda site: "/kvalitetspriset/nominera/",
    "nomination sent": lambda site: "/kvalitetspriset/nominera/skickat/",
    "nomination confirmation, spent link": lambda site: "/kvalitetspriset/bekrafta/?t=forbrukad",
    # Back from the e-ID broker with no sign-in under way: the failed sign-in's page.
    "e-ID sign-in failed": lambda site: "/inloggning/e-legitimation/svar/",
    "signed proposal, no sign-in under way": lambda site: "/e-forslag/nytt/signerat/",
    "signed nomination, no sign-in under way": lambda site: "/kvalitetspriset/nominera/signerad/",
}


def goto(path_of):
    def visit(page, site):
        response = page.goto(in_language(site.get("language", SOURCE_LANGUAGE), path_of(site)))
        assert response is not None
        return response

    return visit


def go(page, site, path):
    return page.goto(in_language(site.get("language", SOURCE_LANGUAGE), path))


def feedback_with_errors(page, site):
    """The guarantee's embedded form sent empty: the error summary and field errors."""
    go(page, site, site["guarantee"].url)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=say(site, "Skicka")).click()
    page.get_by_role("alert").first.wait_for()
    return navigation.value


def send_feedback(page, site):
    go(page, site, site["guarantee"].url)
    page.get_by_label(say(site, "Synpunkt"), exact=True).check()
    page.get_by_label(say(site, "Bemötande"), exact=True).check()
    page.get_by_label(say(site, "Ditt meddelande")).fill(
        "Tack för ett fint bemötande vid inskolningen."
    )
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=say(site, "Skicka")).click()
    page.get_by_role("heading", name=say(site, "Tack för din synpunkt")).wait_for()
    return navigation.value


def feedback_tracking(page, site):
    send_feedback(page, site)
    with page.expect_navigation() as navigation:
        page.locator("[data-tracking-link]").click()
    # The heading "Ärende <reference>" names the reference in each language's own order.
    page.get_by_role("heading", name=say(site, "Svar och åtgärder")).first.wait_for()
    return navigation.value


def proposal_preview(page, site):
    """Step 2 of a new proposal: the resident's own words, a long one among them."""
    go(page, site, "/e-forslag/nytt/")
    page.get_by_label(say(site, "Rubrik")).fill(f"Fler bänkar vid {LONG_WORD}")
    page.get_by_label(say(site, "Ditt förslag")).fill(
        f"Bänkar behövs längs {LONG_WORD} för de äldre."
    )
    page.get_by_label(say(site, "Namn som visas med förslaget")).fill("Karin i Ängsby")
    page.get_by_label(say(site, "Din e-postadress")).fill("karin@example.se")
    page.get_by_role("checkbox").check()
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=say(site, "Fortsätt")).click()
    page.get_by_role("heading", name=say(site, "Finns förslaget redan?")).wait_for()
    return navigation.value


def proposal_with_errors(page, site):
    go(page, site, "/e-forslag/nytt/")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=say(site, "Fortsätt")).click()
    page.get_by_role("alert").first.wait_for()
    return navigation.value


def nomination_with_errors(page, site):
    """The nomination form sent empty: the error summary and field errors."""
    go(page, site, "/kvalitetspriset/nominera/")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=say(site, "Skicka nomineringen")).click()
    page.get_by_role("alert").first.wait_for()
    return navigation.value


INTERACTIVE_PAGES = [
    ("feedback form with errors", feedback_with_errors),
    ("feedback receipt", send_feedback),
    ("feedback tracking", feedback_tracking),
    ("proposal form with errors", proposal_with_errors),
    ("proposal preview", proposal_preview),
    ("nomination form with errors", nomination_with_errors),
]

# What each visit stands for: a URL pattern's name, or "page:" and a Wagtail page type.
PAGE_KINDS = {
    "home": "page:home.HomePage",
    "content page": "page:home.ContentPage",
    "accessibility statement": "page:home.AccessibilityStatementPage",
    "service area": "page:guarantees.ServiceAreaPage",
    "service area nearest an address": "page:guarantees.ServiceAreaPage",
    "service area, address not found": "page:guarantees.ServiceAreaPage",
    "service area, district without a unit": "page:guarantees.ServiceAreaPage",
    "comparison": "page:guarantees.ServiceAreaPage",
    "guarantee": "page:guarantees.GuaranteePage",
    "not found": "wagtail_serve",
    "feedback form": "feedback:general",
    "feedback form for a unit": "feedback:unit_submit",
    "feedback form with errors": "feedback:unit_submit",
    "feedback receipt": "feedback:receipt",
    "feedback tracking": "feedback:track",
    "proposal list": "proposals:list",
    "proposals' open data": "proposals:open_data",
    "proposal": "proposals:detail",
    "new proposal": "proposals:new",
    "proposal form with errors": "proposals:new",
    "proposal preview": "proposals:new",
    "proposal sent": "proposals:sent",
    "proposal confirmation, spent link": "proposals:confirm",
    "vote sent": "proposals:vote_sent",
    "vote confirmation, spent link": "proposals:vote_callback",
    "search with results": "search:search",
    "search without results": "search:search",
    "yearly reports": "followup:report_index",
    "yearly report": "followup:public_report",
    "key figures": "kolada:municipality",
    "Open311 for developers": "open311_docs:developers",
    "key figures of an area": "kolada:area",
    "good examples": "page:examples.GoodExampleIndexPage",
    "good examples filtered": "page:examples.GoodExampleIndexPage",
    "good example": "page:examples.GoodExamplePage",
    "quality award": "award:index",
    "quality award year": "award:year",
    "nomination form": "award:nominate",
    "nomination form with errors": "award:nominate",
    "nomination sent": "award:sent",
    "nomination confirmation, spent link": "award:confirm",
    "e-ID sign-in failed": "identity:resident_return",
    "signed proposal, no sign-in under way": "proposals:new_signed",
    "signed nomination, no sign-in under way": "award:signed",
}

# Public URL patterns that answer with no HTML page of their own, and why.
NOT_PAGES = {
    "healthz": "liveness check for the load balancer (JSON)",
    "proposals:export_json": "open data (JSON)",
    "proposals:export_csv": "open data (CSV)",
    "proposals:vote_begin": "POST only: the vote form on the proposal's page",
    "search:suggest": "autocomplete (JSON)",
    "feedback:form_parts": "a cached form's one-time key and challenge (JSON)",
    "find_unit": "the home page's finder: redirects to the area's list of units",
    "followup:public_report_csv": "the yearly report as CSV",
    "wagtailapi:pages:listing": "API (JSON)",
    "wagtailapi:pages:detail": "API (JSON)",
    "wagtailapi:pages:find": "API: redirects to a page's JSON",
    "wagtailcore_authenticate_with_password": "Wagtail's form for password-protected pages, "
    "which the site does not use",
    "wagtailcore_login": "Wagtail's login for private pages, which the site does not use",
    "identity:staff_begin": "staff sign-in: redirects to the municipality's provider",
    "identity:staff_return": "staff sign-in: the provider's answer, then the admin; its "
    "failure page is the template audited as 'e-ID sign-in failed'",
}
# Prefixes of routes that are not the public site: staff screens, files, Open311's API.
NOT_PUBLIC_ROUTES = ("admin/", "django-admin/", "documents/", "images/", "^media/", "open311/v2/")


def in_each_language(visit, code):
    """The visit made by a reader of `code`: the site dict names the language."""

    def visit_in(page, site):
        return visit(page, {**site, "language": code})

    return visit_in


SWEDISH_PAGES = [(name, goto(path_of)) for name, path_of in PUBLIC_PAGE_PATHS.items()]
SWEDISH_PAGES += INTERACTIVE_PAGES
PUBLIC_PAGES = [
    (named(name, code), in_each_language(visit, code))
    for code in LANGUAGES
    for name, visit in SWEDISH_PAGES
]
# Every kind in every language stands for the same URL pattern or page type.
PAGE_KINDS = {named(name, code): kind for code in LANGUAGES for name, kind in PAGE_KINDS.items()}
