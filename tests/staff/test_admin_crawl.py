"""Every admin link each role can reach, on the demo municipality: no dead link, no English.

The people come from the role table: each group of `staff.roles.ROLE_GROUPS` is walked as its
demo person (`staff.demo.DEMO_STAFF`, tied to the demo's units as `make run` ties them) and, for
a group the demo has nobody in, as a person made here. Each walk starts at the dashboard and
follows every admin link and menu item it is offered (tests/staff/admin_crawl.py), in
Django's test client: a 404, a 5xx or a phrase of ENGLISH on a page fails. Then Chromium opens
the dashboard, the account page and one page of each URL pattern reached, as the same person:
any console error fails, and so does, at 375 px, a page that scrolls sideways or a table cut
off outside a region of its own that scrolls. Every failure is reported at once, with the
role and the page that offered the link.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component

from staff import roles
from staff.demo import DEMO_STAFF
from tests.conftest import cut_off_on_screen

from .admin_crawl import Failure, walk_admin

PHONE = {"width": 375, "height": 800}

# English the Swedish admin showed (Wagtail's strings its Swedish catalogue lacks, aria-labels
# written in English in its templates, a Python None rendered as text), as whole words or
# phrases. Each is English only: none is also a Swedish word.
ENGLISH = [
    r"\d+-\d+ of \d+",  # the page listing's "1-2 of 2 sidor"
    "There are no",
    "Why not",
    "add one",
    "To be created by",
    "This action will",
    "in total",
    "None",
    "Actions",
    "Site name",
    "Root page",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    "with children",
    "Publish any page",
    "Unlock any page",
    "Autosave",
    "Saving",
    "Saved",
    "Changes requested",
    "Compare",
    "Exploring",
    "Go-live",
    "Once scheduled",
    "Is published",
    "Ready for review",
    "True",
    "False",
    "Dashboard",
    "Settings",
    "Reports",
    "Search",
    "Edit",
    "Delete",
    "Previous",
    "Next",
    "Page \\d+ of",
    "Select all",
    "Sort by",
    "No results",
]
ENGLISH_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(ENGLISH) + r")(?![\w-])")


def demo_people():
    """(label, user) for every role of the role table: its demo people, or one made here."""
    people = []
    user_model = get_user_model()
    for group_name in roles.ROLE_GROUPS:
        demo = [username for username, *_, group, _assignment in DEMO_STAFF if group == group_name]
        for username in demo:
            people.append((f"{group_name} ({username})", user_model.objects.get(username=username)))
        if not demo:
            user = user_model.objects.create_user(f"walk-{len(people)}", password="walk-password")
            Group.objects.get(name=group_name).user_set.add(user)
            people.append((group_name, user))
    return people


def walk_as(user, label, **options):
    client = Client()
    client.force_login(user)
    return walk_admin(client, label, ENGLISH_PATTERN, **options)


def sign_in(page, user, live_server):
    """The browser carries a session of `user`, as after signing in."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def console_errors(page, url):
    page.watch.console_errors.clear()
    page.goto(url)
    return list(page.watch.console_errors)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_role_walks_the_demo_admin_without_dead_links_english_or_console_errors(
    demo, page, live_server
):
    failures, visited, in_browser = [], 0, set()
    for label, user in demo_people():
        walk = walk_as(user, label)
        failures += walk.failures
        visited += len(walk.visited)
        # In Chromium: the dashboard and the account page (its time zones are named by
        # script), then one page of each URL pattern no role before opened there.
        sign_in(page, user, live_server)
        urls = ["/admin/", "/admin/account/"]
        urls += [url for route, url in walk.pages.items() if route not in in_browser]
        in_browser |= walk.pages.keys()
        for url in dict.fromkeys(urls):
            failures += [
                Failure(label, url, "(browser)", f"console: {error}")
                for error in console_errors(page, url)
            ]
            desktop = page.viewport_size
            page.set_viewport_size(PHONE)
            failures += [
                Failure(label, url, "(browser)", f"at 375 px: {cut}")
                for cut in cut_off_on_screen(page)
            ]
            page.set_viewport_size(desktop)
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(map(str, failures))
    # The walk reached the screens the roles work in: every URL pattern once per role, not
    # every object (the walk, which took every link, followed 975).
    assert visited > 400 and len(in_browser) > 100


class PlantedPanel(Component):
    """A dashboard panel with whatever a test plants in it."""

    order = 0

    def __init__(self, html):
        self.html = html

    def render_html(self, parent_context=None):
        return self.html


def walk_with_planted_panel(user, html):
    def plant(request, panels):
        panels.append(PlantedPanel(html))

    with hooks.register_temporarily("construct_homepage_panels", plant):
        return walk_as(user, "editor", depth=1)


def test_the_walk_reports_a_planted_dead_link_with_role_and_page(world):
    link = format_html('<a href="{}">Planterad länk</a>', "/admin/planterad-dod-lank/")
    walk = walk_with_planted_panel(world.users["editor"], link)
    assert "editor: /admin/planterad-dod-lank/ (linked from /admin/): 404" in map(
        str, walk.failures
    )


def test_the_walk_reports_english_with_role_and_page(world):
    english = format_html("<p>{}</p>", "There are no cases to display. Why not add one?")
    walk = walk_with_planted_panel(world.users["editor"], english)
    assert "editor: /admin/ (linked from (start)): English: There are no, Why not, add one" in map(
        str, walk.failures
    )
