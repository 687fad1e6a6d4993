"""Local passwords off: the password form is gone and a POST to it refused, but for the
break-glass users; the roles of an SSO user follow the token's groups at every sign-in."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from identity.staff import sign_in
from staff import roles
from staff.setup import setup_roles

from .conftest import GROUP_MAP

ISSUER = "https://login.kommun.example"


@pytest.fixture
def passwords_off(settings, db):
    settings.IDENTITY_LOCAL_PASSWORDS = False
    settings.IDENTITY_BREAK_GLASS_USERS = ["reserv"]
    settings.IDENTITY_STAFF_GROUP_MAP = GROUP_MAP
    users = get_user_model().objects
    users.create_superuser("reserv", "reserv@kommun.example", "nodlage-lösen")
    users.create_superuser("admin", "admin@kommun.example", "vanligt-lösen")
    return settings


def test_a_password_post_is_refused_when_local_passwords_are_off(client, passwords_off):
    response = client.post("/admin/login/", {"username": "admin", "password": "vanligt-lösen"})
    assert response.status_code == 403
    assert "Inloggning med lösenord är avstängd" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_login_page_without_passwords_shows_no_password_field(client, passwords_off):
    page = client.get("/admin/login/").content.decode()
    assert 'type="password"' not in page


def test_a_break_glass_user_still_signs_in_with_a_password(client, passwords_off):
    form = client.get("/admin/login/?reserv=1").content.decode()
    assert 'type="password"' in form
    response = client.post("/admin/login/", {"username": "reserv", "password": "nodlage-lösen"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_password_is_refused_by_django_itself_when_off(passwords_off):
    from django.contrib.auth import authenticate

    assert authenticate(username="admin", password="vanligt-lösen") is None
    assert authenticate(username="reserv", password="nodlage-lösen") is not None


def test_with_passwords_on_the_ordinary_form_still_works(client, settings, db):
    get_user_model().objects.create_superuser("admin", "admin@kommun.example", "vanligt-lösen")
    response = client.post("/admin/login/", {"username": "admin", "password": "vanligt-lösen"})
    assert response.status_code == 302


def test_roles_follow_the_tokens_groups_at_every_sign_in(settings, db):
    settings.IDENTITY_STAFF_GROUP_MAP = GROUP_MAP
    setup_roles()
    staff_group = Group.objects.create(name=f"{roles.UNIT_EDITOR_GROUP_PREFIX}Solrosen")
    claims = {"sub": "s-1", "name": "Sara", "email": "sara@kommun.example"}
    user = sign_in(claims, ["kvalitet-synpunkter", "ekonomi"], ISSUER)
    assert {group.name for group in user.groups.all()} == {roles.FEEDBACK_HANDLER}
    user.groups.add(staff_group)  # a unit's editors: given by staff.sync, not by the token

    again = sign_in(claims, ["kvalitet-moderator"], ISSUER)
    assert again == user
    assert {group.name for group in user.groups.all()} == {
        roles.PROPOSAL_MODERATOR,
        staff_group.name,
    }
    assert not user.is_superuser

    # Left every mapped group at the provider: no role, and no sign-in.
    assert sign_in(claims, [], ISSUER) is None
    assert {group.name for group in user.groups.all()} == {staff_group.name}


def test_the_same_subject_at_another_issuer_is_another_user(settings, db):
    settings.IDENTITY_STAFF_GROUP_MAP = GROUP_MAP
    setup_roles()
    first = sign_in({"sub": "s-1"}, ["kvalitet-strateg"], ISSUER)
    second = sign_in({"sub": "s-1"}, ["kvalitet-strateg"], "https://annan.example")
    assert first != second
