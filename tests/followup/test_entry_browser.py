"""The follow-up as staff use it, in Chromium: the unit manager saves a partial draft and has
no way to remove a row; quality staff publish with a confirmation, the unit is mailed, and
the first publication date survives a correction."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from guarantees.followup.models import Outcome, YearlyFollowUp
from home.years import previous_year
from outbox.models import Message
from staff import roles
from staff.models import Role, UnitAssignment
from staff.setup import setup_roles

from .conftest import make_follow_up

PASSWORD = "uppfoljning-test"


def _person(username, group, unit=None):
    setup_roles()
    user = get_user_model().objects.create_user(
        username, email=f"{username}@angsby.example", password=PASSWORD, first_name="Elias"
    )
    Group.objects.get(name=group).user_set.add(user)
    if unit is not None:
        UnitAssignment.objects.create(user=user, page=unit, role=Role.EDITOR)
    return user


def _log_in(page, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/admin/")


def _save(page):
    page.locator("footer button[type=submit]").first.click()


@pytest.mark.browser
def test_the_unit_manager_saves_a_partial_follow_up_and_cannot_remove_a_row(
    transactional_db, page, unit
):
    _person("enhetschef", roles.UNIT_EDITOR, unit)
    follow_up = YearlyFollowUp.start(unit, previous_year())
    rows = follow_up.outcomes.count()
    _log_in(page, "enhetschef")
    page.goto("/admin/snippets/followup/yearlyfollowup/")
    page.locator("table").get_by_role("link", name="Förskolan Solrosen").click()
    page.wait_for_url(f"**/edit/{follow_up.pk}/")

    # Every row is there, and none can be removed, moved or added.
    assert page.locator("[id^='id_outcomes-'][id$='-outcome']").count() == rows
    assert page.locator("[id$='-DELETE-button'], [id$='-DELETE']").count() == 0
    assert page.locator("#id_outcomes-ADD").count() == 0
    assert page.get_by_role("button", name="Lägg till Åtagande").count() == 0

    page.select_option("#id_outcomes-0-outcome", Outcome.MET)
    page.fill("#id_outcomes-0-measured_value", "92 procent (mål 90)")
    _save(page)
    page.get_by_text("Utkastet är sparat.").wait_for()
    follow_up.refresh_from_db()
    assert follow_up.outcomes.count() == rows
    assert list(
        follow_up.outcomes.exclude(outcome="").values_list("measured_value", flat=True)
    ) == ["92 procent (mål 90)"]

    # Ready for review needs every outcome: refused at the box and at each empty row.
    page.check("#id_ready_for_review")
    _save(page)
    page.get_by_text(f"{rows - 1} åtaganden saknar utfall.", exact=False).first.wait_for()
    assert page.get_by_text(
        "Välj ett utfall innan uppföljningen lämnas för granskning."
    ).count() == (rows - 1)
    assert not YearlyFollowUp.objects.get(pk=follow_up.pk).ready_for_review
    assert not Message.objects.exists()
    assert page.watch.console_errors == []


@pytest.mark.browser
def test_publishing_asks_first_mails_the_unit_and_keeps_the_first_date(
    transactional_db, page, unit
):
    unit.email = "solrosen@angsby.example"
    unit.save_revision().publish()
    _person("kvalitet", roles.QUALITY_STAFF)
    follow_up = make_follow_up(unit, published=False)
    _log_in(page, "kvalitet")
    page.goto(f"/admin/snippets/followup/yearlyfollowup/edit/{follow_up.pk}/")
    page.get_by_role("link", name="Publicera", exact=True).click()
    page.get_by_text("enheten får ett mejl").wait_for()
    assert not YearlyFollowUp.objects.get(pk=follow_up.pk).is_published  # asked first
    page.get_by_role("button", name="Publicera", exact=True).click()
    page.get_by_text("Uppföljningen är publicerad och enheten har fått ett mejl.").wait_for()
    follow_up.refresh_from_db()
    assert follow_up.is_published
    assert Message.objects.filter(to="solrosen@angsby.example").count() == 1

    # The follow-up came out on 31 January; taken down and published again, it keeps that
    # date and shows today's as the correction.
    first = timezone.make_aware(datetime.datetime(previous_year() + 1, 1, 31, 10, 0))
    YearlyFollowUp.objects.filter(pk=follow_up.pk).update(published_at=first)
    page.reload()
    page.get_by_role("link", name="Avpublicera", exact=True).click()
    page.get_by_role("button", name="Avpublicera", exact=True).click()
    page.get_by_text("Uppföljningen är avpublicerad.").wait_for()
    page.get_by_role("link", name="Publicera", exact=True).click()
    page.get_by_text(f"Den publicerades första gången 31 januari {previous_year() + 1}").wait_for()
    page.get_by_role("button", name="Publicera", exact=True).click()
    page.get_by_text("Uppföljningen är publicerad och enheten har fått ett mejl.").wait_for()
    follow_up.refresh_from_db()
    assert follow_up.published_at == first and follow_up.corrected_at > first
    assert Message.objects.filter(to="solrosen@angsby.example").count() == 2

    page.goto(unit.url)
    dates = page.locator(".follow-up__date")
    assert f"Publicerad 31 januari {previous_year() + 1}." in dates.inner_text()
    assert "Rättad" in dates.inner_text()
    assert page.watch.console_errors == []
