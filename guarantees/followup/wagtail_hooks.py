import django_filters
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from guarantees.models import GuaranteePage, ServiceAreaPage
from home.dates import StaffDateColumn
from home.years import previous_year

from . import admin_views
from .figures import FollowUpMetrics
from .forms import FollowUpAdminForm
from .models import YearlyFollowUp
from .permissions import FollowUpPermissionPolicy
from .results import render_area_report_link, render_report_link, render_results

follow_up_policy = FollowUpPermissionPolicy(YearlyFollowUp)
register_permission_policy(YearlyFollowUp, follow_up_policy)


def follow_up_years():
    return YearlyFollowUp.objects.order_by("-year").values_list("year", flat=True).distinct()


class FollowUpFilterSet(WagtailFilterSet):
    # The years there are follow-ups for; a year typed into the address that is not one of
    # them (99999999999999999999, "abc") is an invalid filter, not a database error.
    year = django_filters.TypedChoiceFilter(
        label=_("År"),
        choices=lambda: [(year, str(year)) for year in follow_up_years()],
        coerce=int,
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Verksamhetsområde"),
        queryset=ServiceAreaPage.objects.in_source_language().order_by("title"),
        method="filter_area",
    )
    ready_for_review = django_filters.BooleanFilter(label=_("Klar för granskning"))
    is_published = django_filters.BooleanFilter(label=_("Publicerad"))

    class Meta:
        model = YearlyFollowUp
        fields = ["year", "area", "ready_for_review", "is_published"]

    def filter_area(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=value.path, unit__depth=value.depth + 1)


class FollowUpViewSet(SnippetViewSet):
    model = YearlyFollowUp
    icon = "tasks"
    menu_label = _("Årsuppföljning")
    list_display = [
        "unit",
        "year",
        BooleanColumn("ready_for_review", label=_("Klar för granskning")),
        BooleanColumn("is_published", label=_("Publicerad")),
        # The row's own time, also for follow-ups that no admin form saved (Wagtail's
        # UpdatedAtColumn reads the log and says how long ago).
        StaffDateColumn(
            "updated_at", label=_("Senast ändrad"), with_time=True, sort_key="updated_at"
        ),
    ]
    list_per_page = 50
    filterset_class = FollowUpFilterSet
    copy_view_enabled = False
    # Read-only for everyone who may see a follow-up but not change it.
    inspect_view_enabled = True
    inspect_view_class = admin_views.FollowUpInspectView
    edit_template_name = "followup/admin/edit.html"
    inspect_template_name = "followup/admin/inspect.html"
    index_view_class = admin_views.FollowUpIndexView
    edit_view_class = admin_views.FollowUpEditView
    delete_view_class = admin_views.FollowUpDeleteView
    history_view_class = admin_views.FollowUpHistoryView
    usage_view_class = admin_views.FollowUpUsageView
    edit_handler = ObjectList(YearlyFollowUp.panels, base_form_class=FollowUpAdminForm)

    @cached_property
    def add_view(self):
        return admin_views.StartFollowUpView.as_view(viewset=self)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "publish/<int:pk>/",
                self.construct_view(admin_views.PublishFollowUpView),
                name="publish",
            ),
            path(
                "unpublish/<int:pk>/",
                self.construct_view(admin_views.UnpublishFollowUpView),
                name="unpublish",
            ),
        ]


class ReportViewSet(ViewSet):
    name = "kvalitetsrapport"
    icon = "table"
    menu_label = _("Kvalitetsrapport")

    def get_urlpatterns(self):
        return [
            path("", admin_views.ReportIndexView.as_view(), name="index"),
            path(
                "<int:committee_id>/<int:year>/",
                admin_views.CommitteeReportView.as_view(),
                name="print",
            ),
            path(
                "<int:committee_id>/<int:year>/csv/",
                admin_views.CommitteeReportView.as_view(),
                {"format": "csv"},
                name="csv",
            ),
        ]

    @cached_property
    def menu_item_class(self):
        def is_shown(_self, request):
            return admin_views.may_see_reports(request.user)

        return type("ReportMenuItem", (MenuItem,), {"is_shown": is_shown})


class FollowUpGroup(SnippetViewSetGroup):
    items = (FollowUpViewSet, ReportViewSet)
    menu_label = _("Uppföljning")
    menu_icon = "tasks"
    menu_order = 400


@hooks.register("register_admin_viewset")
def register_follow_up_admin():
    return FollowUpGroup()


@hooks.register("register_log_actions")
def register_follow_up_log_actions(actions):
    actions.register_action(
        "followup.ready_for_review",
        _("Klar för granskning"),
        _("Uppföljningen lämnades för granskning"),
    )


class QualityReportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_quality_report():
    """The yearly report, also under the admin's "Rapporter" beside Wagtail's own."""
    return QualityReportMenuItem(
        _("Kvalitetsrapport"),
        reverse("kvalitetsrapport:index"),
        name="quality-report",
        icon_name="table",
        order=70,
    )


class FollowUpDashboardPanel(Component):
    """How far this year's follow-up of last year has come: units published out of all."""

    name = "followup_progress"
    template_name = "followup/admin/dashboard_panel.html"
    order = 160

    def get_context_data(self, parent_context=None):
        year = previous_year()
        units = GuaranteePage.objects.in_source_language().live().count()
        follow_ups = YearlyFollowUp.objects.filter(year=year, unit__live=True)
        return {
            "year": year,
            "units": units,
            "published": follow_ups.filter(is_published=True).count(),
            "drafts": follow_ups.filter(is_published=False).count(),
            "list_url": reverse("wagtailsnippets_followup_yearlyfollowup:list"),
        }


@hooks.register("construct_homepage_panels")
def add_follow_up_panel(request, panels):
    if admin_views.may_see_reports(request.user):
        panels.append(FollowUpDashboardPanel())


# What this room adds to the guarantees' pages and figures (see guarantees/sections.py and
# guarantees/metrics.py for the hooks).


hooks.register("guarantee_page_results", render_results)
hooks.register("guarantee_page_related", render_report_link)
hooks.register("area_page_related", render_area_report_link)


@hooks.register("area_comparison_footer")
def link_to_reports(context):
    return render_to_string("followup/report_index_link.html", request=context.get("request"))


@hooks.register("register_unit_metrics", order=10)
def follow_up_metrics():
    return FollowUpMetrics()


@hooks.register("frontend_cache_urls")
def report_urls():
    """Purged with everything (home/frontend_cache.py): the reports' index."""
    return [reverse("followup:report_index")]
