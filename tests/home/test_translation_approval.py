"""A translation reaches residents only when the committee approves it (issue 26, item 5).

A page not yet translated stands in each language's tree as a live alias of the Swedish page.
wagtail-localize's "Translate this page" turns that alias into a translation and saves it,
and so does sending the translation for approval: until the approver has approved, residents
reading in that language go on seeing what they saw, the Swedish text marked as such.
"""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import translate_object

from home.languages import UNTRANSLATED, synchronise_locales, translation_state
from staff import roles
from staff.setup import setup_roles
from tests.staff.conftest import PASSWORD, make_staff

pytestmark = pytest.mark.django_db


def _translator_types_every_string(page, locale):
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale
    )
    for segment in translation.source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": f"{segment.string.data} (in English)"},
        )


def _english_reader(client, page):
    english_page = page.get_translation(Locale.objects.get(language_code="en"))
    response = client.get(english_page.url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def translated_by_translator(client, guarantee):
    synchronise_locales()
    setup_roles()
    english = Locale.objects.get(language_code="en")
    translator = make_staff("olga", roles.TRANSLATOR)
    translate_object(guarantee, [english], user=translator)
    _translator_types_every_string(guarantee, english)
    client.login(username="olga", password=PASSWORD)
    translated = guarantee.get_translation(english)
    response = client.post(reverse("staff_translation_for_approval", args=[translated.pk]))
    assert response.status_code == 302
    client.logout()
    return Page.objects.get(pk=translated.pk).specific


def test_a_translation_sent_for_approval_is_not_shown_to_residents(
    client, guarantee, translated_by_translator
):
    translated = translated_by_translator
    assert WorkflowState.objects.get(object_id=str(translated.pk)).status == "in_progress"
    assert translated.get_latest_revision_as_object().title == "Förskolan Solrosen (in English)"

    html = _english_reader(client, guarantee)
    assert "(in English)" not in html
    assert "Förskolan Solrosen" in html
    # What residents read is still the Swedish page, and says so.
    assert translation_state(translated) == UNTRANSLATED


def test_the_approvers_approval_publishes_the_translation(
    client, guarantee, translated_by_translator
):
    translated = translated_by_translator
    approver = make_staff("nils", roles.APPROVER)
    state = WorkflowState.objects.get(object_id=str(translated.pk))
    state.current_task_state.task.specific.on_action(state.current_task_state, approver, "approve")

    html = _english_reader(client, guarantee)
    assert "Förskolan Solrosen (in English)" in html
    translated.refresh_from_db()
    assert not translated.has_unpublished_changes
