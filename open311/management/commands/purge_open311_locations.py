"""Remove what an app said about where a case is, once the case's personal data is gone."""

from django.core.management.base import BaseCommand

from open311.models import RequestLocation


class Command(BaseCommand):
    help = (
        "Delete the position, address and picture link an app sent with a case whose personal "
        "data purge_feedback_personal_data has removed (run right after it)."
    )

    def handle(self, *args, **options):
        deleted, _by_model = RequestLocation.objects.filter(
            case__personal_data_removed_at__isnull=False
        ).delete()
        self.stdout.write(f"locations removed from {deleted} cases")
