"""What happens around a case's state change: who is told, and the admin log.

Each function runs the model's state change (which locks, checks, saves and records the event)
and, in the same transaction, queues the mail and writes Wagtail's log. The mail is stored with
the change and delivered after commit (outbox/mail.py), so a letter is never sent for a change
that rolled back, and never lost for one that committed.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from home.models import MunicipalitySettings
from outbox.mail import queue_mail

from .models import Feedback


def handler_addresses(case):
    addresses = [user.email for user in case.handlers() if user.email]
    if case.unit is not None and case.unit.email:
        addresses.append(case.unit.email)
    if not addresses:
        municipality = MunicipalitySettings.objects.first()
        if municipality and municipality.email:
            addresses.append(municipality.email)
    return list(dict.fromkeys(addresses))


def receive(fields, tracking_url_for):
    """Store a resident's case and queue its mail in one transaction; returns (case, token)."""
    with transaction.atomic():
        case, token = Feedback.receive(**fields)
        context = {"case": case, "tracking_url": tracking_url_for(token)}
        if case.email:
            queue_mail(
                case.email,
                _("Vi har tagit emot din synpunkt %(reference)s") % {"reference": case.reference},
                "feedback/mail/receipt.txt",
                context,
            )
        for address in handler_addresses(case):
            queue_mail(
                address,
                _("Ny synpunkt %(reference)s att besvara senast %(deadline)s")
                % {"reference": case.reference, "deadline": case.deadline.isoformat()},
                "feedback/mail/handler_notice.txt",
                {"case": case},
            )
    return case, token


def assign(case, handler, by):
    with transaction.atomic():
        case.assign(handler, by)
        log(case, "feedback.assign", user=by, data={"handler": handler.get_username()})


def answer(case, text, by):
    with transaction.atomic():
        event = case.answer(text, by)
        if case.email:
            queue_mail(
                case.email,
                _("Svar på din synpunkt %(reference)s") % {"reference": case.reference},
                "feedback/mail/reply.txt",
                {"case": case, "reply": event.text},
            )
        log(case, "feedback.reply", user=by, data={"mailed": bool(case.email)})


def record_action(case, text, by):
    with transaction.atomic():
        case.record_action(text, by)
        log(case, "feedback.action", user=by)


def close(case, by):
    with transaction.atomic():
        case.close(by)
        log(case, "feedback.close", user=by)
