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
        "kolada_kpi": "",
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


def test_listing_guarantees_costs_the_same_queries_for_one_and_many(client, service_area):
    from django.db import connection

    url = "/api/v2/pages/?type=guarantees.GuaranteePage&fields=commitments"

    def count():
        queries = []

        def record(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            items = client.get(url).json()["items"]
        return len(queries), len(items)

    make_guarantee(service_area, title="Enhet A")
    client.get(url)
    one = count()
    for title in ["Enhet B", "Enhet C", "Enhet D"]:
        make_guarantee(service_area, title=title)
    many = count()
    assert (one[1], many[1]) == (1, 4)
    assert one[0] == many[0]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("/api/v2/pages/?search=%00", "nolltecken"),
        ("/api/v2/pages/?locale=%00", "nolltecken"),
        ("/api/v2/pages/find/?html_path=%00", "nolltecken"),
        ("/api/v2/pages/?offset=99999999999999999999", "offset: Kontrollera"),
        ("/api/v2/pages/?offset=-1", "offset: Kontrollera"),
        ("/api/v2/pages/?offset=%C2%B2", "offset: Fyll i ett heltal"),
        ("/api/v2/pages/?search=x&search_operator=xor", "search_operator: Välj ett giltigt"),
    ],
)
def test_hostile_api_parameters_get_a_swedish_400_before_any_query(
    client, guarantee, django_assert_max_num_queries, query, message
):
    with django_assert_max_num_queries(0):
        response = client.get(query)
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_valid_offset_and_operator_still_list_pages(client, guarantee):
    response = client.get("/api/v2/pages/?offset=0&search=Solrosen&search_operator=or")
    assert response.status_code == 200
