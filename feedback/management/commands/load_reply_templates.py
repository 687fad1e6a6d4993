from django.core.management.base import BaseCommand

from feedback.reply_templates import load_starting_set


class Command(BaseCommand):
    help = (
        "Add the starting reply templates, one per kind of feedback (feedback/reply_templates.py) "
        "and language the catalogues translate them into, that are not there yet. Run it once "
        "for a new municipality, and again when a language is added; edited templates are kept."
    )

    def handle(self, *args, **options):
        created, offered = load_starting_set()
        self.stdout.write(f"created {created} of {offered} reply template(s)")
