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
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from guarantees.models import Commitment, CommitmentLevel, GuaranteePage
from home.transitions import TransitionError
from home.years import FIRST_YEAR, last_allowed_year

# The rule that publishing waits for the year's end, worded once: the model refuses with it and
# the publish box explains it.
PUBLISH_AFTER_YEAR_END = _(
    "En uppföljning kan publiceras först när året är slut. Enhetens redaktör kan fylla i ett "
    "utkast under året."
)
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
        help_text=_("Enhetens redaktör kryssar i när uppföljningen kan granskas och publiceras."),
    )
    is_published = models.BooleanField(
        _("publicerad"),
        default=False,
        help_text=PUBLISH_AFTER_YEAR_END,
    )
    published_at = models.DateTimeField(_("publicerad den"), null=True, blank=True, editable=False)
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
        InlinePanel(
            "outcomes",
            heading=_("Åtagandenas utfall"),
            label=_("Åtagande"),
            help_text=_(
                "Alla åtaganden på enhetens garanti: kommungemensamma, verksamhetsområdets "
                "och enhetens egna."
            ),
        ),
        FieldPanel("summary"),
        FieldPanel("ready_for_review"),
        FieldPanel("is_published"),
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
        # never published.
        if self.is_published and not year_has_ended(self.year):
            raise TransitionError(PUBLISH_AFTER_YEAR_END)
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        elif not self.is_published:
            self.published_at = None
        super().save(*args, **kwargs)

    @classmethod
    def start(cls, unit, year):
        """The follow-up of `unit` for `year`, created with one outcome row per commitment
        shown on its guarantee; an existing draft gains rows for commitments added since."""
        with transaction.atomic():
            cls.objects.get_or_create(unit=unit, year=year)
            # Locked, so that a double submit cannot add the same rows twice.
            follow_up = cls.objects.select_for_update().get(unit=unit, year=year)
            if not follow_up.is_published:
                follow_up.add_missing_commitments()
        return follow_up

    def add_missing_commitments(self):
        present = set(self.outcomes.values_list("commitment_id", flat=True))
        next_order = self.outcomes.count()
        new_rows = []
        for commitment in commitments_shown_on(self.unit):
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
        return new_rows

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
    outcome = models.CharField(_("utfall"), max_length=10, choices=Outcome.choices)
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
            raise ValidationError(
                _("Rader skapas från garantins åtaganden och kan inte läggas till för hand.")
            )
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
