"""Roles setup, per-unit permissions derived from assignments, the renewal report and history."""

import csv
import datetime
import io
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, ModelLogEntry, WorkflowPage

from staff import roles
from staff.models import Role, UnitAssignment, UnitEditorGroup
from staff.setup import resolve_permissions
from tests.factories import make_guarantee

pytestmark = pytest.mark.django_db


def test_setup_roles_twice_creates_nothing_new_and_assigns_the_committee_workflow(world):
    call_command("setup_roles", stdout=StringIO())
    counts = (Group.objects.count(), GroupPagePermission.objects.count())
    call_command("setup_roles", stdout=StringIO())
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == counts
    assert set(roles.ROLE_GROUPS) <= set(Group.objects.values_list("name", flat=True))
    workflow = WorkflowPage.objects.get(page=world.home).workflow
    assert workflow.name == roles.WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.APPROVER]
    assert world.own.get_workflow() == workflow


def test_permissions_that_do_not_exist_stop_the_setup_with_their_names():
    from django.core.exceptions import ImproperlyConfigured

    found = resolve_permissions(["wagtailadmin.access_admin", "feedback.*"])
    assert "access_admin" in [p.codename for p in found]
    with pytest.raises(ImproperlyConfigured, match=r"nosuchapp\.\*, nosuchapp\.do_it"):
        resolve_permissions(["wagtailadmin.access_admin", "nosuchapp.do_it", "nosuchapp.*"])


def test_area_editor_gets_the_area_and_loses_it_with_the_assignment(world):
    editor = world.users["editor"]
    assert world.own.permissions_for_user(editor).can_edit()
    assert not world.own.permissions_for_user(editor).can_publish()
    assert world.own_area.permissions_for_user(editor).can_add_subpage()
    assert not world.other.permissions_for_user(editor).can_edit()

    UnitAssignment.objects.get(user=editor, role=Role.EDITOR).delete()
    editor = type(editor).objects.get(pk=editor.pk)  # fresh permission cache
    assert not world.own.permissions_for_user(editor).can_edit()
    assert not UnitEditorGroup.objects.filter(page=world.own_area).exists()
    assert not Group.objects.filter(name__startswith=roles.UNIT_EDITOR_GROUP_PREFIX).exists()


def test_unit_editor_edits_only_that_unit_and_moving_the_assignment_moves_the_right(world):
    sibling = make_guarantee(world.own_area, title="Förskolan Vitsippan")
    person = world.users["moderator"]  # any person: the assignment gives the editor group
    assignment = UnitAssignment.objects.create(user=person, page=world.own, role=Role.EDITOR)
    person = type(person).objects.get(pk=person.pk)
    assert person.groups.filter(name=roles.UNIT_EDITOR).exists()
    assert world.own.permissions_for_user(person).can_edit()
    assert not sibling.permissions_for_user(person).can_edit()

    assignment.page = sibling
    assignment.save()
    person = type(person).objects.get(pk=person.pk)
    assert sibling.permissions_for_user(person).can_edit()
    assert not world.own.permissions_for_user(person).can_edit()


def test_handler_assignment_gives_no_page_rights(world):
    handler = world.users["handler"]
    assert not world.own.permissions_for_user(handler).can_edit()


def test_assignments_are_made_in_the_admin_and_written_to_the_history(client, world):
    client.force_login(world.users["administrator"])
    person = world.users["quality"]
    response = client.post(
        "/admin/tilldelningar/new/",
        {"user": person.pk, "page": world.other.pk, "role": Role.EDITOR},
    )
    assert response.status_code == 302
    assignment = UnitAssignment.objects.get(user=person, page=world.other)
    assert world.other.permissions_for_user(type(person).objects.get(pk=person.pk)).can_edit()
    client.post(f"/admin/tilldelningar/delete/{assignment.pk}/")
    assert not UnitAssignment.objects.filter(pk=assignment.pk).exists()
    logged = set(
        ModelLogEntry.objects.filter(object_id=str(assignment.pk)).values_list(
            "action", "user__username"
        )
    )
    assert logged == {("wagtail.create", "administrator"), ("wagtail.delete", "administrator")}
    client.get("/admin/")  # shows (and so clears) the confirmation messages
    UnitAssignment.objects.create(user=person, page=world.other, role=Role.EDITOR)
    listing = client.get("/admin/tilldelningar/?role=handler")
    assert [a.user.username for a in listing.context["object_list"]] == ["handler"]


def test_renewal_report_lists_expiring_and_expired_guarantees_and_exports_safely(client, world):
    today = timezone.localdate()
    make_guarantee(
        world.other_area,
        title="=HYPERLINK(1)",
        valid_from=today - datetime.timedelta(days=400),
        valid_to=today - datetime.timedelta(days=2),
    )
    client.force_login(world.users["quality"])
    html = client.get(reverse("staff_expiring_guarantees")).content.decode()
    assert "Förskolan Solrosen" in html  # expires in 30 days
    assert "HYPERLINK" in html  # expired
    assert "Ekskolan" not in html  # valid for another year
    # Expired in the admin's warning colour and its own word; expiring soon as a plain tag.
    soup = BeautifulSoup(html, "html.parser")
    tags = {
        row.select_one("td.title, th, td a").get_text(strip=True): row.select_one(".w-status")
        for row in soup.select("tbody tr")
    }
    expired, soon = tags["=HYPERLINK(1)"], tags["Förskolan Solrosen"]
    assert expired.get_text(strip=True) == "Har gått ut" and "overdue-tag" in expired["class"]
    assert soon.get_text(strip=True) == "Löper ut snart" and "overdue-tag" not in soon["class"]

    response = client.get(reverse("staff_expiring_guarantees") + "?export=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert rows[0][0] == "Kvalitetsgaranti"  # the house dialect: ';' and a byte order mark
    assert "Giltighet" in rows[0]
    validity = {row[0]: row[rows[0].index("Giltighet")] for row in rows[1:]}
    assert validity == {"'=HYPERLINK(1)": "Har gått ut", "Förskolan Solrosen": "Löper ut snart"}
    assert "'=HYPERLINK(1)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_dashboard_reminds_the_editor_of_own_units_to_renew(client, world):
    make_guarantee(world.other_area, title="Ekskolans gamla garanti", valid_to=timezone.localdate())
    client.force_login(world.users["editor"])
    html = client.get("/admin/").content.decode()
    assert "Garantier att förnya" in html
    assert "Förskolan Solrosen" in html
    assert "Ekskolans gamla garanti" not in html


def test_demo_staff_load_twice_and_can_log_in(client, home_page):
    from staff import demo

    out = StringIO()
    demo.load(out)
    counts = (UnitAssignment.objects.count(), Group.objects.count())
    demo.load(StringIO())
    assert (UnitAssignment.objects.count(), Group.objects.count()) == counts
    assert "redaktor / redaktor-demo" in out.getvalue()
    assert client.login(username="redaktor", password="redaktor-demo")
    assert client.get("/admin/").status_code == 200


def test_the_assignments_export_is_in_the_house_dialect_and_guarded(admin_client, guarantee):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("=cmd|calc", "x@example.se", "pw")
    UnitAssignment.objects.create(user=user, page=guarantee, role=Role.HANDLER)
    response = admin_client.get("/admin/tilldelningar/?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2 and len(rows[0]) == 3
    assert rows[1][0] == "'=cmd|calc"
