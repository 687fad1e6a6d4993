"""Publish next year's guarantees whose start date has come (cron, beside publish_scheduled)."""

from django.core.management.base import BaseCommand

from staff.renewal import publish_due


class Command(BaseCommand):
    help = "Publicerar nästa års kvalitetsgarantier vars startdatum har kommit."

    def handle(self, *args, **options):
        count = publish_due()
        self.stdout.write(f"{count} published")
