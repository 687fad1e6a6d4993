"""Every 405 speaks Swedish, whichever view refused the method (home/middleware.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.quality.test_transport import assert_swedish_error_page

REFUSED = "Metoden stöds inte här."


@pytest.fixture
def admin(home_page):
    user = get_user_model().objects.create_superuser("metod", "m@angsby.example", "lösen-123")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_a_public_view_refusing_the_method_answers_the_swedish_405_page(client, home_page):
    response = client.post("/sok/", {"q": "förskola"})
    assert_swedish_error_page(response, 405, "Felaktig förfrågan")
    assert REFUSED in response.content.decode()
    assert response["Allow"] == "GET"


def test_an_admin_view_refusing_the_method_answers_the_swedish_405_page(admin):
    # wagtail-localize stops a translation by POST only (Django's require_POST).
    response = admin.get("/admin/localize/translate/1/disable/")
    assert_swedish_error_page(response, 405, "Felaktig förfrågan", admin=True)
    assert REFUSED in response.content.decode()
    assert response["Allow"] == "POST"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_rest_framework_view_refusing_the_method_answers_in_swedish(admin, method):
    """wagtail-localize's string editor takes PUT and DELETE; Django REST framework refused
    anything else in English."""
    path = "/admin/localize/translate/1/strings/1/edit/"
    response = getattr(admin, method)(path, HTTP_ACCEPT="application/json")
    assert response.status_code == 405
    assert response.json() == {"detail": REFUSED}
    assert REFUSED in response.content.decode()  # readable as it is, not \u-escaped
    assert set(response["Allow"].split(", ")) >= {"PUT", "DELETE"}
