from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guarantees import address_list


class Command(BaseCommand):
    help = (
        "Replace the municipality's address list, which residents' typed addresses are matched "
        "against, with a CSV file (columns street, number, postcode, locality, lat, long; "
        "docs/address-list.md). A file with any bad line is refused whole and the list stays "
        "as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file, UTF-8.")

    def handle(self, *args, path, **options):
        try:
            with Path(path).open(encoding="utf-8") as stream:
                result = address_list.read(stream)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8: save it as UTF-8 and try again.") from None
        if result.errors:
            shown = result.errors[: address_list.MAX_ERRORS_SHOWN]
            more = len(result.errors) - len(shown)
            lines = "\n".join(shown) + (f"\n... and {more} more" if more else "")
            raise CommandError(
                f"Nothing imported: {len(result.errors)} bad line(s) in {path}\n{lines}"
            )
        count = address_list.replace(result.entries)
        self.stdout.write(f"Imported {count} addresses from {path}.")
