"""The one way the site sends mail: `queue_mail` inside the transaction, delivery after it."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .languages import current_language
from .models import Message

logger = logging.getLogger("outbox")


def queue_mail(to, subject, template_name, context=None, reply_to="", language=None):
    """Store a message with the current transaction and deliver it once that commits.

    `template_name` is a plain-text template. The letter is written in `language` (the
    recipient's, e.g. a case's), or else in the active one; a lazy `subject` is translated
    into it too. The message keeps the body, subject and language exactly as sent.
    """
    language = language or current_language()
    with translation.override(language):
        body = render_to_string(template_name, context or {})
        subject = " ".join(str(subject).split())[:250]
    message = Message.objects.create(
        to=to, subject=subject, body=body, reply_to=reply_to, language=language
    )
    transaction.on_commit(lambda: _enqueue_delivery(message.pk))
    return message


def _enqueue_delivery(message_id):
    from .tasks import deliver_message

    try:
        deliver_message.enqueue(message_id)
    except Exception:  # the queue being down must not fail the resident's request
        logger.exception(
            "Could not enqueue delivery of message %s; deliver_mail retries it", message_id
        )


def deliver(message_id):
    """Send one message, unless another worker has it or it has gone out already."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, sent_at__isnull=True)
            .first()
        )
        if message is None:
            return False
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
            reply_to=[message.reply_to] if message.reply_to else None,
            headers={"Content-Language": message.language},
            connection=get_connection(fail_silently=False),
        )
        try:
            email.send()
        except Exception as error:  # any transport failure: keep it and try later
            message.record_failure(error)
            message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.warning(
                "Delivery of message %s failed (attempt %s): %s",
                message.pk,
                message.attempts,
                error,
            )
            return False
        message.sent_at = timezone.now()
        message.save(update_fields=["sent_at"])
        return True


def deliver_due(limit=500):
    """Retry every message that is due; returns (sent, failed)."""
    sent = failed = 0
    for message_id in (
        Message.objects.due().order_by("next_attempt_at").values_list("pk", flat=True)[:limit]
    ):
        if deliver(message_id):
            sent += 1
        else:
            failed += 1
    return sent, failed
