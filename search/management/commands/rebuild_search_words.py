"""Rebuild the typo fallback's table of distinct words from the search index.

Publishing a page adds its words as it goes; run this after `update_index`, or nightly, to
drop words that no longer occur anywhere.
"""

from django.core.management.base import BaseCommand

from search.models import SearchWord


class Command(BaseCommand):
    help = "Rebuild the table of distinct indexed words behind ”Menade du …?”."

    def handle(self, *args, **options):
        SearchWord.rebuild()
        self.stdout.write(f"{SearchWord.objects.count()} words")
