"""What happens around a case's state change: who is told, and the admin log.

Each function runs the model's state change (which locks, checks, saves and records the event)
and, in the same transaction, queues the mail and writes Wagtail's log. The mail is stored with
the change and delivered after commit (outbox/mail.py), so a letter is never sent for a change
that rolled back, and never lost for one that committed.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.log_actions import log

from home.models import MunicipalitySettings
from home.resident_input import absolute_url
from outbox.mail import queue_mail

from .models import Feedback, FeedbackEvent, display_name
from .receipts import receipt_context, words_for


def case_admin_url(case):
    return absolute_url(reverse("feedback_inbox:case", args=[case.pk]))


def handler_recipients(case):
    """(address, who) for everyone told about a case: its unit's handlers by name, the unit's
    own address, or the municipality's when the unit has neither."""
    recipients = [(user.email, display_name(user)) for user in case.handlers() if user.email]
    if case.unit is not None and case.unit.email:
        recipients.append((case.unit.email, case.unit.title))
    if not recipients:
        municipality = MunicipalitySettings.objects.first()
        if municipality and municipality.email:
            recipients.append((municipality.email, ""))
    unique = {}
    for address, who in recipients:
        unique.setdefault(address, (address, who))
    return list(unique.values())


def as_recipient(address, who):
    """How a letter's recipient stands on the case: "Hanna Handläggare <hanna@...>"."""
    return f"{who} <{address}>" if who else address


def receive(fields, tracking_url_for):
    """Store a resident's case and queue its mail in one transaction; returns (case, token).

    A second copy of the same form returns the first's case and token, also when both arrive
    at the same moment; a different text under a used form key raises TransitionError.
    """
    receipt = Feedback.receipt_for_copy(fields)
    if receipt is not None:
        return receipt
    try:
        return _store(fields, tracking_url_for)
    except IntegrityError:
        # The other copy won the race for the unique submission_key and has committed.
        receipt = Feedback.receipt_for_copy(fields)
        if receipt is None:
            raise
        return receipt


def receipt_letter_context(case, tracking_url):
    """The receipt mail's context; call it in the case's language (its links follow it)."""
    context = receipt_context(case, tracking_url)
    if context["guarantee_url"].startswith("/"):
        context["guarantee_url"] = absolute_url(context["guarantee_url"])
    return context


def _store(fields, tracking_url_for):
    with transaction.atomic():
        case, token = Feedback.receive(**fields)
        if case.email:
            # The receipt in the resident's language, whatever language is active here.
            with translation.override(case.language):
                context = receipt_letter_context(case, tracking_url_for(token))
                queue_mail(
                    case.email,
                    str(context["words"].subject) % {"reference": case.reference},
                    "feedback/mail/receipt.txt",
                    context,
                )
        _tell_handlers(
            case, gettext_noop("Ny synpunkt %(reference)s att besvara senast %(deadline)s")
        )
    return case, token


def _tell_handlers(case, subject, recipients=None, reminder=False):
    """Mail the unit's handlers in the staff's language (the site's), not the resident's."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _(subject) % {
            "reference": case.reference,
            "deadline": case.deadline.isoformat(),
        }
        for address, _who in handler_recipients(case) if recipients is None else recipients:
            queue_mail(
                address,
                subject,
                "feedback/mail/handler_notice.txt",
                {"case": case, "case_url": case_admin_url(case), "reminder": reminder},
            )


def assign(case, handler, by):
    with transaction.atomic():
        case.assign(handler, by)
        log(case, "feedback.assign", user=by, data={"handler": display_name(handler)})


def letter_context(case, text):
    return {"case": case, "reply": text, "yours": words_for(case).yours}


def letter(case, text):
    """The reply letter exactly as the resident will get it, in the case's language: the
    handler's text (its greeting is the template's or the handler's own), then which case it
    answers, named by its kind."""
    with translation.override(case.language):
        return render_to_string("feedback/mail/reply.txt", letter_context(case, text))


def reply_subject(case):
    with translation.override(case.language):
        return _("Svar på %(yours)s %(reference)s") % {
            "yours": words_for(case).yours,
            "reference": case.reference,
        }


def answer(case, text, by):
    with transaction.atomic():
        event = case.answer(text, by)
        if case.email:
            queue_mail(
                case.email,
                reply_subject(case),
                "feedback/mail/reply.txt",
                letter_context(case, event.text),
                language=case.language,
            )
        log(case, "feedback.reply", user=by, data={"mailed": bool(case.email)})


def record_action(case, text, by):
    with transaction.atomic():
        case.record_action(text, by)
        log(case, "feedback.action", user=by)


def add_note(case, text, by):
    with transaction.atomic():
        case.add_note(text, by)
        log(case, "feedback.note", user=by)


def move_to(case, unit, by):
    """Move a misrouted case; the new unit's handlers are told as of a new case."""
    with transaction.atomic():
        event = case.move_to(unit, by)
        log(case, "feedback.move", user=by, data={"moved": event.text})
        _tell_handlers(
            case,
            gettext_noop("Synpunkt %(reference)s har flyttats till er, svara senast %(deadline)s"),
        )


def remind_handlers(now=None):
    """Mail the handlers of open cases due today (in the morning) and of overdue cases.

    Each reminder is recorded on the case with when it went and to whom, so running this again
    sends nothing twice and staff see it on the case and the dashboard. `now` is the clock
    (tests and the demo pass their own). Returns the number of reminders queued.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    reminders = [
        (Feedback.objects.open().filter(deadline=today), FeedbackEvent.Kind.REMINDED_DUE),
        (Feedback.objects.overdue(today), FeedbackEvent.Kind.REMINDED_OVERDUE),
    ]
    for cases, kind in reminders:
        for case in cases.select_related("unit", "handler").order_by("deadline", "pk"):
            if case.handler and case.handler.email:
                recipients = [(case.handler.email, display_name(case.handler))]
            else:
                recipients = handler_recipients(case)
            with transaction.atomic():
                recorded = case.record_reminder(
                    kind, now, [as_recipient(address, who) for address, who in recipients]
                )
                if not recorded:
                    continue
                if kind == FeedbackEvent.Kind.REMINDED_DUE:
                    subject = gettext_noop("Påminnelse: svara på %(reference)s i dag")
                else:
                    subject = gettext_noop(
                        "Försenad: %(reference)s skulle ha besvarats %(deadline)s"
                    )
                _tell_handlers(case, subject, recipients, reminder=True)
                sent += 1
    return sent


def close(case, by):
    with transaction.atomic():
        case.close(by)
        log(case, "feedback.close", user=by)
