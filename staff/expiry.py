"""The yearly cycle: which guarantees must be renewed soon (seed 002: decided every year)."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.models import Page, WorkflowState
from wagtail.permission_policies import ModelPermissionPolicy

from guarantees.models import GuaranteePage

from .models import NextVersion, Role, UnitAssignment, units_for
from .renewal import DATE, renewal_status

WARNING_DAYS = 60


def guarantees_to_renew(today=None):
    """Live guarantees that expire within WARNING_DAYS days or have expired, soonest first.

    Each is annotated with `next_version_scheduled` (next year's version is approved and waits
    for its start date, `staff.renewal`) and `next_version_in_review` (a version is in the
    committee's workflow).
    """
    today = today or timezone.localdate()
    in_review = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), output_field=WorkflowState._meta.get_field("object_id")),
    )
    return (
        GuaranteePage.objects.in_source_language()
        .live()
        .filter(valid_to__lte=today + datetime.timedelta(days=WARNING_DAYS))
        .annotate(
            next_version_scheduled=Exists(NextVersion.objects.filter(page=OuterRef("pk"))),
            next_version_in_review=Exists(in_review),
        )
        .order_by("valid_to", "title")
    )


def with_renewal_status(pages):
    """Set `renewal_state` and `renewal_label` (next year's version), `valid_to_label` (the end
    date as a date), `has_expired` and `expiry_label` ("Har gått ut" or "Löper ut snart", shown
    as a tag, the expired one in the admin's warning colour) on each page."""
    pages = list(pages)
    today = timezone.localdate()
    held = {
        version.page_id: version
        for version in NextVersion.objects.filter(page__in=[page.pk for page in pages])
    }
    for page in pages:
        page.renewal_state, page.renewal_label = renewal_status(
            page, held.get(page.pk), page.next_version_in_review
        )
        page.valid_to_label = date_format(page.valid_to, DATE)
        page.has_expired = page.valid_to < today
        page.expiry_label = (
            gettext("Har gått ut") if page.has_expired else gettext("Löper ut snart")
        )
    return pages


class ExpiryReportPermissionPolicy(ModelPermissionPolicy):
    """The report's one action, "view", is the staff.view_expiry_report permission."""

    def _get_permission_codename(self, action):
        return f"{action}_expiry_report"


expiry_report_policy = ExpiryReportPermissionPolicy(UnitAssignment)


def guarantees_to_renew_for(user, today=None):
    """What the dashboard shows a user: an editor their own units, others with the report
    permission every unit, anyone else nothing."""
    guarantees = guarantees_to_renew(today)
    if user.is_superuser:
        return guarantees
    if UnitAssignment.objects.filter(user=user, role=Role.EDITOR).exists():
        return guarantees.filter(pk__in=units_for(user, Role.EDITOR).values("pk"))
    if expiry_report_policy.user_has_permission(user, "view"):
        return guarantees
    return guarantees.none()
