"""The admin in Swedish: every role's screens, walked in Chromium, show no English we know of.

The screens come from each role's own admin menu (the sidebar's data), so a new menu item or a
new role is walked without anyone listing it here.
"""

import gettext
import json
import re
from pathlib import Path

import pytest
import wagtail as wagtail_package
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation

from home.years import previous_year
from staff import roles
from staff.models import Role, UnitAssignment
from tests.followup.conftest import make_follow_up

from .conftest import PASSWORD

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES"

# English that reached staff before the project catalogue (Wagtail's and ours), as whole words.
ENGLISH = [
    "Saved",
    "Changes requested",
    "Compare",
    "Exploring",
    "Autosave is paused",
    "Go-live",
    "Once scheduled",
    "Is published",
    "Ready for review",
    "True",
    "False",
    "Moderators",
    "Editors",
    "Dashboard",
    "Settings",
    "Reports",
    "Search",
    "Edit",
    "Delete",
    "Actions",
]
ENGLISH_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w-])")


def po_entries(path):
    """The msgid -> msgstr pairs of our .po (one line each, as we write them)."""

    def unquote(line):
        return json.loads(line.split(" ", 1)[1])

    lines = path.read_text(encoding="utf-8").splitlines()
    return {
        unquote(msgid): unquote(msgstr)
        for msgid, msgstr in zip(lines, lines[1:], strict=False)
        if msgid.startswith("msgid ") and msgstr.startswith("msgstr ") and unquote(msgid)
    }


@pytest.mark.parametrize("domain, least", [("django", 100), ("djangojs", 10)])
def test_the_compiled_catalogue_says_what_the_po_says(domain, least):
    entries = po_entries(CATALOGUE / f"{domain}.po")
    compiled = gettext.GNUTranslations((CATALOGUE / f"{domain}.mo").open("rb"))
    assert len(entries) > least
    stale = {msgid for msgid, msgstr in entries.items() if compiled.gettext(msgid) != msgstr}
    assert not stale, f"recompile locale/sv/LC_MESSAGES/{domain}.po with msgfmt"


def test_the_admins_scripts_get_the_project_catalogue_for_wagtails_js_strings(client):
    """Wagtail's JavaScript catalogue (Django's JavaScriptCatalog) merges LOCALE_PATHS last:
    the strings its Swedish catalogue lacks come from ours, the others stay Wagtail's."""
    catalogue = client.get("/admin/jsi18n/").content.decode()

    def entry(msgid, msgstr):
        return f"{json.dumps(msgid)}: {json.dumps(msgstr)}"

    assert entry("Changes have been autosaved.", "Ändringarna är sparade automatiskt.") in catalogue
    assert entry("Close", "Stäng") in catalogue  # Wagtail's own Swedish, kept


def test_django_takes_the_project_catalogue_for_wagtails_msgids():
    """LOCALE_PATHS puts locale/ ahead of Wagtail's catalogues: each msgid there, the English
    ones Wagtail 8 left untranslated included, comes out as our Swedish."""
    lines = (CATALOGUE / "django.po").read_text(encoding="utf-8").splitlines()
    wrong, checked = {}, 0
    with translation.override("sv"):
        for before, msgid, msgstr in zip(lines, lines[1:], lines[2:], strict=False):
            if before.startswith("msgctxt") or not msgid.startswith("msgid "):
                continue
            if not msgstr.startswith("msgstr "):
                continue
            source, target = json.loads(msgid[6:]), json.loads(msgstr[7:])
            if source and target:
                checked += 1
                if translation.gettext(source) != target:
                    wrong[source] = translation.gettext(source)
    assert checked > 100
    assert not wrong
    for english in ["Saved", "Compare", "Exploring", "Go-live:"]:
        with translation.override("sv"):
            assert translation.gettext(english) != english


def test_the_admin_says_webbplats_where_wagtails_swedish_says_sajt():
    """The site's Swedish word for a website is "webbplats" (as Swedish public bodies write
    it, and as the rest of this admin does); Wagtail's Swedish catalogues say "sajt". Every
    string they translate so comes out with the project's word."""
    packages = Path(wagtail_package.__file__).parent.parent  # wagtail, wagtail_localize, ...
    sajt = {}
    for mo in packages.glob("wagtail*/**/locale/sv/LC_MESSAGES/django.mo"):
        with mo.open("rb") as catalogue:
            for msgid, msgstr in gettext.GNUTranslations(catalogue)._catalog.items():
                if isinstance(msgid, str) and msgid and "sajt" in msgstr.lower():
                    sajt[msgid] = msgstr
    assert len(sajt) > 20
    with translation.override("sv"):
        still = {msgid: translation.gettext(msgid) for msgid in sajt}
    assert not {msgid: said for msgid, said in still.items() if "sajt" in said.lower()}


def menu_urls(page):
    """Every admin menu URL the signed-in user is offered, from the sidebar's own data."""
    props = page.locator("#wagtail-sidebar-props").text_content()
    urls = set(re.findall(r'"url": "(/admin/[^"]*)"', props))
    return sorted(url for url in urls if "logout" not in url)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_roles_screens_are_in_swedish(page, live_server, world):
    people = {}
    for group_name in roles.ROLE_GROUPS:
        user = get_user_model().objects.create_user(
            f"sv-{len(people)}", email=f"sv{len(people)}@angsby.example", password=PASSWORD
        )
        Group.objects.get(name=group_name).user_set.add(user)
        people[group_name] = user
    UnitAssignment.objects.create(
        user=people[roles.UNIT_EDITOR], page=world.own_area, role=Role.EDITOR
    )
    UnitAssignment.objects.create(
        user=people[roles.FEEDBACK_HANDLER], page=world.own_area, role=Role.HANDLER
    )
    # A follow-up, so that the follow-up listing shows its column heads too.
    make_follow_up(world.own, year=previous_year())
    extra = {
        roles.UNIT_EDITOR: [f"/admin/pages/{world.own.pk}/edit/"],
        roles.FEEDBACK_HANDLER: [f"/admin/synpunkter/inkorg/{world.own_case.pk}/"],
    }
    found = {}
    for group_name, user in people.items():
        page.context.clear_cookies()
        page.goto("/admin/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("form button[type=submit]")
        page.wait_for_url("**/admin/")
        for url in ["/admin/", *menu_urls(page), *extra.get(group_name, [])]:
            page.goto(url)
            text = page.locator("main, #main, body").first.inner_text()
            words = sorted(set(ENGLISH_PATTERN.findall(text)))
            if words:
                found[f"{group_name} {url}"] = words
    assert not found


def test_the_role_setup_names_djangos_and_wagtails_permissions_in_swedish(db):
    from django.contrib.auth.models import Permission

    from staff.setup import setup_roles

    def named(codename, name):
        Permission.objects.filter(codename=codename).update(name=name)

    # As `migrate` names them.
    named("add_page", "Can add page")
    named("publish_page", "Publish any page")
    named("choose_image", "Can choose image")
    named("view_committee", "Nämnder som administratören döpt")  # written by hand
    setup_roles()
    names = dict(Permission.objects.values_list("codename", "name"))
    assert names["add_page"] == "Kan lägga till sida"
    assert names["publish_page"] == "Publicera alla sidor"
    assert names["choose_image"] == "Kan välja bild"
    assert names["view_committee"] == "Nämnder som administratören döpt"
    assert not [name for name in names.values() if name.startswith("Can ")]


def test_every_time_zone_offered_on_the_account_page_is_one_a_browser_can_name():
    """Wagtail's default list holds the system's "localtime", and the account page's script
    threw "Invalid time zone: localtime"; the browser walk checks what Chromium says."""
    from wagtail.admin.localization import get_available_admin_time_zones

    zones = get_available_admin_time_zones()
    assert "Europe/Stockholm" in zones and "UTC" in zones
    assert not {"localtime", "Factory", "posixrules"} & set(zones)


def test_the_sites_listing_heads_its_columns_in_swedish(home_page, client):
    admin = get_user_model().objects.create_superuser("webbplatser", "w@angsby.example", "x")
    client.force_login(admin)
    text = client.get("/admin/sites/").content.decode()
    assert "Webbplatsens namn" in text and "Startsida" in text
    assert "Site name" not in text and "Root page" not in text
