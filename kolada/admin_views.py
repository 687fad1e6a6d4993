"""Staff screens of the Kolada room: the key-figure chooser editors tie commitments with, and
the record of the nightly imports."""

from collections import Counter
from urllib.parse import urlsplit

from django import forms
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from guarantees.models import Commitment, GuaranteePage, ServiceAreaPage
from home.dates import staff_date

from .kinds import KINDS, kind_of_kpi, kind_of_unit
from .models import ImportRun

ALL_KINDS = "alla"


class KpiFilterForm(SearchFilterMixin, BaseFilterForm):
    kind = forms.ChoiceField(
        label=_("Verksamhet"),
        choices=[(ALL_KINDS, _("Alla verksamheter")), *KINDS.items()],
        required=False,
    )

    def filter(self, objects):
        kind = self.cleaned_data.get("kind")
        if kind and kind != ALL_KINDS:
            objects = objects.filter(kind=kind)
        return super().filter(objects)


def _most_common(kinds):
    kinds = [kind for kind in kinds if kind]
    return Counter(kinds).most_common(1)[0][0] if kinds else ""


def kind_of_area(area):
    """The service code of an area: its units' Kolada ids say it, else the key figures its
    commitments already use (libraries have no unit ids)."""
    units = GuaranteePage.objects.child_of(area)
    kind = _most_common(kind_of_unit(ou) for ou in units.values_list("kolada_ou", flat=True))
    if kind:
        return kind
    tied = Commitment.objects.filter(page__path__startswith=area.path).exclude(kolada_kpi="")
    return _most_common(kind_of_kpi(kpi) for kpi in tied.values_list("kolada_kpi", flat=True))


def kind_of_page(page):
    page = page.specific
    if isinstance(page, GuaranteePage):
        parent = page.get_parent()
        return kind_of_unit(page.kolada_ou) or (kind_of_area(parent) if parent else "")
    if isinstance(page, ServiceAreaPage):
        return kind_of_area(page)
    return ""


def kind_being_edited(request):
    """The kind of the unit (or area) whose editor opened the chooser, read from the address
    of the edit form the chooser was opened from; "" when it cannot be told."""
    referer = urlsplit(request.headers.get("Referer", ""))
    if not referer.path or (referer.netloc and referer.netloc != request.get_host()):
        return ""
    try:
        match = resolve(referer.path)
    except Resolver404:
        return ""
    # Told by the address, not the view's name: another room may answer Wagtail's edit path
    # with a view of its own (staff/urls.py does, for the committee's decisions).
    adding = match.view_name == "wagtailadmin_pages:add"
    page_id = match.kwargs.get("parent_page_id" if adding else "page_id")
    if (
        not adding
        and page_id
        and referer.path != reverse("wagtailadmin_pages:edit", args=[page_id])
    ):
        page_id = None
    page = Page.objects.filter(pk=page_id).first() if page_id else None
    if page is None:
        return ""
    if adding:
        # A new unit under an area is of the area's kind.
        return kind_of_page(page) if not isinstance(page.specific, GuaranteePage) else ""
    return kind_of_page(page)


def _level(kpi):
    return _("varje enhet") if kpi.has_ou_data else _("kommunen")


class KpiChooserMixin:
    def get_filter_form(self):
        data = self.request.GET.copy()
        if "kind" not in data:
            data["kind"] = kind_being_edited(self.request) or ALL_KINDS
        return self.get_filter_form_class()(data)

    @property
    def columns(self):
        return [
            *super().columns,
            Column("kind", label=_("Verksamhet"), accessor="get_kind_display"),
            Column("level", label=_("Finns för"), accessor=_level),
        ]


class KpiChooseView(KpiChooserMixin, ChooseView):
    filter_form_class = KpiFilterForm


class KpiChooseResultsView(KpiChooserMixin, ChooseResultsView):
    filter_form_class = KpiFilterForm


class KpiChooserViewSet(ChooserViewSet):
    """Editors pick a commitment's key figure from the imported catalogue: those Kolada offers
    for the unit's kind first, searched by id or words of the title."""

    model = "kolada.Kpi"
    icon = "table"
    choose_one_text = _("Välj nyckeltal")
    choose_another_text = _("Välj ett annat nyckeltal")
    edit_item_text = _("Ändra")
    page_title = _("Välj ett nationellt nyckeltal")
    per_page = 50
    choose_view_class = KpiChooseView
    choose_results_view_class = KpiChooseResultsView

    def get_urlpatterns(self):
        # The catalogue is imported from Kolada, never written here: no create view.
        return [url for url in super().get_urlpatterns() if url.name != "create"]


kpi_chooser_viewset = KpiChooserViewSet("kolada_kpi_chooser", url_prefix="kolada/nyckeltal")


def _failed(run):
    return ", ".join(kpi or _("hela körningen") for kpi in run.failed_kpis) or "–"


class ImportRunViewSet(ModelViewSet):
    """The record of `import_kolada`: when each run was, what it stored and what failed."""

    model = ImportRun
    icon = "table"
    menu_label = _("Hämtningar från Kolada")
    add_to_settings_menu = True
    url_prefix = "kolada/hamtningar"
    inspect_view_enabled = True
    list_filter = ["state"]
    list_display = [
        TitleColumn(
            "started_at",
            label=_("Startad"),
            accessor=lambda run: staff_date(run.started_at, with_time=True),
            get_url=lambda run: reverse("kolada_runs:inspect", args=[run.pk]),
        ),
        Column("state", label=_("Läge"), accessor="get_state_display"),
        Column("new", label=_("Nya")),
        Column("changed", label=_("Ändrade")),
        Column("unchanged", label=_("Oförändrade")),
        Column("missing", label=_("Saknas")),
        Column("failed", label=_("Misslyckades"), accessor=_failed),
    ]
    inspect_view_fields = [
        "started",
        "finished",
        "state",
        "api_url",
        "kpis",
        "new",
        "changed",
        "unchanged",
        "missing",
        "what_failed",
    ]

    form_fields = ["state"]  # Wagtail builds a form class; no view of ours uses it
    no_writing = {
        "add_url_name": None,
        "edit_url_name": None,
        "copy_url_name": None,
        "delete_url_name": None,
        "history_url_name": None,
        "usage_url_name": None,
    }

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(**{**kwargs, **self.no_writing})

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(**{**kwargs, **self.no_writing})

    def get_urlpatterns(self):
        # Runs are written by the import alone: the listing and a run's details, nothing else.
        kept = {"index", "index_results", "inspect"}
        return [url for url in super().get_urlpatterns() if url.name in kept]


import_run_viewset = ImportRunViewSet("kolada_runs")
