"""The distinct words of the search index, for the typo fallback ("Menade du …?").

As PostgreSQL's pg_trgm documentation suggests for spelling suggestions: a table of the
words in the indexed text with a trigram index, searched with similarity(), and the corrected
words then searched as usual. Matching a misspelling against a few thousand short words is
fast; matching it against every indexed document's whole text (what a Fuzzy query over the
index does) is not.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, models, transaction

# Shorter words would match too much; longer ones are not words.
MIN_LENGTH, MAX_LENGTH = 3, 40
# pg_trgm's default threshold for the % operator.
SIMILARITY = 0.3

_WORDS_OF = """
    SELECT word FROM ts_stat($$
        SELECT to_tsvector('simple', coalesce(title_text, '') || ' ' || coalesce(body_text, ''))
        FROM {table} {where}
    $$) WHERE length(word) BETWEEN {min} AND {max} AND word !~ '^[0-9]+$'
"""


class SearchWord(models.Model):
    word = models.CharField(max_length=MAX_LENGTH, primary_key=True)

    class Meta:
        indexes = [GinIndex(name="search_word_trgm", fields=["word"], opclasses=["gin_trgm_ops"])]

    def __str__(self):
        return self.word

    @staticmethod
    def _select(where=""):
        from wagtail.search.models import IndexEntry

        table = connection.ops.quote_name(IndexEntry._meta.db_table)
        return _WORDS_OF.format(table=table, where=where, min=MIN_LENGTH, max=MAX_LENGTH)

    @classmethod
    def rebuild(cls):
        """All words of the index, nothing else (after `update_index`, or periodically)."""
        with transaction.atomic():
            cls.objects.all().delete()
            cls._insert(cls._select())

    @classmethod
    def add_words_of(cls, obj):
        """Add the words of one object's index entry (a page just published)."""
        cls._insert(cls._select(f"WHERE object_id = '{int(obj.pk)}'"))  # any type: no harm

    @classmethod
    def _insert(cls, select):
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            # Only quoted table names and integers are interpolated, never a resident's text.
            cursor.execute(f"INSERT INTO {table} (word) {select} ON CONFLICT DO NOTHING")  # noqa: S608

    @classmethod
    def closest(cls, term):
        """The indexed word most like `term` (lower case), or None when none is close."""
        if not cls.objects.exists():
            cls.rebuild()
        return (
            cls.objects.filter(word__trigram_similar=term)  # `%`: served by the GIN index
            .annotate(similarity=TrigramSimilarity("word", term))
            .filter(similarity__gte=SIMILARITY)
            .order_by("-similarity", "word")
            .values_list("word", flat=True)
            .first()
        )


# `word__trigram_similar` (pg_trgm's `%`, which the GIN index serves) without installing all
# of django.contrib.postgres.
SearchWord._meta.get_field("word").register_lookup(TrigramSimilar)
