"""The handler's daily work on a case: preview, notes, moves, queues, templates, reminders."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from feedback.models import Feedback, FeedbackEvent, Kind, ReplyTemplate

pytestmark = pytest.mark.django_db


def make_case(unit, **fields):
    values = {"kind": Kind.COMPLAINT, "dimension": "utforande", "message": "Hej", "unit": unit}
    values.update(fields)
    return Feedback.receive(**values)[0]


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def handler(guarantee, make_handler):
    return make_handler("hanna", guarantee)


def test_a_reply_is_previewed_as_the_letter_before_it_is_sent(
    guarantee, handler, django_capture_on_commit_callbacks
):
    case = make_case(guarantee, email="anna@example.se", name="Anna", wants_reply=True)
    url = f"/admin/synpunkter/inkorg/{case.pk}/svara/"
    client = logged_in(handler)
    preview = client.post(url, {"reply": "Vi har bytt leverantör."})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Så här ser brevet ut" in html and case.reference in html
    assert not case.events.filter(kind=FeedbackEvent.Kind.REPLIED).exists() and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"reply": "Vi har bytt leverantör.", "bekrafta": "1"})
    assert sent.status_code == 302
    assert case.events.get(kind=FeedbackEvent.Kind.REPLIED).text == "Vi har bytt leverantör."
    assert [m.to for m in mail.outbox] == [["anna@example.se"]]


def test_a_reply_over_the_limit_is_refused_in_swedish(guarantee, handler):
    case = make_case(guarantee)
    response = logged_in(handler).post(
        f"/admin/synpunkter/inkorg/{case.pk}/svara/", {"reply": "x" * 5001, "bekrafta": "1"}
    )
    assert response.status_code == 400
    assert "högst 5000 tecken" in response.content.decode()
    assert not case.events.filter(kind=FeedbackEvent.Kind.REPLIED).exists()


def test_internal_notes_stay_off_the_residents_tracking_page(client, guarantee, handler):
    case, token = Feedback.receive(
        kind=Kind.OPINION, dimension="information", message="Hej", unit=guarantee
    )
    staff = logged_in(handler)
    base = f"/admin/synpunkter/inkorg/{case.pk}/"
    staff.post(base + "anteckning/", {"note": "Ring vårdnadshavaren på fredag."})
    staff.post(base + "svara/", {"reply": "Tack, vi ses på fredag.", "bekrafta": "1"})
    assert "Ring vårdnadshavaren" in staff.get(base).content.decode()
    tracking = client.get(f"/synpunkter/arende/{token}/").content.decode()
    assert "Tack, vi ses på fredag." in tracking
    assert "Ring vårdnadshavaren" not in tracking


def test_a_misrouted_case_moves_to_its_unit_and_its_handlers_are_told(
    guarantee, other_unit, handler, make_handler, django_capture_on_commit_callbacks
):
    other_handler = make_handler("olle", other_unit)
    case = make_case(guarantee)
    deadline = case.deadline
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(handler).post(
            f"/admin/synpunkter/inkorg/{case.pk}/flytta/", {"unit": other_unit.pk}
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.unit == other_unit and case.deadline == deadline and case.handler is None
    assert case.events.filter(kind=FeedbackEvent.Kind.MOVED).exists()
    notice = [m for m in mail.outbox if m.to == [other_handler.email]]
    assert notice and f"/admin/synpunkter/inkorg/{case.pk}/" in notice[0].body
    # The first unit's handler no longer reaches it; the new one does.
    assert logged_in(handler).get(f"/admin/synpunkter/inkorg/{case.pk}/").status_code == 404
    assert logged_in(other_handler).get(f"/admin/synpunkter/inkorg/{case.pk}/").status_code == 200


def test_my_cases_and_unassigned_cases(guarantee, handler, make_handler):
    colleague = make_handler("kollega", guarantee)
    mine = make_case(guarantee, message="Min")
    theirs = make_case(guarantee, message="Deras")
    nobodys = make_case(guarantee, message="Ingens")
    mine.assign(handler, handler)
    theirs.assign(colleague, colleague)
    client = logged_in(handler)
    html = client.get("/admin/synpunkter/inkorg/?tilldelad=mina").content.decode()
    assert mine.reference in html and theirs.reference not in html
    assert nobodys.reference not in html
    html = client.get("/admin/synpunkter/inkorg/?tilldelad=ingen").content.decode()
    assert nobodys.reference in html and mine.reference not in html


def test_a_reply_template_of_the_cases_area_fills_the_reply(guarantee, other_unit, handler):
    ours = ReplyTemplate.objects.create(
        title="Mat", service_area=guarantee.get_parent().specific, text="Vi ser över maten."
    )
    theirs = ReplyTemplate.objects.create(
        title="Hemtjänst", service_area=other_unit.get_parent().specific, text="Annat område."
    )
    case = make_case(guarantee)
    client = logged_in(handler)
    page = client.get(f"/admin/synpunkter/inkorg/{case.pk}/").content.decode()
    assert f"?mall={ours.pk}" in page and f"?mall={theirs.pk}" not in page
    reply = client.get(f"/admin/synpunkter/inkorg/{case.pk}/svara/?mall={ours.pk}")
    assert "Vi ser över maten." in reply.content.decode()
    foreign = client.get(f"/admin/synpunkter/inkorg/{case.pk}/svara/?mall={theirs.pk}")
    assert "Annat område." not in foreign.content.decode()
    assert client.get(f"/admin/synpunkter/inkorg/{case.pk}/svara/?mall=²").status_code == 200


def test_reminders_go_out_once_on_the_due_morning_and_once_when_overdue(
    guarantee, handler, django_capture_on_commit_callbacks
):
    due = make_case(guarantee)
    late = make_case(guarantee, received_at=timezone.now() - datetime.timedelta(days=10))
    answered = make_case(guarantee, received_at=timezone.now() - datetime.timedelta(days=10))
    answered.answer("Klart.", handler)
    Feedback.objects.filter(pk=due.pk).update(deadline=timezone.localdate())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_feedback_handlers", stdout=StringIO())
        call_command("remind_feedback_handlers", stdout=StringIO())
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == sorted(
        [
            f"Påminnelse: svara på {due.reference} i dag",
            f"Försenad: {late.reference} skulle ha besvarats {late.deadline.isoformat()}",
        ]
    )
    assert all("/admin/synpunkter/inkorg/" in m.body for m in mail.outbox)


def test_a_unit_editor_reads_the_case_without_the_senders_contact_details(guarantee):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from staff.models import Role, UnitAssignment

    editor = get_user_model().objects.create_user("red", "red@example.se", "pw", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_feedback"),
    )
    UnitAssignment.objects.create(user=editor, page=guarantee, role=Role.EDITOR)
    case = make_case(guarantee, name="Anna Privat", email="anna.privat@example.se")
    html = logged_in(editor).get(f"/admin/synpunkter/inkorg/{case.pk}/").content.decode()
    assert case.reference in html
    assert "Anna Privat" not in html and "anna.privat@example.se" not in html


def test_cases_are_assigned_in_bulk_each_through_the_transition(
    guarantee, other_unit, make_handler
):
    lead = make_handler("hanna", guarantee)
    colleague = make_handler("kalle", guarantee)
    mine = [make_case(guarantee) for _ in range(3)]
    foreign = make_case(other_unit)  # lead does not handle this unit
    url = "/admin/bulk/feedback/feedback/assign/?" + "&".join(
        f"id={case.pk}" for case in [*mine, foreign]
    )
    client = logged_in(lead)
    inbox = client.get("/admin/synpunkter/inkorg/").content.decode()
    assert "data-bulk-action-checkbox" in inbox and "Tilldela" in inbox

    confirm = client.get(url)
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert all(case.reference in html for case in mine)
    assert foreign.reference not in html  # looked up only among cases the user may handle

    response = client.post(url, {"handler": colleague.pk})
    assert response.status_code == 302
    for case in mine:
        case.refresh_from_db()
        assert case.handler == colleague
        assert case.events.filter(kind=FeedbackEvent.Kind.ASSIGNED, actor=lead).count() == 1
    foreign.refresh_from_db()
    assert foreign.handler is None


def test_bulk_assignment_refuses_crafted_ids_and_foreign_handlers(
    guarantee, other_unit, make_handler
):
    lead = make_handler("hanna", guarantee)
    stranger = make_handler("olle", other_unit)
    case = make_case(guarantee)
    client = logged_in(lead)
    crafted = client.get("/admin/bulk/feedback/feedback/assign/?id=abc")
    assert crafted.status_code == 400
    assert client.get("/admin/bulk/feedback/feedback/assign/?id=99999999").status_code == 404
    url = f"/admin/bulk/feedback/feedback/assign/?id={case.pk}"
    refused = client.post(url, {"handler": stranger.pk})
    assert refused.status_code == 400 and "giltigt alternativ" in refused.content.decode()
    case.refresh_from_db()
    assert case.handler is None
    # Someone who may only read cases (a unit editor) finds nothing to assign.
    assert logged_in(make_reader(guarantee)).get(url).status_code == 404


def make_reader(unit):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from staff.models import Role, UnitAssignment

    user = get_user_model().objects.create_user("lisa", "lisa@example.se", "pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_feedback"),
    )
    UnitAssignment.objects.create(user=user, page=unit, role=Role.EDITOR)
    return user


def test_the_handlers_notice_of_a_new_case_links_to_the_case(
    client, guarantee, handler, django_capture_on_commit_callbacks
):
    from .test_public import form_data, unit_url

    url = unit_url(guarantee)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form_data(client, url))
    case = Feedback.objects.get()
    notice = next(m for m in mail.outbox if m.to == [handler.email])
    assert f"/admin/synpunkter/inkorg/{case.pk}/" in notice.body


def test_the_tracking_page_shows_replies_and_actions_only(client, guarantee, handler):
    case, token = Feedback.receive(
        kind=Kind.COMPLAINT, dimension="utforande", message="Hej", unit=guarantee
    )
    staff = logged_in(handler)
    base = f"/admin/synpunkter/inkorg/{case.pk}/"
    staff.post(base + "tilldela-mig/")
    staff.post(base + "anteckning/", {"note": "Prata med kocken först."})
    staff.post(base + "atgard/", {"action": "Vi har bytt leverantör av lunchen."})
    staff.post(base + "svara/", {"reply": "Tack, nu är maten bättre.", "bekrafta": "1"})
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["received", "assigned", "note", "action", "replied"]
    tracking = client.get(f"/synpunkter/arende/{token}/").content.decode()
    assert "Vi har bytt leverantör av lunchen." in tracking
    assert "Tack, nu är maten bättre." in tracking
    assert "Prata med kocken" not in tracking and handler.username not in tracking
