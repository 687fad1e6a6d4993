"""Apps that may file feedback through Open311: one key per registered app, stored hashed.

The key is shown once, when it is issued; only its SHA-256 is kept (a 256-bit random key needs
no slow hash), plus a short prefix so staff can tell keys apart. A revoked app stays on record
with the time and the person who revoked it; its key never works again.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.transitions import TransitionError, lock

KEY_PREFIX_LENGTH = 8
KEY_MAX_LENGTH = 100
DEFAULT_REQUESTS_PER_HOUR = 60


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


class ApiClient(models.Model):
    name = models.CharField(_("namn"), max_length=200)
    contact = models.CharField(
        _("kontakt"),
        max_length=254,
        help_text=_("Vem som ansvarar för appen, till exempel en funktionsadress."),
    )
    requests_per_hour = models.PositiveIntegerField(
        _("ärenden per timme"),
        default=DEFAULT_REQUESTS_PER_HOUR,
        help_text=_("Så många nya ärenden får appen skicka per timme."),
    )
    key_prefix = models.CharField(
        _("nyckelns början"), max_length=KEY_PREFIX_LENGTH, editable=False
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(_("spärrad"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("spärrad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Open311-app")
        verbose_name_plural = _("Open311-appar")

    def __str__(self):
        return self.name

    @property
    def is_active(self):
        return self.revoked_at is None

    def new_key(self):
        """Give the app a fresh key; returns it (shown once, never stored in clear)."""
        key = secrets.token_urlsafe(32)
        self.key_prefix = key[:KEY_PREFIX_LENGTH]
        self.key_hash = hash_key(key)
        return key

    @classmethod
    def authenticate(cls, key):
        """The active app holding `key`, or None."""
        if not isinstance(key, str) or not key or len(key) > KEY_MAX_LENGTH:
            return None
        return cls.objects.filter(key_hash=hash_key(key), revoked_at__isnull=True).first()

    @transaction.atomic
    def revoke(self, by):
        lock(self)
        if self.revoked_at is not None:
            raise TransitionError(_("Appens nyckel är redan spärrad."))
        self.revoked_at = timezone.now()
        self.revoked_by = by
        self.save(update_fields=["revoked_at", "revoked_by"])
