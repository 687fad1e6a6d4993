"""Sweep (b): every URL pattern x every role, GET and POST, against tests/staff/access_table.py.

The patterns come from the URLconf and the roles from staff/roles.py, so neither a new URL nor
a new role escapes: a URL without an entry fails `test_every_url_pattern_has_an_entry`, and a
new role is refused wherever the table does not name it.
"""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.log_actions import log

from staff import roles
from tests.sweeps import (
    ANONYMOUS,
    ROLE_IDS,
    ROLES,
    SUPERUSER,
    client_for,
    isolated_request,
    path_for,
    url_patterns,
)

from .access_table import ACCESS, OTHER_UNIT

# Where Wagtail and Django send a person who may not see a page.
REFUSAL_REDIRECTS = {"/admin/login/", "/admin/", "/_util/login/"}
# Tables that record that someone looked, not what they did: a profile made on first visit,
# image renditions, a site setting's row created on first read.
BOOKKEEPING = {"wagtailusers_userprofile", "wagtailimages_rendition"}


def entry_key(pattern):
    for key in (pattern.route, pattern.name):
        if key and key in ACCESS:
            return key
    if ":" in pattern.name:
        wildcard = pattern.name.rsplit(":", 1)[0] + ":*"
        if wildcard in ACCESS:
            return wildcard
    return None


def refused(outcome):
    """A 401/403/404, or a redirect to the login page or the admin home, unless the view said
    with a success message (and no error) that it did what was asked: wagtail-localize's
    stop_translation, for one, goes to the admin home after it stopped the translation, where
    Wagtail sends a refused person with an error message."""
    if outcome.status in (401, 403, 404):
        return True
    if outcome.status != 302 or urlsplit(outcome.location).path not in REFUSAL_REDIRECTS:
        return False
    succeeded = "success" in outcome.messages and "error" not in outcome.messages
    return not succeeded


def real_writes(outcome):
    return [
        table
        for table in outcome.written
        if table not in BOOKKEEPING and not table.endswith("settings")
    ]


@pytest.fixture
def world(sweep_world):
    return sweep_world


OTHER_OBJECTS = {
    "feedback": lambda w: {"pk": w.other_case.pk},
    "pages": lambda w: {"page_id": w.other.pk, "parent_page_id": w.other_area.pk},
}


# Objects the table needs other than the sweep's defaults: the own guarantee has feedback and
# a follow-up, which Wagtail protects from deletion, so deleting is tried on a page without.
OWN_OBJECTS = {"wagtailadmin_pages:delete": lambda w: {"page_id": w.objects["restricted"].pk}}


def own_path(world, pattern):
    overrides = OWN_OBJECTS.get(pattern.name)
    return path_for(world, pattern, overrides(world) if overrides else None)


def other_path(world, pattern):
    kind = "feedback" if pattern.name.startswith("feedback") else "pages"
    return path_for(world, pattern, OTHER_OBJECTS[kind](world))


def check(client, world, pattern, role, which, access, path):
    """What is wrong for one role at one path, as sentences; [] when the table holds."""
    wrong = []
    for method, allowed in (("GET", access.get), ("POST", access.post)):
        outcome = isolated_request(client, method, path, track_writes=True)
        if outcome.status >= 500:
            continue  # the URL sweep reports server errors; access is not decided by them
        if refused(outcome) == (role in allowed):
            verb = "is refused" if refused(outcome) else "reaches"
            wrong.append(f"{role} {verb} {method} {path} ({outcome.status}) [{which}]")
        elif refused(outcome) and real_writes(outcome):
            wrong.append(f"{role} refused at {method} {path} but wrote {real_writes(outcome)}")
    return wrong


def test_every_url_pattern_has_an_entry():
    patterns = url_patterns()
    missing = sorted({p.name or p.route for p in patterns if entry_key(p) is None})
    assert not missing, "add these to tests/staff/access_table.py:\n" + "\n".join(missing)
    used = {entry_key(p) for p in patterns}
    stale = sorted(set(ACCESS) - used)
    assert not stale, f"entries for URLs that no longer exist: {stale}"
    names = {p.name for p in patterns}
    assert not set(OTHER_UNIT) - names


def test_the_table_names_only_roles_of_the_role_table():
    named = set().union(*(access.get | access.post for access in ACCESS.values()))
    assert named <= {ANONYMOUS, SUPERUSER, *roles.ROLE_GROUPS}
    assert [ANONYMOUS, *roles.ROLE_GROUPS, SUPERUSER] == ROLES


@pytest.mark.parametrize("role", ROLES, ids=ROLE_IDS)
def test_access_table_holds_for_every_url(world, role):
    client = client_for(Client, world, role)
    wrong, checked = [], 0
    for pattern in url_patterns():
        key = entry_key(pattern)
        wrong += check(client, world, pattern, role, key, ACCESS[key], own_path(world, pattern))
        checked += 1
        if pattern.name in OTHER_UNIT:
            path = other_path(world, pattern)
            wrong += check(
                client, world, pattern, role, "other unit", OTHER_UNIT[pattern.name], path
            )
    assert checked > 250
    assert not wrong, f"{len(wrong)} differences from the access table:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", [roles.UNIT_EDITOR, roles.QUALITY_STAFF])
@pytest.mark.parametrize("export", ["", "?export=csv"])
def test_site_history_shows_no_case_of_another_unit(world, role, export):
    log(instance=world.other_case, action="wagtail.edit", user=world.users[SUPERUSER])
    client = client_for(Client, world, role)
    response = client.get(reverse("wagtailadmin_reports:site_history") + export)
    assert response.status_code == 200
    body = b"".join(response) if response.streaming else response.content
    assert world.other_case.reference.encode() not in body


def test_unit_editor_reads_own_units_feedback_but_cannot_handle_it(world):
    client = client_for(Client, world, roles.UNIT_EDITOR)
    url = reverse("feedback_inbox:case", args=[world.own_case.pk])
    assert client.get(url).status_code == 200
    reply_url = reverse("feedback_inbox:reply", args=[world.own_case.pk])
    letter = {"reply": "Tack för ditt klagomål.", "bekrafta": "1"}
    response = client.post(reply_url, letter)
    # Wagtail turns a refused admin action into a redirect away with a message.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url.split("?")[0] != url
    world.own_case.refresh_from_db()
    assert world.own_case.reply == ""
    # The handler of the same unit can: the refusal above is about the role, not the form.
    handler = client_for(Client, world, roles.FEEDBACK_HANDLER)
    handler.post(reply_url, letter)
    world.own_case.refresh_from_db()
    assert world.own_case.reply == "Tack för ditt klagomål."
