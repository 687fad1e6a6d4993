"""Admin views: the report of guarantees to renew."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from home.spreadsheets import FormulaSafeExportMixin

from .expiry import WARNING_DAYS, expiry_report_policy, guarantees_to_renew


class ExpiringGuaranteesReportView(FormulaSafeExportMixin, ReportView):
    page_title = _("Garantier som löper ut")
    header_icon = "time"
    index_url_name = "staff_expiring_guarantees"
    index_results_url_name = "staff_expiring_guarantees_results"
    permission_policy = expiry_report_policy
    permission_required = "view"
    export_filename = "garantier-som-loper-ut"
    list_export = ["title", "service_area", "valid_from", "valid_to", "scheduled_label"]
    export_headings = {
        "title": _("Kvalitetsgaranti"),
        "service_area": _("Verksamhetsområde"),
        "valid_from": _("Gäller från"),
        "valid_to": _("Gäller till"),
        "scheduled_label": _("Ny version schemalagd"),
    }
    columns = [
        TitleColumn(
            "title",
            label=_("Kvalitetsgaranti"),
            url_name="wagtailadmin_pages:edit",
        ),
        Column("service_area", label=_("Verksamhetsområde")),
        DateColumn("valid_to", label=_("Gäller till")),
        StatusFlagColumn(
            "next_version_scheduled",
            label=_("Ny version"),
            true_label=_("Schemalagd"),
            false_label=_("Saknas"),
        ),
    ]

    def get_page_subtitle(self):
        return _("inom %(days)s dagar eller redan utgångna") % {"days": WARNING_DAYS}

    def get_queryset(self):
        return guarantees_to_renew().select_related("committee")

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.scheduled_label = _("Ja") if page.next_version_scheduled else _("Nej")
        return object_list
