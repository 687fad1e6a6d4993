from django.core.management.base import BaseCommand

from staff.setup import setup_roles


class Command(BaseCommand):
    help = (
        "Create the staff role groups, grant the permissions listed in staff/roles.py (skipping "
        "those of apps not installed yet) and assign the committee's approval workflow to the "
        "home page. Idempotent; also runs after every migrate."
    )

    def handle(self, *args, **options):
        setup_roles(self.stdout)
