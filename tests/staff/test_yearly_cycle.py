"""The yearly cycle without lock-out: this year's guarantee stays correctable while next
year's waits for its start date (staff.renewal)."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from guarantees.models import GuaranteePage
from staff.models import NextVersion

from .test_workflow import approve, edit_form_data, submit_for_approval

pytestmark = pytest.mark.django_db

NEXT_YEAR = "Nästa års garanti: vi utökar öppettiderna."


def schedule_next_year(client, world, start=None):
    start = start or timezone.now() + datetime.timedelta(days=40)
    client.force_login(world.users["editor"])
    page = submit_for_approval(
        client,
        world.own,
        idea=NEXT_YEAR,
        go_live_at=timezone.localtime(start).strftime("%Y-%m-%d %H:%M"),
    )
    client.force_login(world.users["approver"])
    approve(client, page)
    return GuaranteePage.objects.get(pk=page.pk)


def arrive(held):
    """The start date comes: move it into the past (no clock to travel with here)."""
    arrived = timezone.now() - datetime.timedelta(minutes=1)
    held.go_live_at = arrived
    held.save(update_fields=["go_live_at"])
    held.revision.content["go_live_at"] = arrived.isoformat()
    held.revision.save(update_fields=["content"])


def test_approved_next_year_waits_without_locking_and_goes_live_on_its_day(client, world):
    page = schedule_next_year(client, world)

    assert page.idea != NEXT_YEAR  # still this year's guarantee
    held = NextVersion.objects.get(page=page)
    assert held.revision.as_object().idea == NEXT_YEAR
    assert held.approved_by == world.users["approver"]
    # No Wagtail schedule, so no "Låst av schema" and nothing a later publish could clear.
    assert page.get_lock() is None
    assert page.scheduled_revision is None
    # The draft is this year's content again: an editor corrects what residents read.
    assert page.get_latest_revision_as_object().idea == page.idea

    call_command("publish_next_versions", stdout=StringIO())
    page.refresh_from_db()
    assert page.idea != NEXT_YEAR  # not its day yet

    arrive(held)
    call_command("publish_next_versions", stdout=StringIO())
    page.refresh_from_db()
    assert page.idea == NEXT_YEAR
    assert page.get_latest_revision_as_object().idea == NEXT_YEAR
    assert not page.has_unpublished_changes
    assert not NextVersion.objects.filter(page=page).exists()
    call_command("publish_next_versions", stdout=StringIO())  # idempotent: nothing left


def test_the_live_guarantee_is_corrected_while_next_years_version_waits(client, world):
    page = schedule_next_year(client, world)
    held = NextVersion.objects.get(page=page)

    client.force_login(world.users["editor"])
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Låst av schema" not in edit and "Locked by schedule" not in edit
    data = edit_form_data(client, page, phone="08-123 45 67")
    assert data["idea"] == page.idea  # the form holds this year's text, not next year's
    data["action-submit"] = "1"
    assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    page = GuaranteePage.objects.get(pk=page.pk)
    client.force_login(world.users["approver"])
    approve(client, page)

    page.refresh_from_db()
    assert page.phone == "08-123 45 67" and page.idea != NEXT_YEAR
    assert NextVersion.objects.get(page=page).revision == held.revision  # still waiting

    arrive(held)
    call_command("publish_next_versions", stdout=StringIO())
    page.refresh_from_db()
    assert page.idea == NEXT_YEAR


def test_renewals_panel_says_in_review_then_approved_with_the_date(client, world):
    client.force_login(world.users["quality"])
    report = reverse("staff_expiring_guarantees")
    assert "Saknas" in client.get(report).content.decode()

    start = timezone.make_aware(datetime.datetime(2099, 11, 25, 0, 0))
    client.force_login(world.users["editor"])
    page = submit_for_approval(client, world.own, idea=NEXT_YEAR, go_live_at="2099-11-25 00:00")
    assert WorkflowState.objects.filter(object_id=str(page.pk)).exists()
    client.force_login(world.users["quality"])
    row = client.get(report).content.decode()
    assert "Under granskning" in row

    client.force_login(world.users["approver"])
    approve(client, page)
    assert NextVersion.objects.get(page=page).go_live_at == start
    for role in ("quality", "editor"):
        client.force_login(world.users[role])
        shown = client.get(report).content.decode() + client.get("/admin/").content.decode()
        assert "Godkänd, publiceras ons 25 nov 2099" in shown, role
    csv = client.get(report + "?export=csv").content.decode("utf-8-sig")
    assert "Godkänd, publiceras ons 25 nov 2099" in csv


def test_the_approvers_queue_is_first_on_the_dashboard_and_history_opens(client, world):
    client.force_login(world.users["editor"])
    page = submit_for_approval(client, world.own, idea="Väntar på nämnden.")
    client.force_login(world.users["approver"])
    response = client.get("/admin/")
    names = [panel.name for panel in response.context["panels"]]
    assert names[0] == "workflow_objects_to_moderate", names
    assert page.title in response.content.decode()
    history = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
    assert history.status_code == 200
    assert page.title in history.content.decode()
