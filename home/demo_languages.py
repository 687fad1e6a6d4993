"""The demo in every language of `settings.LANGUAGES` (docs/architecture.md, "Languages").

`load_demo` calls `load` after every room's `demo.load`, with the translation memory the rooms
declare (`TRANSLATIONS` in their `demo.py`: {Swedish text: {language code: its translation}}).
It does what a translator does through wagtail-localize, with its own records:

- a Locale per language, each synchronised from Swedish (wagtail-localize's
  `LocaleSynchronization`), so every Swedish page stands in every tree, as an alias that shows
  the Swedish text until it is translated;
- for each live Swedish page, its `TranslationSource` (the strings wagtail-localize extracts);
  where the memory holds a translation of every one of its strings into a language, those are
  saved as wagtail-localize's `StringTranslation`s and the translation is published, turning
  the alias into the translated page. A page with strings the memory lacks stays an alias: the
  demo shows the fallback there.

Idempotent: run again, it updates the same records.
"""

from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from .languages import synchronise_locales


def translate_page(page, locale, memory):
    """Translate `page` into `locale` from `memory` and publish it, if the memory holds every
    string of it; True when it did."""
    source, _created = TranslationSource.update_or_create_from_instance(page)
    segments = list(source.stringsegment_set.select_related("string", "context"))
    texts = [memory.get(segment.string.data, {}).get(locale.language_code) for segment in segments]
    if not segments or not all(texts):
        return False
    for segment, text in zip(segments, texts, strict=True):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text},
        )
    translation = Translation.objects.get_or_create(source=source, target_locale=locale)[0]
    translation.save_target(publish=True)
    return True


def load(memory, stdout):
    source_locale, targets = synchronise_locales()
    translated = {locale.language_code: 0 for locale in targets}
    # Parents before children: a translated page's parent is translated (or an alias) first.
    for page in Page.objects.filter(locale=source_locale, depth__gt=1, live=True).order_by("path"):
        page = page.specific
        for locale in targets:
            if translate_page(page, locale, memory):
                translated[locale.language_code] += 1
    summary = ", ".join(f"{code}: {count}" for code, count in translated.items())
    stdout.write(f"  translated pages per language ({summary}); the rest show the Swedish")
