from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


def _setup_roles_after_migrate(sender, **kwargs):
    # Permissions are created per app during post_migrate; only after the last app are they
    # all there, so that is when the roles are granted theirs.
    if sender is not list(apps.get_app_configs())[-1]:
        return
    from .setup import setup_roles

    setup_roles()


class StaffConfig(AppConfig):
    # This module holds a second AppConfig (StaffUsersConfig), so Django needs to be told
    # which one "staff" in INSTALLED_APPS means.
    default = True
    name = "staff"
    verbose_name = _("Personal och behörigheter")

    def ready(self):
        from wagtail.signals import workflow_approved

        from . import decisions, sync
        from .renewal import hold_after_approval

        sync.connect()
        workflow_approved.connect(hold_after_approval, dispatch_uid="staff_hold_next_version")
        # After the hold, so that the editor's letter can say when a held version goes live.
        decisions.connect()
        post_migrate.connect(_setup_roles_after_migrate, dispatch_uid="staff_setup_roles")


class StaffUsersConfig(WagtailUsersAppConfig):
    """wagtail.users, with a user form that offers the role groups only (staff/users.py)."""

    user_viewset = "staff.users.StaffUserViewSet"
