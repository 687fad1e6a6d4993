"""E-proposals in the site search: published ones are found, the rest never are."""

import pytest

from search.query import SiteSearch, suggestions

from .conftest import page_titles

pytestmark = pytest.mark.django_db

OPEN = "Bättre belysning på gångvägen till Ekbackens skola"
REJECTED = "Gratis simskola för alla förskolebarn"
AWAITING = "Längre öppettider på Stadsbiblioteket"


def test_open_proposal_is_found_by_its_wording(client, municipality):
    response = client.get("/sok/", {"q": "lampor"})
    html = response.content.decode()
    assert OPEN in html
    assert "<mark>lampor</mark>" in html
    assert f'href="/e-forslag/{municipality["proposals"][OPEN].pk}/"' in html


def test_proposals_have_their_own_type_facet_and_area(municipality):
    outcome = SiteSearch("Ekbackens").run()
    counts = {facet.key: facet.count for facet in outcome.type_facets}
    assert counts["e-forslag"] == 1
    assert counts["garantier"] == 1
    only = SiteSearch("Ekbackens", type_key="e-forslag").run()
    assert page_titles(only) == [OPEN]
    areas = {facet.key: facet.count for facet in only.area_facets}
    assert areas["grundskola"] == 1
    assert page_titles(SiteSearch("belysning", area_slug="grundskola").run()) == [OPEN]
    assert not SiteSearch("belysning", area_slug="forskola").run().hits


def test_answered_proposal_is_found(municipality):
    assert page_titles(SiteSearch("hundrastgård").run())[0] == "Inhägnad hundrastgård i Stadsparken"


def test_rejected_and_unmoderated_proposals_never_appear(municipality):
    assert REJECTED not in page_titles(SiteSearch("simskola").run())
    assert AWAITING not in page_titles(SiteSearch("pendlare").run())
    assert not [s for s in suggestions("Gratis sim") if s["title"] == REJECTED]
    assert not [s for s in suggestions("Längre öppet") if s["title"] == AWAITING]


def test_proposal_rejected_after_publication_disappears(municipality):
    from proposals.models import Status

    proposal = municipality["proposals"][OPEN]
    assert OPEN in page_titles(SiteSearch("lampor").run())
    proposal.status = Status.REJECTED
    proposal.save()
    assert OPEN not in page_titles(SiteSearch("lampor").run())


def test_published_proposal_is_suggested(client, municipality):
    response = client.get("/sok/forslag/", {"q": "belys"})
    assert [s["title"] for s in response.json()["suggestions"]] == [OPEN]
