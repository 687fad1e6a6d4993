from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_ADMIN = ("admin", "admin")


class Command(BaseCommand):
    help = (
        "Load the demo municipality: every app's demo.load(), then a demo admin. "
        "Idempotent: running it again duplicates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-admin", action="store_true", help="Do not create the demo admin account."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run outside the demo site's settings (never in production).",
        )

    def handle(self, *args, **options):
        demo = settings.DEBUG or getattr(settings, "DEMO_SITE", False)
        if not demo and not options["force"]:
            raise CommandError(
                "load_demo is for the demo site (config.settings.dev); pass --force to run "
                "under other settings."
            )
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                self.stdout.write(f"Loading demo data: {app_config.label}")
                import_module(module_name).load(self.stdout)
            if not options["no_admin"]:
                self._create_admin()

    def _create_admin(self):
        username, password = DEMO_ADMIN
        user_model = get_user_model()
        if not user_model.objects.filter(username=username).exists():
            user_model.objects.create_superuser(
                username,
                email="admin@angsby.example",
                password=password,
                first_name="Demo",
                last_name="Administratör",
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"\nDemo admin: {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/  "
                f"user: {username}  "
                f"password: {password}\n"
            )
        )
