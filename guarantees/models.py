"""Service areas, units and their quality guarantees in the fixed template (seeds 002, 001, 004).

The page tree is HomePage -> ServiceAreaPage -> GuaranteePage. Commitments exist at three
levels, all in one table so that feedback and follow-up can point at any of them:
city-wide (children of the HomePage), area (children of a ServiceAreaPage) and unit (children
of a GuaranteePage).
"""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from home.languages import ChildOfPageQuerySet
from home.permissions import SitePage

from .history import history_of


class QualityCriterion(models.TextChoices):
    """The four quality criteria of seed 000."""

    TREATMENT = "bemotande", _("Bemötande")
    INFLUENCE = "inflytande", _("Inflytande")
    ACCESSIBILITY = "tillganglighet", _("Tillgänglighet")
    CONFIDENCE = "trygghet", _("Trygghet")


class CommitmentLevel(models.TextChoices):
    CITY = "city", _("Kommungemensamt")
    AREA = "area", _("Verksamhetsområdet")
    UNIT = "unit", _("Enheten")


class ProviderKind(models.TextChoices):
    """Who runs a unit (driftsform). Read from `GuaranteePage.provider`: a unit without a
    named provider is run by the municipality, so the two can never disagree."""

    MUNICIPAL = "kommunal", _("Kommunal")
    PRIVATE = "enskild", _("Enskild")

    @classmethod
    def filter(cls, units, kind):
        """`units` (a GuaranteePage queryset) narrowed to those of this kind."""
        if kind == cls.MUNICIPAL:
            return units.filter(provider="")
        if kind == cls.PRIVATE:
            return units.exclude(provider="")
        return units


class Committee(models.Model):
    """A political committee (nämnd) that decides the guarantees of its service areas."""

    name = models.CharField(_("namn"), max_length=150, unique=True)

    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("nämnd")
        verbose_name_plural = _("nämnder")

    def __str__(self):
        return self.name


register_snippet(Committee)


class HookedWidgetPanel(FieldPanel):
    """A field whose admin widget another room supplies through a Wagtail hook.

    The key-figure catalogue lives in another room, which guarantees must not import; that
    room registers `hook` returning a widget instance, and the last one registered wins. With
    no hook registered the field keeps its plain text input."""

    def __init__(self, field_name, hook, *args, **kwargs):
        self.hook = hook
        super().__init__(field_name, *args, **kwargs)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["hook"] = self.hook
        return kwargs

    def get_form_options(self):
        options = super().get_form_options()
        widgets = [make_widget() for make_widget in hooks.get_hooks(self.hook)]
        if widgets:
            options.setdefault("widgets", {})[self.field_name] = widgets[-1]
        return options


class Commitment(TranslatableMixin, Orderable):
    """One promise (åtagande) with the expected result that tells whether it was kept.

    Translatable: each locale's page has its own rows, one per Swedish commitment (the same
    `translation_key`), which wagtail-localize copies from the source and fills with the
    translated text (docs/architecture.md, "Languages"). What is recorded about a commitment
    (follow-up outcomes, feedback about a broken promise, good examples) refers to the Swedish
    row; `source_commitment_keys` maps between them.
    """

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="commitments")
    title = models.CharField(
        _("åtagande"),
        max_length=300,
        help_text=_("Vad vi lovar, i en mening. T.ex. ”Du får svar inom två arbetsdagar.”"),
    )
    expected_result = models.CharField(
        _("förväntat resultat"),
        max_length=500,
        help_text=_(
            "Hur vi vet att löftet hölls: ett målvärde, en målbild eller ett tillstånd. "
            "T.ex. ”Minst 90 procent av vårdnadshavarna svarar att de får veta hur barnet haft "
            "det under dagen.”"
        ),
    )
    quality_criterion = models.CharField(
        _("kvalitetskriterium"),
        max_length=20,
        choices=QualityCriterion.choices,
        help_text=_(
            "Vilket av kommunens fyra kvalitetskriterier åtagandet främst handlar om: "
            "bemötande, inflytande, tillgänglighet eller trygghet."
        ),
    )
    way_of_working = models.TextField(
        _("så arbetar vi"),
        max_length=2000,
        blank=True,
        help_text=_("Hur enheten arbetar för att hålla åtagandet."),
    )
    follow_up_method = models.CharField(
        _("så följer vi upp"),
        max_length=500,
        blank=True,
        help_text=_("T.ex. ”Brukarenkät varje höst” eller ”Registrering i verksamhetssystemet”."),
    )
    kolada_kpi = models.CharField(
        _("nationellt nyckeltal (Kolada)"),
        max_length=20,
        blank=True,
        help_text=_(
            "Välj nyckeltalet i Kolada som mäter det förväntade resultatet, så visas enhetens, "
            "kommunens och jämförelsens värden över åren bredvid åtagandet."
        ),
    )

    objects = ChildOfPageQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("expected_result"),
        FieldPanel("quality_criterion"),
        FieldPanel("way_of_working"),
        FieldPanel("follow_up_method"),
        HookedWidgetPanel("kolada_kpi", hook="commitment_kpi_widget"),
    ]

    # The Kolada key figure is an identifier, the same in every language.
    override_translatable_fields = [SynchronizedField("kolada_kpi")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("åtagande")
        verbose_name_plural = _("åtaganden")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not (self.expected_result or "").strip():
            raise ValidationError(
                {"expected_result": _("Ett åtagande måste ha ett förväntat resultat.")}
            )

    @property
    def anchor(self):
        """A stable fragment id, so that links can point at this commitment."""
        return f"atagande-{self.pk}"


class CommitmentSerializer(serializers.ModelSerializer):
    """A commitment as open data (Wagtail API v2), at any of the three levels."""

    quality_criterion_label = serializers.CharField(
        source="get_quality_criterion_display", read_only=True
    )
    anchor = serializers.CharField(read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "title",
            "expected_result",
            "quality_criterion",
            "quality_criterion_label",
            "way_of_working",
            "follow_up_method",
            "kolada_kpi",
            "anchor",
        ]


def _commitments_api_field():
    return APIField("commitments", serializer=CommitmentSerializer(many=True, read_only=True))


def _committee_api_field():
    return APIField("committee", serializer=serializers.StringRelatedField(read_only=True))


@dataclass(frozen=True)
class CommitmentGroup:
    """The commitments of one level, as a guarantee page shows them."""

    level: str
    heading: str
    commitments: list

    @property
    def is_shared(self):
        """Area and city-wide commitments are the same on every unit's guarantee: shown
        folded to their titles, after the unit's own."""
        return self.level != CommitmentLevel.UNIT


class CoordinateFormField(forms.DecimalField):
    """A coordinate as an editor types it: "59,6123" (Swedish decimal comma) or "59.6123"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".").replace("\u2212", "-")
        value = super().to_python(value)
        if value is not None and value.is_finite() and abs(value) <= 180:
            # Copied from a map with ten decimals: six (about 10 cm) are plenty. (A number
            # out of range is left for the range check to refuse, not rounded.)
            value = value.quantize(Decimal("0.000001"))
        return value


class CoordinateField(models.DecimalField):
    """Latitude or longitude in decimal degrees (WGS 84), six decimals (about 10 cm)."""

    def __init__(self, *args, limit=180, **kwargs):
        self.limit = limit
        kwargs.setdefault("max_digits", 9)
        kwargs.setdefault("decimal_places", 6)
        kwargs.setdefault("validators", [MinValueValidator(-limit), MaxValueValidator(limit)])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["limit"] = self.limit
        kwargs.pop("validators", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(
            **{
                "form_class": CoordinateFormField,
                "min_value": -self.limit,
                "max_value": self.limit,
                **kwargs,
            }
        )


def check_position(instance, latitude="latitude", longitude="longitude"):
    """A position is both coordinates or neither: one alone places nothing. A coordinate the
    admin form could not read is reported there once, not also as missing here."""
    if getattr(instance, "position_unreadable", False):
        return
    lat, long = getattr(instance, latitude), getattr(instance, longitude)
    if (lat is None) != (long is None):
        missing = latitude if lat is None else longitude
        raise ValidationError({missing: _("Fyll i både latitud och longitud, eller ingen av dem.")})


class District(models.Model):
    """A district (stadsdel) of the municipality, with its outline for the site's own map.

    Units name their district in `GuaranteePage.district`; a district is matched by that name.
    """

    name = models.CharField(
        _("namn"),
        max_length=100,
        unique=True,
        help_text=_("Stavat precis som i fältet Stadsdel på enheterna, t.ex. ”Norrby”."),
    )
    outline = models.TextField(
        _("gräns"),
        max_length=20000,
        help_text=_(
            "Stadsdelens gräns som hörn i decimalgrader, ett hörn per rad: latitud och "
            "longitud med mellanslag emellan, t.ex. ”59.6123 16.4987”. Minst tre hörn, i ordning "
            "runt stadsdelen. Kartan på webbplatsen ritas av de här hörnen."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("outline")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("stadsdel")
        verbose_name_plural = _("stadsdelar")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        from .places import OutlineError, parse_outline

        try:
            parse_outline(self.outline)
        except OutlineError as error:
            raise ValidationError({"outline": str(error)}) from error

    @property
    def corners(self):
        """[(latitude, longitude), ...] of the outline; [] when it cannot be read."""
        from .places import OutlineError, parse_outline

        try:
            return parse_outline(self.outline)
        except OutlineError:
            return []


register_snippet(District)


class StreetAddress(models.Model):
    """One entry of the municipality's own address list (belägenhetsadresser), imported by
    the operator with `manage.py import_addresses`. A typed address is matched against it;
    nothing a resident types is stored."""

    street = models.CharField(_("gata"), max_length=150)
    number = models.CharField(_("nummer"), max_length=12, help_text=_("T.ex. ”12” eller ”4B”."))
    postcode = models.CharField(_("postnummer"), max_length=5)
    locality = models.CharField(_("ort"), max_length=100)
    latitude = CoordinateField(_("latitud"), limit=90)
    longitude = CoordinateField(_("longitud"))

    class Meta:
        ordering = ["street", "number"]
        verbose_name = _("adress")
        verbose_name_plural = _("adresser")
        constraints = [
            models.UniqueConstraint(
                fields=["street", "number", "postcode"], name="one_entry_per_street_address"
            )
        ]
        indexes = [models.Index(Upper("street"), name="street_address_street")]

    def __str__(self):
        postcode = f"{self.postcode[:3]} {self.postcode[3:]}"
        return f"{self.street} {self.number}, {postcode} {self.locality}"

    @property
    def position(self):
        return (float(self.latitude), float(self.longitude))


def area_path_of(unit):
    """The tree path of the service area a guarantee stands in (the page right above it)."""
    return unit.path[: -unit.steplen]


class ServiceAreaPage(RoutablePageMixin, SitePage):
    """A service area (verksamhetsområde): preschool, school, home care, library ..."""

    intro = models.TextField(
        _("ingress"),
        max_length=1000,
        blank=True,
        help_text=_("Några meningar om verksamhetsområdet och vem det är till för."),
    )
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("ansvarig nämnd"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_areas",
        help_text=_("Nämnden som beslutar om områdets kvalitetsgarantier."),
    )
    unit_noun = models.CharField(
        _("en enhet kallas"),
        max_length=60,
        blank=True,
        help_text=_(
            "Vad en av områdets enheter heter i löpande text, med en eller ett framför: "
            "”en förskola”, ”ett bibliotek”. Används i meningar som ”Det finns ingen förskola i "
            "Sjövik.”"
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("committee"),
        FieldPanel("unit_noun"),
        InlinePanel(
            "commitments",
            label=_("Områdets åtaganden"),
            heading=_("Verksamhetsområdets åtaganden"),
            help_text=_(
                "Nämndens övergripande åtaganden för området. De visas på varje enhets garanti."
            ),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        # The area's own commitments: "kränkande behandling" must find the school area.
        index.RelatedFields(
            "commitments", [index.SearchField("title"), index.SearchField("expected_result")]
        ),
    ]
    api_fields = [APIField("intro"), _committee_api_field(), _commitments_api_field()]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["guarantees.GuaranteePage"]

    def _in_swedish(self):
        """The page is in Swedish (or easy-to-read Swedish), whose nouns take "en" or "ett"."""
        language = self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE
        return language.split("-")[0] == settings.LANGUAGE_CODE

    def clean(self):
        super().clean()
        noun = self.unit_noun.strip()
        if noun and self._in_swedish() and not noun.startswith(("en ", "ett ")):
            raise ValidationError(
                {"unit_noun": _("Börja med ”en” eller ”ett”, t.ex. ”en förskola”.")}
            )

    def none_in(self, district):
        """ "Det finns ingen förskola i Sjövik." in the area's own word, or a neutral sentence
        when the editor has not given one.

        In another language the word is the translator's (the page's translated `unit_noun`,
        written as it reads in that language's sentence, without "en"/"ett"); where it is not
        translated the sentence names no kind of unit rather than put a Swedish word into it.
        """
        noun = self.unit_noun.strip()
        if not self._in_swedish():
            source = self.get_translation_or_none(Locale.get_default())
            if noun and not self.alias_of_id and (source is None or source.unit_noun != noun):
                return _("Det finns ingen %(unit)s i %(district)s.") % {
                    "unit": noun,
                    "district": district,
                }
            return _("Det finns ingen sådan enhet i %(district)s.") % {"district": district}
        if noun.startswith("ett "):
            return _("Det finns inget %(unit)s i %(district)s.") % {
                "unit": noun[4:],
                "district": district,
            }
        if noun.startswith("en "):
            return _("Det finns ingen %(unit)s i %(district)s.") % {
                "unit": noun[3:],
                "district": district,
            }
        return _("Inom %(area)s finns ingen enhet i %(district)s.") % {
            "area": self.title.lower(),
            "district": district,
        }

    def units(self):
        """The area's published units, as residents see them."""
        return GuaranteePage.objects.child_of(self).live().public().order_by("title")

    # Units on one page of the area's list: a phone's screenful or a few, and what a page
    # costs stays the same however many units the municipality has (bench/README.md).
    units_per_page = 30

    def get_context(self, request, *args, **kwargs):
        """The list of units, narrowed by the resident's filters (`?stadsdel=&driftsform=`)
        and, when an address is given (`?adress=`), nearest it first, `units_per_page` at a
        time (`?sida=`). A district where the area has no unit says so and offers the nearest
        ones instead of the whole list. A constant number of queries, and without an address
        a constant amount of work, whatever the number of units: the filters and the page are
        applied in SQL."""
        from django.core.paginator import Paginator

        from . import places
        from .district_map import district_map
        from .forms import AddressForm, UnitFilterForm

        context = super().get_context(request, *args, **kwargs)
        units = self.units()
        outlined = list(District.objects.all())
        # Every district of the municipality, also those where this area has no unit: choosing
        # one says so and offers the nearest units instead.
        districts = places.known_districts()
        unit_filter = UnitFilterForm(request.GET, districts=districts)
        unit_filter.is_valid()
        of_kind = ProviderKind.filter(units, unit_filter.provider_kind)
        shown = of_kind.filter(district=unit_filter.district) if unit_filter.district else of_kind
        address_form = AddressForm(request.GET)
        origin = address_form.origin
        # The area's units per district, counted in SQL: the total and the map's labels.
        per_district = dict(
            units.order_by().values_list("district").annotate(count=models.Count("pk"))
        )
        page = Paginator(shown, self.units_per_page).get_page(request.GET.get("sida"))
        if origin is None and page.paginator.count:
            # The usual case: a page of the list in alphabetical order, read as a slice.
            placed, context["nearest_from"] = [places.Placed(u, None) for u in page], ""
        else:
            # Sorted by distance from an address, or nothing in the chosen district: the
            # order depends on every unit's position, so they are read to be placed.
            if unit_filter.district and not page.paginator.count:
                context["empty_district"] = unit_filter.district
                context["none_in_district"] = self.none_in(unit_filter.district)
            arranged, context["nearest_from"] = places.arrange(
                list(shown), of_kind, district=unit_filter.district, origin=origin
            )
            page = Paginator(arranged, self.units_per_page).get_page(request.GET.get("sida"))
            placed = list(page)
        query = request.GET.copy()
        query.pop("sida", None)
        context["units"] = [entry.unit for entry in placed]
        context["placed_units"] = placed
        context["page_obj"] = page
        context["page_query"] = query.urlencode()
        context["unit_filter"] = unit_filter
        context["address_form"] = address_form
        context["address_origin"] = origin
        context["unit_total"] = sum(per_district.values())
        context["district_map"] = district_map(
            self, context["units"], outlined, request, per_district=per_district
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.GET.get("adress"):
            # A resident's address is theirs: no shared cache keeps an answer that names it.
            from home.caching import private

            private(response)
        return response

    class Meta:
        verbose_name = _("verksamhetsområde")
        verbose_name_plural = _("verksamhetsområden")

    @classmethod
    def of_units(cls, units):
        """{unit pk: its service area, or None} for many units in one query.

        The tree rules put every guarantee right below its area, so the area's path is the
        unit's path less one step; `units` need only `pk` and `path`.
        """
        units = list(units)
        areas = {
            area.path: area
            for area in cls.objects.filter(path__in={area_path_of(unit) for unit in units})
        }
        return {unit.pk: areas.get(area_path_of(unit)) for unit in units}

    def route(self, request, path_components):
        """A unit's guarantee in one query (with its committee), not Wagtail's two (the child
        page, then its specific row). Other paths (`jamfor/`, other page types) route as usual.
        """
        if len(path_components) == 1 and path_components[0]:
            unit = (
                GuaranteePage.objects.child_of(self)
                .select_related("committee")
                .filter(slug=path_components[0])
                .first()
            )
            if unit is not None:
                unit.routed_area = self  # the request came through it: no need to look it up
                return unit.route(request, [])
        return super().route(request, path_components)

    @path("jamfor/")
    def compare(self, request):
        from .views import compare_units

        return compare_units(request, self)


class GuaranteePageForm(WagtailAdminPageForm):
    """The guarantee's admin form: says in the editor's words why a guarantee is incomplete."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        commitments = self.formsets.get("commitments")
        if commitments is not None:
            commitments.error_messages["too_few_forms"] = _(
                "En kvalitetsgaranti måste ha minst ett eget åtagande för enheten."
            )

    def clean(self):
        cleaned_data = super().clean()
        self.instance.position_unreadable = bool({"latitude", "longitude"} & set(self.errors))
        return cleaned_data


class GuaranteePage(SitePage):
    """One unit's quality guarantee (kvalitetsgaranti) in the fixed template of seed 002."""

    # The unit
    unit_name = models.CharField(
        _("enhetens namn"),
        max_length=200,
        blank=True,
        help_text=_("Lämna tomt om enheten heter som sidans titel."),
    )
    provider = models.CharField(
        _("utförare"),
        max_length=200,
        blank=True,
        help_text=_(
            "Lämna tomt när kommunen driver enheten: då visas den som kommunal. Ange annars "
            "den enskilda utförarens namn, så visas den som enskild; garantin gäller oavsett "
            "vem som driver verksamheten."
        ),
    )
    district = models.CharField(
        _("stadsdel"),
        max_length=100,
        blank=True,
        help_text=_(
            "Stadsdelen eller orten där enheten ligger, t.ex. ”Norrby”. Invånare hittar "
            "enheten genom att välja stadsdel, så stava den likadant på alla enheter där."
        ),
    )
    idea = models.TextField(
        _("verksamhetsidé"),
        max_length=2000,
        help_text=_("Enhetens syfte med några meningar: vad ni finns till för och för vem."),
    )

    # Complaint routine (seed 004: "till vem/vilka ... utfästelser om återkoppling ... åtgärder")
    feedback_recipient = models.CharField(
        _("synpunkter tas emot av"),
        max_length=300,
        help_text=_(
            "Till vem synpunkter och klagomål lämnas, t.ex. ”Rektorn” eller ”Enhetschefen”."
        ),
    )
    reply_working_days = models.PositiveSmallIntegerField(
        _("svar inom (arbetsdagar)"),
        default=2,
        help_text=_("Hur många arbetsdagar det högst tar innan den som lämnat synpunkt får svar."),
    )
    remedy = models.TextField(
        _("om vi inte håller vad vi lovar"),
        max_length=2000,
        help_text=_(
            "Vad enheten gör när ett löfte inte hållits: rättelse, förklaring och, där nämnden "
            "beslutat det, ersättning."
        ),
    )
    # What a resident who reports a broken promise is promised, in parts the feedback room can
    # repeat on the receipt and in the mail (and keep on the case as it stood then).
    remedy_contact = models.CharField(
        _("vem hör av sig"),
        max_length=200,
        blank=True,
        help_text=_(
            "Vem som kontaktar den som anmält att ett löfte inte hållits, t.ex. ”Rektor” "
            "eller ”Enhetschefen”."
        ),
    )
    remedy_contact_days = models.PositiveSmallIntegerField(
        _("hör av sig inom (arbetsdagar)"),
        null=True,
        blank=True,
        help_text=_("Hur många arbetsdagar det högst tar innan vi hör av oss."),
    )
    remedy_compensation = models.TextField(
        _("ersättning"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Vad den som drabbats kan få, t.ex. nedsatt avgift, och på vilka villkor. Lämna "
            "tomt om nämnden inte har beslutat om någon ersättning."
        ),
    )
    escalation = models.TextField(
        _("om du inte är nöjd"),
        max_length=1000,
        blank=True,
        help_text=_("Vart du kan vända dig sedan: förvaltningen, nämnden, tillsynsmyndigheten."),
    )

    # Unit facts (seed 004: definition of the service, accessibility, treatment, information)
    address = models.CharField(
        _("besöksadress"),
        max_length=300,
        blank=True,
        help_text=_("Gata, nummer, postnummer och ort, t.ex. ”Ängsvägen 4, 123 41 Ängsby”."),
    )
    latitude = CoordinateField(
        _("latitud"),
        limit=90,
        null=True,
        blank=True,
        help_text=_(
            "Besöksadressens läge i decimalgrader, t.ex. ”59.6054”. Finns i kommunens "
            "adresslista. Med läget kan invånare sortera enheterna efter avstånd och se enheten "
            "på kartan."
        ),
    )
    longitude = CoordinateField(
        _("longitud"),
        null=True,
        blank=True,
        help_text=_("Besöksadressens läge i decimalgrader, t.ex. ”16.5033”."),
    )
    opening_hours = models.CharField(
        _("öppettider"),
        max_length=300,
        blank=True,
        help_text=_("T.ex. ”Vardagar 6.30–18.00”. Visas också i listan över områdets enheter."),
    )
    phone = models.CharField(
        _("telefon"),
        max_length=40,
        blank=True,
        help_text=_("Enhetens telefonnummer, inte en medarbetares privata nummer."),
    )
    phone_hours = models.CharField(
        _("telefontider"),
        max_length=200,
        blank=True,
        help_text=_("När vi svarar i telefon, t.ex. ”Vardagar 8–16”."),
    )
    email = models.EmailField(
        _("e-post"), blank=True, help_text=_("Enhetens funktionsadress, t.ex. solrosen@…")
    )
    contact_person = models.CharField(
        _("kontaktperson"),
        max_length=200,
        blank=True,
        help_text=_("Ansvarig i tjänsten, t.ex. ”Anna Berg, rektor”."),
    )

    # Decision and validity (seed 002: decided with the yearly plan)
    valid_from = models.DateField(
        _("gäller från"), help_text=_("Första dagen garantin gäller, oftast 1 januari.")
    )
    valid_to = models.DateField(
        _("gäller till"),
        help_text=_("Sista dagen garantin gäller. Därefter visas den som inaktuell."),
    )
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("beslutad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guarantees",
        help_text=_("Nämnden som har bedömt och beslutat garantin."),
    )
    decision_date = models.DateField(_("beslutsdatum"), null=True, blank=True)
    record_number = models.CharField(
        _("diarienummer"), max_length=50, blank=True, help_text=_("T.ex. ”BUN 2026/123”.")
    )
    kolada_ou = models.CharField(
        _("enhetens id i Kolada"),
        max_length=20,
        blank=True,
        help_text=_(
            "Enhetens id för organisatoriska enheter i Kolada, t.ex. ”V15E018001501”. Behövs "
            "för att visa enhetens egna värden för nyckeltal som finns per enhet."
        ),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("unit_name"),
                FieldRowPanel([FieldPanel("provider"), FieldPanel("district")]),
                FieldPanel("idea"),
                FieldPanel("kolada_ou"),
            ],
            heading=_("Enheten och verksamhetsidén"),
        ),
        InlinePanel(
            "commitments",
            label=_("Åtagande"),
            heading=_("Enhetens åtaganden"),
            min_num=1,
            help_text=_(
                "Enhetens egna åtaganden, utöver stadens och verksamhetsområdets. Varje "
                "åtagande behöver ett förväntat resultat som går att följa upp."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("feedback_recipient"),
                FieldPanel("reply_working_days"),
                FieldPanel("remedy"),
                FieldRowPanel([FieldPanel("remedy_contact"), FieldPanel("remedy_contact_days")]),
                FieldPanel("remedy_compensation"),
                FieldPanel("escalation"),
            ],
            heading=_("Rutiner för synpunkter och klagomål"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldRowPanel([FieldPanel("opening_hours"), FieldPanel("phone_hours")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("contact_person"),
            ],
            heading=_("Kontaktuppgifter"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
                FieldPanel("committee"),
                FieldRowPanel([FieldPanel("decision_date"), FieldPanel("record_number")]),
            ],
            heading=_("Beslut och giltighet"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("unit_name", boost=2),
        index.SearchField("idea"),
        index.SearchField("provider"),
        # "förskola Norrby" finds the preschools in Norrby.
        index.SearchField("district"),
        index.AutocompleteField("unit_name"),
        # Everything the guarantee shows a resident is found by the site search: each
        # commitment whole, the complaint routine and the published follow-ups' analyses.
        index.RelatedFields(
            "commitments",
            [
                index.SearchField("title"),
                index.SearchField("expected_result"),
                index.SearchField("way_of_working"),
                index.SearchField("follow_up_method"),
            ],
        ),
        index.SearchField("feedback_recipient"),
        index.SearchField("remedy"),
        index.SearchField("escalation"),
        index.SearchField("published_follow_up_text"),
        index.SearchField("address"),
        index.SearchField("opening_hours"),
        index.SearchField("phone_hours"),
        index.SearchField("contact_person"),
    ]

    api_fields = [
        APIField("unit_name"),
        APIField("provider"),
        APIField("provider_kind"),
        APIField("district"),
        APIField("idea"),
        _commitments_api_field(),
        APIField("feedback_recipient"),
        APIField("reply_working_days"),
        APIField("remedy"),
        APIField("remedy_contact"),
        APIField("remedy_contact_days"),
        APIField("remedy_compensation"),
        APIField("escalation"),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("opening_hours"),
        APIField("phone"),
        APIField("phone_hours"),
        APIField("email"),
        APIField("valid_from"),
        APIField("valid_to"),
        _committee_api_field(),
        APIField("decision_date"),
        APIField("record_number"),
    ]

    # Facts that are the same in every language: the translation copies them from Swedish.
    # The district is also the unit filter's value, so it must not differ between locales.
    override_translatable_fields = [
        *SitePage.override_translatable_fields,
        *(
            SynchronizedField(name)
            for name in (
                "provider",
                "district",
                "address",
                "phone",
                "email",
                "kolada_ou",
                "record_number",
            )
        ),
    ]

    base_form_class = GuaranteePageForm
    parent_page_types = ["guarantees.ServiceAreaPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("kvalitetsgaranti")
        verbose_name_plural = _("kvalitetsgarantier")

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": _("Slutdatum måste vara efter startdatum.")})
        check_position(self)

    @property
    def display_name(self):
        return self.unit_name or self.title

    def published_follow_up_text(self):
        """What "Så gick det" shows in words: the published yearly follow-ups' summaries and
        each outcome's analysis (guarantees.followup, read through its reverse relation)."""
        if not self.pk:
            return ""
        texts = []
        for follow_up in self.follow_ups.filter(is_published=True).prefetch_related("outcomes"):
            texts.append(follow_up.summary)
            texts.extend(outcome.analysis for outcome in follow_up.outcomes.all())
        return "\n".join(text for text in texts if text)

    @property
    def position(self):
        """(latitude, longitude) of the visiting address, or None when not given."""
        if self.latitude is None or self.longitude is None:
            return None
        return (float(self.latitude), float(self.longitude))

    @property
    def provider_kind(self):
        return ProviderKind.PRIVATE if self.provider else ProviderKind.MUNICIPAL

    def get_provider_kind_display(self):
        return self.provider_kind.label

    @property
    def is_expired(self):
        return self.valid_to is not None and self.valid_to < timezone.localdate()

    @property
    def service_area(self):
        return ServiceAreaPage.objects.filter(path=area_path_of(self)).first()

    def applicable_commitments(self):
        """The commitments this unit answers for: its own, its service area's and the
        city-wide ones on the home page above the area. One query, whatever their number."""
        ancestors = Page.objects.ancestor_of(self, inclusive=True)
        return Commitment.objects.filter(page__in=ancestors).select_related("page")

    def _level_paths(self):
        """{tree path: level} of the pages whose commitments apply to this unit."""
        area_path = area_path_of(self)
        return {
            area_path[: -self.steplen]: CommitmentLevel.CITY,
            area_path: CommitmentLevel.AREA,
            self.path: CommitmentLevel.UNIT,
        }

    def commitment_groups(self, from_cluster=True):
        """All commitments that apply to this unit, grouped: the unit's own first, then its
        service area's and the city-wide ones, which every unit of the area shares.

        One query whatever the number of commitments or levels: the three pages are known by
        their tree paths. With `from_cluster` the unit's own commitments come from the page's
        cluster, which makes previews of unsaved edits show what the editor typed (and costs
        a second query on a saved page, so serving a live page passes False).
        """
        levels = self._level_paths()
        if from_cluster or self.pk is None:
            levels.pop(self.path)
        by_level = {level: [] for level in CommitmentLevel.values}
        for commitment in (
            Commitment.objects.filter(page__path__in=list(levels))
            .annotate(level_path=models.F("page__path"))
            .order_by("sort_order", "pk")
        ):
            by_level[levels[commitment.level_path]].append(commitment)
        if from_cluster or self.pk is None:
            by_level[CommitmentLevel.UNIT] = list(self.commitments.all())
        return [
            CommitmentGroup(
                CommitmentLevel.UNIT, _("Enhetens åtaganden"), by_level[CommitmentLevel.UNIT]
            ),
            CommitmentGroup(
                CommitmentLevel.AREA,
                _("Verksamhetsområdets åtaganden"),
                by_level[CommitmentLevel.AREA],
            ),
            CommitmentGroup(
                CommitmentLevel.CITY,
                _("Kommungemensamma åtaganden"),
                by_level[CommitmentLevel.CITY],
            ),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A preview shows the editor's unsaved cluster; a served page reads the database once,
        # and only when a part that shows them is rendered, not kept (home/fragments.py).
        from_cluster = getattr(request, "is_preview", True)
        groups = SimpleLazyObject(lambda: self.commitment_groups(from_cluster=from_cluster))
        context["commitment_groups"] = groups
        context["all_commitments"] = SimpleLazyObject(
            lambda: [c for group in groups for c in group.commitments]
        )
        # Compared once per publish (guarantees/history.py), read only when a part showing it
        # is rendered, not kept.
        context["history"] = SimpleLazyObject(lambda: history_of(self))
        return context
