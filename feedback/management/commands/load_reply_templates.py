from django.core.management.base import BaseCommand

from feedback.reply_templates import STARTING_SET, load_starting_set


class Command(BaseCommand):
    help = (
        "Add the starting reply templates, one per kind of feedback (feedback/reply_templates.py), "
        "that are not there yet. Run it once for a new municipality; edited templates are kept."
    )

    def handle(self, *args, **options):
        created = load_starting_set()
        self.stdout.write(f"created {created} of {len(STARTING_SET)} reply template(s)")
