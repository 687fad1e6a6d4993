"""The finder's "none in this district" sentence in another language names the kind of unit
in that language, or none at all: never a Swedish word inside an English sentence."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from home.languages import synchronise_locales
from tests.factories import in_every_language

pytestmark = pytest.mark.django_db


def test_an_untranslated_area_names_no_swedish_kind_of_unit_in_english(service_area):
    service_area.unit_noun = "en förskola"
    service_area.save_revision().publish()
    synchronise_locales()
    english = service_area.get_translation(Locale.objects.get(language_code="en")).specific
    with translation.override("en"):
        sentence = english.none_in("Sjövik")
    assert "förskola" not in sentence
    assert sentence == "There is no such unit in Sjövik."


def test_a_translated_area_names_its_units_in_the_translators_word(service_area):
    service_area.unit_noun = "en förskola"
    service_area.save_revision().publish()
    in_every_language(service_area)
    for code in ("en", "fi", "ar"):
        translated = service_area.get_translation(Locale.objects.get(language_code=code))
        with translation.override(code):
            sentence = translated.specific.none_in("Sjövik")
        assert f"en förskola [{code}]" in sentence, sentence


def test_easy_swedish_keeps_the_swedish_sentence(service_area):
    service_area.unit_noun = "en förskola"
    service_area.save_revision().publish()
    synchronise_locales()
    easy = service_area.get_translation(Locale.objects.get(language_code="sv-x-easy"))
    with translation.override("sv-x-easy"):
        assert easy.specific.none_in("Sjövik") == "Det finns ingen förskola i Sjövik."
