"""What happens around a state change: who is told, by mail queued in the same transaction."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from outbox.mail import queue_mail
from staff.models import Role, UnitAssignment

from .models import Feedback


def handlers_of(unit):
    """Users who handle feedback for this unit, assigned to it or to its service area."""
    User = get_user_model()
    if unit is None:
        return User.objects.filter(is_superuser=True, is_active=True)
    pages = unit.get_ancestors(inclusive=True)
    user_ids = UnitAssignment.objects.filter(role=Role.HANDLER, page__in=pages).values("user")
    return User.objects.filter(pk__in=user_ids, is_active=True).order_by("first_name", "username")


def handler_addresses(unit):
    addresses = [u.email for u in handlers_of(unit) if u.email]
    if unit is not None and unit.email:
        addresses.append(unit.email)
    if not addresses:
        from home.models import MunicipalitySettings

        settings = MunicipalitySettings.objects.first()
        if settings and settings.email:
            addresses.append(settings.email)
    return list(dict.fromkeys(addresses))


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


def _store(fields, tracking_url_for):
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
        for address in handler_addresses(case.unit):
            queue_mail(
                address,
                _("Ny synpunkt %(reference)s att besvara senast %(deadline)s")
                % {"reference": case.reference, "deadline": case.deadline.isoformat()},
                "feedback/mail/handler_notice.txt",
                {"case": case},
            )
    return case, token


def assign(case, handler, by_user):
    with transaction.atomic():
        case.assign(handler)
        case.save(update_fields=["handler", "status"])
        log(case, "feedback.assign", user=by_user, data={"handler": handler.get_username()})


def answer(case, text, by_user):
    with transaction.atomic():
        case.answer(text, by_user)
        case.save(update_fields=["reply", "replied_at", "replied_by", "handler", "status"])
        log(case, "feedback.reply", user=by_user, data={"mailed": bool(case.email)})
        if case.email:
            queue_mail(
                case.email,
                _("Svar på din synpunkt %(reference)s") % {"reference": case.reference},
                "feedback/mail/reply.txt",
                {"case": case},
            )


def record_action(case, text, by_user):
    with transaction.atomic():
        case.record_action(text)
        case.save(update_fields=["action"])
        log(case, "feedback.action", user=by_user)


def close(case, by_user):
    with transaction.atomic():
        case.close()
        case.save(update_fields=["status", "closed_at"])
        log(case, "feedback.close", user=by_user)
