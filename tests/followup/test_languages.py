"""The yearly follow-up on a translated guarantee speaks the page's language (issue 26: the
follow-up and comparison render in every locale without mixing languages on one page).

A commitment's translation is shown where there is one; what is still Swedish (a commitment
not translated, what quality staff wrote) is marked lang="sv", so a screen reader reads it
with a Swedish voice and the page never passes Swedish off as English.
"""

import re

import pytest
from wagtail.models import Locale

from home import fragments
from tests.factories import in_every_language

from .conftest import make_follow_up

pytestmark = pytest.mark.django_db


def _section(html, start, end):
    return html[html.index(start) : html.index(end, html.index(start))]


def _text_with_lang(html, text):
    """The lang of the nearest element around `text` that names one, or None."""
    before = html[: html.index(text)]
    opened = re.findall(r'<[a-z0-9]+[^>]*\blang="([^"]+)"[^>]*>', before)
    closed_since = before.rfind("</")
    last_lang = before.rfind(' lang="')
    return opened[-1] if opened and last_lang > closed_since else None


@pytest.fixture
def english_guarantee(unit):
    make_follow_up(unit, measured_value="87 procent")
    in_every_language(unit, unit.get_parent().specific, unit.get_parent().get_parent().specific)
    fragments.forget_all()
    return unit.get_translation(Locale.objects.get(language_code="en"))


def test_so_it_went_names_the_commitments_in_the_pages_language(client, unit, english_guarantee):
    html = client.get(english_guarantee.url).content.decode()
    section = _section(html, 'id="sa-gick-det"', "</section>")
    own = unit.commitments.first()
    assert f"{own.title} [en]" in section
    assert f"{own.expected_result} [en]" in section
    assert f">{own.title}<" not in section


def test_what_quality_staff_wrote_in_swedish_is_marked_swedish(client, english_guarantee):
    html = client.get(english_guarantee.url).content.decode()
    section = _section(html, 'id="sa-gick-det"', "</section>")
    assert _text_with_lang(section, "87 procent") == "sv"


def test_an_untranslated_commitment_is_shown_in_swedish_marked_so(client, unit, english_guarantee):
    own = unit.commitments.first()
    english = english_guarantee.commitments.get(translation_key=own.translation_key)
    english.title, english.expected_result = own.title, own.expected_result
    english.save()
    fragments.forget_all()
    html = client.get(english_guarantee.url).content.decode()
    section = _section(html, 'id="sa-gick-det"', "</section>")
    assert _text_with_lang(section, own.title) == "sv"


def test_the_feedback_form_offers_the_commitments_in_the_pages_language(
    client, unit, english_guarantee
):
    html = client.get(english_guarantee.url).content.decode()
    form = _section(html, 'name="commitment"', "</fieldset>")
    own = unit.commitments.first()
    assert f"{own.title} [en]" in form
    assert f">{own.title}<" not in form
    # The choice is the Swedish commitment: what the case records (docs/architecture.md).
    assert f'value="{own.pk}"' in form


def test_a_complaints_receipt_names_the_promise_in_the_residents_language(unit, english_guarantee):
    from django.utils import translation

    from feedback.models import Dimension, Feedback, Kind
    from feedback.receipts import promise_in_reader_language

    own = unit.commitments.first()
    with translation.override("en"):
        case, _created = Feedback.receive(
            unit=unit,
            kind=Kind.COMPLAINT,
            dimension=Dimension.TREATMENT,
            message="Inte hållet.",
            commitment=own,
        )
        promise = promise_in_reader_language(case)
    assert case.promise == own.title  # what the case keeps is the Swedish commitment
    assert (promise.text, promise.lang) == (f"{own.title} [en]", "")
    with translation.override("sv"):
        assert promise_in_reader_language(case).text == own.title


def test_a_good_example_is_listed_once_on_a_translated_guarantee(client, unit, home_page):
    from tests.examples.builders import make_examples_index, make_good_example

    make_good_example(make_examples_index(home_page), unit, title="Snabbare svar")
    make_follow_up(unit)
    in_every_language(unit)  # every page, the example too, stands in each language's tree
    fragments.forget_all()
    english = unit.get_translation(Locale.objects.get(language_code="en"))
    html = client.get(english.url).content.decode()
    section = _section(html, 'id="sa-gick-det"', "</section>")
    assert section.count("Snabbare svar") == 1


def test_a_broken_promises_receipt_repeats_the_remedy_in_the_residents_language(unit):
    from django.utils import translation

    from feedback.models import Dimension, Feedback, Kind
    from feedback.services import receipt_letter_context

    unit.remedy = "Vi bjuder in dig till ett samtal."
    unit.remedy_contact = "Rektor"
    unit.remedy_contact_days = 2
    unit.remedy_compensation = "Avgiften sänks för månaden."
    unit.save_revision().publish()
    in_every_language(unit, unit.get_parent().specific, unit.get_parent().get_parent().specific)
    with translation.override("en"):
        case, _created = Feedback.receive(
            unit=unit,
            kind=Kind.COMPLAINT,
            dimension=Dimension.TREATMENT,
            message="Inte hållet.",
            commitment=unit.commitments.first(),
            email="anna@example.se",
        )
        english = receipt_letter_context(case, "https://example.se/f")["remedy"]
    assert case.remedy == "Vi bjuder in dig till ett samtal."  # the case keeps the Swedish
    assert (english.remedy, english.remedy_contact, english.remedy_compensation) == (
        "Vi bjuder in dig till ett samtal. [en]",
        "Rektor [en]",
        "Avgiften sänks för månaden. [en]",
    )
    assert english.remedy_contact_by == case.remedy_contact_by

    # Once the Swedish guarantee says something else, the case's own copy is what was promised.
    unit.remedy = "Vi ringer dig."
    unit.save_revision().publish()
    with translation.override("en"):
        later = receipt_letter_context(case, "https://example.se/f")["remedy"]
    assert later.remedy == "Vi bjuder in dig till ett samtal."


def test_the_receipt_and_the_tracking_page_name_the_unit_as_the_resident_read_it(
    client, unit, english_guarantee
):
    from django.utils import translation

    from feedback.models import Dimension, Feedback, Kind
    from feedback.services import receipt_letter_context

    with translation.override("en"):
        case, token = Feedback.receive(
            unit=unit,
            kind=Kind.PRAISE,
            dimension=Dimension.TREATMENT,
            message="Tack!",
            language="en",
        )
        context = receipt_letter_context(case, "https://example.se/f")
    assert context["unit"].title == f"{unit.title} [en]"
    assert context["signature"].name.startswith(unit.title) and "[en]" in context["signature"].name
    from django.urls import reverse

    tracking = client.get(reverse("feedback:track", args=[token])).content.decode()
    assert f"{unit.title} [en]" in tracking
