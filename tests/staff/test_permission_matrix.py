"""Who may open what: each role against each key admin and public view, also by guessing URLs.

One table: a row per view, with the roles that may open it. Everyone else must be refused
(403, a redirect to login or away, or 404 for an object outside their units).
"""

from typing import NamedTuple

import pytest
from django.urls import reverse
from wagtail.models import Site

from guarantees.followup.models import YearlyFollowUp

from .conftest import PASSWORD, PEOPLE

ROLES = ["anonymous", *PEOPLE, "superuser"]
STAFF = set(ROLES) - {"anonymous"}
EVERYONE = set(ROLES)


class Row(NamedTuple):
    view: str
    url: object  # world -> path
    allowed: set


MATRIX = [
    Row("admin dashboard", lambda w: "/admin/", STAFF),
    Row(
        "page explorer, own service area",
        lambda w: f"/admin/pages/{w.own_area.pk}/",
        {"editor", "approver", "administrator", "superuser"},
    ),
    Row(
        "page explorer, another service area",
        lambda w: f"/admin/pages/{w.other_area.pk}/",
        {"approver", "administrator", "superuser"},
    ),
    Row(
        "edit own unit's guarantee",
        lambda w: f"/admin/pages/{w.own.pk}/edit/",
        {"editor", "administrator", "superuser"},
    ),
    Row(
        "edit another unit's guarantee (guessed URL)",
        lambda w: f"/admin/pages/{w.other.pk}/edit/",
        {"administrator", "superuser"},
    ),
    Row(
        "add a guarantee in own service area",
        lambda w: f"/admin/pages/add/guarantees/guaranteepage/{w.own_area.pk}/",
        {"editor", "administrator", "superuser"},
    ),
    Row(
        "add a guarantee in another service area (guessed URL)",
        lambda w: f"/admin/pages/add/guarantees/guaranteepage/{w.other_area.pk}/",
        {"administrator", "superuser"},
    ),
    Row(
        "unpublish own unit's guarantee",
        lambda w: f"/admin/pages/{w.own.pk}/unpublish/",
        {"approver", "administrator", "superuser"},
    ),
    Row(
        "compare own guarantee with the published version",
        lambda w: f"/admin/pages/{w.own.pk}/revisions/compare/live...latest/",
        {"editor", "approver", "administrator", "superuser"},
    ),
    Row(
        "report: guarantees to renew",
        lambda w: reverse("staff_expiring_guarantees"),
        {"editor", "approver", "quality", "administrator", "superuser"},
    ),
    Row(
        "report: site history",
        lambda w: "/admin/reports/site-history/",
        STAFF,  # Wagtail shows each person the history of what they may see
    ),
    Row(
        "municipality settings",
        lambda w: f"/admin/settings/home/municipalitysettings/{Site.objects.get().pk}/",
        {"administrator", "superuser"},
    ),
    Row("user management", lambda w: "/admin/users/", {"administrator", "superuser"}),
    Row("group management", lambda w: "/admin/groups/", {"administrator", "superuser"}),
    Row("workflows", lambda w: "/admin/workflows/list/", {"administrator", "superuser"}),
    Row(
        "unit assignments",
        lambda w: "/admin/tilldelningar/",
        {"quality", "administrator", "superuser"},
    ),
    Row(
        "new unit assignment",
        lambda w: "/admin/tilldelningar/new/",
        {"administrator", "superuser"},
    ),
    Row(
        "feedback inbox",
        lambda w: reverse("feedback_inbox:index"),
        {"editor", "handler", "quality", "administrator", "superuser"},
    ),
    Row(
        "a feedback case of own unit",
        lambda w: reverse("feedback_inbox:case", args=[w.own_case.pk]),
        {"editor", "handler", "superuser"},
    ),
    Row(
        "a feedback case of another unit (guessed URL)",
        lambda w: reverse("feedback_inbox:case", args=[w.other_case.pk]),
        {"superuser"},
    ),
    Row(
        "feedback compilation",
        lambda w: reverse("feedback_inbox:compilation"),
        {"editor", "handler", "quality", "administrator", "superuser"},
    ),
    Row(
        "proposal moderation",
        lambda w: reverse("proposals_admin:index"),
        {"approver", "moderator", "administrator", "superuser"},
    ),
    Row(
        "votes per hour",
        lambda w: reverse("proposals_admin:traffic"),
        {"moderator", "administrator", "superuser"},
    ),
    Row(
        "yearly follow-up entry",
        lambda w: reverse(YearlyFollowUp.snippet_viewset.get_url_name("list")),
        {"quality", "administrator", "superuser"},
    ),
    Row(
        "yearly quality report",
        lambda w: reverse("kvalitetsrapport:index"),
        {"quality", "administrator", "superuser"},
    ),
    Row("public guarantee page", lambda w: w.own.url, EVERYONE),
    Row("health check", lambda w: "/healthz", EVERYONE),
]


def reaches(client, url):
    response = client.get(url)
    if response.status_code == 200:
        return True
    assert response.status_code in (302, 403, 404), f"{url} answered {response.status_code}"
    if response.status_code == 302:
        assert response.url.split("?")[0] != url
    return False


@pytest.mark.django_db
@pytest.mark.parametrize("row", MATRIX, ids=[row.view for row in MATRIX])
def test_permission_matrix(client, world, row):
    url = row.url(world)
    wrong = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        allowed = reaches(client, url)
        if allowed != (role in row.allowed):
            wrong.append(f"{role} {'reaches' if allowed else 'is refused'} {url}")
    assert not wrong


@pytest.mark.django_db
def test_login_works_with_the_role_passwords(client, world):
    assert client.login(username="editor", password=PASSWORD)


@pytest.mark.django_db
def test_unit_editor_reads_own_units_feedback_but_cannot_handle_it(client, world):
    client.force_login(world.users["editor"])
    url = reverse("feedback_inbox:case", args=[world.own_case.pk])
    assert client.get(url).status_code == 200
    response = client.post(url + "svara/", {"reply": "Tack för ditt klagomål.", "bekrafta": "1"})
    # Wagtail turns a refused admin action into a redirect away with a message.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url.split("?")[0] != url
    world.own_case.refresh_from_db()
    assert world.own_case.reply == ""
