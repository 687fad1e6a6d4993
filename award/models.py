"""The yearly quality award (seeds 001, 002): residents and staff nominate a unit, a jury decides.

    unconfirmed -> confirmed (the nominator used the mailed link) -> shortlisted -> winner

A nomination is one e-mail address's nomination of one unit in one year's round; the address
is kept in canonical form (as for e-proposal votes) so that "A.B+x@gmail.com" and
"ab@gmail.com" count as one. The address is used only to confirm and to tell the nominator the
jury's decision; it never leaves the admin, and the jury's screens do not show it.
"""

import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from guarantees.models import GuaranteePage
from home.transitions import TransitionError, lock

CONFIRMATION_SALT = "award.nomination.confirm"
TOKEN_MAX_AGE = 3 * 24 * 3600


class AwardRoundQuerySet(models.QuerySet):
    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class AwardRound(ClusterableModel):
    """One year's award: when nominations are taken and in which categories."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    opens_on = models.DateField(_("nomineringen öppnar"))
    closes_on = models.DateField(_("nomineringen stänger"))
    intro = models.TextField(
        _("inledning"),
        max_length=1500,
        blank=True,
        help_text=_(
            "Visas överst på nomineringssidan: vad priset belönar och vem som kan nomineras."
        ),
    )

    objects = AwardRoundQuerySet.as_manager()

    panels = [
        FieldPanel("year"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        FieldPanel("intro"),
        InlinePanel("categories", heading=_("Kategorier"), label=_("Kategori"), min_num=1),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("prisomgång")
        verbose_name_plural = _("prisomgångar")

    def __str__(self):
        return gettext("Kvalitetspriset %(year)s") % {"year": self.year}

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError(
                {"closes_on": _("Nomineringen kan inte stänga innan den öppnar.")}
            )

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on

    @classmethod
    def current(cls, day=None):
        """The round that takes nominations today, if any."""
        return cls.objects.open_on(day or timezone.localdate()).first()

    def get_absolute_url(self):
        return reverse("award:year", args=[self.year])


class AwardCategory(Orderable):
    round = ParentalKey(AwardRound, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("namn"), max_length=100)
    description = models.CharField(_("beskrivning"), max_length=300, blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("kategori")
        verbose_name_plural = _("kategorier")

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Ej bekräftad")
    CONFIRMED = "confirmed", _("Nominerad")
    SHORTLISTED = "shortlisted", _("Finalist")
    WINNER = "winner", _("Vinnare")


class NominationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.exclude(status=Status.UNCONFIRMED)

    def winners(self):
        return self.filter(status=Status.WINNER)


def _digest(nonce):
    return hashlib.sha256(nonce.encode()).hexdigest()


class TokenError(Exception):
    """A confirmation link that cannot be used; the message is Swedish."""


class Nomination(models.Model):
    round = models.ForeignKey(
        AwardRound, verbose_name=_("år"), on_delete=models.CASCADE, related_name="nominations"
    )
    category = models.ForeignKey(
        AwardCategory,
        verbose_name=_("kategori"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    unit = models.ForeignKey(
        GuaranteePage,
        verbose_name=_("enhet"),
        on_delete=models.CASCADE,
        related_name="award_nominations",
    )
    reason = models.TextField(_("motivering från den som nominerar"), max_length=2000)
    email = models.EmailField(_("nominerandes e-post"))
    email_canonical = models.CharField(max_length=254, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED
    )
    created_at = models.DateTimeField(_("inskickad"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bekräftad"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Signed with e-ID instead of a mailed link: the signer as identity's keyed hash, so that
    # one person nominates a unit once a year whatever address they give.
    signer_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    motivation = models.TextField(_("juryns motivering"), max_length=2000, blank=True)
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("nominering")
        verbose_name_plural = _("nomineringar")
        permissions = [("judge_nomination", _("Kan bedöma nomineringar till kvalitetspriset"))]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit", "email_canonical"],
                name="one_nomination_per_email_unit_year",
            )
        ]

    def __str__(self):
        return f"{self.unit.title} ({self.category.name} {self.round.year})"

    # The resident's side ---------------------------------------------------------------------

    @classmethod
    def already_nominated(cls, award_round, unit, canonical):
        return cls.objects.filter(round=award_round, unit=unit, email_canonical=canonical).exists()

    @classmethod
    def submit(cls, *, category, unit, reason, email, canonical):
        """Store a nomination waiting for its mailed confirmation; returns (nomination, token)."""
        award_round = category.round
        if not award_round.is_open():
            raise TransitionError(gettext("Nomineringen till kvalitetspriset är stängd."))
        if cls.already_nominated(award_round, unit, canonical):
            raise TransitionError(
                gettext("Du har redan nominerat den här enheten i år. Tack för ditt engagemang!")
            )
        nonce = secrets.token_urlsafe(24)
        try:
            with transaction.atomic():  # a savepoint: the same form sent twice at once
                nomination = cls.objects.create(
                    round=award_round,
                    category=category,
                    unit=unit,
                    reason=reason,
                    email=email,
                    email_canonical=canonical,
                    token_hash=_digest(nonce),
                )
        except IntegrityError as error:
            raise TransitionError(
                gettext("Du har redan nominerat den här enheten i år. Tack för ditt engagemang!")
            ) from error
        token = signing.TimestampSigner(salt=CONFIRMATION_SALT).sign(f"{nomination.pk}.{nonce}")
        return nomination, token

    @classmethod
    @transaction.atomic
    def submit_signed(cls, *, category, unit, reason, email, canonical, signer_hash):
        """A nomination signed with e-ID: the signature confirms it at once."""
        award_round = category.round
        if not award_round.is_open():
            raise TransitionError(gettext("Nomineringen till kvalitetspriset är stängd."))
        already = gettext("Du har redan nominerat den här enheten i år. Tack för ditt engagemang!")
        signed_before = cls.objects.filter(round=award_round, unit=unit, signer_hash=signer_hash)
        if cls.already_nominated(award_round, unit, canonical) or signed_before.exists():
            raise TransitionError(already)
        try:
            with transaction.atomic():
                return cls.objects.create(
                    round=award_round,
                    category=category,
                    unit=unit,
                    reason=reason,
                    email=email,
                    email_canonical=canonical,
                    signer_hash=signer_hash,
                    status=Status.CONFIRMED,
                    confirmed_at=timezone.now(),
                )
        except IntegrityError as error:
            raise TransitionError(already) from error

    @property
    def signed_with_e_id(self):
        return bool(self.signer_hash)

    @classmethod
    def for_token(cls, token, for_update=False):
        """The unconfirmed nomination behind a mailed link, or TokenError saying why not."""
        max_age = getattr(settings, "AWARD_TOKEN_MAX_AGE", TOKEN_MAX_AGE)
        invalid = gettext("Länken är ogiltig. Kontrollera att du fått med hela.")
        try:
            value = signing.TimestampSigner(salt=CONFIRMATION_SALT).unsign(
                token or "", max_age=max_age
            )
        except signing.SignatureExpired as error:
            raise TokenError(gettext("Länken har gått ut.")) from error
        except signing.BadSignature as error:
            raise TokenError(invalid) from error
        pk, _sep, nonce = value.partition(".")
        queryset = cls.objects.select_for_update() if for_update else cls.objects
        nomination = queryset.filter(pk=int(pk) if pk.isdigit() else None).first()
        if nomination is None:
            raise TokenError(invalid)
        if nomination.status != Status.UNCONFIRMED:
            raise TokenError(gettext("Nomineringen är redan bekräftad."))
        if not constant_time_compare(nomination.token_hash, _digest(nonce)):
            raise TokenError(invalid)
        return nomination

    @classmethod
    @transaction.atomic
    def confirm(cls, token):
        """The nominator used the mailed link: the nomination counts. Raises TokenError."""
        nomination = cls.for_token(token, for_update=True)
        nomination.status = Status.CONFIRMED
        nomination.confirmed_at = timezone.now()
        nomination.token_hash = ""  # the link works once
        nomination.save(update_fields=["status", "confirmed_at", "token_hash"])
        return nomination

    # The jury's side -------------------------------------------------------------------------
    # Each locks the row, checks and saves; award/services.py logs and mails.

    def _require(self, *statuses):
        if self.status not in statuses:
            raise TransitionError(
                gettext("Nomineringen har status ”%(status)s” och kan inte ändras så.")
                % {"status": self.get_status_display()}
            )

    @transaction.atomic
    def shortlist(self):
        lock(self)
        self._require(Status.CONFIRMED)
        self.status = Status.SHORTLISTED
        self.decided_at = timezone.now()
        self.save(update_fields=["status", "decided_at"])

    @transaction.atomic
    def choose_as_winner(self, motivation, today=None):
        """The jury's decision: this finalist wins its category of the year."""
        # The round's row is the lock that serialises two jurors deciding the same category.
        AwardRound.objects.select_for_update().get(pk=self.round_id)
        lock(self)
        self._require(Status.SHORTLISTED)
        if self.round.is_open(today):
            raise TransitionError(
                gettext("Juryn kan utse vinnare först när nomineringen har stängt.")
            )
        motivation = (motivation or "").strip()
        if not motivation:
            raise TransitionError(gettext("Skriv juryns motivering."))
        if Nomination.objects.winners().filter(category_id=self.category_id).exists():
            raise TransitionError(gettext("Kategorin har redan en vinnare."))
        self.status = Status.WINNER
        self.motivation = motivation
        self.decided_at = timezone.now()
        self.save(update_fields=["status", "motivation", "decided_at"])

    def nominators_of_category(self):
        """Everyone who confirmed a nomination in this category of the year."""
        return (
            Nomination.objects.confirmed()
            .filter(category_id=self.category_id)
            .values_list("email", flat=True)
            .distinct()
        )


def winners_of(award_round):
    """The winning nominations of a round in category order: what the award page shows."""
    return (
        Nomination.objects.winners()
        .filter(round=award_round)
        .select_related("unit", "category")
        .order_by("category__sort_order", "category__pk")
    )


def decided_years():
    return list(
        AwardRound.objects.filter(nominations__status=Status.WINNER)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
