import json
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest
from django.core.cache import cache

BASE = "/open311/v2"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate limits count in the cache; every test starts with a clean count."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_key(db):
    from open311.models import ApiClient

    client = ApiClient(name="Felanmälan-appen", contact="app@example.se")
    key = client.new_key()
    client.save()
    return key


def complaint_code(unit):
    return f"{unit.pk}-klagomal"


def post_request(client, fmt="json", **fields):
    """POST requests.<fmt> as an app does: urlencoded UTF-8."""
    return client.post(
        f"{BASE}/requests.{fmt}",
        urlencode(fields),
        content_type="application/x-www-form-urlencoded",
    )


def parsed(response):
    """The body as Python data: JSON as is, XML as its root element."""
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ElementTree.fromstring(response.content)  # noqa: S314 -- our own answer, parsed as a client would


def assert_errors(response, status, fragment=""):
    """The specification's error format, in Swedish, with the right HTTP status."""
    assert response.status_code == status, response.content
    body = parsed(response)
    if isinstance(body, list):
        assert body and all(set(error) == {"code", "description"} for error in body)
        assert all(error["code"] == status for error in body)
        descriptions = [error["description"] for error in body]
    else:
        assert body.tag == "errors"
        assert [child.tag for child in body] == ["error"] * len(body) and len(body)
        assert all([f.tag for f in error] == ["code", "description"] for error in body)
        assert all(error.findtext("code") == str(status) for error in body)
        descriptions = [error.findtext("description") for error in body]
    assert any(fragment in text for text in descriptions), descriptions
    return descriptions


@pytest.fixture
def other_unit(home_page):
    from tests.factories import make_guarantee, make_service_area

    area = make_service_area(home_page, title="Äldreomsorg")
    return make_guarantee(area, title="Hemtjänsten Norr")
