from django.core.management.base import BaseCommand

from proposals import services


class Command(BaseCommand):
    help = "Close the proposals whose voting period has ended (run it from the scheduler)."

    def handle(self, *args, **options):
        closed = services.close_expired()
        for proposal in closed:
            self.stdout.write(f"{proposal.pk}: {proposal.status}")
        self.stdout.write(f"closed {len(closed)} proposal(s)")
