"""National key figures from Kolada, the open database of the Council for Municipal Analysis.

The catalogue (`Kpi`) lets editors tie a commitment to a key figure; `Value` keeps what the
import fetched, per figure, place and year, so pages never wait on Kolada and a failed
fetch leaves yesterday's figures in place.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.search import index

from home.dates import staff_date

from .kinds import KINDS, kind_of_kpi
from .panels import LastImportPanel

# Kolada's id for the whole country among the municipalities.
NATIONAL_ID = "0000"
# The source of values the demo made up (kolada/demo.py): pages say so instead of "Kolada".
DEMO_SOURCE = "https://demo.invalid/kolada/"


class Kpi(index.Indexed, models.Model):
    """One key figure of Kolada's catalogue (imported by `import_kolada_kpis`)."""

    id = models.CharField(_("id"), max_length=20, primary_key=True)
    title = models.CharField(_("namn"), max_length=500)
    description = models.TextField(_("beskrivning"), blank=True)
    has_ou_data = models.BooleanField(_("finns per enhet"), default=False)
    is_divided_by_gender = models.BooleanField(_("uppdelat på kön"), default=False)
    municipality_type = models.CharField(_("kommuntyp"), max_length=5, blank=True)
    operating_area = models.CharField(_("verksamhetsområde"), max_length=500, blank=True)
    kind = models.CharField(
        _("verksamhet"),
        max_length=2,
        blank=True,
        choices=[(code, label) for code, label in KINDS.items()],
        help_text=_("Verksamhetskoden i nyckeltalets id, t.ex. 15 (grundskola) i N15419."),
    )
    fetched_at = models.DateTimeField(_("hämtat"))

    search_fields = [
        index.SearchField("id", boost=3),
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.AutocompleteField("id"),
        index.FilterField("has_ou_data"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["id"]
        verbose_name = _("nyckeltal")
        verbose_name_plural = _("nyckeltal")

    def __str__(self):
        return f"{self.id} {self.title}"

    def save(self, *args, **kwargs):
        self.kind = kind_of_kpi(self.id)
        super().save(*args, **kwargs)

    @property
    def is_share(self):
        return "(%)" in self.title


class Scope(models.TextChoices):
    UNIT = "ou", _("Enheten")
    MUNICIPALITY = "municipality", _("Kommunen")
    GROUP = "group", _("Jämförelsegruppen")
    NATIONAL = "national", _("Riket")


class Gender(models.TextChoices):
    TOTAL = "T", _("Totalt")
    WOMEN = "K", _("Kvinnor")
    MEN = "M", _("Män")


class Value(models.Model):
    """One value of a key figure for one place (a unit, a municipality, the comparison group
    or the country), year and gender, with where and when it was fetched."""

    kpi = models.CharField(_("nyckeltal"), max_length=20)
    scope = models.CharField(_("avser"), max_length=20, choices=Scope.choices)
    entity = models.CharField(
        _("id i Kolada"), max_length=20, help_text=_("Kommun-, grupp- eller enhets-id.")
    )
    period = models.PositiveSmallIntegerField(_("år"))
    gender = models.CharField(_("kön"), max_length=1, choices=Gender.choices)
    value = models.FloatField(_("värde"), null=True, blank=True)
    count = models.PositiveIntegerField(_("antal"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=50, blank=True)
    source = models.URLField(_("källa"), max_length=2000)
    fetched_at = models.DateTimeField(_("hämtat"))

    class Meta:
        ordering = ["kpi", "scope", "entity", "period", "gender"]
        verbose_name = _("nyckeltalsvärde")
        verbose_name_plural = _("nyckeltalsvärden")
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "scope", "entity", "period", "gender"],
                name="kolada_one_value_per_place_year_gender",
            )
        ]
        indexes = [models.Index(fields=["kpi", "period"])]

    def __str__(self):
        return f"{self.kpi} {self.entity} {self.period} {self.gender}: {self.value}"


@register_setting(icon="table")
class KoladaSettings(BaseSiteSetting):
    """Which municipality the site is, and whom it compares itself with, in Kolada's ids."""

    municipality_id = models.CharField(
        _("kommunens id i Kolada"),
        max_length=4,
        blank=True,
        validators=[
            RegexValidator(r"^\d{4}\Z", _("Skriv kommunkoden med fyra siffror, t.ex. 0180."))
        ],
        help_text=_("Kommunkoden med fyra siffror, t.ex. ”0180” för Stockholm."),
    )
    comparison_group_id = models.CharField(
        _("jämförelsegruppens id"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(r"^G\d{1,19}\Z", _("Skriv kommungruppens id i Kolada, t.ex. G124026."))
        ],
        help_text=_("En kommungrupp i Kolada, t.ex. ”G124026”. Gruppens värde är medelvärdet."),
    )
    comparison_group_title = models.CharField(
        _("jämförelsegruppens namn"),
        max_length=200,
        blank=True,
        help_text=_("Så som läsaren ser den, t.ex. ”Liknande kommuner, äldreomsorg”."),
    )
    years = models.PositiveSmallIntegerField(
        _("antal år bakåt"),
        default=5,
        help_text=_("Hur många år som hämtas och visas i trenden."),
    )

    panels = [
        FieldPanel("municipality_id"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("comparison_group_id"), FieldPanel("comparison_group_title")]
                )
            ],
            heading=_("Jämförelse"),
        ),
        FieldPanel("years"),
        LastImportPanel(heading=_("Senaste hämtningen")),
    ]

    class Meta:
        verbose_name = _("nyckeltal från Kolada")

    @property
    def group_label(self):
        return self.comparison_group_title or _("Jämförelsegruppen")


class ImportRun(models.Model):
    """One run of `import_kolada`: when, against which API, what it stored and what failed, so
    that an operator sees the last night's import in the admin."""

    class State(models.TextChoices):
        RUNNING = "running", _("Pågår")
        SUCCEEDED = "succeeded", _("Klar")
        PARTLY = "partly", _("Klar, men något misslyckades")
        FAILED = "failed", _("Misslyckades")

    started_at = models.DateTimeField(_("startad"), db_index=True)
    finished_at = models.DateTimeField(_("avslutad"), null=True, blank=True)
    state = models.CharField(_("läge"), max_length=20, choices=State.choices)
    api_url = models.URLField(_("Koladas adress"), max_length=500)
    kpis = models.PositiveIntegerField(_("nyckeltal"), default=0)
    new = models.PositiveIntegerField(_("nya värden"), default=0)
    changed = models.PositiveIntegerField(_("ändrade värden"), default=0)
    unchanged = models.PositiveIntegerField(_("oförändrade värden"), default=0)
    missing = models.PositiveIntegerField(
        _("värden som saknas"),
        default=0,
        help_text=_("Rader där Kolada inte har något värde (inte samma sak som noll)."),
    )
    failures = models.JSONField(
        _("fel"),
        default=list,
        blank=True,
        help_text=_(
            "Nyckeltalen som inte kunde hämtas och varför; deras tidigare värden står kvar."
        ),
    )

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"
        verbose_name = _("hämtning från Kolada")
        verbose_name_plural = _("hämtningar från Kolada")

    def __str__(self):
        return f"{staff_date(self.started_at, with_time=True)}, {self.get_state_display()}"

    @property
    def failed_kpis(self):
        return [failure.get("kpi") or "" for failure in self.failures]

    # What the run's details page shows (in local time, failures one per line).
    def started(self):
        return staff_date(self.started_at, with_time=True)

    started.short_description = _("startad")

    def finished(self):
        return staff_date(self.finished_at, with_time=True) if self.finished_at else "–"

    finished.short_description = _("avslutad")

    def what_failed(self):
        lines = [
            f"{failure['kpi']}: {failure['error']}" if failure.get("kpi") else failure["error"]
            for failure in self.failures
        ]
        return "\n".join(lines) or _("Inget")

    what_failed.short_description = _("det här misslyckades")
