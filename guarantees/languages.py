"""A commitment as a reader of another language reads it, where other rooms name it.

What residents and staff record refers to the Swedish commitment (docs/architecture.md,
"Languages"): a follow-up's outcome, a feedback case, the feedback form's choice. Shown on a
page in another language, each names the commitment in that language when it is translated,
and otherwise in Swedish marked `lang="sv"`, so that one page never passes Swedish off as the
reader's language (issue 26: no mixing of languages on one page).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape, format_html

from home.languages import is_source_language, locales_by_code


@dataclass(frozen=True)
class Shown:
    """A text with the language it is in when that is not the page's (`lang`, else "").
    Rendered in a template (or as a form choice's label) it is HTML that carries its `lang`;
    `text` is the plain text."""

    text: str
    lang: str = ""

    def __html__(self):
        if self.lang:
            # dir: a Swedish sentence keeps its own direction (and its full stop at its end)
            # on a right-to-left page.
            return format_html('<span lang="{}" dir="ltr">{}</span>', self.lang, self.text)
        return conditional_escape(self.text)

    # Django's templates turn what is not a str into one before escaping it.
    __str__ = __html__


def in_swedish(text):
    """Text only written in Swedish (what staff wrote), as the reader's page shows it."""
    if not text or is_source_language():
        return Shown(text or "")
    return Shown(text, settings.LANGUAGE_CODE)


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
