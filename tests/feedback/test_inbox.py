"""The inbox a handler works from: work order, excerpt, sortable columns, reply templates per
kind, names, and the reminders the scheduled command sends (with an injected clock)."""

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from feedback import services
from feedback.models import Feedback, FeedbackEvent, Kind, ReplyTemplate, Status
from feedback.reply_templates import STARTING_SET, load_starting_set
from feedback.wagtail_hooks import feedback_viewset
from home.dates import staff_date

pytestmark = pytest.mark.django_db

INBOX = "/admin/synpunkter/inkorg/"


def make_case(unit, days_ago=0, **fields):
    values = {
        "kind": Kind.OPINION,
        "dimension": "bemotande",
        "message": "Hej",
        "unit": unit,
        "received_at": timezone.now() - datetime.timedelta(days=days_ago),
    }
    values.update(fields)
    return Feedback.receive(**values)[0]


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def hanna(guarantee, make_handler):
    """A handler whose user name is not her name."""
    user = make_handler("hh4711", guarantee)
    user.first_name, user.last_name = "Hanna", "Handläggare"
    user.save()
    return user


def inbox_rows(html):
    """The references of the inbox's rows, in order."""
    return re.findall(r">(SYN-\d{4}-\d{6})<", html)


def test_the_inbox_lists_open_cases_by_deadline_overdue_first_and_leaves_closed_ones_out(
    guarantee, hanna
):
    fresh = make_case(guarantee)
    late = make_case(guarantee, days_ago=10)
    later = make_case(guarantee, days_ago=20)  # the longest overdue
    answered = make_case(guarantee, days_ago=30)
    answered.answer("Tack.", hanna)
    closed = make_case(guarantee, days_ago=2)
    closed.answer("Tack.", hanna)
    closed.close(hanna)
    taken = make_case(guarantee, days_ago=1)
    taken.assign(hanna, hanna)

    client = logged_in(hanna)
    rows = inbox_rows(client.get(INBOX).content.decode())
    assert rows == [
        later.reference,
        late.reference,
        *sorted(
            [taken.reference, fresh.reference],
            key=lambda ref: Feedback.objects.get(reference=ref).deadline,
        ),
        answered.reference,
    ]
    assert closed.reference not in rows

    assert inbox_rows(client.get(INBOX + "?status=closed").content.decode()) == [closed.reference]
    every = inbox_rows(client.get(INBOX + "?status=alla").content.decode())
    assert sorted(every) == sorted(
        c.reference for c in [fresh, late, later, answered, closed, taken]
    )
    # Looking a case up by its reference finds it, closed or not.
    found = inbox_rows(client.get(INBOX + f"?q={closed.reference}").content.decode())
    assert found == [closed.reference]


def test_the_inbox_shows_the_start_of_what_the_resident_wrote(guarantee, hanna):
    message = (
        "Vi fick inget besked om att vår son saknades på lektionen i tisdags, och ingen "
        "ringde oss förrän på kvällen när han redan var hemma igen."
    )
    make_case(guarantee, message=message)
    html = logged_in(hanna).get(INBOX).content.decode()
    assert "Meddelande" in html
    assert "Vi fick inget besked om att vår son saknades på lektionen" in html
    assert message not in html  # an excerpt, not the whole text
    assert "…" in html


def test_every_sortable_column_of_the_inbox_sorts_both_ways(guarantee, other_unit, hanna):
    keys = [column.sort_key for column in feedback_viewset.list_display if column.sort_key]
    # Every column a handler reads the list by, at least.
    assert {"reference", "deadline", "status", "received_at", "kind", "unit__title"} <= set(keys)
    first = make_case(guarantee, days_ago=20, kind=Kind.COMPLAINT)
    second = make_case(guarantee, days_ago=3, kind=Kind.PRAISE)
    second.assign(hanna, hanna)
    client = logged_in(hanna)
    for key in keys:
        up = client.get(INBOX + f"?ordering={key}")
        down = client.get(INBOX + f"?ordering=-{key}")
        assert up.status_code == down.status_code == 200, key
        rows_up = inbox_rows(up.content.decode())
        rows_down = inbox_rows(down.content.decode())
        assert sorted(rows_up) == sorted([first.reference, second.reference]), key
        if key not in ("unit__title", "dimension"):  # equal for both cases
            assert rows_up == rows_down[::-1], key
    # The header links to its sort.
    html = client.get(INBOX).content.decode()
    assert "?ordering=deadline" in html and "?ordering=received_at" in html


def test_the_overdue_filter_reads_alla_by_default_never_okant(guarantee, hanna):
    make_case(guarantee)
    html = logged_in(hanna).get(INBOX).content.decode()
    assert "Okänt" not in html

    def default_choice(name):
        match = re.search(
            rf'<input type="radio" name="{name}" value=""[^>]*checked[^>]*>\s*([^<]+)</label>',
            html,
        )
        return match and match.group(1).strip()

    assert default_choice("overdue") == "Alla"
    assert default_choice("tilldelad") == "Alla"
    assert default_choice("status") == "Alla utom avslutade"


@pytest.mark.parametrize(
    "kind, yours",
    [
        (Kind.COMPLAINT, "ditt klagomål"),
        (Kind.OPINION, "din synpunkt"),
        (Kind.PRAISE, "ditt beröm"),
        (Kind.SUGGESTION, "ditt förslag"),
    ],
)
def test_the_reply_starts_with_the_templates_greeting_and_names_the_kind(
    guarantee, hanna, django_capture_on_commit_callbacks, kind, yours
):
    load_starting_set()
    template = ReplyTemplate.objects.get(kind=kind, language="sv")
    case = make_case(guarantee, kind=kind, email="anna@example.se", name="Anna", wants_reply=True)
    client = logged_in(hanna)
    case_page = client.get(f"{INBOX}{case.pk}/").content.decode()
    assert f"?mall={template.pk}" in case_page
    # Only templates for this kind or for any kind are offered.
    others = ReplyTemplate.objects.exclude(kind=kind)
    assert all(f"?mall={other.pk}" not in case_page for other in others)

    form = client.get(f"{INBOX}{case.pk}/svara/?mall={template.pk}").content.decode()
    assert "Hanna Handläggare" in form  # the template is signed by the handler who opens it
    start = re.search(r"<textarea[^>]*>\s*([^<]*)", form).group(1)
    greeting = template.text.splitlines()[0]
    assert start.startswith(greeting)
    text = re.sub(r"\[[^\]]*\]", "det vi har gjort", template.letter_for(hanna))

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(f"{INBOX}{case.pk}/svara/", {"reply": text, "bekrafta": "1"})
    assert sent.status_code == 302
    (letter,) = mail.outbox
    assert letter.body.startswith(greeting)
    assert letter.body.count(greeting) == 1
    assert yours in letter.body and yours in letter.subject
    if kind != Kind.OPINION:
        assert "synpunkt" not in letter.body and "synpunkt" not in letter.subject


def test_a_reply_with_a_templates_blank_left_is_refused_in_swedish(guarantee, hanna):
    load_starting_set()
    template = ReplyTemplate.objects.get(kind=Kind.COMPLAINT, language="sv")
    case = make_case(guarantee, kind=Kind.COMPLAINT)
    response = logged_in(hanna).post(
        f"{INBOX}{case.pk}/svara/", {"reply": template.text, "bekrafta": "1"}
    )
    assert response.status_code == 400
    assert "Ersätt det som står inom hakparenteser" in response.content.decode()
    assert not case.events.filter(kind=FeedbackEvent.Kind.REPLIED).exists()


def test_the_reply_page_shows_the_residents_message_beside_the_form(guarantee, hanna):
    case = make_case(guarantee, kind=Kind.COMPLAINT, message="Maten var kall i tre dagar.")
    html = logged_in(hanna).get(f"{INBOX}{case.pk}/svara/").content.decode()
    aside = html[html.find("feedback-reply__message") : html.find("feedback-reply__form")]
    assert "Maten var kall i tre dagar." in aside and "Invånarens klagomål" in aside
    assert "<textarea" in html[html.find("feedback-reply__form") :]


def test_the_starting_set_has_one_template_per_kind_and_loads_once(db):
    assert sorted(t.kind for t in STARTING_SET) == sorted(Kind.values)
    out = StringIO()
    call_command("load_reply_templates", stdout=out)
    created, offered = re.search(r"created (\d+) of (\d+)", out.getvalue()).groups()
    assert created == offered  # Swedish, and each language the catalogues translate it into
    assert ReplyTemplate.objects.filter(language="sv").count() == 4
    swedish = ReplyTemplate.objects.filter(language="sv")
    edited = swedish.get(kind=Kind.PRAISE)
    edited.text = "Hej!\n\nTack för ditt beröm, det värmer."
    edited.save()
    call_command("load_reply_templates", stdout=StringIO())
    assert swedish.count() == 4
    edited.refresh_from_db()
    assert edited.text == "Hej!\n\nTack för ditt beröm, det värmer."
    for template in swedish:
        assert template.text.startswith("Hej!")
        assert template.get_kind_display().lower() in template.text.lower()


def test_staff_are_shown_by_name_not_user_name(guarantee, hanna):
    case = make_case(guarantee, days_ago=10)
    client = logged_in(hanna)
    client.post(f"{INBOX}{case.pk}/tilldela-mig/")
    inbox = client.get(INBOX).content.decode()
    case_page = client.get(f"{INBOX}{case.pk}/").content.decode()
    dashboard = client.get("/admin/").content.decode()
    for html in (inbox, case_page, dashboard):
        assert "Hanna Handläggare" in html
    record = case_page[case_page.find("feedback-case-record") :]
    assert "Hanna Handläggare" in record[: record.find("</ol>")]
    assert ">hh4711<" not in inbox and "hh4711" not in case_page
    assign = case_page[case_page.find('name="handler"') :]
    assert "Hanna Handläggare</option>" in assign[: assign.find("</select>")]


def test_take_it_yourself_is_offered_only_while_the_case_is_not_yours(guarantee, hanna):
    case = make_case(guarantee)
    client = logged_in(hanna)
    assert "Ta ärendet själv" in client.get(f"{INBOX}{case.pk}/").content.decode()
    client.post(f"{INBOX}{case.pk}/tilldela-mig/")
    html = client.get(f"{INBOX}{case.pk}/").content.decode()
    assert "Ta ärendet själv" not in html and "Ärendet är ditt." in html


def test_the_action_form_says_the_resident_will_read_it(guarantee, hanna):
    case = make_case(guarantee, kind=Kind.COMPLAINT)
    client = logged_in(hanna)
    for url in (f"{INBOX}{case.pk}/", f"{INBOX}{case.pk}/atgard/"):
        html = client.get(url).content.decode()
        assert "Invånaren läser det här på sin uppföljningssida." in html, url


def morning(day, hour=7):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def test_reminders_are_recorded_when_and_to_whom_and_shown_on_the_case_and_dashboard(
    guarantee, hanna, make_handler, django_capture_on_commit_callbacks
):
    colleague = make_handler("kk0815", guarantee)
    colleague.first_name, colleague.last_name = "Kalle", "Kollega"
    colleague.save()
    taken = make_case(guarantee, days_ago=12)
    taken.assign(hanna, hanna)
    nobodys = make_case(guarantee, days_ago=12)
    due_morning = morning(taken.deadline)
    late_morning = morning(taken.deadline + datetime.timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_handlers(now=due_morning) == 2
        assert services.remind_handlers(now=late_morning) == 2
        assert services.remind_handlers(now=late_morning) == 0  # once per case and kind
    due = taken.events.get(kind=FeedbackEvent.Kind.REMINDED_DUE)
    late = taken.events.get(kind=FeedbackEvent.Kind.REMINDED_OVERDUE)
    assert (due.at, late.at) == (due_morning, late_morning)
    assert late.reminded == [f"Hanna Handläggare <{hanna.email}>"]
    # A case nobody has taken reminds every handler of its unit.
    unassigned = nobodys.events.get(kind=FeedbackEvent.Kind.REMINDED_OVERDUE)
    assert sorted(unassigned.reminded_names) == ["Hanna Handläggare", "Kalle Kollega"]
    assert sorted(m.to[0] for m in mail.outbox if nobodys.reference in m.subject) == sorted(
        [hanna.email, colleague.email] * 2
    )

    client = logged_in(hanna)
    case_page = client.get(f"{INBOX}{taken.pk}/").content.decode()
    record = case_page[case_page.find("feedback-case-record") :]
    record = record[: record.find("</ol>")]
    for event, label in ((due, "Påminnelse: svara i dag"), (late, "Påminnelse: försenad")):
        assert label in record
        assert staff_date(event.at, with_time=True) in record
    assert f"Mejlad till Hanna Handläggare &lt;{hanna.email}&gt;" in record

    dashboard = client.get("/admin/").content.decode()
    panel = dashboard[dashboard.find("Påminnelser som gått ut") :]
    panel = panel[: panel.find("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", panel, re.S)[1:]
    assert len(rows) == 4
    # The latest first, each with when and to whom.
    assert taken.reference in rows[0] or nobodys.reference in rows[0]
    assert staff_date(late_morning, with_time=True) in rows[0]
    assert staff_date(due_morning, with_time=True) in rows[-1]
    assert "Hanna Handläggare" in rows[0] and "Kalle Kollega" in panel


def test_the_command_records_reminders_at_the_time_it_runs(
    guarantee, hanna, django_capture_on_commit_callbacks
):
    case = make_case(guarantee, days_ago=12)
    before = timezone.now()
    call_command("remind_feedback_handlers", stdout=StringIO())
    reminder = case.events.get(kind=FeedbackEvent.Kind.REMINDED_OVERDUE)
    assert before <= reminder.at <= timezone.now()
    assert reminder.reminded_names == ["Hanna Handläggare"]
    assert case.status == Status.NEW
