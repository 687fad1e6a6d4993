"""Search finds what a guarantee says (issue 32): everything a guarantee shows is indexed, a
query of several words lists the hits that hold all of them first and names the missing word
for the others, a suggestion is offered only when it finds something, and a guarantee ranks
above a proposal for a unit's kind. The demo's own guarantees are the data."""

import re

import pytest
from django.db.models import Q
from django.utils import translation

from search.query import PAGE_SIZE, SiteSearch

from .conftest import page_titles

pytestmark = pytest.mark.django_db

# Words shorter than this are mostly function words or parts of many others.
MIN_WORD = 5
# A word is distinctive when at most this many public pages and proposals hold it.
MAX_DOCUMENTS = 3
SWEDISH_STOP = {
    "under", "efter", "eller", "alltid", "varje", "inför", "mellan", "genom", "utan",
    "sedan", "något", "några", "andra", "detta", "denna", "dessa", "vilka", "vilket",
    "vilken", "vårdnadshavare",
}  # fmt: skip


def shown_text(unit):
    """The text a guarantee page shows of its own: the unit, its idea, every commitment
    whole, the complaint routine, the contact facts and the published follow-ups."""
    texts = [
        unit.title,
        unit.unit_name,
        unit.idea,
        unit.provider,
        unit.district,
        unit.feedback_recipient,
        unit.remedy,
        unit.escalation,
        unit.address,
        unit.opening_hours,
        unit.phone_hours,
        unit.contact_person,
    ]
    for commitment in unit.commitments.all():
        texts += [
            commitment.title,
            commitment.expected_result,
            commitment.way_of_working,
            commitment.follow_up_method,
        ]
    for follow_up in unit.follow_ups.filter(is_published=True):
        texts.append(follow_up.summary)
        texts += [outcome.analysis for outcome in follow_up.outcomes.all()]
    return " ".join(text for text in texts if text)


def words_of(text):
    return {word.lower() for word in re.findall(r"[^\W\d_]+", text)}


def reader_documents(locale):
    """The pages a reader of `locale` may find (search/engine.py): that locale's own pages
    (translations and pages made in it, not aliases) and the Swedish pages without a live
    translation into it."""
    from django.conf import settings
    from wagtail.models import Page

    translated = Page.objects.filter(locale=locale, live=True, alias_of__isnull=True)
    return (
        Page.objects.live()
        .filter(alias_of__isnull=True)
        .filter(
            Q(locale=locale)
            | (
                Q(locale__language_code=settings.LANGUAGE_CODE)
                & ~Q(translation_key__in=translated.values("translation_key"))
            )
        )
    )


def distinctive_words():
    """Per language and published guarantee of that language, the words of its shown text
    that are distinctive: at least MIN_WORD letters, not a common function word, and held (as
    that exact word, in any case) by at most MAX_DOCUMENTS of the public pages and proposals a
    reader of that language finds. {(language code, unit name): words}"""
    from wagtail.models import Locale

    from guarantees.models import GuaranteePage
    from proposals.models import Proposal

    proposals = [words_of(f"{p.title} {p.body}") for p in Proposal.objects.public()]
    found = {}
    for locale in Locale.objects.all():
        documents = list(proposals)
        for page in reader_documents(locale).specific():
            if isinstance(page, GuaranteePage):
                documents.append(words_of(shown_text(page)))
            else:
                texts = [page.title, getattr(page, "intro", ""), str(getattr(page, "body", ""))]
                if hasattr(page, "commitments"):
                    texts += [f"{c.title} {c.expected_result}" for c in page.commitments.all()]
                documents.append(words_of(" ".join(texts)))
        frequency = {}
        for words in documents:
            for word in words:
                frequency[word] = frequency.get(word, 0) + 1
        for unit in GuaranteePage.objects.live().filter(locale=locale, alias_of__isnull=True):
            found[(locale.language_code, unit.display_name)] = searchable(
                locale.language_code,
                sorted(
                    word
                    for word in words_of(shown_text(unit))
                    if len(word) >= MIN_WORD
                    and word not in SWEDISH_STOP
                    and frequency.get(word, 0) <= MAX_DOCUMENTS
                ),
            )
    return found


def searchable(language_code, words):
    """The words that are not stop words of the language's text search configuration
    ("their", "through" in English are never searchable, as in any search engine)."""
    from django.db import connection

    from search.languages import config_for_language

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w FROM unnest(%s::text[]) WITH ORDINALITY AS t(w, n) "
            "WHERE to_tsvector(%s::regconfig, w) <> ''::tsvector ORDER BY n",
            [words, config_for_language(language_code)],
        )
        return [row[0] for row in cursor.fetchall()]


def test_every_distinctive_word_of_every_guarantee_finds_it_on_the_first_page(demo):
    """In every language: a reader of a guarantee's language finds it by any of its words."""
    words = distinctive_words()
    assert sum(len(w) for w in words.values()) >= 100, words  # the rule keeps enough words
    languages = {language for language, _title in words}
    assert len(languages) >= 4, languages  # the demo's translated guarantees are checked too
    misses = []
    for (language, title), unit_words in words.items():
        with translation.override(language):
            for word in unit_words:
                if title not in page_titles(SiteSearch(word).run())[:PAGE_SIZE]:
                    misses.append((language, word, title))
    checked = sum(len(w) for w in words.values())
    print(f"\n{checked} distinctive words of {len(words)} guarantees; misses: {misses}")
    assert not misses, misses


def test_the_words_the_issue_named_find_their_guarantee(demo):
    for word, title in [
        ("nattpatrullen", "Hemtjänst Kvarnby"),
        ("turlista", "Bokbussen"),
        ("veckoschemat", "Förskolan Solrosen"),
        ("extrakläder", "Förskolan Ekorren"),
        ("skolvägen", "Kvarnbyskolan"),
    ]:
        outcome = SiteSearch(word).run()
        assert title in page_titles(outcome), (word, page_titles(outcome))
        assert not outcome.suggestion


def test_tolk_finds_the_preschools_that_promise_an_interpreter_and_suggests_nothing(demo):
    from guarantees.models import Commitment

    promising = {
        c.page.specific.display_name
        for c in Commitment.objects.filter(way_of_working__icontains="tolk")
        if c.page.live and c.page.specific_class.__name__ == "GuaranteePage"
    }
    assert len(promising) == 2
    outcome = SiteSearch("tolk").run()
    assert set(page_titles(outcome)[:2]) == promising
    assert not outcome.fuzzy and not outcome.suggestion


def test_a_word_missing_everywhere_is_named_and_the_rest_is_searched(client, demo):
    outcome = SiteSearch("hemtjänst kvällar").run()
    assert outcome.full_total == 0 and outcome.hits
    assert outcome.missing_everywhere == ["kvällar"]
    assert all(hit.missing == ["kvällar"] for hit in outcome.hits)
    assert "Hemtjänst Norr" in page_titles(outcome)
    html = client.get("/sok/", {"q": "hemtjänst kvällar"}).content.decode()
    assert "Ingen träff innehöll ordet ”kvällar”." in html
    assert "Menade du" not in html


def test_no_suggestion_is_offered_that_finds_nothing_with_all_its_words(client, demo):
    outcome = SiteSearch("flygplats parkering").run()
    assert outcome.total == 0 and not outcome.suggestion and not outcome.hits
    html = client.get("/sok/", {"q": "flygplats parkering"}).content.decode()
    assert "Inga träffar för ”flygplats parkering”" in html
    assert "Menade du" not in html


def test_a_suggestion_is_offered_with_its_hits_when_nothing_was_found(client, demo):
    outcome = SiteSearch("Solrossen").run()
    assert outcome.fuzzy and outcome.suggestion == "solrosen"
    assert page_titles(outcome)[0] == "Förskolan Solrosen"


def test_guarantees_and_their_area_rank_above_proposals_for_a_units_kind(demo):
    outcome = SiteSearch("förskola").run()
    labels = [str(hit.type_label) for hit in outcome.hits]
    assert "E-förslag" in labels  # a proposal about preschools is found, after them
    first_proposal = labels.index("E-förslag")
    before = page_titles(outcome)[:first_proposal]
    assert "Förskola" in before
    assert {"Förskolan Solrosen", "Förskolan Ekorren", "Förskolan Lärkan"} <= set(before)
