"""What residents give privately never shows on a public page, in the API or in an export."""

import re

import pytest

from feedback.models import Feedback
from proposals.canonical import canonical_email, voter_hash
from proposals.models import Proposal
from tests.feedback.conftest import form_data
from tests.proposals.conftest import build_proposal

pytestmark = pytest.mark.django_db

PRIVATE = {
    "name": "Zacharias Qvistbergsson",
    "email": "zq.privat@example.se",
    "phone": "070-987 65 43",
    "proposer_email": "pq.dold@example.se",
    "voter_email": "vq.hemlig@example.se",
}


def public_paths(site, proposal):
    """Each public path with a text it must show: proof that the crawl saw the real page."""
    guarantee = site["guarantee"]
    return {
        "/": "Ängsby kommun",
        site["content_page"].url: site["content_page"].title,
        "/tillganglighetsredogorelse/": "Tillgänglighetsredogörelse",
        site["service_area"].url: site["service_area"].title,
        guarantee.url: guarantee.title,
        "/synpunkter/": 'name="form_key"',
        "/e-forslag/": proposal.title,
        f"/e-forslag/{proposal.pk}/": proposal.title,
        "/e-forslag/export.json": proposal.title,
        "/e-forslag/export.csv": proposal.title,
        "/api/v2/pages/?limit=100": guarantee.title,
        "/api/v2/pages/?limit=100&fields=*": guarantee.title,
        f"/api/v2/pages/{guarantee.pk}/": guarantee.idea,
        "/sok/?q=Qvistbergsson": "Qvistbergsson",  # the query is echoed, nothing found
        "/sok/?q=example.se": "example.se",
        "/sok/?q=parkbänkar": proposal.title,
    }


def test_private_contact_details_appear_on_no_public_page_api_or_export(client, public_site):
    from django.test import Client

    guarantee = public_site["guarantee"]
    data = form_data(
        client,
        guarantee.url,
        name=PRIVATE["name"],
        email=PRIVATE["email"],
        phone=PRIVATE["phone"],
        message=f"Ring mig på {PRIVATE['phone']}, hälsningar {PRIVATE['name']}.",
    )
    submit_url = re.search(
        r'action="([^"]*/skicka/)"', client.get(guarantee.url).content.decode()
    ).group(1)
    assert client.post(submit_url, data).status_code == 302
    case = Feedback.objects.get()
    assert case.email == PRIVATE["email"]  # the data really is stored, privately

    proposal = build_proposal(proposer_email=PRIVATE["proposer_email"], display_name="Karin")
    Proposal.record_vote(proposal.pk, voter_hash("epost", canonical_email(PRIVATE["voter_email"])))

    visitor = Client()
    for path, shown in public_paths(public_site, proposal).items():
        response = visitor.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert shown in body or json_text(shown) in body, f"{path} does not show {shown!r}"
        for label, value in PRIVATE.items():
            variants = {value, value.replace(" ", ""), value.split("@")[0]}
            for variant in variants:
                assert variant not in body, f"{label} ({variant}) shown at {path}"


def json_text(text):
    import json

    return json.dumps(text)[1:-1]
