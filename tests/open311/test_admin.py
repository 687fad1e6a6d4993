"""Registered apps in the admin: the key is shown once, stored hashed, and can be revoked."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from open311.models import ApiClient, hash_key
from staff import roles

from .conftest import assert_errors, complaint_code, post_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(home_page):
    call_command("setup_roles", verbosity=0)
    user = get_user_model().objects.create_user("admin1", "admin1@example.se", "pw")
    user.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
    client = Client()
    client.force_login(user)
    return client


def issue(client, name="Stadsappen"):
    response = client.post(
        "/admin/open311/appar/new/",
        {"name": name, "contact": "utvecklare@example.se", "requests_per_hour": "30"},
    )
    assert response.status_code == 200, response.content[:500]
    key = re.search(r'id="issued-key"[^>]*value="([^"]+)"', response.content.decode()).group(1)
    return response, key


def test_administrator_issues_a_key_shown_once_and_stored_hashed(administrator, guarantee):
    response, key = issue(administrator)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    app = ApiClient.objects.get()
    assert app.key_hash == hash_key(key) and key not in app.key_hash
    assert key.startswith(app.key_prefix)
    listing = administrator.get("/admin/open311/appar/").content.decode()
    edit = administrator.get(f"/admin/open311/appar/edit/{app.pk}/").content.decode()
    assert "Stadsappen" in listing and app.key_prefix in listing
    assert key not in listing and key not in edit
    # The key works at once.
    client = Client()
    answer = post_request(
        client,
        api_key=key,
        service_code=complaint_code(guarantee),
        description="Hej",
        **{"attribute[dimension]": "ovrigt"},
    )
    assert answer.status_code == 200


def test_revoking_in_the_admin_stops_the_key(administrator, guarantee):
    _response, key = issue(administrator)
    app = ApiClient.objects.get()
    assert (
        f"/admin/open311/appar/{app.pk}/sparra/"
        in administrator.get("/admin/open311/appar/").content.decode()
    )
    confirm = administrator.get(f"/admin/open311/appar/{app.pk}/sparra/")
    assert confirm.status_code == 200 and "kan inte öppnas igen" in confirm.content.decode()
    assert administrator.post(f"/admin/open311/appar/{app.pk}/sparra/").status_code == 302
    app.refresh_from_db()
    assert app.revoked_at is not None and app.revoked_by.username == "admin1"
    answer = post_request(
        Client(),
        api_key=key,
        service_code=complaint_code(guarantee),
        description="Hej",
        **{"attribute[dimension]": "ovrigt"},
    )
    assert_errors(answer, 403, "spärrad")
    again = administrator.post(f"/admin/open311/appar/{app.pk}/sparra/")
    assert again.status_code == 400 and "redan spärrad" in again.content.decode()
    # The app registers again under its name and gets a new key; the old one stays dead.
    _response, new_key = issue(administrator)
    assert new_key != key and ApiClient.objects.filter(name="Stadsappen").count() == 2
    assert ApiClient.authenticate(new_key) and ApiClient.authenticate(key) is None


def test_staff_without_the_permission_cannot_see_or_revoke_apps(home_page):
    call_command("setup_roles", verbosity=0)
    app = ApiClient(name="App", contact="a@example.se")
    app.new_key()
    app.save()
    user = get_user_model().objects.create_user("handler", "h@example.se", "pw")
    user.groups.add(Group.objects.get(name=roles.FEEDBACK_HANDLER))
    client = Client()
    client.force_login(user)
    assert client.get("/admin/open311/appar/").status_code in (302, 403)
    assert client.post(f"/admin/open311/appar/{app.pk}/sparra/").status_code in (302, 403)
    assert client.post("/admin/open311/appar/new/", {"name": "x"}).status_code in (302, 403)
    app.refresh_from_db()
    assert app.revoked_at is None and ApiClient.objects.count() == 1


def test_an_administrator_names_a_browser_apps_origins_and_a_wrong_one_is_refused(
    administrator, home_page
):
    refused = administrator.post(
        "/admin/open311/appar/new/",
        {
            "name": "Webbappen",
            "contact": "webb@example.se",
            "requests_per_hour": "30",
            "allowed_origins": "https://app.example.se\nhttps://app.example.se/sida",
        },
    )
    assert refused.status_code == 200 and not ApiClient.objects.exists()
    assert "https://app.example.se/sida" in refused.content.decode()
    administrator.post(
        "/admin/open311/appar/new/",
        {
            "name": "Webbappen",
            "contact": "webb@example.se",
            "requests_per_hour": "30",
            "allowed_origins": "https://app.example.se\nhttp://localhost:5173/",
        },
    )
    app = ApiClient.objects.get()
    assert app.origins() == {"https://app.example.se", "http://localhost:5173"}
    assert ApiClient.origin_is_registered("http://localhost:5173")
