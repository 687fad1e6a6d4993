"""Who on the staff answers for which units: editors and feedback handlers (seed 004:
feedback is handled as close to the unit as possible)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from guarantees.models import GuaranteePage, ServiceAreaPage


class Role(models.TextChoices):
    EDITOR = "editor", _("Redaktör")
    HANDLER = "handler", _("Handläggare av synpunkter")


class UnitAssignment(models.Model):
    """Ties a staff member to one unit's guarantee or to a whole service area."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="unit_assignments",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("enhet eller verksamhetsområde"),
        on_delete=models.CASCADE,
        related_name="staff_assignments",
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("tilldelning till enhet")
        verbose_name_plural = _("tilldelningar till enheter")
        constraints = [
            models.UniqueConstraint(fields=["user", "page", "role"], name="unique_unit_assignment")
        ]
        permissions = [
            ("view_expiry_report", _("Kan se garantier som löper ut")),
        ]

    def __str__(self):
        return f"{self.user} – {self.page} ({self.get_role_display()})"

    def clean(self):
        # Only a unit's guarantee or a service area has units to answer for.
        if self.page_id and self.page.specific_class not in (GuaranteePage, ServiceAreaPage):
            raise ValidationError(
                {"page": _("Välj en enhets kvalitetsgaranti eller ett verksamhetsområde.")}
            )


class UnitEditorGroup(models.Model):
    """The Wagtail group that carries one unit's (or area's) page permissions for its editors.

    Derived data: `staff.sync` keeps it in step with the editor assignments of the page.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("enhet eller verksamhetsområde"),
        on_delete=models.CASCADE,
        related_name="unit_editor_group",
    )
    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("grupp"),
        on_delete=models.CASCADE,
        related_name="unit_editor_page",
    )

    class Meta:
        verbose_name = _("redaktörsgrupp för enhet")
        verbose_name_plural = _("redaktörsgrupper för enheter")

    def __str__(self):
        return self.group.name


def units_for(user, role):
    """The guarantee pages a user answers for in a role: assigned directly or through an area.

    Superusers answer for every unit.
    """
    units = GuaranteePage.objects.in_source_language()
    if user.is_superuser:
        return units
    pages = [
        a.page for a in UnitAssignment.objects.filter(user=user, role=role).select_related("page")
    ]
    if not pages:
        return units.none()
    query = models.Q(pk__in=[p.pk for p in pages])
    for page in pages:
        if page.specific_class is ServiceAreaPage:
            query |= models.Q(path__startswith=page.path, depth__gt=page.depth)
    return units.filter(query)


def handlers_of(unit):
    """Active users who handle feedback for this unit, assigned to it or to its service area.

    Feedback about no particular unit goes to the superusers.
    """
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if unit is None:
        return User.objects.filter(is_superuser=True, is_active=True)
    pages = unit.get_ancestors(inclusive=True)
    user_ids = UnitAssignment.objects.filter(role=Role.HANDLER, page__in=pages).values("user")
    return User.objects.filter(pk__in=user_ids, is_active=True).order_by("first_name", "username")


class NextVersion(models.Model):
    """Next year's guarantee, approved and waiting for its start date in a lane of its own.

    Wagtail keeps one schedule per page, and while a revision is scheduled the page is locked
    ("Låst av schema") and publishing anything else clears the schedule. A unit must be able to
    correct this year's live guarantee until 31 December, so the approved revision is held
    here instead (`staff.renewal`), the page's draft returns to the live content, and
    `publish_next_versions` publishes the held revision on its day.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("kvalitetsgaranti"),
        on_delete=models.CASCADE,
        related_name="next_version",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    go_live_at = models.DateTimeField(_("publiceras"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("godkänd av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("godkänd"), auto_now_add=True)

    class Meta:
        verbose_name = _("nästa års version")
        verbose_name_plural = _("nästa års versioner")

    def __str__(self):
        return f"{self.page} ({self.go_live_at:%Y-%m-%d})"
