from django.core.management.base import BaseCommand, CommandError

from kolada.client import Kolada, KoladaError
from kolada.importer import import_catalogue


class Command(BaseCommand):
    help = (
        "Import Kolada's catalogue of key figures (id, title, description, per unit or not) "
        "for the editors' chooser. Idempotent; a failed fetch changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", help="Only these key figures, e.g. U21468 N15419.")

    def handle(self, *args, **options):
        try:
            with Kolada() as kolada:
                stored = import_catalogue(kolada, options["ids"] or None)
        except KoladaError as error:
            raise CommandError(f"Kolada's catalogue could not be read: {error}") from None
        self.stdout.write(f"Stored {stored} key figures.")
