"""From editor to committee to published; the yearly cycle is in test_yearly_cycle.py."""

import pytest
from django.urls import reverse

from guarantees.models import GuaranteePage

pytestmark = pytest.mark.django_db


def edit_form_data(client, page, **changes):
    from .conftest import post_data

    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    data = post_data(response.context["form"])
    data.update(changes)
    return data


def submit_for_approval(client, page, **changes):
    data = edit_form_data(client, page, **changes)
    data["action-submit"] = "1"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    return GuaranteePage.objects.get(pk=page.pk)


def approve(client, page):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    return client.post(url, {})


def test_editor_submits_and_the_approver_publishes_the_new_content(client, world):
    client.force_login(world.users["editor"])
    new_idea = "Vi ger varje barn en trygg och lärorik dag."
    page = submit_for_approval(client, world.own, idea=new_idea)

    assert page.current_workflow_state.workflow.name == "Nämndens godkännande"
    assert page.live_revision.as_object().idea != new_idea
    assert new_idea not in client.get(page.url).content.decode()

    client.force_login(world.users["approver"])
    compare = client.get(f"/admin/pages/{page.pk}/revisions/compare/live...latest/")
    assert compare.status_code == 200
    assert "lärorik" in compare.content.decode()  # the diff marks the changed words

    response = approve(client, page)
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live and page.idea == new_idea
    assert not page.has_unpublished_changes
    assert new_idea in client.get(page.url).content.decode()


def test_editor_cannot_publish_directly(client, world):
    client.force_login(world.users["editor"])
    html = client.get(f"/admin/pages/{world.own.pk}/edit/").content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html

    data = edit_form_data(client, world.own, idea="Publicerat utan beslut.")
    data["action-publish"] = "1"
    client.post(f"/admin/pages/{world.own.pk}/edit/", data)
    world.own.refresh_from_db()
    assert world.own.idea != "Publicerat utan beslut."


def test_other_roles_cannot_approve(client, world):
    client.force_login(world.users["editor"])
    page = submit_for_approval(client, world.own, idea="Ny idé som väntar.")
    for role in ("editor", "quality", "handler"):
        client.force_login(world.users[role])
        approve(client, page)
        page.refresh_from_db()
        assert page.idea != "Ny idé som väntar.", role


def test_history_names_who_submitted_and_who_approved(client, world):
    from wagtail.models import PageLogEntry

    client.force_login(world.users["editor"])
    page = submit_for_approval(client, world.own, idea="Historik.")
    client.force_login(world.users["approver"])
    approve(client, page)
    actions = {
        (entry.action, entry.user.username)
        for entry in PageLogEntry.objects.filter(page=page, user__isnull=False)
    }
    assert ("wagtail.workflow.start", "editor") in actions
    assert ("wagtail.workflow.approve", "approver") in actions
    assert ("wagtail.publish", "approver") in actions
    history = client.get("/admin/reports/site-history/").content.decode()
    assert page.title in history
