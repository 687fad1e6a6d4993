"""The yearly follow-up of commitments (seeds 000 PDSA "study", 002: expected results are
followed up): per unit and year, the outcome of every commitment shown on its guarantee.

Commitments are rewritten when guarantees are republished, so an outcome keeps a snapshot of
the commitment it judged; the history survives the commitment itself (SET_NULL).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from guarantees.models import Commitment, CommitmentLevel, GuaranteePage
from home.transitions import TransitionError, lock
from home.years import FIRST_YEAR, last_allowed_year

from .panels import ROWS_ARE_FIXED, FixedRowsPanel

# The rule that publishing waits for the year's end, worded once: the model refuses with it and
# the publish box explains it.
PUBLISH_AFTER_YEAR_END = _(
    "En uppföljning kan publiceras först när året är slut. Enhetens redaktör kan fylla i ett "
    "utkast under året."
)
# "Klar för granskning" and publishing need an outcome on every row; the row and the box say so.
OUTCOME_REQUIRED = _("Välj ett utfall innan uppföljningen lämnas för granskning.")


def outcomes_missing(count):
    return ngettext(
        "Ett åtagande saknar utfall. Alla behöver ett utfall innan uppföljningen kan granskas "
        "och publiceras.",
        "%(count)s åtaganden saknar utfall. Alla behöver ett utfall innan uppföljningen kan "
        "granskas och publiceras.",
        count,
    ) % {"count": count}


# The rule for a commitment not fully met, worded once: the analysis field's help text and the
# model's refusal say the same thing.
ANALYSIS_REQUIRED = _("Krävs när åtagandet inte uppfylldes helt: skriv varför det blev så.")


def year_has_ended(year, today=None):
    """A calendar year is over, and its follow-up may be published, from 1 January after it."""
    return year < (today or timezone.localdate()).year


def guarantee_years(unit):
    """The calendar years a unit had a guarantee for: those its published versions were valid
    in, the live one included, and those already followed up. A follow-up is about a year the
    unit promised something for."""
    from wagtail.models import PageLogEntry, Revision

    periods = []
    if unit.valid_from and unit.valid_to:
        periods.append((unit.valid_from.year, unit.valid_to.year))
    published = PageLogEntry.objects.filter(
        page=unit, action="wagtail.publish", revision__isnull=False
    ).values("revision_id")
    for content in Revision.page_revisions.filter(
        object_id=str(unit.pk), pk__in=published
    ).values_list("content", flat=True):
        first, last = str(content.get("valid_from") or ""), str(content.get("valid_to") or "")
        if first[:4].isdigit() and last[:4].isdigit():
            periods.append((int(first[:4]), int(last[:4])))
    # A year already followed up was a guarantee year, whatever became of that version.
    years = set(unit.follow_ups.values_list("year", flat=True))
    for first, last in periods:
        years.update(range(max(first, FIRST_YEAR), min(last, last_allowed_year()) + 1))
    return sorted(years, reverse=True)


def validate_year(value):
    if value is None or not FIRST_YEAR <= value <= last_allowed_year():
        raise ValidationError(
            _("Ange ett år mellan %(first)s och %(last)s."),
            params={"first": FIRST_YEAR, "last": last_allowed_year()},
            code="year",
        )


class Outcome(models.TextChoices):
    MET = "met", _("Uppfyllt")
    PARTLY_MET = "partly", _("Delvis uppfyllt")
    NOT_MET = "not_met", _("Ej uppfyllt")


# The shared tag component: the word is always shown too, never colour alone.
OUTCOME_TAG_CLASSES = {
    Outcome.MET: "tag--ok",
    Outcome.PARTLY_MET: "tag--warn",
    Outcome.NOT_MET: "tag--error",
}


def commitments_shown_on(unit):
    """Every commitment on a unit's guarantee: city-wide, its area's and its own, in the order
    the guarantee shows them. The unit answers for all of them, so all are followed up."""
    return unit.applicable_commitments().order_by("page__depth", "sort_order", "pk")


def level_for(commitment, unit):
    if commitment.page_id == unit.pk:
        return CommitmentLevel.UNIT
    if commitment.page.depth == unit.depth - 1:
        return CommitmentLevel.AREA
    return CommitmentLevel.CITY


class YearlyFollowUpQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_year(self, year):
        return self.filter(year=year)


class YearlyFollowUp(ClusterableModel):
    """One unit's follow-up of one calendar year, entered on one screen."""

    unit = models.ForeignKey(
        GuaranteePage,
        verbose_name=_("enhet"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=[validate_year])
    summary = models.TextField(
        _("sammanfattning"),
        max_length=3000,
        blank=True,
        help_text=_("Årets resultat i stort och vad enheten tar med sig till nästa år."),
    )
    ready_for_review = models.BooleanField(
        _("klar för granskning"),
        default=False,
        help_text=_(
            "Kryssa i när alla åtaganden har ett utfall. Granskarna får då ett mejl. Till dess "
            "sparas uppföljningen som utkast, också med utfall som saknas."
        ),
    )
    is_published = models.BooleanField(
        _("publicerad"),
        default=False,
        help_text=PUBLISH_AFTER_YEAR_END,
    )
    # The first publication stays the publication date; a later change is a correction with
    # its own date, shown beside it on the public page.
    published_at = models.DateTimeField(_("publicerad den"), null=True, blank=True, editable=False)
    corrected_at = models.DateTimeField(_("rättad den"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)

    objects = YearlyFollowUpQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("unit", read_only=True), FieldPanel("year", read_only=True)]
                )
            ],
            heading=_("Enhet och år"),
        ),
        FixedRowsPanel(
            "outcomes",
            heading=_("Åtagandenas utfall"),
            label=_("Åtagande"),
            help_text=_(
                "Alla åtaganden på enhetens garanti: kommungemensamma, verksamhetsområdets "
                "och enhetens egna. Raderna följer garantin: ett åtagande som läggs till under "
                "året kommer med, ett som tas bort står kvar och märks som borttaget."
            ),
        ),
        FieldPanel("summary"),
        FieldPanel("ready_for_review"),
    ]

    class Meta:
        ordering = ["-year", "unit__title"]
        verbose_name = _("årsuppföljning")
        verbose_name_plural = _("årsuppföljningar")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="unique_follow_up_per_unit_year")
        ]
        permissions = [
            ("publish_yearlyfollowup", _("Kan granska och publicera årsuppföljningar")),
        ]

    def __str__(self):
        return f"{self.unit.title} {self.year}"

    def clean(self):
        super().clean()
        if self.is_published and self.year and not year_has_ended(self.year):
            raise ValidationError({"is_published": PUBLISH_AFTER_YEAR_END})

    def save(self, *args, **kwargs):
        # The rule holds for every save, not only the admin's form: a year still running is
        # never published. The publication date is set once and never replaced.
        if self.is_published and not year_has_ended(self.year):
            raise TransitionError(PUBLISH_AFTER_YEAR_END)
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @classmethod
    def start(cls, unit, year):
        """The follow-up of `unit` for `year`, created with one outcome row per commitment
        shown on its guarantee; an existing draft of a year still running is brought in step."""
        with transaction.atomic():
            follow_up, created = cls.objects.get_or_create(unit=unit, year=year)
            # Locked, so that a double submit cannot add the same rows twice.
            follow_up = cls.objects.select_for_update().get(pk=follow_up.pk)
            if created or (not follow_up.is_published and not year_has_ended(year)):
                follow_up.keep_in_step()
        return follow_up

    def keep_in_step(self, today=None):
        """Make the rows the guarantee's commitments: a commitment added appears as a new row,
        one no longer on the guarantee stays, marked removed on `today`; one shown again is no
        longer marked. Returns (added rows, rows marked removed)."""
        today = today or timezone.localdate()
        shown = list(commitments_shown_on(self.unit))
        shown_ids = {commitment.pk for commitment in shown}
        rows = list(self.outcomes.all())
        present = {row.commitment_id for row in rows if row.commitment_id}
        removed = []
        for row in rows:
            gone = row.commitment_id is None or row.commitment_id not in shown_ids
            if gone and row.removed_on is None:
                row.removed_on = today
                removed.append(row)
            elif not gone and row.removed_on is not None:
                row.removed_on = None
                row.save(update_fields=["removed_on"])
        CommitmentOutcome.objects.bulk_update(removed, ["removed_on"])
        next_order = max((row.sort_order or 0 for row in rows), default=-1) + 1
        new_rows = []
        for commitment in shown:
            if commitment.pk in present:
                continue
            row = CommitmentOutcome(
                follow_up=self,
                sort_order=next_order + len(new_rows),
                **CommitmentOutcome.snapshot_of(commitment, self.unit),
            )
            row.prefill(self.year)
            new_rows.append(row)
        CommitmentOutcome.objects.bulk_create(new_rows)
        return new_rows, removed

    def rows_without_outcome(self):
        return [row for row in self.outcomes.all() if not row.outcome]

    def check_complete(self):
        """Refuse, in Swedish, a follow-up that is not ready to be reviewed or published."""
        missing = self.rows_without_outcome()
        if missing:
            raise TransitionError(outcomes_missing(len(missing)))
        for row in self.outcomes.all():
            row.full_clean(exclude=["follow_up", "commitment"])

    def publish(self, now=None):
        """Publish, under a row lock (call inside the transaction that mails about it). The
        first publication keeps its date; publishing again after taking it down is a
        correction with its own date. Returns True for a first publication."""
        lock(self)
        if self.is_published:
            raise TransitionError(_("Uppföljningen är redan publicerad."))
        if not year_has_ended(self.year):
            raise TransitionError(PUBLISH_AFTER_YEAR_END)
        try:
            self.check_complete()
        except TransitionError:
            raise
        except ValidationError as error:
            raise TransitionError(
                _("Ett åtagande är inte färdigt: %(error)s") % {"error": " ".join(error.messages)}
            ) from error
        first = self.published_at is None
        self.is_published = True
        if not first:
            self.corrected_at = now or timezone.now()
        elif now is not None:
            self.published_at = now
        self.save()
        return first

    def unpublish(self):
        """Take the follow-up down to be corrected; its first publication date is kept."""
        lock(self)
        if not self.is_published:
            raise TransitionError(_("Uppföljningen är inte publicerad."))
        self.is_published = False
        self.save()

    def record_correction(self, now=None):
        """A published follow-up changed by its reviewers: the change gets its own date."""
        if self.is_published:
            self.corrected_at = now or timezone.now()

    @property
    def period(self):
        return datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)


class CommitmentOutcome(Orderable):
    """How one commitment went in the year: outcome, measured value, analysis, next action."""

    follow_up = ParentalKey(YearlyFollowUp, on_delete=models.CASCADE, related_name="outcomes")
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("åtagande"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
    )
    # Snapshot: what was promised that year, kept when the commitment is rewritten or deleted.
    level = models.CharField(
        _("nivå"), max_length=10, choices=CommitmentLevel.choices, default=CommitmentLevel.UNIT
    )
    commitment_title = models.CharField(_("åtagande"), max_length=300)
    expected_result = models.CharField(_("förväntat resultat"), max_length=500)
    # Blank in a draft: the unit fills it in during the year; review and publishing need it.
    outcome = models.CharField(_("utfall"), max_length=10, choices=Outcome.choices, blank=True)
    removed_on = models.DateField(
        _("borttaget ur garantin"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Åtagandet togs bort ur garantin under året; raden står kvar."),
    )
    measured_value = models.CharField(
        _("uppmätt värde"),
        max_length=300,
        blank=True,
        help_text=_("Resultatet mätt mot det förväntade, t.ex. ”87 procent (mål 90)”."),
    )
    # What another room measured for the commitment (a national key figure, say), offered as
    # the measured value; staff may write another value, and then say why.
    prefilled_value = models.CharField(
        _("förifyllt värde"),
        max_length=300,
        blank=True,
        help_text=_("Hämtat automatiskt, t.ex. från ett nationellt nyckeltal i Kolada."),
    )
    override_note = models.CharField(
        _("varför ett annat värde"),
        max_length=500,
        blank=True,
        help_text=_("Krävs när du ändrar det förifyllda värdet."),
    )
    analysis = models.TextField(
        _("analys"),
        max_length=3000,
        blank=True,
        help_text=ANALYSIS_REQUIRED,
    )
    next_action = models.TextField(
        _("åtgärd nästa år"),
        max_length=2000,
        blank=True,
        help_text=_("Vad enheten gör annorlunda nästa år."),
    )

    panels = [
        FieldPanel("level", read_only=True),
        FieldPanel("commitment_title", read_only=True),
        FieldPanel("expected_result", read_only=True),
        FieldRowPanel([FieldPanel("outcome"), FieldPanel("measured_value")]),
        FieldRowPanel([FieldPanel("prefilled_value", read_only=True), FieldPanel("override_note")]),
        FieldPanel("analysis"),
        FieldPanel("next_action"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("åtagandets utfall")
        verbose_name_plural = _("åtagandenas utfall")

    def __str__(self):
        if not self.outcome:
            return self.commitment_title
        return f"{self.commitment_title}: {self.get_outcome_display()}"

    @staticmethod
    def snapshot_of(commitment, unit):
        return {
            "commitment": commitment,
            "level": level_for(commitment, unit),
            "commitment_title": commitment.title,
            "expected_result": commitment.expected_result,
        }

    def prefill(self, year):
        """Offer the measured value that a room registered through the
        `prefill_commitment_outcome` hook: `fn(commitment, unit, year) -> str | None`."""
        if self.commitment is None:
            return
        unit = self.follow_up.unit
        for measure in hooks.get_hooks("prefill_commitment_outcome"):
            value = measure(self.commitment, unit, year)
            if value:
                self.prefilled_value = self.measured_value = value[:300]
                return

    def clean(self):
        super().clean()
        changed = self.prefilled_value and self.measured_value.strip() != self.prefilled_value
        if changed and not (self.override_note or "").strip():
            raise ValidationError(
                {
                    "override_note": _("Skriv varför du ändrar det förifyllda värdet %(value)s.")
                    % {"value": self.prefilled_value}
                }
            )
        if not (self.commitment_title or "").strip():
            raise ValidationError(ROWS_ARE_FIXED)
        if self.needs_analysis and not (self.analysis or "").strip():
            raise ValidationError({"analysis": ANALYSIS_REQUIRED})

    @property
    def needs_analysis(self):
        """A commitment not fully met is explained: a measured value says how far it fell
        short, the analysis why. The help text of `analysis` is this rule's message."""
        return bool(self.outcome) and self.outcome != Outcome.MET

    @property
    def tag_class(self):
        return OUTCOME_TAG_CLASSES.get(self.outcome, "")
