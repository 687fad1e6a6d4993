"""The roles as a fresh install has them, and the guards around them."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Workflow

from staff import roles
from staff.models import Role, UnitAssignment
from staff.setup import setup_roles

from .conftest import make_staff

pytestmark = pytest.mark.django_db


def test_a_fresh_install_has_only_our_groups_and_our_workflow(home_page):
    setup_roles()
    assert set(Group.objects.values_list("name", flat=True)) == set(roles.ROLE_GROUPS)
    assert list(Workflow.objects.values_list("name", flat=True)) == [roles.WORKFLOW_NAME]


def test_setup_roles_stops_on_a_permission_that_does_not_exist(monkeypatch):
    table = {**roles.MODEL_PERMISSIONS, roles.UNIT_EDITOR: ["feedback.view_feedbak"]}
    monkeypatch.setattr(roles, "MODEL_PERMISSIONS", table)
    with pytest.raises(ImproperlyConfigured, match="feedback.view_feedbak"):
        setup_roles()


def test_setup_roles_makes_the_permissions_an_apps_migration_made_and_a_flush_took_away(
    home_page,
):
    """wagtail-localize creates "submit_translation" in a migration, not from a model: a
    flushed database (a transactional test) or one migrated before its content type existed
    lacks it, and the translators must still get it."""
    for name in roles.MIGRATION_MADE_PERMISSIONS:
        app_label, _, codename = name.partition(".")
        Permission.objects.filter(content_type__app_label=app_label, codename=codename).delete()
    ContentType.objects.filter(app_label="wagtail_localize", model="translation").delete()

    setup_roles()

    translators = Group.objects.get(name=roles.TRANSLATOR)
    permission = translators.permissions.get(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    assert permission.name == "Kan skicka in översättningar"
    for name in roles.MIGRATION_MADE_PERMISSIONS:
        app_label, _, codename = name.partition(".")
        assert (
            Permission.objects.filter(content_type__app_label=app_label, codename=codename).count()
            == 1
        )


def test_derived_unit_groups_are_not_offered_in_the_user_form_and_survive_a_save(
    client, world, admin_user
):
    from staff.sync import sync_unit_editors

    sync_unit_editors(world.own_area.pk)
    editor = world.users["editor"]
    derived = editor.groups.get(name__startswith=roles.UNIT_EDITOR_GROUP_PREFIX)
    client.force_login(admin_user)
    url = f"/admin/users/edit/{editor.pk}/"
    html = client.get(url).content.decode()
    assert roles.UNIT_EDITOR in html and derived.name not in html
    role_group = Group.objects.get(name=roles.UNIT_EDITOR)
    response = client.post(
        url,
        {
            "username": editor.username,
            "email": editor.email,
            "first_name": "Ella",
            "last_name": "Redaktör",
            "is_active": "on",
            "groups": [role_group.pk],
        },
    )
    assert response.status_code == 302
    assert set(editor.groups.values_list("name", flat=True)) == {roles.UNIT_EDITOR, derived.name}
    # Ticking the derived group by hand is not possible either.
    response = client.post(
        url,
        {"username": editor.username, "email": editor.email, "groups": [derived.pk]},
    )
    assert response.status_code == 200 and "groups" in response.context["form"].errors


def test_a_unit_assignment_takes_only_a_guarantee_or_a_service_area(client, world, admin_user):
    from tests.factories import make_content_page

    content = make_content_page(world.home)
    user = make_staff("ny", roles.FEEDBACK_HANDLER)
    client.force_login(admin_user)
    for page in (content.pk, "abc", "99999999999999999999"):
        response = client.post(
            "/admin/tilldelningar/new/", {"user": user.pk, "page": page, "role": Role.HANDLER}
        )
        assert response.status_code == 200, page
    assert not UnitAssignment.objects.filter(user=user).exists()
    response = client.post(
        "/admin/tilldelningar/new/", {"user": user.pk, "page": world.own.pk, "role": Role.HANDLER}
    )
    assert response.status_code == 302
