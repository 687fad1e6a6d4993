"""A translation saved as a draft leaves what residents read alone (issue 26: a translation
goes through the same approval workflow as its source).

wagtail-localize saves a translation by writing its strings onto the translated page's row
and then making a revision of it; "draft" (`publish=False`) only skips publishing that
revision. Wagtail serves a page from its row, so a page that is live (in our trees, every
page not yet translated is a live alias of the Swedish one) showed the new translation to
residents at once: when a translator started a translation, and when she sent it to the
committee. Here the row is put back as it was, with only what belongs to the page as a whole
(no longer an alias, the draft revision and its title) kept; the translation waits in the
revision, which the committee's approval publishes.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from wagtail.models import Page


def _keeping_the_live_page(create_or_update_translation):
    def create_or_update_draft(self, locale, user=None, publish=True, **kwargs):
        live = _live_translated_page(self, locale) if not publish else None
        if live is None:
            return create_or_update_translation(self, locale, user=user, publish=publish, **kwargs)
        seen_by_residents = live.serializable_data()
        with transaction.atomic():
            result = create_or_update_translation(
                self, locale, user=user, publish=publish, **kwargs
            )
            saved = Page.objects.get(pk=live.pk).specific
            restored = saved.with_content_json(seen_by_residents)
            restored.live_revision_id = saved.live_revision_id
            restored.save(clean=False)
        return result

    create_or_update_draft.keeps_the_live_page = True
    return create_or_update_draft


def _live_translated_page(source, locale):
    try:
        translated = source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        return None  # a first translation: wagtail-localize copies the page as a draft
    if isinstance(translated, Page) and translated.live:
        return translated
    return None


def keep_live_pages_on_draft_translations():
    from wagtail_localize.models import TranslationSource

    method = TranslationSource.create_or_update_translation
    if not getattr(method, "keeps_the_live_page", False):
        TranslationSource.create_or_update_translation = _keeping_the_live_page(method)
