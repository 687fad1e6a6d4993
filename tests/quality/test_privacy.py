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
    "nominator_email": "nq.nominerar@example.se",
    "nomination_reason": "hälsningar från Qvarnströms pappa",
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
        site["examples"].url: site["examples"].title,
        site["example"].url: site["example"].title,
        "/kvalitetspriset/": "Kvalitetspriset",
        f"/kvalitetspriset/{site['award_year']}/": str(site["award_year"]),
        "/kvalitetspriset/nominera/": 'name="form_key"',
        "/sok/?q=nominerar": "nominerar",
    }


def open311_paths(site, references):
    """The Open311 endpoints (issue 17): anyone may read them without a key."""
    code = f"{site['guarantee'].pk}-klagomal"
    paths = ["/open311/v2/"]
    for fmt in ("json", "xml"):
        paths += [
            f"/open311/v2/discovery.{fmt}",
            f"/open311/v2/services.{fmt}",
            f"/open311/v2/services/{code}.{fmt}",
            f"/open311/v2/requests.{fmt}",
            f"/open311/v2/requests.{fmt}?service_request_id={','.join(references)}",
            f"/open311/v2/requests.{fmt}?service_code={code}&status=open",
        ]
        paths += [f"/open311/v2/requests/{reference}.{fmt}" for reference in references]
    return paths


def file_through_open311(client, guarantee):
    """A case with the same private details, sent by an app; returns its reference."""
    from urllib.parse import urlencode

    from open311.models import ApiClient

    app = ApiClient(name="Integritetsappen", contact="app@example.se")
    key = app.new_key()
    app.save()
    first, last = PRIVATE["name"].split()
    response = client.post(
        "/open311/v2/requests.json",
        urlencode(
            {
                "api_key": key,
                "service_code": f"{guarantee.pk}-klagomal",
                "attribute[dimension]": "bemotande",
                "description": f"Ring {PRIVATE['phone']} eller skriv till {PRIVATE['email']}.",
                "first_name": first,
                "last_name": last,
                "email": PRIVATE["email"],
                "phone": PRIVATE["phone"],
            }
        ),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.content
    return response.json()[0]["service_request_id"]


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
    api_reference = file_through_open311(client, guarantee)
    # The handler greets the resident by name in the reply that Open311 publishes.
    from django.contrib.auth import get_user_model

    from feedback import services

    handler = get_user_model().objects.create_superuser("privacy", "p@example.se", "pw")
    for answered in Feedback.objects.all():
        services.answer(
            answered,
            f"Hej {PRIVATE['name']}! Vi ringde {PRIVATE['phone']} och svarar "
            f"även till {PRIVATE['email']}. Rutinen är ändrad.",
            handler,
        )
    references = [case.reference, api_reference]

    proposal = build_proposal(proposer_email=PRIVATE["proposer_email"], display_name="Karin")
    Proposal.record_vote(proposal.pk, voter_hash("epost", canonical_email(PRIVATE["voter_email"])))

    from award.models import Nomination

    winner = Nomination.objects.get(status="winner")
    Nomination.objects.create(
        round=winner.round,
        category=winner.category,
        unit=winner.unit,
        reason=PRIVATE["nomination_reason"],
        email=PRIVATE["nominator_email"],
        email_canonical=PRIVATE["nominator_email"],
        status="shortlisted",
    )
    winner.email = PRIVATE["nominator_email"]
    winner.save()

    visitor = Client()
    paths = public_paths(public_site, proposal)
    # Open311 answers name their service codes, discovery its changeset: real answers read.
    for path in open311_paths(public_site, references):
        discovery = "discovery" in path or path.endswith("/v2/")
        paths[path] = "changeset" if discovery else "service_code"
    for path, shown in paths.items():
        response = visitor.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert shown in body or json_text(shown) in body, f"{path} does not show {shown!r}"
        for label, value in PRIVATE.items():
            variants = {value, value.replace(" ", ""), value.split("@")[0]}
            for variant in variants:
                assert variant not in body, f"{label} ({variant}) shown at {path}"
    # The replies are there, without the resident: the crawl saw the real answers.
    assert (
        "Rutinen är ändrad."
        in visitor.get(f"/open311/v2/requests/{api_reference}.json").content.decode()
    )


def json_text(text):
    import json

    return json.dumps(text)[1:-1]
