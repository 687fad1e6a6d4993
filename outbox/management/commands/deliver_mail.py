from django.core.management.base import BaseCommand

from outbox.mail import deliver_due


class Command(BaseCommand):
    help = "Deliver queued mail that is due, retrying earlier failures (run every minute)."

    def handle(self, *args, **options):
        sent, failed = deliver_due()
        self.stdout.write(f"sent {sent}, failed {failed}")
