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
    return [
        "/",
        site["content_page"].url,
        "/tillganglighetsredogorelse/",
        site["service_area"].url,
        site["guarantee"].url,
        "/synpunkter/",
        "/e-forslag/",
        f"/e-forslag/{proposal.pk}/",
        "/e-forslag/export.json",
        "/e-forslag/export.csv",
        "/api/v2/pages/?limit=100",
        "/api/v2/pages/?limit=100&fields=*",
        f"/api/v2/pages/{site['guarantee'].pk}/",
        "/sok/?q=Qvistbergsson",
        "/sok/?q=example.se",
        "/sok/?q=parkbänkar",
        site["examples"].url,
        site["example"].url,
        "/kvalitetspriset/",
        f"/kvalitetspriset/{site['award_year']}/",
        "/kvalitetspriset/nominera/",
        "/sok/?q=nominerar",
    ]


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
    seen = 0
    paths = public_paths(public_site, proposal) + open311_paths(public_site, references)
    for path in paths:
        response = visitor.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        seen += 1
        for label, value in PRIVATE.items():
            variants = {value, value.replace(" ", ""), value.split("@")[0]}
            for variant in variants:
                assert variant not in body, f"{label} ({variant}) shown at {path}"
    assert seen == len(paths)
    # The replies are there, without the resident: the crawl saw the real answers.
    assert (
        "Rutinen är ändrad."
        in visitor.get(f"/open311/v2/requests/{api_reference}.json").content.decode()
    )
    # The proposal's public name and title are there: the crawl saw the real pages.
    assert proposal.title in visitor.get("/e-forslag/export.csv").content.decode()
