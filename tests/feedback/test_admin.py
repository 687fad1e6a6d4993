"""The handlers' inbox: scoped to their units, with assign, reply, action and close."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from feedback.models import CaseLogEntry, Feedback, Kind, Status

pytestmark = pytest.mark.django_db


def make_case(unit, **fields):
    values = {"kind": Kind.OPINION, "dimension": "bemotande", "message": "Hej", "unit": unit}
    values.update(fields)
    return Feedback.receive(**values)[0]


@pytest.fixture
def two_handlers(guarantee, other_unit, make_handler):
    a = make_handler("handler_a", guarantee)
    b = make_handler("handler_b", other_unit)
    return a, b


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_handler_lists_only_their_units_cases(guarantee, other_unit, two_handlers):
    mine = make_case(guarantee)
    theirs = make_case(other_unit)
    html = logged_in(two_handlers[0]).get("/admin/synpunkter/inkorg/").content.decode()
    assert mine.reference in html
    assert theirs.reference not in html


def test_handler_cannot_open_another_units_case_by_guessing_urls(
    guarantee, other_unit, two_handlers
):
    theirs = make_case(other_unit)
    client = logged_in(two_handlers[0])
    for url in (
        f"/admin/synpunkter/inkorg/{theirs.pk}/",
        f"/admin/synpunkter/inkorg/edit/{theirs.pk}/",
        f"/admin/synpunkter/inkorg/history/{theirs.pk}/",
        f"/admin/synpunkter/inkorg/delete/{theirs.pk}/",
    ):
        assert client.get(url).status_code in (403, 404), url
    response = client.post(
        f"/admin/synpunkter/inkorg/{theirs.pk}/svara/", {"reply": "Hack", "bekrafta": "1"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.reply == ""
    assert (
        logged_in(two_handlers[1]).get(f"/admin/synpunkter/inkorg/{theirs.pk}/").status_code == 200
    )


def test_area_handler_sees_every_unit_of_the_area(guarantee, service_area, make_handler):
    from tests.factories import make_guarantee

    sibling = make_guarantee(service_area, title="Förskolan Vitsippan")
    case = make_case(sibling)
    area_handler = make_handler("omrade", service_area)
    assert logged_in(area_handler).get(f"/admin/synpunkter/inkorg/{case.pk}/").status_code == 200


def test_filters_by_status_and_overdue(guarantee, two_handlers):
    old = make_case(guarantee, received_at=timezone.now() - datetime.timedelta(days=10))
    fresh = make_case(guarantee)
    client = logged_in(two_handlers[0])
    html = client.get("/admin/synpunkter/inkorg/?overdue=true").content.decode()
    assert old.reference in html and fresh.reference not in html
    assert "Försenad" in html
    html = client.get("/admin/synpunkter/inkorg/?status=closed").content.decode()
    assert old.reference not in html


def test_reply_is_mailed_and_logged_and_answers_the_case(
    guarantee, two_handlers, django_capture_on_commit_callbacks
):
    case = make_case(guarantee, email="anna@example.se", name="Anna", wants_reply=True)
    client = logged_in(two_handlers[0])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/synpunkter/inkorg/{case.pk}/svara/",
            {"reply": "Tack, vi har rättat schemat.", "bekrafta": "1"},
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ANSWERED and case.replied_by == two_handlers[0]
    assert [m.to for m in mail.outbox] == [["anna@example.se"]]
    assert "rättat schemat" in mail.outbox[0].body
    assert CaseLogEntry.objects.filter(action="feedback.reply", case=case).exists()
    history = client.get(f"/admin/synpunkter/inkorg/history/{case.pk}/").content.decode()
    assert "Besvarad" in history


def test_assign_to_self_and_to_another_handler_of_the_unit(guarantee, make_handler, two_handlers):
    colleague = make_handler("kollega", guarantee)
    case = make_case(guarantee)
    client = logged_in(two_handlers[0])
    client.post(f"/admin/synpunkter/inkorg/{case.pk}/tilldela-mig/", {})
    case.refresh_from_db()
    assert case.handler == two_handlers[0] and case.status == Status.IN_PROGRESS
    client.post(f"/admin/synpunkter/inkorg/{case.pk}/tilldela/", {"handler": colleague.pk})
    case.refresh_from_db()
    assert case.handler == colleague
    # A handler of another unit is not a valid choice.
    response = client.post(
        f"/admin/synpunkter/inkorg/{case.pk}/tilldela/",
        {"handler": two_handlers[1].pk},
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.handler == colleague


def test_complaint_cannot_be_closed_before_an_action_is_recorded(guarantee, two_handlers):
    case = make_case(guarantee, kind=Kind.COMPLAINT)
    client = logged_in(two_handlers[0])
    url = f"/admin/synpunkter/inkorg/{case.pk}/"
    response = client.post(url + "avsluta/")
    assert response.status_code == 400
    assert "åtgärd" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.NEW
    client.post(url + "atgard/", {"action": "Vi har bytt rutin för hämtning."})
    assert client.post(url + "avsluta/").status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.closed_at is not None


def test_dashboard_panel_shows_open_and_overdue_cases(guarantee, two_handlers):
    client = logged_in(two_handlers[0])
    assert "Inga öppna ärenden." in client.get("/admin/").content.decode()
    make_case(guarantee)
    assert "Ett öppet ärende." in client.get("/admin/").content.decode()
    make_case(guarantee, received_at=timezone.now() - datetime.timedelta(days=10))
    html = client.get("/admin/").content.decode()
    assert "Dina synpunktsärenden" in html
    assert "Två öppna ärenden, varav ett försenat." in html


def test_staff_without_feedback_permission_gets_403(guarantee):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    case = make_case(guarantee)
    user = get_user_model().objects.create_user("redaktor", "r@example.se", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = logged_in(user)
    assert client.get(f"/admin/synpunkter/inkorg/{case.pk}/").status_code in (302, 403)
    assert client.get("/admin/synpunkter/inkorg/sammanstallning/").status_code in (302, 403)


def test_every_reply_is_kept_as_sent_on_the_case(
    guarantee, two_handlers, django_capture_on_commit_callbacks
):
    case = make_case(guarantee, email="anna@example.se", name="Anna", wants_reply=True)
    client = logged_in(two_handlers[0])
    url = f"/admin/synpunkter/inkorg/{case.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url + "svara/", {"reply": "Första svaret.", "bekrafta": "1"})
        client.post(url + "svara/", {"reply": "Andra svaret, med rättelse.", "bekrafta": "1"})
    letters = list(case.events.filter(kind="replied").values_list("text", "recipient"))
    assert letters == [
        ("Första svaret.", "anna@example.se"),
        ("Andra svaret, med rättelse.", "anna@example.se"),
    ]
    assert [m.body.count("Första svaret.") for m in mail.outbox] == [1, 0]
    html = client.get(url).content.decode()
    assert "Första svaret." in html and "Andra svaret, med rättelse." in html


def test_usage_of_another_units_case_is_not_shown(guarantee, other_unit, two_handlers):
    theirs = make_case(other_unit)
    client = logged_in(two_handlers[0])
    assert client.get(f"/admin/synpunkter/inkorg/usage/{theirs.pk}/").status_code == 404
    assert client.get("/admin/synpunkter/inkorg/abc/").status_code == 404
