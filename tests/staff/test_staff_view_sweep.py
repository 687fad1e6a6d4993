"""Staff views swept from the URLconf (issue 13, bullets 2 and 10).

- Every admin path with a number, ours and Wagtail's, is asked with a number no database column
  can hold: the answer is a 4xx page that speaks Swedish.
- Every state change (a `StateChangeView`: reply, close, publish, reject, remove, restore, the
  jury's decisions ...) only shows its confirmation on a GET: nothing is written until the
  confirming POST.

A new staff view is covered without touching this file.
"""

import pytest
from django.test import Client

from home.admin_views import StateChangeView
from tests.sweeps import (
    HUGE,
    SUPERUSER,
    build_world,
    client_for,
    is_bookkeeping,
    isolated_request,
    path_for,
    url_patterns,
)

INT_PARAMETER = "<int:"

# What the site's and Wagtail's Swedish 4xx pages say (ours in site/templates, Wagtail's
# "Sidfel 404: Sidan kunde inte hittas").
SWEDISH = [
    "Sidan finns inte",
    "kunde inte hittas",
    "finns inte",
    "Felaktig begäran",
    "Metoden stöds inte här",
]

# The admin's JSON API answers the admin's own scripts, not a person: left out here.
NOT_FOR_PEOPLE = ("admin/api/", "admin/editing-sessions/")


@pytest.fixture
def sweep_world(home_page, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    return build_world(home_page, tmp_path)


def refused_as_not_permitted(response):
    """Wagtail's own answer to an action nobody may take (an invalidation is never edited by
    hand, say): back to the dashboard with its Swedish "no permission" message."""
    chain = [url for url, _ in response.redirect_chain]
    return chain[-1:] == ["/admin/"] and "du saknar rättigheter" in response.content.decode()


def crafted_paths(world):
    for pattern in url_patterns():
        if not pattern.is_admin or INT_PARAMETER not in pattern.route:
            continue
        if pattern.route.startswith(NOT_FOR_PEOPLE):
            continue
        names = [
            part.split(">")[0] for part in pattern.route.split(INT_PARAMETER)[1:] if ">" in part
        ]
        yield pattern, path_for(world, pattern, dict.fromkeys(names, HUGE))


def test_a_crafted_number_in_any_staff_path_is_a_swedish_4xx(sweep_world):
    client = client_for(Client, sweep_world, SUPERUSER)
    wrong, checked = [], 0
    for pattern, path in crafted_paths(sweep_world):
        # A view that only takes a POST is asked with one; a redirect is followed to its end.
        response = client.get(path, follow=True)
        if response.status_code == 405:
            response = client.post(path, {}, follow=True)
        checked += 1
        text = response.content.decode(errors="replace")
        if refused_as_not_permitted(response):
            continue
        if not 400 <= response.status_code < 500:
            wrong.append(f"{response.status_code} {path} [{pattern.route}]")
        elif not any(phrase in text for phrase in SWEDISH):
            wrong.append(f"{response.status_code} without Swedish: {path} [{pattern.route}]")
    assert checked > 50
    assert not wrong, "\n".join(wrong)


def state_change_patterns():
    for pattern in url_patterns():
        view_class = getattr(pattern.pattern.callback, "view_class", None)
        if view_class is not None and issubclass(view_class, StateChangeView):
            yield pattern


def test_every_state_change_asks_first_and_a_get_writes_nothing(sweep_world):
    client = client_for(Client, sweep_world, SUPERUSER)
    wrong, checked = [], []
    for pattern in state_change_patterns():
        path = path_for(sweep_world, pattern)
        outcome = isolated_request(client, "GET", path, track_writes=True)
        checked.append(pattern.pattern.callback.view_class.__name__)
        written = {table for table in outcome.written if not is_bookkeeping(table)}
        if outcome.status != 200 or written:
            wrong.append(f"{outcome.status} {path} wrote {written} {outcome.error}")
    # Among them the irreversible ones the issue names.
    for name in ["CloseView", "PublishView", "RejectView", "RemoveView", "ReplyView"]:
        assert name in checked, name
    assert not wrong, "\n".join(wrong)
