"""A commitment as a reader of another language reads it, where other rooms name it.

What residents and staff record refers to the Swedish commitment (docs/architecture.md,
"Languages"): a follow-up's outcome, a feedback case, the feedback form's choice. Shown on a
page in another language, each names the commitment in that language when it is translated,
and otherwise in Swedish marked `lang="sv"`, so that one page never passes Swedish off as the
reader's language (issue 26: no mixing of languages on one page).
"""

from django.utils import translation

from home.languages import Shown, in_swedish, is_source_language, locales_by_code


def shown(swedish, translated=None):
    """The translated text when there is one that differs from the Swedish, else the Swedish
    (marked as such for a reader of another language)."""
    if translated and translated != swedish and not is_source_language():
        return Shown(translated)
    return in_swedish(swedish)


def translations_of(commitments):
    """{Swedish commitment's pk: its live row in the reader's language} for `commitments`
    (Swedish); empty when reading Swedish. One query."""
    from .models import Commitment

    commitments = [c for c in commitments if c is not None]
    if is_source_language() or not commitments:
        return {}
    locale = locales_by_code().get(translation.get_language())
    if locale is None:
        return {}
    rows = Commitment.objects.filter(
        translation_key__in={c.translation_key for c in commitments},
        locale=locale,
        page__live=True,
    )
    by_key = {row.translation_key: row for row in rows}
    return {c.pk: by_key[c.translation_key] for c in commitments if c.translation_key in by_key}


def commitment_title(commitment, translations):
    """The Swedish `commitment`'s title as the reader reads it."""
    translated = translations.get(commitment.pk)
    return shown(commitment.title, translated.title if translated else None)
