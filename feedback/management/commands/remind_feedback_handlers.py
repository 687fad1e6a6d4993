from django.core.management.base import BaseCommand

from feedback import services


class Command(BaseCommand):
    help = (
        "Mail handlers about cases due today and cases overdue; each reminder once per case "
        "(run it every morning from the scheduler)."
    )

    def handle(self, *args, **options):
        sent = services.remind_handlers()
        self.stdout.write(f"queued {sent} reminder(s)")
