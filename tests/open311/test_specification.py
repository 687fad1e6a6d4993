"""The endpoints answer in the shapes of GeoReport v2's own examples, in JSON and XML."""

import pytest
from django.core import mail
from django.test import Client

from feedback import services
from feedback.models import Feedback, Kind, Status
from outbox.models import Message

from .conftest import BASE, assert_errors, complaint_code, parsed, post_request

pytestmark = pytest.mark.django_db

SERVICE_FIELDS = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
]
ATTRIBUTE_FIELDS = [
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
    "values",
]
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


def test_discovery_lists_this_endpoint_with_both_formats(client, home_page):
    data = parsed(client.get(f"{BASE}/discovery.json"))
    assert set(data) == {"changeset", "contact", "key_service", "endpoints"}
    (endpoint,) = data["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["type"] == "production"
    assert endpoint["formats"] == ["text/xml", "application/json"]

    root = parsed(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert [child.tag for child in root] == ["changeset", "contact", "key_service", "endpoints"]
    formats = root.find("endpoints/endpoint/formats")
    assert [f.text for f in formats.findall("format")] == ["text/xml", "application/json"]


def test_service_list_offers_every_kind_per_unit_grouped_by_area(client, guarantee):
    response = client.get(f"{BASE}/services.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = parsed(response)
    assert all(list(service) == SERVICE_FIELDS for service in data)
    unit_services = [s for s in data if s["service_code"].startswith(f"{guarantee.pk}-")]
    assert sorted(s["service_code"] for s in unit_services) == sorted(
        f"{guarantee.pk}-{kind}" for kind in Kind.values
    )
    complaint = next(s for s in unit_services if s["service_code"] == complaint_code(guarantee))
    assert complaint["service_name"] == "Klagomål till Förskolan Solrosen"
    assert complaint["group"] == "Förskola"
    assert complaint["metadata"] is True and complaint["type"] == "realtime"
    assert {s["service_code"] for s in data} >= {f"kommun-{kind}" for kind in Kind.values}

    root = parsed(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    first = root.find("service")
    assert [child.tag for child in first] == SERVICE_FIELDS
    assert first.findtext("metadata") == "true"


def test_service_definition_has_dimension_and_the_units_commitments(client, guarantee):
    data = parsed(client.get(f"{BASE}/services/{complaint_code(guarantee)}.json"))
    assert set(data) == {"service_code", "location_required", "attributes"}
    # The unit locates the request: no position or address is asked for.
    assert data["location_required"] is False
    dimension, commitment = data["attributes"]
    assert all(list(attribute) == ATTRIBUTE_FIELDS for attribute in data["attributes"])
    assert dimension["code"] == "dimension" and dimension["required"] is True
    assert dimension["datatype"] == "singlevaluelist"
    assert {v["key"] for v in dimension["values"]} == {
        "bemotande",
        "utforande",
        "information",
        "tillganglighet",
        "ovrigt",
    }
    assert commitment["required"] is False
    names = [v["name"] for v in commitment["values"]]
    # City-wide, the area's and the unit's own commitments: what the guarantee shows.
    assert "Områdesåtagande 1" in names and "Enhetsåtagande 3" in names

    root = parsed(client.get(f"{BASE}/services/{complaint_code(guarantee)}.xml"))
    assert root.tag == "service_definition"
    attribute = root.find("attributes/attribute")
    assert [child.tag for child in attribute] == ATTRIBUTE_FIELDS
    assert [child.tag for child in attribute.find("values/value")] == ["key", "name"]


def test_general_service_has_no_commitment_attribute(client, home_page):
    data = parsed(client.get(f"{BASE}/services/kommun-synpunkt.json"))
    assert [a["code"] for a in data["attributes"]] == ["dimension"]
    assert data["location_required"] is True


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_code_is_a_404_in_the_error_format(client, guarantee, fmt):
    for code in ["999999-klagomal", f"{guarantee.pk}-okand", "kommun", "x" * 300]:
        assert_errors(client.get(f"{BASE}/services/{code}.{fmt}"), 404, "ingen tjänst")


def test_post_creates_a_case_as_the_form_would_and_answers_with_its_reference(
    client, guarantee, api_key
):
    commitment = guarantee.commitments.first()
    response = post_request(
        client,
        api_key=api_key,
        service_code=complaint_code(guarantee),
        description="Ni lovade svar inom en vecka.\r\nInget svar\x00 kom.",
        first_name="Anna",
        last_name="Svensson",
        email="anna@example.se",
        lat="59.33",
        long="18.06",
        **{"attribute[dimension]": "information", "attribute[commitment]": str(commitment.pk)},
    )
    assert response.status_code == 200, response.content
    (answer,) = parsed(response)
    assert list(answer) == ["service_request_id", "service_notice", "account_id"]
    case = Feedback.objects.get()
    assert answer["service_request_id"] == case.reference
    assert case.reference.startswith("SYN-")
    assert (case.kind, case.dimension, case.commitment, case.unit_id) == (
        Kind.COMPLAINT,
        "information",
        commitment,
        guarantee.pk,
    )
    assert case.message == "Ni lovade svar inom en vecka.\nInget svar kom."
    assert (case.name, case.email, case.wants_reply, case.anonymous) == (
        "Anna Svensson",
        "anna@example.se",
        True,
        False,
    )
    # The resident gets the form's receipt, with the private follow link.
    receipt = Message.objects.get(to="anna@example.se")
    assert case.reference in receipt.subject
    assert "/synpunkter/arende/" in receipt.body
    assert mail.outbox == [] or all(m.to for m in mail.outbox)


def test_post_without_contact_details_is_anonymous(client, guarantee, api_key):
    response = post_request(
        client,
        fmt="xml",
        api_key=api_key,
        service_code="kommun-forslag",
        description="Fler parkbänkar vid torget.",
        # Feedback to the municipality at large says where (its service definition).
        address_string="Stora torget",
        **{"attribute[dimension]": "ovrigt"},
    )
    assert response.status_code == 200, response.content
    root = parsed(response)
    assert root.tag == "service_requests"
    request = root.find("request")
    assert [child.tag for child in request] == [
        "service_request_id",
        "service_notice",
        "account_id",
    ]
    case = Feedback.objects.get(reference=request.findtext("service_request_id"))
    assert case.anonymous and case.unit is None and case.kind == Kind.SUGGESTION


def _case(guarantee, **fields):
    values = {
        "kind": Kind.COMPLAINT,
        "dimension": "bemotande",
        "message": "Ring mig på 070-111 22 33, Berit Qvist.",
        "unit": guarantee,
        "name": "Berit Qvist",
        "email": "berit.qvist@example.se",
        "phone": "070-111 22 33",
        "wants_reply": True,
    }
    values.update(fields)
    return Feedback.receive(**values)[0]


def test_a_request_shows_status_and_reply_never_the_residents_data(client, guarantee):
    from django.contrib.auth import get_user_model

    case = _case(guarantee)
    handler = get_user_model().objects.create_superuser("h", "h@example.se", "pw")
    (data,) = parsed(client.get(f"{BASE}/requests/{case.reference}.json"))
    assert list(data) == REQUEST_FIELDS
    assert data["status"] == "open" and data["status_notes"] is None
    assert data["description"] is None
    assert data["service_code"] == complaint_code(guarantee)
    assert data["agency_responsible"] == "Förskolan Solrosen"
    assert data["expected_datetime"].startswith(case.deadline.isoformat())

    services.answer(
        case,
        "Hej Berit Qvist! Vi har ändrat rutinen. Vi ringer dig på 0701112233 "
        "eller skriver till berit.qvist@example.se.",
        handler,
    )
    for fmt in ("json", "xml"):
        body = client.get(f"{BASE}/requests/{case.reference}.{fmt}").content.decode()
        assert "Vi har ändrat rutinen." in body
        for private in ("Berit", "Qvist", "0701112233", "070-111", "berit.qvist", "Ring mig"):
            assert private not in body, (fmt, private)

    root = parsed(client.get(f"{BASE}/requests/{case.reference}.xml"))
    assert root.tag == "service_requests"
    assert [child.tag for child in root.find("request")] == REQUEST_FIELDS


def test_closed_case_reads_closed(client, guarantee):
    case = _case(guarantee)
    Feedback.objects.filter(pk=case.pk).update(status=Status.CLOSED)
    (data,) = parsed(client.get(f"{BASE}/requests/{case.reference}.json"))
    assert data["status"] == "closed"


def test_requests_listing_filters_as_the_specification_says(client, guarantee, other_unit):
    first = _case(guarantee)
    second = _case(other_unit, kind=Kind.PRAISE)
    closed = _case(guarantee)
    Feedback.objects.filter(pk=closed.pk).update(status=Status.CLOSED)

    def ids(query):
        return [r["service_request_id"] for r in parsed(client.get(f"{BASE}/requests.json{query}"))]

    assert set(ids("")) == {first.reference, second.reference, closed.reference}
    # The spec: service_request_id overrides every other argument.
    assert set(ids(f"?service_request_id={second.reference},{first.reference}&status=closed")) == {
        first.reference,
        second.reference,
    }
    assert set(ids("?status=open")) == {first.reference, second.reference}
    assert ids("?status=closed") == [closed.reference]
    assert set(ids(f"?service_code={complaint_code(guarantee)}")) == {
        first.reference,
        closed.reference,
    }
    assert ids("?start_date=2000-01-01T00:00:00Z&end_date=2000-02-01T00:00:00Z") == []
    # GeoReport v2: service_code "can be declared multiple times, comma delimited".
    both = f"{complaint_code(guarantee)},{other_unit.pk}-berom"
    assert set(ids(f"?service_code={both}")) == {
        first.reference,
        second.reference,
        closed.reference,
    }
    assert set(ids(f"?service_code={other_unit.pk}-berom,+kommun-synpunkt&status=open")) == {
        second.reference
    }

    root = parsed(client.get(f"{BASE}/requests.xml?status=closed"))
    assert [r.findtext("service_request_id") for r in root.findall("request")] == [closed.reference]


@pytest.mark.parametrize(
    "query,status,fragment",
    [
        ("?start_date=igår", 400, "ISO 8601"),
        ("?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", 400, "90 dagar"),
        ("?status=pending", 400, "open eller closed"),
        ("?service_code=okand", 404, "ingen tjänst"),
        ("?service_code=kommun-synpunkt,okand", 404, "okand"),
        ("?service_code=,", 404, "ingen tjänst"),
        ("?service_code=" + ",".join(["kommun-synpunkt"] * 101), 400, "Högst 100"),
    ],
)
def test_bad_listing_arguments_are_explained_in_swedish(client, home_page, query, status, fragment):
    assert_errors(client.get(f"{BASE}/requests.json{query}"), status, fragment)


def test_unknown_request_is_a_404_in_both_formats(client, home_page):
    assert_errors(client.get(f"{BASE}/requests/SYN-2026-999999.json"), 404, "referensnumret")
    assert_errors(client.get(f"{BASE}/requests/SYN-2026-999999.xml"), 404, "referensnumret")


def test_public_get_needs_no_key_and_sets_no_cookie(home_page):
    response = Client().get(f"{BASE}/services.json")
    assert response.status_code == 200 and not response.cookies
