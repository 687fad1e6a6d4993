from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _setup_roles_after_migrate(sender, **kwargs):
    # Permissions are created per app during post_migrate; only after the last app are they
    # all there, so that is when the roles are granted theirs.
    if sender is not list(apps.get_app_configs())[-1]:
        return
    from .setup import setup_roles

    setup_roles()


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = _("Personal och behörigheter")

    def ready(self):
        from . import sync

        sync.connect()
        post_migrate.connect(_setup_roles_after_migrate, dispatch_uid="staff_setup_roles")
