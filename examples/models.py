"""Good examples (seeds 001, 002): a unit tells how it improved after a broken promise or a
poor result, in a fixed shape, so that other units can copy it.

The examples stand under one listing page (under the home page) rather than under their units,
so residents and staff find them in one place filtered by area and quality criterion. Page
permissions in Wagtail follow the tree, so who may write an example is decided by its unit
instead: a unit editor may edit an example only if they may edit the example's unit
(`GoodExamplePage.permissions_for_user`), and may only pick such units in the form.
Approval is the committee's workflow, inherited from the home page like the guarantees'.
"""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from guarantees.followup.models import CommitmentOutcome, commitments_shown_on
from guarantees.models import Commitment, GuaranteePage, QualityCriterion, ServiceAreaPage
from home.languages import ChildOfPageQuerySet
from home.permissions import SitePage, SitePagePermissionTester


class ExampleFilterForm(forms.Form):
    """The listing's GET filters; works without JavaScript (a submit button)."""

    omrade = forms.TypedChoiceField(
        label=_("Verksamhetsområde"), required=False, coerce=int, empty_value=None
    )
    kriterium = forms.ChoiceField(label=_("Kvalitetskriterium"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        areas = ServiceAreaPage.objects.in_source_language().live().public().order_by("title")
        self.fields["omrade"].choices = [("", _("Alla områden"))] + [
            (area.pk, area.title) for area in areas
        ]
        self.fields["kriterium"].choices = [("", _("Alla kriterier")), *QualityCriterion.choices]

    def filter(self, examples):
        if not self.is_bound or not self.is_valid():
            return examples
        if self.cleaned_data["omrade"]:
            examples = examples.filter(service_area_id=self.cleaned_data["omrade"])
        if self.cleaned_data["kriterium"]:
            examples = examples.filter(quality_criterion=self.cleaned_data["kriterium"])
        return examples


class GoodExampleIndexPage(SitePage):
    intro = models.TextField(_("ingress"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["examples.GoodExamplePage"]
    max_count = 1

    class Meta:
        verbose_name = _("lista över goda exempel")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ExampleFilterForm(request.GET or None)
        examples = form.filter(
            GoodExamplePage.objects.child_of(self)
            .live()
            .public()
            .select_related("unit", "service_area")
            .order_by("-first_published_at")
        )
        context["form"] = form
        context["page_obj"] = Paginator(examples, 20).get_page(request.GET.get("sida"))
        query = request.GET.copy()
        query.pop("sida", None)
        context["querystring"] = query.urlencode()
        return context


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class CommitmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.page.title}: {obj.title}"


class OutcomeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return (
            f"{obj.follow_up.unit.title} {obj.follow_up.year}: {obj.commitment_title} "
            f"({obj.get_outcome_display()})"
        )


def units_user_may_edit(user):
    """The guarantees whose page the user may change (through their unit's editor group)."""
    if user.is_superuser:
        return GuaranteePage.objects.in_source_language()
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return GuaranteePage.objects.filter(pk__in=pages.values("pk"))


class GoodExampleForm(WagtailAdminPageForm):
    """Units, commitments and outcomes limited to the units the editor writes for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_user_may_edit(self.for_user)
        if self.instance.unit_id:  # an approver opening it in the workflow keeps its unit
            units = units | GuaranteePage.objects.filter(pk=self.instance.unit_id)
        self.fields["unit"] = UnitChoiceField(
            label=_("Enhet"),
            queryset=units.order_by("title"),
            help_text=self.fields["unit"].help_text,
        )
        self.fields["commitment"] = CommitmentChoiceField(
            label=_("Åtagandet det gäller"),
            queryset=Commitment.objects.select_related("page").order_by(
                "page__title", "sort_order"
            ),
            required=False,
            help_text=_("Välj åtagandet eller uppföljningens utfall som exemplet handlar om."),
        )
        self.fields["outcome"] = OutcomeChoiceField(
            label=_("Uppföljningens utfall det gäller"),
            queryset=CommitmentOutcome.objects.filter(
                follow_up__unit__in=units, follow_up__is_published=True
            ).select_related("follow_up__unit"),
            required=False,
        )

    def clean(self):
        data = super().clean()
        unit, commitment, outcome = data.get("unit"), data.get("commitment"), data.get("outcome")
        if unit is None:
            return data
        if commitment is None and outcome is None:
            self.add_error(
                "outcome", _("Ange vilket åtagande eller vilket uppföljt utfall exemplet gäller.")
            )
        if (
            commitment is not None
            and not commitments_shown_on(unit).filter(pk=commitment.pk).exists()
        ):
            self.add_error("commitment", _("Åtagandet finns inte på enhetens garanti."))
        if outcome is not None and outcome.follow_up.unit_id != unit.pk:
            self.add_error("outcome", _("Utfallet hör till en annan enhets uppföljning."))
        return data


class GoodExamplePermissionTester(SitePagePermissionTester):
    """Tree permissions, and also the right to edit the example's unit."""

    def _writes_for_unit(self):
        if self.user.is_superuser:
            return True
        task = self.page.current_workflow_task
        if task and task.user_can_access_editor(self.page, self.user):
            return True
        unit = GuaranteePage.objects.filter(pk=self.page.unit_id).first()
        return unit is not None and unit.permissions_for_user(self.user).can_edit()

    def can_edit(self):
        return super().can_edit() and self._writes_for_unit()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and self._writes_for_unit()

    def can_copy(self):
        return False


class GoodExamplePage(SitePage):
    unit = models.ForeignKey(
        GuaranteePage,
        verbose_name=_("enhet"),
        on_delete=models.PROTECT,
        related_name="good_examples",
    )
    # Derived from the unit on save, so that the listing filters without walking the tree.
    service_area = models.ForeignKey(
        ServiceAreaPage,
        verbose_name=_("verksamhetsområde"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    quality_criterion = models.CharField(
        _("kvalitetskriterium"), max_length=20, choices=QualityCriterion.choices
    )
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("åtagande"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="good_examples",
    )
    outcome = models.ForeignKey(
        CommitmentOutcome,
        verbose_name=_("uppföljt utfall"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="good_examples",
    )
    problem = models.TextField(
        _("det här fungerade inte"),
        max_length=3000,
        help_text=_("Vad gick fel eller blev sämre än vi lovat? Skriv inte namn på personer."),
    )
    change = models.TextField(_("det här ändrade vi"), max_length=3000)
    result = models.TextField(
        _("det här blev resultatet"),
        max_length=3000,
        help_text=_("Beskriv resultatet och ange siffrorna nedan: före och efter."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("unit"),
                FieldPanel("quality_criterion"),
                FieldRowPanel([FieldPanel("commitment"), FieldPanel("outcome")]),
            ],
            heading=_("Enhet och det exemplet gäller"),
        ),
        FieldPanel("problem"),
        FieldPanel("change"),
        FieldPanel("result"),
        InlinePanel("figures", heading=_("Siffror"), label=_("Siffra"), min_num=1),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("problem"),
        index.SearchField("change"),
        index.SearchField("result"),
        index.FilterField("quality_criterion"),
        index.FilterField("service_area"),
    ]

    base_form_class = GoodExampleForm
    # What the example is about is recorded against the Swedish unit, commitment and outcome:
    # every translation points at the same ones (docs/architecture.md, "Languages").
    override_translatable_fields = [
        *SitePage.override_translatable_fields,
        SynchronizedField("commitment"),
    ]

    parent_page_types = ["examples.GoodExampleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("gott exempel")
        verbose_name_plural = _("goda exempel")

    def save(self, *args, **kwargs):
        if self.unit_id:
            parent = GuaranteePage.objects.get(pk=self.unit_id).get_parent()
            self.service_area_id = parent.pk if parent else None
        super().save(*args, **kwargs)

    def permissions_for_user(self, user):
        return GoodExamplePermissionTester(user, self)

    def get_absolute_url(self):
        return self.url

    @property
    def search_summary(self):
        return Truncator(" ".join(f"{self.problem} {self.change}".split())).chars(240)

    @property
    def concerns_url(self):
        """Where the commitment or the follow-up outcome it concerns is shown."""
        if self.outcome_id:
            follow_up = self.outcome.follow_up
            return f"{follow_up.unit.url}?uppfoljning={follow_up.year}#utfall-{self.outcome_id}"
        if self.commitment_id:
            return f"{self.unit.url}#{self.commitment.anchor}"
        return self.unit.url


class ExampleFigure(TranslatableMixin, Orderable):
    """One measured figure before and after the change, e.g. "Svar inom två dagar"."""

    page = ParentalKey(GoodExamplePage, on_delete=models.CASCADE, related_name="figures")
    label = models.CharField(_("vad som mättes"), max_length=150)
    before = models.CharField(_("före"), max_length=60)
    after = models.CharField(_("efter"), max_length=60)

    objects = ChildOfPageQuerySet.as_manager()

    panels = [FieldPanel("label"), FieldRowPanel([FieldPanel("before"), FieldPanel("after")])]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("siffra")
        verbose_name_plural = _("siffror")
