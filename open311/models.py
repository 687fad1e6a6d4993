"""Apps that may file feedback through Open311: one key per registered app, stored hashed.

The key is shown once, when it is issued; only its SHA-256 is kept (a 256-bit random key needs
no slow hash), plus a short prefix so staff can tell keys apart. A revoked app stays on record
with the time and the person who revoked it; its key never works again.
"""

import hashlib
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.transitions import TransitionError, lock

KEY_PREFIX_LENGTH = 8
KEY_MAX_LENGTH = 100
DEFAULT_REQUESTS_PER_HOUR = 60
ADDRESS_MAX_LENGTH = 400
MEDIA_URL_MAX_LENGTH = 2000


DEFAULT_PORTS = {"http": 80, "https": 443}


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


def normalize_origin(value):
    """A web origin as browsers send it in `Origin` ("https://app.example.se:8443"), or None.

    Scheme and host in lower case, the default port left out, nothing after the port.
    """
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port is None or port == DEFAULT_PORTS[parts.scheme]:
        return f"{parts.scheme}://{host}"
    return f"{parts.scheme}://{host}:{port}"


def validate_origins(text):
    wrong = [line.strip() for line in text.splitlines() if line.strip()]
    wrong = [line for line in wrong if normalize_origin(line) is None]
    if wrong:
        raise ValidationError(
            _(
                "Skriv en webbadress per rad, bara protokoll och värd, till exempel %(example)s. "
                "Fel: %(wrong)s"
            )
            % {"example": "https://app.example.se", "wrong": ", ".join(w[:80] for w in wrong)}
        )


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
    allowed_origins = models.TextField(
        _("webbplatser som får skicka ärenden"),
        blank=True,
        validators=[validate_origins],
        help_text=_(
            "För en app som körs i webbläsaren: de webbplatser (origin) den körs på, en per "
            "rad, till exempel https://app.example.se. Bara härifrån tar vi emot ärenden med "
            "appens nyckel från en webbläsare. Lämna tomt för en app i telefonen eller på en "
            "server."
        ),
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

    def origins(self):
        """The origins named for this app, normalized as browsers send them."""
        found = (normalize_origin(line) for line in self.allowed_origins.splitlines())
        return {origin for origin in found if origin}

    def allows_origin(self, origin):
        return normalize_origin(origin or "") in self.origins()

    @classmethod
    def origin_is_registered(cls, origin):
        """Whether some active app names `origin`: only then may a browser there post at all."""
        wanted = normalize_origin(origin or "")
        if wanted is None:
            return False
        candidates = cls.objects.filter(revoked_at__isnull=True).exclude(allowed_origins="")
        return any(wanted in client.origins() for client in candidates.only("allowed_origins"))

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


class RequestLocation(models.Model):
    """Where a request sent through Open311 is about, as the app gave it.

    Kept with the case and shown to its handler; never published through the API (a position
    or an address can be the resident's home). `media_url` is stored as a link only: the server
    never fetches it. Removed with the case's other personal data (purge_open311_locations).
    """

    case = models.OneToOneField(
        "feedback.Feedback",
        verbose_name=_("ärende"),
        on_delete=models.CASCADE,
        related_name="open311_location",
    )
    client = models.ForeignKey(
        ApiClient,
        verbose_name=_("app"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lat = models.DecimalField(
        _("latitud"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    long = models.DecimalField(
        _("longitud"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    address_string = models.CharField(_("adress"), max_length=ADDRESS_MAX_LENGTH, blank=True)
    media_url = models.URLField(_("länk till bild"), max_length=MEDIA_URL_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("plats från Open311")
        verbose_name_plural = _("platser från Open311")

    def __str__(self):
        return self.address_string or f"{self.lat}, {self.long}"

    @property
    def has_position(self):
        return self.lat is not None and self.long is not None
