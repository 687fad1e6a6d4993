"""The yearly cycle: which guarantees must be renewed soon (seed 002: decided every year)."""

import datetime

from django.db.models import F
from django.utils import timezone
from wagtail.permission_policies import ModelPermissionPolicy

from guarantees.models import GuaranteePage

from .models import Role, UnitAssignment, units_for

WARNING_DAYS = 60


def guarantees_to_renew(today=None):
    """Live guarantees that expire within WARNING_DAYS days or have expired, soonest first.

    Each is annotated with `next_version_scheduled`: whether next year's version is already
    approved and scheduled to go live.
    """
    today = today or timezone.localdate()
    return (
        GuaranteePage.objects.live()
        .filter(valid_to__lte=today + datetime.timedelta(days=WARNING_DAYS))
        .annotate_approved_schedule()
        .annotate(next_version_scheduled=F("_approved_schedule"))
        .order_by("valid_to", "title")
    )


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
