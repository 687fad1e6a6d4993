"""Feedback and complaints (seeds 000, 002, 004): what residents tell a unit, and its handling.

A case moves new -> in progress -> answered -> closed. The deadline is stored when the case is
received (received + the unit's promised number of Swedish working days), so that a later change
of the unit's promise does not move old deadlines.
"""

import base64
import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import BaseLogEntry, BaseLogEntryManager

from home.transitions import TransitionError, lock
from outbox.languages import language_name

from .workdays import add_working_days

DEFAULT_REPLY_WORKING_DAYS = 2
# A second copy of one form (a double click, a resent request) within this time is shown the
# receipt of the first instead of being stored again.
RESUBMIT_WINDOW = datetime.timedelta(hours=1)
MESSAGE_MAX_LENGTH = 5000
REPLY_MAX_LENGTH = 5000
# Characters of the resident's message the inbox shows beside each case.
EXCERPT_LENGTH = 80


class Status(models.TextChoices):
    NEW = "new", _("Ny")
    IN_PROGRESS = "in_progress", _("Under handläggning")
    ANSWERED = "answered", _("Besvarad")
    CLOSED = "closed", _("Avslutad")


class Kind(models.TextChoices):
    OPINION = "synpunkt", _("Synpunkt")
    COMPLAINT = "klagomal", _("Klagomål")
    PRAISE = "berom", _("Beröm")
    SUGGESTION = "forslag", _("Förslag")


class Dimension(models.TextChoices):
    """Uppsala's five dimensions (seed 004)."""

    TREATMENT = "bemotande", _("Bemötande")
    DELIVERY = "utforande", _("Tjänstens innehåll/utförande")
    INFORMATION = "information", _("Information")
    ACCESSIBILITY = "tillganglighet", _("Tillgänglighet")
    OTHER = "ovrigt", _("Övrigt")


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS)

# Stored fields save() derives from another field: saving the source saves the derived one too.
DERIVED_FIELDS = {"received_at": "received_month", "replied_at": "answered_in_time"}


class ReferenceCounter(models.Model):
    """The last reference number handed out per year.

    One row per year, incremented under SELECT ... FOR UPDATE in the transaction that stores the
    case. Chosen over a PostgreSQL sequence because it restarts every year (SYN-2027-000001),
    works on the embedded SQLite too, and rolls back with the case, so numbers have no gaps in
    practice; the lock is held only for the rest of one short transaction, far beyond the rate at
    which a municipality receives feedback. Nothing relies on there being no gaps.
    """

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("referensnummerräknare")
        verbose_name_plural = _("referensnummerräknare")

    def __str__(self):
        return f"{self.year}: {self.last_number}"

    @classmethod
    def next_reference(cls, year):
        """Must run inside a transaction; returns e.g. "SYN-2026-000123"."""
        cls.objects.bulk_create([cls(year=year)], ignore_conflicts=True)
        counter = cls.objects.select_for_update().get(year=year)
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        return f"SYN-{year}-{counter.last_number:06d}"


def display_name(user):
    """A staff member as colleagues know them: the full name, the user name only when the
    account has no name (Wagtail's own rule, the one its history and listings use)."""
    from wagtail.admin.utils import get_user_display_name

    return get_user_display_name(user)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def tracking_token_for(submission_key):
    """The private follow link's token of the case a form sends, derived from the form's key.

    An HMAC with the site's secret: unguessable from the key alone, yet the same for every copy
    of one form, so a second copy can be shown the receipt without the token stored in clear.
    """
    digest = salted_hmac("feedback.tracking-token", submission_key, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class FeedbackQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(deadline__lt=today or timezone.localdate())

    def not_overdue(self, today=None):
        return self.exclude(pk__in=self.overdue(today).values("pk"))

    def for_units(self, units):
        return self.filter(unit__in=units)

    def in_work_order(self):
        """The handler's order: cases still to answer first, by deadline (so the overdue ones
        lead), then answered ones waiting to be closed, then closed ones; oldest first within
        a day."""
        return self.annotate(
            work_order=models.Case(
                models.When(status__in=OPEN_STATUSES, then=0),
                models.When(status=Status.ANSWERED, then=1),
                default=2,
                output_field=models.PositiveSmallIntegerField(),
            )
        ).order_by("work_order", "deadline", "received_at", "pk")

    def broken_promises(self):
        """Complaints tied to a commitment: a resident says a promise was not kept."""
        return self.filter(kind=Kind.COMPLAINT, commitment__isnull=False)


class Feedback(models.Model):
    reference = models.CharField(_("referensnummer"), max_length=20, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    dimension = models.CharField(_("gäller"), max_length=20, choices=Dimension.choices)
    unit = models.ForeignKey(
        "guarantees.GuaranteePage",
        verbose_name=_("enhet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
        help_text=_("Tomt när synpunkten gäller kommunen i allmänhet."),
    )
    commitment = models.ForeignKey(
        "guarantees.Commitment",
        verbose_name=_("åtagande"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    message = models.TextField(_("meddelande"), max_length=MESSAGE_MAX_LENGTH)
    # The language the resident wrote in (the active one when they sent it): every letter to
    # them and their tracking page are in it. Cases from before languages were kept are "sv".
    language = models.CharField(_("språk"), max_length=20, default="sv", editable=False)

    # The promise as it stood when the case came in, so that a later edit of the guarantee
    # does not change what the resident reported or what they were promised for it.
    promise = models.CharField(_("löftet"), max_length=300, blank=True, editable=False)
    promise_expected_result = models.CharField(
        _("löftets förväntade resultat"), max_length=500, blank=True, editable=False
    )
    remedy = models.TextField(
        _("om vi inte håller vad vi lovar"), max_length=2000, blank=True, editable=False
    )
    remedy_contact = models.CharField(
        _("vem hör av sig"), max_length=200, blank=True, editable=False
    )
    remedy_contact_days = models.PositiveSmallIntegerField(
        _("hör av sig inom (arbetsdagar)"), null=True, blank=True, editable=False
    )
    remedy_compensation = models.TextField(
        _("ersättning"), max_length=1000, blank=True, editable=False
    )

    anonymous = models.BooleanField(_("anonym"), default=False)
    name = models.CharField(_("namn"), max_length=200, blank=True)
    email = models.EmailField(_("e-post"), max_length=254, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    wants_reply = models.BooleanField(_("vill ha svar"), default=False)
    personal_data_removed_at = models.DateTimeField(
        _("personuppgifter borttagna"), null=True, blank=True
    )

    received_at = models.DateTimeField(_("inkom"), default=timezone.now, db_index=True)
    # The first day of the month received_at falls in, Swedish time: stored so that the
    # compilation groups by a plain date instead of converting a time zone on every row.
    received_month = models.DateField(_("inkommen månad"), editable=False)
    deadline = models.DateField(_("svara senast"), editable=False)

    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handläggare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply = models.TextField(_("svar"), max_length=REPLY_MAX_LENGTH, blank=True)
    replied_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    # Replied on or before the deadline day (Swedish time); kept in step with replied_at by
    # save(), so the compilation counts a boolean instead of converting replied_at per row.
    answered_in_time = models.BooleanField(_("besvarad i tid"), default=False, editable=False)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besvarad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.TextField(_("åtgärd"), max_length=REPLY_MAX_LENGTH, blank=True)
    closed_at = models.DateTimeField(_("avslutad"), null=True, blank=True)

    tracking_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The hidden one-time key of the form that sent it: a double submit finds this case.
    submission_key = models.CharField(max_length=64, unique=True, null=True, editable=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("synpunkt")
        verbose_name_plural = _("synpunkter")
        permissions = [
            ("compile_feedback", _("Kan sammanställa synpunkter för alla enheter")),
        ]
        indexes = [
            # The compilation reads a period through this index alone (index-only scan), in
            # the order of its GROUP BY, so PostgreSQL aggregates as it reads (no hash, no sort).
            models.Index(
                fields=["received_month", "unit", "kind", "dimension"],
                include=["received_at", "answered_in_time"],
                name="feedback_compilation_month",
            ),
            models.Index(fields=["unit", "received_at"], name="feedback_unit_received"),
            models.Index(
                fields=["deadline"],
                condition=Q(status__in=["new", "in_progress"]),
                name="feedback_open_deadline",
            ),
            models.Index(
                fields=["commitment", "received_at"],
                condition=Q(kind="klagomal", commitment__isnull=False),
                name="feedback_broken_promise",
            ),
        ]

    def __str__(self):
        return self.reference or str(_("Ny synpunkt"))

    def save(self, *args, update_fields=None, **kwargs):
        """Keep the stored received_month and answered_in_time in step with their sources."""
        self.received_month = self.month_of(self.received_at)
        self.answered_in_time = self.replied_in_time()
        if update_fields is not None:
            update_fields = set(update_fields)
            update_fields |= {
                derived for source, derived in DERIVED_FIELDS.items() if source in update_fields
            }
        super().save(*args, update_fields=update_fields, **kwargs)

    # Domain rules

    @staticmethod
    def compute_deadline(received_at, unit=None):
        days = DEFAULT_REPLY_WORKING_DAYS
        if unit is not None and unit.reply_working_days:
            days = unit.reply_working_days
        return add_working_days(timezone.localdate(received_at), days)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and timezone.localdate() > self.deadline

    @staticmethod
    def month_of(moment):
        """The first day of the month `moment` falls in, Swedish time."""
        return timezone.localdate(moment).replace(day=1)

    def replied_in_time(self):
        return self.replied_at is not None and timezone.localdate(self.replied_at) <= self.deadline

    @property
    def excerpt(self):
        """The start of what the resident wrote, on one line, for a listing."""
        return Truncator(" ".join(self.message.split())).chars(EXCERPT_LENGTH)

    @property
    def has_contact(self):
        return bool(self.email or self.phone)

    @property
    def is_broken_promise(self):
        """A complaint that names one of the unit's promises: the promise was not kept."""
        return self.kind == Kind.COMPLAINT and bool(self.promise)

    @property
    def remedy_contact_by(self):
        """The last day the guarantee's remedy promised to contact the resident, counted in
        working days from the day the case came in; None when it promised no time."""
        if self.remedy_contact_days is None:
            return None
        return add_working_days(timezone.localdate(self.received_at), self.remedy_contact_days)

    @property
    def language_name(self):
        """The case's language as staff read it, in their language ("finska")."""
        return language_name(self.language)

    @property
    def in_site_language(self):
        return self.language == settings.LANGUAGE_CODE

    def keep_promise(self):
        """Copy the named commitment, and what the guarantee promises when one is broken,
        onto the case as they stand now."""
        commitment = self.commitment
        self.promise = commitment.title if commitment else ""
        self.promise_expected_result = commitment.expected_result if commitment else ""
        self.copy_remedy_of(self.unit if commitment else None)

    def copy_remedy_of(self, unit):
        """What `unit`'s guarantee promises when a promise is broken (nothing for None)."""
        self.remedy = unit.remedy if unit else ""
        self.remedy_contact = unit.remedy_contact if unit else ""
        self.remedy_contact_days = unit.remedy_contact_days if unit else None
        self.remedy_compensation = unit.remedy_compensation if unit else ""

    def new_tracking_token(self):
        """Give the case a fresh private follow link; returns the token (only shown once)."""
        token = secrets.token_urlsafe(32)
        self.tracking_token_hash = hash_token(token)
        return token

    @classmethod
    def find_by_token(cls, token):
        if not token or len(token) > 100:
            return None
        return (
            cls.objects.select_related("unit").filter(tracking_token_hash=hash_token(token)).first()
        )

    @classmethod
    @transaction.atomic
    def receive(cls, **fields):
        """Store a new case with its reference number and deadline; returns (case, token)."""
        case = cls(**fields)
        if case.anonymous:
            case.name = case.email = case.phone = ""
            case.wants_reply = False
        case.received_at = case.received_at or timezone.now()
        case.deadline = cls.compute_deadline(case.received_at, case.unit)
        case.reference = ReferenceCounter.next_reference(timezone.localdate(case.received_at).year)
        case.keep_promise()
        if case.submission_key:
            token = tracking_token_for(case.submission_key)
            case.tracking_token_hash = hash_token(token)
        else:
            token = case.new_tracking_token()
        case.save()
        case._record(FeedbackEvent.Kind.RECEIVED, None, at=case.received_at)
        return case, token

    @classmethod
    def receipt_for_copy(cls, fields):
        """(case, token) when `fields` were already received from the same form, else None.

        A copy must say exactly what the stored case says and come within RESUBMIT_WINDOW;
        knowing a form's key alone shows no one another person's receipt (TransitionError).
        """
        key = fields.get("submission_key")
        case = (
            cls.objects.select_related("unit").filter(submission_key=key).first() if key else None
        )
        if case is None:
            return None
        same = all(getattr(case, name) == value for name, value in fields.items())
        if not same or case.received_at < timezone.now() - RESUBMIT_WINDOW:
            raise TransitionError(
                _(
                    "Det här formuläret har redan skickats. "
                    "Ladda om sidan för att skriva en ny synpunkt."
                )
            )
        return case, tracking_token_for(key)

    def handlers(self):
        """Users who handle this case's unit, assigned to it or to its service area."""
        from staff.models import handlers_of

        return handlers_of(self.unit)

    def _record(self, kind, actor, *, at=None, from_status="", text="", recipient=""):
        return self.events.create(
            kind=kind,
            at=at or timezone.now(),
            actor=actor,
            from_status=from_status,
            to_status=self.status,
            text=text,
            recipient=recipient,
        )

    @transaction.atomic
    def assign(self, handler, by, when=None):
        lock(self)
        if self.status == Status.CLOSED:
            raise TransitionError(_("Ärendet är avslutat."))
        if not by.is_superuser and not self.handlers().filter(pk=handler.pk).exists():
            raise TransitionError(_("Välj en handläggare för enheten."))
        old_status = self.status
        self.handler = handler
        if self.status == Status.NEW:
            self.status = Status.IN_PROGRESS
        self.save(update_fields=["handler", "status"])
        return self._record(
            FeedbackEvent.Kind.ASSIGNED,
            by,
            at=when,
            from_status=old_status,
            text=display_name(handler),
        )

    @transaction.atomic
    def answer(self, text, by, when=None):
        """Reply to the resident. The letter is kept as an event of its own, never edited."""
        lock(self)
        if self.status == Status.CLOSED:
            raise TransitionError(_("Ärendet är avslutat."))
        text = (text or "").strip()
        if not text:
            raise TransitionError(_("Skriv ett svar."))
        old_status = self.status
        self.reply = text
        self.replied_at = when or timezone.now()
        self.replied_by = by
        if self.handler is None:
            self.handler = by
        self.status = Status.ANSWERED
        self.save(update_fields=["reply", "replied_at", "replied_by", "handler", "status"])
        return self._record(
            FeedbackEvent.Kind.REPLIED,
            by,
            at=self.replied_at,
            from_status=old_status,
            text=text,
            recipient=self.email,
        )

    @transaction.atomic
    def record_action(self, text, by):
        lock(self)
        text = (text or "").strip()
        if not text:
            raise TransitionError(_("Beskriv åtgärden."))
        self.action = text
        self.save(update_fields=["action"])
        return self._record(FeedbackEvent.Kind.ACTION, by, from_status=self.status, text=text)

    @transaction.atomic
    def add_note(self, text, by):
        """An internal note for colleagues; the resident never sees it."""
        lock(self)
        text = (text or "").strip()
        if not text:
            raise TransitionError(_("Skriv en anteckning."))
        return self._record(FeedbackEvent.Kind.NOTE, by, from_status=self.status, text=text)

    @transaction.atomic
    def move_to(self, unit, by):
        """A misrouted case goes to the unit it is about; its deadline stays as promised."""
        lock(self)
        if self.status == Status.CLOSED:
            raise TransitionError(_("Ärendet är avslutat."))
        if unit == self.unit:
            raise TransitionError(_("Ärendet hör redan till den enheten."))
        before = str(self.unit) if self.unit else _("Ingen särskild enhet")
        self.unit = unit
        self.commitment = None  # a commitment belongs to the unit the case came from
        self.handler = None  # the new unit's handlers take it
        self.save(update_fields=["unit", "commitment", "handler"])
        return self._record(
            FeedbackEvent.Kind.MOVED,
            by,
            from_status=self.status,
            text=_("Från %(before)s till %(after)s") % {"before": before, "after": unit},
        )

    def record_reminder(self, kind, at, recipients):
        """Note that a reminder of this kind went out at `at` to `recipients` (the names and
        addresses it was mailed to, as staff read them); False when one already had."""
        with transaction.atomic():
            _event, created = self.events.get_or_create(
                kind=kind,
                defaults={
                    "at": at,
                    "to_status": self.status,
                    "from_status": self.status,
                    "text": "\n".join(recipients),
                },
            )
        return created

    @transaction.atomic
    def close(self, by, when=None):
        lock(self)
        if self.status == Status.CLOSED:
            raise TransitionError(_("Ärendet är redan avslutat."))
        if self.kind == Kind.COMPLAINT and not self.action.strip():
            raise TransitionError(
                _("Ett klagomål kan inte avslutas innan en åtgärd har registrerats.")
            )
        old_status = self.status
        self.status = Status.CLOSED
        self.closed_at = when or timezone.now()
        self.save(update_fields=["status", "closed_at"])
        return self._record(
            FeedbackEvent.Kind.CLOSED, by, at=self.closed_at, from_status=old_status
        )

    def remove_personal_data(self, when=None):
        self.name = self.email = self.phone = ""
        self.personal_data_removed_at = when or timezone.now()


class FeedbackEvent(models.Model):
    """One thing that happened to a case: its record, never edited.

    A reply keeps the exact text and to whom it was sent, so every letter the municipality sent
    stays on the case as sent (a public record), however many replies follow.
    """

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Inkom")
        ASSIGNED = "assigned", _("Tilldelad")
        REPLIED = "replied", _("Svar skickat")
        ACTION = "action", _("Åtgärd registrerad")
        NOTE = "note", _("Intern anteckning")
        MOVED = "moved", _("Flyttad till annan enhet")
        REMINDED_DUE = "reminded_due", _("Påminnelse: svara i dag")
        REMINDED_OVERDUE = "reminded_overdue", _("Påminnelse: försenad")
        CLOSED = "closed", _("Avslutad")

    # What the resident sees on the tracking page; everything else is internal.
    PUBLIC_KINDS = (Kind.REPLIED, Kind.ACTION)
    REMINDER_KINDS = (Kind.REMINDED_DUE, Kind.REMINDED_OVERDUE)

    case = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("tidpunkt"), default=timezone.now)
    kind = models.CharField(_("händelse"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    text = models.TextField(_("text"), blank=True)
    recipient = models.EmailField(_("skickat till"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            # A reminder goes out once per case and kind, however often the command runs.
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=Q(kind__in=["reminded_due", "reminded_overdue"]),
                name="one_reminder_per_case_and_kind",
            )
        ]
        verbose_name = _("händelse i ärende")
        verbose_name_plural = _("händelser i ärenden")

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"

    @property
    def is_reminder(self):
        return self.kind in self.REMINDER_KINDS

    @property
    def reminded(self):
        """Those a reminder was mailed to, one per line as recorded."""
        return [line for line in self.text.splitlines() if line] if self.is_reminder else []

    @property
    def reminded_names(self):
        """Those a reminder went to, by name where the record has one ("Hanna Handläggare"
        rather than "Hanna Handläggare <hanna@...>")."""
        return [line.split(" <")[0] for line in self.reminded]


# Where a reply template is signed: the handler who opens it, by name.
SIGNATURE = _("[ditt namn]")


def language_choices():
    """The site's languages, named for staff in their own language ("finska")."""
    return [(code, language_name(code)) for code, _name in settings.LANGUAGES]


class ReplyTemplateQuerySet(models.QuerySet):
    def for_case(self, case):
        """The templates for the case's kind (or any kind), city-wide or of the case's service
        area; those in the case's language first, then those written for its kind."""
        area = case.unit.get_parent() if case.unit else None
        return (
            self.filter(Q(service_area__isnull=True) | Q(service_area=area))
            .filter(Q(kind="") | Q(kind=case.kind))
            .annotate(
                in_other_language=models.Case(
                    models.When(language=case.language, then=0),
                    default=1,
                    output_field=models.PositiveSmallIntegerField(),
                ),
                for_any_kind=models.Case(
                    models.When(kind="", then=1),
                    default=0,
                    output_field=models.PositiveSmallIntegerField(),
                ),
            )
            .order_by("in_other_language", "for_any_kind", "title")
        )


class ReplyTemplate(models.Model):
    """A reply text handlers start from, for one kind of feedback and one service area, or for
    all. It is the whole letter the resident reads: its greeting included."""

    title = models.CharField(_("namn"), max_length=120)
    kind = models.CharField(
        _("typ"),
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text=_("Tomt: mallen kan användas för alla typer av synpunkter."),
    )
    service_area = models.ForeignKey(
        "guarantees.ServiceAreaPage",
        verbose_name=_("verksamhetsområde"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Tomt: mallen kan användas för alla verksamhetsområden."),
    )
    language = models.CharField(
        _("språk"),
        max_length=20,
        choices=language_choices,
        default="sv",
        help_text=_(
            "Språket mallen är skriven på. Ett ärende visar först mallarna på det språk "
            "invånaren skrev på."
        ),
    )
    text = models.TextField(
        _("text"),
        max_length=REPLY_MAX_LENGTH,
        help_text=_(
            "Hela brevet som invånaren läser, med hälsning och avslutning. Skriv det du vill "
            "att handläggaren fyller i inom hakparenteser, till exempel [vad vi har gjort]: "
            "ett svar skickas inte förrän de är ersatta."
        ),
    )

    objects = ReplyTemplateQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("service_area"),
        FieldPanel("language"),
        FieldPanel("text"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("svarsmall")
        verbose_name_plural = _("svarsmallar")

    def __str__(self):
        return self.title

    @property
    def language_name(self):
        return language_name(self.language)

    def letter_for(self, handler):
        """The text to start a reply from, signed with the handler's name where the template
        says [ditt namn]."""
        return self.text.replace(str(SIGNATURE), display_name(handler))


@register_setting(icon="comment")
class FeedbackSettings(BaseSiteSetting):
    """How long residents' contact details are kept after a case is closed, per kind."""

    retention_months_opinion = models.PositiveSmallIntegerField(
        _("synpunkter (månader)"), default=24
    )
    retention_months_complaint = models.PositiveSmallIntegerField(
        _("klagomål (månader)"), default=24
    )
    retention_months_praise = models.PositiveSmallIntegerField(_("beröm (månader)"), default=12)
    retention_months_suggestion = models.PositiveSmallIntegerField(
        _("förslag (månader)"), default=24
    )

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("retention_months_opinion"),
                        FieldPanel("retention_months_complaint"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("retention_months_praise"),
                        FieldPanel("retention_months_suggestion"),
                    ]
                ),
            ],
            heading=_("Gallring av personuppgifter"),
            help_text=_(
                "Efter så många månader från att ett ärende avslutats tas namn, e-post och "
                "telefon bort. Själva ärendet är en allmän handling och finns kvar."
            ),
        )
    ]

    class Meta:
        verbose_name = _("synpunktsinställningar")

    def months_for(self, kind):
        return {
            Kind.OPINION: self.retention_months_opinion,
            Kind.COMPLAINT: self.retention_months_complaint,
            Kind.PRAISE: self.retention_months_praise,
            Kind.SUGGESTION: self.retention_months_suggestion,
        }[kind]


class CaseLogEntryManager(BaseLogEntryManager):
    """Wagtail's log of what staff did to cases, readable only by those who may read the case.

    Wagtail shows log entries in site history, its export and each object's history. With the
    generic log, anyone holding any feedback permission read every unit's case references and
    states there; this log is scoped like the inbox.
    """

    def log_action(self, instance, action, **kwargs):
        kwargs.update(case=instance)
        return super().log_action(instance, action, **kwargs)

    def viewable_by_user(self, user):
        from staff.models import Role, units_for

        if user.is_superuser:
            return self.all()
        units = units_for(user, Role.HANDLER) | units_for(user, Role.EDITOR)
        return self.filter(case__unit__in=units)

    def for_instance(self, instance):
        return self.filter(case=instance)


class CaseLogEntry(BaseLogEntry):
    case = models.ForeignKey(
        Feedback, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )

    objects = CaseLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("logg för ärende")
        verbose_name_plural = _("loggar för ärenden")

    @property
    def object_id(self):
        return self.case_id
