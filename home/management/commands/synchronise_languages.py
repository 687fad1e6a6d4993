from django.core.management.base import BaseCommand

from home.languages import synchronise_locales


class Command(BaseCommand):
    help = (
        "Give every language of settings.LANGUAGES its Locale and its page tree, synchronised "
        "from Swedish by wagtail-localize (docs/architecture.md, 'Languages'). Idempotent: run "
        "it after `migrate` whenever LANGUAGES changes; `make run` and the demo loader do."
    )

    def handle(self, *args, **options):
        source, others = synchronise_locales()
        codes = ", ".join(locale.language_code for locale in others)
        self.stdout.write(f"Languages synchronised from {source.language_code}: {codes}")
