"""The home page, plain content pages and the municipality's site-wide settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.url_routing import RouteResult

from . import fragments
from .languages import ChildOfPageQuerySet
from .permissions import SitePage


class HomePage(SitePage):
    """The municipality's start page and the root of its page tree.

    City-wide commitments (seed 001: "generella deklarationer för staden som helhet") are
    edited here once, as commitments of this page, and shown on every guarantee. The other
    rooms add their sections to the page through the "home_page_sections" hook
    (home/sections.py).
    """

    intro = models.TextField(
        _("ingress"),
        max_length=600,
        blank=True,
        help_text=_("Några meningar överst på startsidan om vad invånarna hittar här."),
    )
    body = RichTextField(
        _("brödtext"), blank=True, features=["h2", "h3", "bold", "link", "ol", "ul"]
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel(
            "commitments",
            label=_("Stadens gemensamma åtaganden"),
            heading=_("Stadens gemensamma åtaganden"),
            help_text=_(
                "Åtaganden som gäller alla enheter, till exempel om bemötande och "
                "tillgänglighet. De visas på varje kvalitetsgaranti."
            ),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        # The city-wide commitments: "bemött med respekt" must find them (search/query.py).
        index.RelatedFields(
            "commitments", [index.SearchField("title"), index.SearchField("expected_result")]
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    def route(self, request, path_components):
        """The page at a path in one query: which page a path names is found by Wagtail's
        routing once per publish (home/fragments.py) and remembered, for plain pages. A
        routable page's sub-path is remembered as such and routed as usual; a path that
        names no page (Http404) is not remembered at all."""
        if not path_components:
            return super().route(request, path_components)
        named = fragments.memo(
            ("route", self.pk, tuple(path_components)),
            lambda: self._named_page(request, path_components),
        )
        if named:
            model, pk = named
            page = model.objects.filter(pk=pk, live=True).first()
            if page is not None:
                return RouteResult(page)
        return super().route(request, path_components)

    def _named_page(self, request, path_components):
        """(model, pk) of the page Wagtail routes the path to when it is that page itself,
        else False (a sub-path of a routable page)."""
        page, args, kwargs = super().route(request, path_components)
        if args or kwargs or page.url_path != f"{self.url_path}{'/'.join(path_components)}/":
            return False
        return type(page), page.pk

    class Meta:
        verbose_name = _("startsida")
        verbose_name_plural = _("startsidor")


class ContentPage(SitePage):
    """A plain page of text: about the quality work, how to complain, contact."""

    intro = models.TextField(_("ingress"), max_length=600, blank=True)
    body = RichTextField(
        _("brödtext"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("innehållssida")
        verbose_name_plural = _("innehållssidor")


@register_setting(icon="site")
class MunicipalitySettings(ClusterableModel, BaseSiteSetting):
    """Who runs this site: name, contact details and logo, shown in header and footer."""

    name = models.CharField(_("kommunens namn"), max_length=100, default="Exempelkommun")
    address = models.TextField(_("postadress"), max_length=300, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    opening_hours = models.CharField(
        _("kontaktcenter öppet"), max_length=200, blank=True, help_text=_("T.ex. vardagar 8–17.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logotyp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Kommunvapnet eller logotypen, som visas i sidhuvudet bredvid kommunens namn. "
            "En bild med genomskinlig bakgrund blir bäst."
        ),
    )
    website = models.URLField(
        _("kommunens webbplats"),
        blank=True,
        help_text=_(
            "Adressen till kommunens huvudwebbplats, t.ex. https://www.angsby.se. Sidhuvudet "
            "länkar dit."
        ),
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Kontaktuppgifter"),
        ),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("website")], heading=_("Sidhuvudet")),
    ]

    class Meta:
        verbose_name = _("kommunens uppgifter")


class AccessibilityStatementPage(SitePage):
    """The accessibility statement that the law asks of every public body's website.

    Lagen (2018:1937) om tillgänglighet till digital offentlig service (DOS-lagen) and the
    EU model statement (implementing decision 2018/1523, as DIGG presents it) ask for: who
    runs which service, how compliant it is, what is not accessible and why, how the
    assessment was made and when, when the statement was last updated, how to report a
    problem, and the way to complain to the supervisory authority.
    """

    class Compliance(models.TextChoices):
        FULL = "full", _("Webbplatsen är helt förenlig med lagkraven")
        PARTIAL = "partial", _("Webbplatsen är delvis förenlig med lagkraven")
        NONE = "none", _("Webbplatsen är inte förenlig med lagkraven")

    class AssessmentMethod(models.TextChoices):
        SELF = "self", _("Egen granskning")
        THIRD_PARTY = "third_party", _("Granskning av extern part")

    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        help_text=_("Den myndighet eller kommun som ansvarar för webbplatsen."),
    )
    service = models.CharField(
        _("tjänst som omfattas"),
        max_length=300,
        help_text=_("T.ex. webbplatsen kvalitetsgarantier.angsby.se med alla sidor och formulär."),
    )
    intro = models.TextField(_("ingress"), max_length=1000, blank=True)
    compliance_status = models.CharField(
        _("efterlevnad"), max_length=20, choices=Compliance.choices, default=Compliance.PARTIAL
    )
    assessment_method = models.CharField(
        _("bedömningsmetod"),
        max_length=20,
        choices=AssessmentMethod.choices,
        default=AssessmentMethod.SELF,
    )
    assessment_description = models.TextField(
        _("så har vi granskat"),
        max_length=2000,
        blank=True,
        help_text=_(
            "T.ex. automatiska tester med axe-core och manuell granskning med skärmläsare."
        ),
    )
    assessed_on = models.DateField(_("granskad den"))
    statement_updated_on = models.DateField(_("redogörelsen senast uppdaterad"))
    contact_email = models.EmailField(_("e-post för att rapportera brister"), blank=True)
    contact_phone = models.CharField(
        _("telefon för att rapportera brister"), max_length=40, blank=True
    )
    contact_form_url = models.CharField(
        _("länk till formulär för att rapportera brister"),
        max_length=300,
        blank=True,
        help_text=_("En sökväg på webbplatsen, t.ex. /synpunkter/, eller en fullständig adress."),
    )
    response_time = models.CharField(
        _("svarstid"), max_length=200, blank=True, help_text=_("T.ex. inom två arbetsdagar.")
    )
    supervisory_authority_url = models.URLField(
        _("tillsynsmyndighetens anmälningsformulär"),
        default="https://www.digg.se/tdosanmalan",
        help_text=_("Myndigheten för digital förvaltning (DIGG) är tillsynsmyndighet."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("service")],
            heading=_("Organisation och tjänst"),
        ),
        FieldPanel("compliance_status"),
        InlinePanel(
            "shortcomings",
            label=_("Känd brist"),
            heading=_("Kända brister"),
            help_text=_(
                "Innehåll som inte är tillgängligt, med skälet och när det ska vara åtgärdat."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("assessment_method"),
                FieldPanel("assessment_description"),
                FieldPanel("assessed_on"),
                FieldPanel("statement_updated_on"),
            ],
            heading=_("Granskning"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_form_url"),
                FieldPanel("response_time"),
            ],
            heading=_("Rapportera brister"),
        ),
        FieldPanel("supervisory_authority_url"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("tillgänglighetsredogörelse")
        verbose_name_plural = _("tillgänglighetsredogörelser")


class AccessibilityShortcoming(TranslatableMixin, Orderable):
    """One known accessibility problem, the reason it remains and when it will be fixed."""

    class Reason(models.TextChoices):
        NON_COMPLIANCE = "non_compliance", _("Bristande förenlighet med lagkraven")
        DISPROPORTIONATE = "disproportionate", _("Oskäligt betungande anpassning")
        OUTSIDE_SCOPE = "outside_scope", _("Innehåll som inte omfattas av lagen")

    page = ParentalKey(
        AccessibilityStatementPage, on_delete=models.CASCADE, related_name="shortcomings"
    )
    problem = models.TextField(_("brist"), max_length=1000)
    wcag_criterion = models.CharField(
        _("WCAG-kriterium"),
        max_length=100,
        blank=True,
        help_text=_("T.ex. 1.1.1 Icke-textinnehåll."),
    )
    reason = models.CharField(
        _("skäl"), max_length=20, choices=Reason.choices, default=Reason.NON_COMPLIANCE
    )
    reason_detail = models.TextField(_("förklaring"), max_length=1000, blank=True)
    planned_fix_on = models.DateField(_("planerat åtgärdat"), null=True, blank=True)

    objects = ChildOfPageQuerySet.as_manager()

    panels = [
        FieldPanel("problem"),
        FieldPanel("wcag_criterion"),
        FieldPanel("reason"),
        FieldPanel("reason_detail"),
        FieldPanel("planned_fix_on"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("känd brist")
        verbose_name_plural = _("kända brister")

    def __str__(self):
        return self.problem[:80]
