"""The home page, plain content pages and the municipality's site-wide settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The municipality's start page and the root of its page tree.

    City-wide commitments (seed 001: "generella deklarationer för staden som helhet") are
    edited here once, as commitments of this page, and shown on every guarantee.
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
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        from guarantees.models import ServiceAreaPage

        context = super().get_context(request, *args, **kwargs)
        context["service_areas"] = ServiceAreaPage.objects.child_of(self).live().public()
        return context

    class Meta:
        verbose_name = _("startsida")
        verbose_name_plural = _("startsidor")


class ContentPage(Page):
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
        FieldPanel("logo"),
    ]

    class Meta:
        verbose_name = _("kommunens uppgifter")
