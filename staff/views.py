"""Admin views: the report of guarantees to renew."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from .expiry import WARNING_DAYS, expiry_report_policy, guarantees_to_renew, with_renewal_status


class ExpiryColumn(Column):
    """Expired as the red overdue tag of every staff screen, expiring soon as a plain tag."""

    cell_template_name = "staff/expiry_cell.html"


class ExpiringGuaranteesReportView(ReportView):
    page_title = _("Garantier som löper ut")
    header_icon = "time"
    index_url_name = "staff_expiring_guarantees"
    index_results_url_name = "staff_expiring_guarantees_results"
    permission_policy = expiry_report_policy
    permission_required = "view"
    export_filename = "garantier-som-loper-ut"
    list_export = [
        "title",
        "service_area",
        "valid_from",
        "valid_to",
        "expiry_label",
        "renewal_label",
    ]
    export_headings = {
        "title": _("Kvalitetsgaranti"),
        "service_area": _("Verksamhetsområde"),
        "valid_from": _("Gäller från"),
        "valid_to": _("Gäller till"),
        "expiry_label": _("Giltighet"),
        "renewal_label": _("Nästa års version"),
    }
    columns = [
        TitleColumn(
            "title",
            label=_("Kvalitetsgaranti"),
            url_name="wagtailadmin_pages:edit",
        ),
        Column("service_area", label=_("Verksamhetsområde")),
        Column("valid_to_label", label=_("Gäller till")),
        ExpiryColumn("expiry_label", label=_("Giltighet")),
        Column("renewal_label", label=_("Nästa års version")),
    ]

    def get_page_subtitle(self):
        return _("inom %(days)s dagar eller redan utgångna") % {"days": WARNING_DAYS}

    def get_queryset(self):
        return guarantees_to_renew().select_related("committee")

    def decorate_paginated_queryset(self, object_list):
        return with_renewal_status(object_list)
