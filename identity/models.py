from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffAccount(models.Model):
    """A staff user's account at the municipality's provider: who signs in as this user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_account"
    )
    issuer = models.URLField(_("inloggningstjänst"), max_length=500)
    subject = models.CharField(_("id hos inloggningstjänsten"), max_length=255)
    last_groups = models.JSONField(_("grupper vid senaste inloggning"), default=list)

    class Meta:
        verbose_name = _("konto hos kommunens inloggning")
        verbose_name_plural = _("konton hos kommunens inloggning")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_user_per_subject")
        ]

    def __str__(self):
        return f"{self.user} ({self.issuer})"
