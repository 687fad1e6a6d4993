"""Mail waiting to be delivered.

A message is written in the same transaction as the change that causes it, so that nothing a
resident sends can be lost between the database and the mail server. Delivery runs after
commit as a background task; a failed delivery is retried with back-off by `deliver_mail`.
"""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_ATTEMPTS = 12


class MessageQuerySet(models.QuerySet):
    def due(self, now=None):
        now = now or timezone.now()
        return self.filter(
            sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS, next_attempt_at__lte=now
        )


class Message(models.Model):
    to = models.EmailField(_("mottagare"), max_length=254)
    subject = models.CharField(_("ämne"), max_length=250)
    body = models.TextField(_("innehåll"))
    reply_to = models.EmailField(_("svar till"), blank=True)
    # The language the letter was written in (a BCP 47 tag such as "fi" or "sv-x-easy"),
    # sent as its Content-Language; letters kept from before languages were recorded are "sv".
    language = models.CharField(_("språk"), max_length=20, default="sv")
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(_("nästa försök"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    last_error = models.TextField(_("senaste fel"), blank=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("e-postmeddelande")
        verbose_name_plural = _("e-postmeddelanden")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outbox_message_pending",
            )
        ]

    def __str__(self):
        return self.subject

    def record_failure(self, error):
        self.attempts += 1
        self.last_error = str(error)[:2000]
        # 1, 2, 4 ... minutes, at most six hours between tries.
        self.next_attempt_at = timezone.now() + timedelta(
            minutes=min(2 ** (self.attempts - 1), 360)
        )
