"""E-proposals (e-förslag): submitted, confirmed, moderated, voted on and answered.

The lifecycle follows alphagov/e-petitions, with named states:

    unconfirmed -> awaiting moderation -> rejected
                                       -> open -> closed (below the threshold)
                                               -> at the committee -> answered

Reaching the threshold does not end the voting: the proposal stays open for its whole period
(so everyone who wants to can still show support) and goes to the committee when the period
ends, if it then has at least `threshold` votes. `close_expired_proposals` does that.
"""

import hashlib
import secrets
from contextlib import nullcontext
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from home.dates import staff_date
from home.transitions import TransitionError, lock
from outbox.languages import language_name

DEFAULT_THRESHOLD = 50
DEFAULT_VOTING_DAYS = 90


class VoteWays(models.TextChoices):
    EMAIL = "e-post", _("Bara e-post")
    EID = "e-legitimation", _("Bara e-legitimation")
    BOTH = "both", _("E-post eller e-legitimation")


class VerifiedWith(models.TextChoices):
    EMAIL = "e-post", _("E-post")
    EID = "e-legitimation", _("E-legitimation")


@register_setting(icon="comment")
class ProposalSettings(BaseSiteSetting):
    threshold = models.PositiveIntegerField(
        _("röster som krävs"),
        default=DEFAULT_THRESHOLD,
        help_text=_("Så många röster behöver ett e-förslag för att nämnden ska behandla det."),
    )
    voting_days = models.PositiveSmallIntegerField(
        _("röstningsperiod (dagar)"),
        default=DEFAULT_VOTING_DAYS,
        help_text=_("Hur länge ett publicerat e-förslag är öppet för röster."),
    )

    vote_ways = models.CharField(
        _("sätt att rösta"),
        max_length=20,
        choices=VoteWays.choices,
        default=VoteWays.BOTH,
        help_text=_(
            "Hur invånare visar vem de är när de röstar och lämnar förslag. E-legitimation "
            "erbjuds bara när kommunens e-legitimationstjänst är inställd."
        ),
    )

    panels = [FieldPanel("threshold"), FieldPanel("voting_days"), FieldPanel("vote_ways")]

    class Meta:
        verbose_name = _("inställningar för e-förslag")

    @classmethod
    def current(cls):
        """The default site's settings, or the defaults when there is no site yet."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return cls(threshold=DEFAULT_THRESHOLD, voting_days=DEFAULT_VOTING_DAYS)
        return cls.for_site(site)


class Status(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Ej bekräftat")
    AWAITING_MODERATION = "awaiting_moderation", _("Väntar på granskning")
    REJECTED = "rejected", _("Avvisat")
    OPEN = "open", _("Öppet för röstning")
    CLOSED = "closed", _("Avslutat")
    AT_COMMITTEE = "at_committee", _("Hos nämnden")
    ANSWERED = "answered", _("Besvarat")
    REMOVED = "removed", _("Borttaget")


PUBLIC_STATUSES = [Status.OPEN, Status.CLOSED, Status.AT_COMMITTEE, Status.ANSWERED]
# Statuses whose page answers: the public ones, and a removed proposal's notice.
VISIBLE_STATUSES = [*PUBLIC_STATUSES, Status.REMOVED]


class RejectionReason(models.TextChoices):
    OUTSIDE_COMPETENCE = "outside_competence", _("Frågan ligger utanför kommunens ansvar")
    INDIVIDUAL_CASE = "individual_case", _("Förslaget gäller ett enskilt ärende")
    UNLAWFUL = "unlawful", _("Förslaget är olagligt eller kränkande")
    PERSONAL_DATA = "personal_data", _("Förslaget innehåller personuppgifter om andra")
    DUPLICATE = "duplicate", _("Det finns redan ett likadant förslag")
    COMPLAINT = "complaint", _("Det är en synpunkt eller ett klagomål, inte ett förslag")
    OTHER = "other", _("Annat skäl")


REJECTION_EXPLANATIONS = {
    RejectionReason.OUTSIDE_COMPETENCE: _(
        "Kommunen kan inte besluta i frågan. Den hör till exempel till staten eller regionen."
    ),
    RejectionReason.INDIVIDUAL_CASE: _(
        "E-förslag gäller frågor som berör många. Enskilda ärenden tar kommunen emot via "
        "kontaktcenter."
    ),
    RejectionReason.UNLAWFUL: _(
        "Förslaget bryter mot lag eller mot reglerna för e-förslag och kan inte publiceras."
    ),
    RejectionReason.PERSONAL_DATA: _(
        "Förslaget nämner andra personer på ett sätt som vi inte kan publicera."
    ),
    RejectionReason.DUPLICATE: _(
        "Ett likadant förslag finns redan. Du kan rösta på det i stället."
    ),
    RejectionReason.COMPLAINT: _(
        "Det du skrev är en synpunkt eller ett klagomål. Lämna det via Synpunkter och klagomål "
        "så får du svar inom två arbetsdagar."
    ),
    RejectionReason.OTHER: "",
}


class Decision(models.TextChoices):
    APPROVED = "approved", _("Bifallet")
    PARTLY_APPROVED = "partly_approved", _("Delvis bifallet")
    REJECTED = "rejected", _("Avslaget")


class ProposalQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def expired(self, now=None):
        return self.filter(status=Status.OPEN, closes_at__lte=now or timezone.now())


class VotingClosed(TransitionError):
    """The proposal is not open for votes (any more)."""

    def __init__(self):
        super().__init__(gettext("Röstningen är avslutad. Din röst räknades inte."))


class AlreadyVoted(TransitionError):
    """This person's vote on this proposal is counted already."""

    def __init__(self):
        super().__init__(gettext("Du har redan röstat på det här förslaget."))


class VoteCounted(AlreadyVoted):
    """A mailed link used again: the vote it cast (or its owner's by e-ID) is counted. Not an
    error to the resident, who may simply have clicked the link twice."""

    def __init__(self):
        TransitionError.__init__(
            self,
            gettext(
                "Vi har tagit emot din röst på det här förslaget, och den räknas. "
                "Du behöver inte göra något mer."
            ),
        )


class Proposal(index.Indexed, models.Model):
    title = models.CharField(_("rubrik"), max_length=150)
    body = models.TextField(_("förslag"), max_length=4000)
    service_area = models.ForeignKey(
        "guarantees.ServiceAreaPage",
        verbose_name=_("verksamhetsområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    display_name = models.CharField(_("namn som visas"), max_length=80)
    proposer_email = models.EmailField(_("förslagsställarens e-post"))
    # The language the proposer wrote in (the active one at submission): every letter to the
    # proposer is in it. Proposals from before languages were kept are "sv".
    language = models.CharField(_("språk"), max_length=20, default="sv", editable=False)
    # How the proposer showed who they are: a mailed link, or a signature with e-ID (then the
    # page says "Verifierad med e-legitimation"; the name shown is still the one they chose).
    verified_with = models.CharField(
        _("verifierat med"), max_length=20, choices=VerifiedWith.choices, default=VerifiedWith.EMAIL
    )

    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.UNCONFIRMED
    )
    created_at = models.DateTimeField(_("inskickat"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bekräftat"), null=True, blank=True)
    opens_at = models.DateTimeField(_("röstning öppnar"), null=True, blank=True)
    closes_at = models.DateTimeField(_("röstning stänger"), null=True, blank=True)
    threshold = models.PositiveIntegerField(_("röster som krävs"), default=DEFAULT_THRESHOLD)
    vote_count = models.PositiveIntegerField(_("röster"), default=0)

    rejection_reason = models.CharField(
        _("skäl för avvisning"), max_length=30, choices=RejectionReason.choices, blank=True
    )
    rejection_text = models.TextField(_("förklaring"), max_length=2000, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("dubblett av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )

    removal_reason = models.TextField(
        _("skäl för borttagning"),
        max_length=2000,
        blank=True,
        help_text=_("Visas på förslagets sida i stället för förslaget."),
    )
    removed_at = models.DateTimeField(_("borttaget"), null=True, blank=True)

    decision = models.CharField(_("beslut"), max_length=20, choices=Decision.choices, blank=True)
    answer_text = models.TextField(_("nämndens svar"), max_length=8000, blank=True)
    answered_at = models.DateField(_("beslutsdatum"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("status"),
        index.FilterField("service_area"),
        # The admin listing sorts its search results by these columns.
        index.FilterField("created_at"),
        index.FilterField("vote_count"),
        index.FilterField("title"),
    ]

    class Meta:
        ordering = ["-opens_at", "-created_at"]
        verbose_name = _("e-förslag")
        verbose_name_plural = _("e-förslag")
        permissions = [
            ("moderate_proposal", _("Kan granska (publicera och avvisa) e-förslag")),
            ("answer_proposal", _("Kan registrera nämndens svar på e-förslag")),
        ]
        indexes = [models.Index(fields=["status", "closes_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:detail", args=[self.pk])

    @property
    def language_name(self):
        """The proposal's language as staff read it ("finska")."""
        return language_name(self.language)

    @property
    def search_summary(self):
        return Truncator(" ".join(self.body.split())).chars(240)

    # Derived facts ---------------------------------------------------------------------------

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES

    @property
    def is_open_for_votes(self):
        return self.status == Status.OPEN and self.closes_at and self.closes_at > timezone.now()

    @property
    def days_left(self):
        if not self.is_open_for_votes:
            return 0
        return max(0, (timezone.localdate(self.closes_at) - timezone.localdate()).days)

    @property
    def votes_missing(self):
        return max(0, self.threshold - self.vote_count)

    @property
    def progress_percent(self):
        if not self.threshold:
            return 100
        return min(100, round(100 * self.vote_count / self.threshold))

    @property
    def standard_explanation(self):
        """The site's own words for the rejection reason (empty for "other")."""
        return str(REJECTION_EXPLANATIONS.get(self.rejection_reason, ""))

    @property
    def rejection_explanation(self):
        if self.rejection_reason == RejectionReason.OTHER:
            return self.rejection_text
        return str(REJECTION_EXPLANATIONS.get(self.rejection_reason, ""))

    @property
    def committee(self):
        return self.service_area.committee if self.service_area_id else None

    # Transitions -----------------------------------------------------------------------------
    # Each locks the row, checks, saves and records the event; proposals/services.py mails.

    def _transition(self, new_status, *, actor=None, note="", fields=()):
        old_status = self.status
        self.status = new_status
        self.save(update_fields=["status", *fields])
        return ProposalEvent.objects.create(
            proposal=self,
            kind=ProposalEvent.Kind.STATUS,
            from_status=old_status,
            to_status=new_status,
            actor=actor,
            note=note,
        )

    def _require(self, *statuses):
        if self.status not in statuses:
            raise TransitionError(
                gettext("Förslaget har status ”%(status)s” och kan inte ändras så.")
                % {"status": self.get_status_display()}
            )

    @classmethod
    def submit(cls, **fields):
        """A resident's new proposal, waiting for the proposer to confirm the address."""
        return cls._created(Status.UNCONFIRMED, **fields)

    @classmethod
    def submit_signed(cls, **fields):
        """A proposal signed with e-ID: the signature confirms it, it waits for moderation."""
        return cls._created(
            Status.AWAITING_MODERATION,
            verified_with=VerifiedWith.EID,
            confirmed_at=timezone.now(),
            **fields,
        )

    @classmethod
    @transaction.atomic
    def _created(cls, status, *, title, body, service_area, display_name, proposer_email, **extra):
        """Store a new proposal in `status` with the event that records it, in one transaction."""
        proposal = cls.objects.create(
            title=title,
            body=body,
            service_area=service_area,
            display_name=display_name,
            proposer_email=proposer_email,
            status=status,
            **extra,
        )
        ProposalEvent.objects.create(
            proposal=proposal, kind=ProposalEvent.Kind.STATUS, to_status=status
        )
        return proposal

    @transaction.atomic
    def confirm_by_proposer(self):
        lock(self)
        self._require(Status.UNCONFIRMED)
        self.confirmed_at = timezone.now()
        return self._transition(Status.AWAITING_MODERATION, fields=["confirmed_at"])

    @transaction.atomic
    def publish(self, actor=None, now=None):
        """Open the proposal for votes for the configured period."""
        lock(self)
        self._require(Status.AWAITING_MODERATION)
        config = ProposalSettings.current()
        self.opens_at = now or timezone.now()
        self.closes_at = self.opens_at + timedelta(days=config.voting_days)
        self.threshold = config.threshold
        return self._transition(
            Status.OPEN, actor=actor, fields=["opens_at", "closes_at", "threshold"]
        )

    @transaction.atomic
    def reject(self, reason, actor=None, text="", duplicate_of=None):
        lock(self)
        self._require(Status.AWAITING_MODERATION)
        reason = RejectionReason(reason)
        if reason == RejectionReason.OTHER and not text.strip():
            raise TransitionError(gettext("Skriv varför förslaget avvisas."))
        if reason == RejectionReason.DUPLICATE and (
            duplicate_of is None or duplicate_of.pk == self.pk
        ):
            raise TransitionError(gettext("Ange vilket förslag det är en dubblett av."))
        self.rejection_reason = reason
        self.rejection_text = text.strip()
        self.duplicate_of = duplicate_of if reason == RejectionReason.DUPLICATE else None
        return self._transition(
            Status.REJECTED,
            actor=actor,
            note=self.rejection_explanation,
            fields=["rejection_reason", "rejection_text", "duplicate_of"],
        )

    @transaction.atomic
    def close(self):
        """End the voting: to the committee at or above the threshold, closed below it."""
        lock(self)
        self._require(Status.OPEN)
        if self.vote_count >= self.threshold:
            return self._transition(Status.AT_COMMITTEE)
        return self._transition(Status.CLOSED)

    @transaction.atomic
    def answer(self, decision, text, date=None, actor=None):
        """The committee's decision."""
        lock(self)
        self._require(Status.AT_COMMITTEE)
        self.decision = Decision(decision)
        self.answer_text = text.strip()
        if not self.answer_text:
            raise TransitionError(gettext("Skriv nämndens svar."))
        self.answered_at = date or timezone.localdate()
        return self._transition(
            Status.ANSWERED,
            actor=actor,
            note=self.get_decision_display(),
            fields=["decision", "answer_text", "answered_at"],
        )

    @transaction.atomic
    def remove(self, reason, actor=None):
        """Take a published proposal down. Its page then says only that, and why."""
        lock(self)
        self._require(*PUBLIC_STATUSES)
        reason = (reason or "").strip()
        if not reason:
            raise TransitionError(gettext("Skriv varför förslaget tas bort."))
        self.removal_reason = reason
        self.removed_at = timezone.now()
        return self._transition(
            Status.REMOVED, actor=actor, note=reason, fields=["removal_reason", "removed_at"]
        )

    @transaction.atomic
    def move_to_area(self, service_area, actor=None):
        lock(self)
        if service_area == self.service_area:
            raise TransitionError(gettext("Förslaget hör redan till det verksamhetsområdet."))
        before = self.service_area.title if self.service_area else "–"
        self.service_area = service_area
        self.save(update_fields=["service_area"])
        return ProposalEvent.objects.create(
            proposal=self,
            kind=ProposalEvent.Kind.AREA,
            actor=actor,
            note=gettext("Från %(before)s till %(after)s")
            % {"before": before, "after": service_area.title},
        )

    def forget_voter_addresses(self):
        """After the answer is mailed, voters' addresses are no longer needed."""
        self.votes.exclude(email="").update(email="")

    @transaction.atomic
    def edit_for_personal_data(self, title, body, note, actor=None):
        """A moderator removes personal data; the only edit allowed, and always logged."""
        lock(self)
        if not note.strip():
            raise TransitionError(gettext("Skriv vilka personuppgifter som togs bort."))
        before = {"title": self.title, "body": self.body}
        self.title, self.body = title, body
        self.save(update_fields=["title", "body"])
        return ProposalEvent.objects.create(
            proposal=self,
            kind=ProposalEvent.Kind.EDIT,
            actor=actor,
            note=note.strip(),
            data={"before": before, "after": {"title": title, "body": body}},
        )

    # Votes -----------------------------------------------------------------------------------

    @classmethod
    def record_vote(
        cls,
        proposal_id,
        voter_hash,
        *,
        verifier="email",
        notify=False,
        email="",
        network="",
        domain="",
        language="sv",
        now=None,
    ):
        """Count one confirmed vote, exactly once per voter and proposal.

        The insert and the counter update share one transaction: the unique constraint on
        (proposal, voter_hash) turns a second vote into an IntegrityError inside a savepoint,
        and the counter moves only after a successful insert. Returns the Vote; raises
        AlreadyVoted when this voter had voted already and VotingClosed when voting is not open.
        """
        now = now or timezone.now()
        with transaction.atomic():
            try:
                with transaction.atomic():
                    vote = Vote.objects.create(
                        proposal_id=proposal_id,
                        voter_hash=voter_hash,
                        verifier=verifier,
                        notify=notify,
                        email=email if notify else "",
                        network=network,
                        mail_domain=domain,
                        language=language,
                        created_at=now,
                    )
            except IntegrityError as error:
                raise AlreadyVoted from error
            updated = cls.objects.filter(
                pk=proposal_id, status=Status.OPEN, closes_at__gt=now
            ).update(vote_count=F("vote_count") + 1)
            if not updated:
                raise VotingClosed  # rolls the insert back with it
            return vote

    @classmethod
    def record_eid_vote(cls, proposal_id, voter_hash, *, email_hash="", **vote):
        """Count a vote signed with e-ID: one person, one vote across both ways.

        `email_hash` is the voter hash a mailed vote from the address the voter gave would
        have. When that address has a valid mailed vote on this proposal already, the e-ID
        vote takes it over (its way becomes e-ID, the count stays); otherwise the vote is
        counted as `record_vote` counts. Returns (vote, taken_over).
        """
        with transaction.atomic():
            mailed = None
            if email_hash:
                mailed = (
                    Vote.objects.select_for_update()
                    .valid()
                    .filter(proposal_id=proposal_id, voter_hash=email_hash)
                    .first()
                )
            if mailed is None:
                vote = cls.record_vote(proposal_id, voter_hash, **vote)
                if email_hash:
                    Vote.objects.filter(pk=vote.pk).update(email_hash=email_hash)
                return vote, False
            if Vote.objects.filter(proposal_id=proposal_id, voter_hash=voter_hash).exists():
                raise AlreadyVoted
            mailed.voter_hash = voter_hash
            mailed.email_hash = email_hash
            mailed.verifier = vote.get("verifier", mailed.verifier)
            mailed.save(update_fields=["voter_hash", "email_hash", "verifier"])
            return mailed, True

    @classmethod
    def record_mailed_vote(cls, proposal_id, token, now=None):
        """Use a mailed vote link once and count its vote: one SQL statement, hence one short
        transaction of its own (outside an atomic block: autocommit).

        The proposal's counter is the one row every vote of a proposal writes. Held across
        client round trips (lock the link, spend it, insert, update the counter, commit), its
        lock made votes wait for each other's round trips and Python; in one statement it is
        held only while PostgreSQL runs that statement. The statement spends the link, moves
        the counter if voting is open and inserts the vote only if both happened; a second
        vote of the same voter violates the unique constraint, which undoes the whole
        statement. So the counter, the vote rows and the links spent stay equal.
        Raises TokenError, VotingClosed or AlreadyVoted as `redeem` and `record_vote` do, and
        VoteCounted for a link used again whose voter's vote is counted.
        """
        pk, nonce = Confirmation.check_signature(Confirmation.Kind.VOTE, token)
        if not pk.isdigit():
            raise TokenError(gettext("Länken är ogiltig. Kontrollera att du fått med hela."))
        now = now or timezone.now()
        params = {
            "confirmation": int(pk),
            "kind": Confirmation.Kind.VOTE.value,
            "proposal": proposal_id,
            "hash": _digest(nonce),
            "now": now,
            "open": Status.OPEN.value,
        }
        try:
            savepoint = transaction.atomic() if connection.in_atomic_block else nullcontext()
            with savepoint, connection.cursor() as cursor:
                cursor.execute(_MAILED_VOTE_SQL, params)
                row = cursor.fetchone()
        except IntegrityError as error:
            raise AlreadyVoted from error
        if row is not None:
            return row[0]
        # Nothing happened: say why, as the step-by-step path would. First whether the person
        # this link was mailed to has a counted vote (by this link, or by e-ID with this
        # address): a link used twice is answered with that, even after voting closed.
        voter = (
            Confirmation.objects.filter(
                pk=int(pk),
                kind=Confirmation.Kind.VOTE,
                proposal_id=proposal_id,
                token_hash=params["hash"],
            )
            .exclude(voter_hash="")
            .values("voter_hash")
        )
        if (
            Vote.objects.valid()
            .filter(proposal_id=proposal_id)
            .filter(models.Q(voter_hash__in=voter) | models.Q(email_hash__in=voter))
            .exists()
        ):
            raise VoteCounted
        proposal = cls.objects.filter(pk=proposal_id).first()
        if proposal is not None and not proposal.is_open_for_votes:
            raise VotingClosed
        Confirmation.verify(Confirmation.Kind.VOTE, token, proposal_id)
        raise TokenError(gettext("Länken är ogiltig. Kontrollera att du fått med hela."))

    @transaction.atomic
    def recount(self):
        """Set the counter from the valid votes, under the proposal's row lock."""
        Proposal.objects.select_for_update().filter(pk=self.pk).first()
        count = self.votes.valid().count()
        Proposal.objects.filter(pk=self.pk).update(vote_count=count)
        self.vote_count = count
        return count


class ProposalEvent(models.Model):
    """The proposal's history: status changes (public) and moderators' edits (admin only)."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Statusändring")
        EDIT = "edit", _("Redigering (personuppgifter borttagna)")
        INVALIDATION = "invalidation", _("Röster ogiltigförklarade")
        RESTORED = "restored", _("Ogiltigförklarade röster återställda")
        AREA = "area", _("Verksamhetsområde ändrat")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("tidpunkt"), default=timezone.now)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    from_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.TextField(_("anteckning"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def public_history(cls, proposal):
        """The steps a resident reads on the proposal's page. It begins when the proposer sent
        the proposal in (confirmed it, or signed it), not at the unconfirmed draft before."""
        return cls.objects.filter(proposal=proposal, kind=cls.Kind.STATUS).exclude(
            to_status=Status.UNCONFIRMED
        )

    @property
    def public_label(self):
        if self.to_status == Status.AWAITING_MODERATION and self.from_status in (
            "",
            Status.UNCONFIRMED,
        ):
            return _("Inskickat")
        return self.get_to_status_display()


class VoteQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(invalidated_at__isnull=True)


class Vote(models.Model):
    """One confirmed vote. Who voted is kept only as a keyed hash (see canonical.py)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    voter_hash = models.CharField(max_length=64)
    verifier = models.CharField(_("verifierad med"), max_length=30, default="email")
    # An e-ID vote's e-mail address, as the voter hash a mailed vote from it would have: one
    # person, one vote across both ways (Proposal.record_eid_vote).
    email_hash = models.CharField(max_length=64, blank=True, db_index=True)
    notify = models.BooleanField(_("vill få besked"), default=False)
    email = models.EmailField(_("e-post för besked"), blank=True)
    network = models.CharField(_("nätverk"), max_length=50, blank=True, db_index=True)
    mail_domain = models.CharField(_("e-postdomän"), max_length=255, blank=True, db_index=True)
    created_at = models.DateTimeField(_("röstade"), default=timezone.now)
    # The language the voter read the proposal in: news of it is written in that language.
    language = models.CharField(_("språk"), max_length=20, default="sv", editable=False)
    invalidated_at = models.DateTimeField(_("ogiltigförklarad"), null=True, blank=True)
    invalidation = models.ForeignKey(
        "VoteInvalidation",
        verbose_name=_("ogiltigförklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="votes",
    )

    objects = VoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("röst")
        verbose_name_plural = _("röster")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "voter_hash"], name="one_vote_per_voter")
        ]
        indexes = [models.Index(fields=["proposal", "created_at"])]

    def __str__(self):
        return f"{self.proposal_id}:{self.voter_hash[:8]}"

    @staticmethod
    def invalidate(queryset, actor=None, note="", criteria=None):
        """Invalidate a set of votes, as one recorded invalidation that can be restored."""
        return VoteInvalidation.record(queryset, actor=actor, note=note, criteria=criteria)


def _recount_with_events(counts, kind, actor, note, invalidation):
    for proposal in Proposal.objects.filter(pk__in=counts).order_by("pk"):
        proposal.recount()
        ProposalEvent.objects.create(
            proposal=proposal,
            kind=kind,
            actor=actor,
            note=note,
            data={"votes": counts[proposal.pk], "invalidation": invalidation.pk},
        )


class VoteInvalidation(models.Model):
    """One moderator's decision that a set of votes does not count: kept, and undoable."""

    at = models.DateTimeField(_("tidpunkt"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("anteckning"))
    criteria = models.JSONField(_("urval"), default=dict, blank=True)
    count = models.PositiveIntegerField(_("röster"), default=0)
    restored_at = models.DateTimeField(_("återställd"), null=True, blank=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("återställd av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-at"]
        verbose_name = _("ogiltigförklaring av röster")
        verbose_name_plural = _("ogiltigförklaringar av röster")

    def __str__(self):
        return gettext("%(count)s röster, %(at)s") % {
            "count": self.count,
            "at": staff_date(self.at, with_time=True),
        }

    def describe_criteria(self):
        """The selection in the moderator's words: network, mail domain, period, proposal."""
        c = self.criteria or {}
        parts = []
        if c.get("network"):
            parts.append(gettext("nätverk %(v)s") % {"v": c["network"]})
        if c.get("mail_domain"):
            parts.append(gettext("e-postdomän %(v)s") % {"v": c["mail_domain"]})
        try:
            start, end = (datetime.fromisoformat(c[key]) for key in ("start", "end"))
        except (KeyError, TypeError, ValueError):
            start = end = None
        if start and end:
            parts.append(f"{staff_date(start, with_time=True)} – {staff_date(end, with_time=True)}")
        if c.get("proposal"):
            title = Proposal.objects.filter(pk=c["proposal"]).values_list("title", flat=True)
            parts.append(gettext("e-förslaget ”%(v)s”") % {"v": title.first() or c["proposal"]})
        return ", ".join(parts)

    @classmethod
    @transaction.atomic
    def record(cls, queryset, *, actor=None, note="", criteria=None):
        note = (note or "").strip()
        if not note:
            raise TransitionError(gettext("Skriv varför rösterna ogiltigförklaras."))
        votes = queryset.valid()
        counts = dict(votes.values_list("proposal_id").annotate(n=models.Count("pk")).order_by())
        if not counts:
            raise TransitionError(gettext("Urvalet innehåller inga giltiga röster."))
        invalidation = cls.objects.create(
            actor=actor, note=note, criteria=criteria or {}, count=sum(counts.values())
        )
        Vote.objects.filter(pk__in=votes.values("pk")).update(
            invalidated_at=invalidation.at, invalidation=invalidation
        )
        _recount_with_events(counts, ProposalEvent.Kind.INVALIDATION, actor, note, invalidation)
        return invalidation

    @transaction.atomic
    def restore(self, actor=None):
        """The votes count again, and every proposal they touched is recounted."""
        lock(self)
        if self.restored_at is not None:
            raise TransitionError(gettext("Rösterna är redan återställda."))
        counts = dict(
            self.votes.values_list("proposal_id").annotate(n=models.Count("pk")).order_by()
        )
        self.votes.update(invalidated_at=None)
        self.restored_at, self.restored_by = timezone.now(), actor
        self.save(update_fields=["restored_at", "restored_by"])
        _recount_with_events(counts, ProposalEvent.Kind.RESTORED, actor, self.note, self)
        return self


class BlockedDomain(models.Model):
    """A mail domain of throwaway addresses: no proposals or votes from it."""

    domain = models.CharField(_("domän"), max_length=255, unique=True)
    note = models.CharField(_("anteckning"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("tillagd"), default=timezone.now)

    panels = [FieldPanel("domain"), FieldPanel("note")]

    class Meta:
        ordering = ["domain"]
        verbose_name = _("spärrad e-postdomän")
        verbose_name_plural = _("spärrade e-postdomäner")

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)

    @classmethod
    def refuse(cls, address):
        """A form field validator: no proposals or votes from a blocked domain."""
        if cls.blocks(address):
            raise ValidationError(
                gettext("Adresser från den här e-posttjänsten kan inte användas. Ange en annan.")
            )

    @classmethod
    def blocks(cls, address):
        """True when the address's domain, or a domain above it, is blocked."""
        domain = (address or "").strip().lower().rpartition("@")[2]
        parts = domain.split(".")
        candidates = [".".join(parts[i:]) for i in range(len(parts) - 1)]
        return cls.objects.filter(domain__in=candidates).exists()


# Confirmation tokens --------------------------------------------------------------------------


# Frozen: links mailed while the app lived at feedback/proposals/ must keep working.
CONFIRMATION_SALT = "feedback.proposals.{kind}"


class TokenError(Exception):
    """A confirmation link that cannot be used; the message is for the resident."""


def _digest(value):
    return hashlib.sha256(value.encode()).hexdigest()


class Confirmation(models.Model):
    """A single-use, expiring confirmation behind a mailed link.

    The link carries a signed `<pk>.<nonce>` (TimestampSigner, salted per kind); only a hash
    of the nonce is stored. A link works once, before it expires, for its own proposal.
    """

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("Bekräfta förslag")
        VOTE = "vote", _("Bekräfta röst")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # For votes: what the vote will record once confirmed. The address only if news is wanted.
    voter_hash = models.CharField(max_length=64, blank=True)
    verifier = models.CharField(max_length=30, blank=True)
    notify = models.BooleanField(default=False)
    email = models.EmailField(blank=True)
    network = models.CharField(max_length=50, blank=True)
    mail_domain = models.CharField(max_length=255, blank=True)
    language = models.CharField(max_length=20, default="sv")

    class Meta:
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"{self.kind} {self.pk}"

    @staticmethod
    def max_age():
        return getattr(settings, "PROPOSAL_TOKEN_MAX_AGE", 3 * 24 * 3600)

    @staticmethod
    def _signer(kind):
        return signing.TimestampSigner(salt=CONFIRMATION_SALT.format(kind=kind))

    @classmethod
    def issue(cls, kind, proposal, **fields):
        """Store a confirmation and return (confirmation, token for the link)."""
        nonce = secrets.token_urlsafe(24)
        confirmation = cls.objects.create(
            kind=kind,
            proposal=proposal,
            token_hash=_digest(nonce),
            expires_at=timezone.now() + timedelta(seconds=cls.max_age()),
            **fields,
        )
        return confirmation, cls._signer(kind).sign(f"{confirmation.pk}.{nonce}")

    @classmethod
    def check_signature(cls, kind, token):
        """(pk, nonce) of a token signed by this site and not expired, or TokenError. Reads no
        database: the page behind a mailed link can be shown without one, and the POST that
        uses the link verifies the rest (`verify`)."""
        try:
            value = cls._signer(kind).unsign(token or "", max_age=cls.max_age())
        except signing.SignatureExpired as error:
            raise TokenError(gettext("Länken har gått ut.")) from error
        except signing.BadSignature as error:
            raise TokenError(
                gettext("Länken är ogiltig. Kontrollera att du fått med hela.")
            ) from error
        pk, _, nonce = value.partition(".")
        return pk, nonce

    @classmethod
    def verify(cls, kind, token, proposal_id=None, lock=False):
        """The confirmation behind a token, or TokenError saying why it cannot be used."""
        pk, nonce = cls.check_signature(kind, token)
        queryset = cls.objects.select_for_update() if lock else cls.objects
        confirmation = queryset.filter(pk=pk if pk.isdigit() else None, kind=kind).first()
        if confirmation is None or not constant_time_compare(
            confirmation.token_hash, _digest(nonce)
        ):
            raise TokenError(gettext("Länken är ogiltig. Kontrollera att du fått med hela."))
        if proposal_id is not None and confirmation.proposal_id != proposal_id:
            raise TokenError(gettext("Länken hör inte till det här förslaget."))
        if confirmation.used_at is not None:
            raise TokenError(gettext("Länken har redan använts."))
        if confirmation.expires_at <= timezone.now():
            raise TokenError(gettext("Länken har gått ut."))
        return confirmation

    @classmethod
    def redeem(cls, kind, token, proposal_id=None):
        """Use a token once. Call inside a transaction; the row stays locked until commit."""
        confirmation = cls.verify(kind, token, proposal_id, lock=True)
        confirmation.used_at = timezone.now()
        confirmation.save(update_fields=["used_at"])
        return confirmation


# Proposal.record_mailed_vote: spend the link (c), move the counter if voting is open and the
# link was spent (p), insert the vote if both did (the unique constraint on (proposal,
# voter_hash) aborts the whole statement for a second vote). Data-modifying WITH clauses run
# in one snapshot and see each other only through RETURNING, hence the EXISTS chain. A link
# spent on a proposal whose voting has just closed stays spent: it could never count again.
_MAILED_VOTE_SQL = """
WITH c AS (
    UPDATE proposals_confirmation SET used_at = %(now)s
    WHERE id = %(confirmation)s AND kind = %(kind)s AND proposal_id = %(proposal)s
      AND token_hash = %(hash)s AND used_at IS NULL AND expires_at > %(now)s
    RETURNING voter_hash, verifier, notify, email, network, mail_domain, language
), p AS (
    UPDATE proposals_proposal SET vote_count = vote_count + 1
    WHERE id = %(proposal)s AND status = %(open)s AND closes_at > %(now)s
      AND EXISTS (SELECT 1 FROM c)
      AND NOT EXISTS (
          SELECT 1 FROM proposals_vote v, c
          WHERE v.proposal_id = %(proposal)s AND v.email_hash = c.voter_hash
            AND v.invalidated_at IS NULL
      )
    RETURNING id
)
INSERT INTO proposals_vote
    (proposal_id, voter_hash, verifier, notify, email, network, mail_domain, created_at,
     email_hash, language)
SELECT %(proposal)s, voter_hash, verifier, notify, CASE WHEN notify THEN email ELSE '' END,
       network, mail_domain, %(now)s, '', language
FROM c WHERE EXISTS (SELECT 1 FROM p)
RETURNING id
"""
