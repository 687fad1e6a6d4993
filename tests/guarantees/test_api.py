"""Open data: guarantees and their commitments as JSON through Wagtail's API v2."""

import pytest

from tests.factories import make_guarantee

pytestmark = pytest.mark.django_db


def test_the_pages_endpoint_lists_guarantees_with_their_commitments(client, guarantee):
    response = client.get("/api/v2/pages/?type=guarantees.GuaranteePage&fields=commitments")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    items = response.json()["items"]
    assert [item["id"] for item in items] == [guarantee.pk]
    commitments = items[0]["commitments"]
    expected = list(guarantee.commitments.all())
    assert [c["title"] for c in commitments] == [c.title for c in expected]
    first = commitments[0]
    assert first == {
        "id": expected[0].pk,
        "title": expected[0].title,
        "expected_result": expected[0].expected_result,
        "quality_criterion": "bemotande",
        "quality_criterion_label": "Bemötande",
        "way_of_working": "",
        "follow_up_method": "",
        "anchor": f"atagande-{expected[0].pk}",
    }


def test_the_guarantee_detail_exposes_the_fixed_template(client, service_area):
    unit = make_guarantee(
        service_area, title="Förskolan Humlan", provider="Humlan Förskolor AB", record_number="X/1"
    )
    data = client.get(f"/api/v2/pages/{unit.pk}/").json()
    assert data["meta"]["type"] == "guarantees.GuaranteePage"
    assert data["provider"] == "Humlan Förskolor AB"
    assert data["idea"] == unit.idea
    assert data["remedy"] == unit.remedy
    assert data["reply_working_days"] == 2
    assert data["valid_from"] == unit.valid_from.isoformat()
    assert data["committee"] == service_area.committee.name
    assert data["record_number"] == "X/1"
    assert len(data["commitments"]) == 3
    # Open data carries the unit's service contacts, not the name of a member of staff.
    assert "contact_person" not in data


def test_service_areas_expose_their_commitments(client, service_area):
    response = client.get("/api/v2/pages/?type=guarantees.ServiceAreaPage&fields=*")
    item = response.json()["items"][0]
    assert item["committee"] == service_area.committee.name
    assert [c["title"] for c in item["commitments"]] == ["Områdesåtagande 1"]


def test_drafts_are_not_open_data(client, service_area):
    draft = make_guarantee(service_area, title="Utkastet", publish=False, live=False)
    listing = client.get("/api/v2/pages/?type=guarantees.GuaranteePage").json()
    assert draft.pk not in [item["id"] for item in listing["items"]]
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_an_unknown_field_is_a_clear_400(client, guarantee):
    response = client.get("/api/v2/pages/?type=guarantees.GuaranteePage&fields=password")
    assert response.status_code == 400
