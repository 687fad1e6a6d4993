"""Resident pages in every complete language: no Swedish interface text left on them.

The pages are every public page type of tests/quality/pages.py (PUBLIC_PAGE_PATHS: the
home page, guarantee with its yearly follow-up, comparison, yearly report, feedback and
proposal forms, search, award, accessibility statement, 404...), every form on them sent
empty (its errors), and a feedback sent for real with its receipt and tracking page.

Each page is read in Swedish and then in the language under test. The Swedish interface
strings are the catalogue's resident-facing msgids (tests/catalogues/catalogues.py); a page
leaks when, in the other language, a text of it still reads as one of them although the
catalogue translates it: a string that bypasses gettext, is translated too early (gettext at
import), or whose translation is missing. Content (titles, commitments, texts editors wrote)
stays Swedish until translated in Wagtail; it is whatever the database holds, and is ignored.

A reader's language is the one their URL carries (docs/architecture.md, "Languages"): each
path is read under its language's prefix (/fi/, /ar/...), Swedish without one.
"""

import re
from contextlib import contextmanager
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import to_language
from wagtail.fields import StreamField
from wagtail.models import Locale

from home import fragments
from home.resident_input import rate_limit_counts
from outbox.models import Message
from tests.feedback.conftest import form_data
from tests.quality.pages import PUBLIC_PAGE_PATHS

from .catalogues import PERCENT, catalogue, complete_locales, resident_facing, translations

LANGUAGES = [to_language(d) for d in complete_locales()]


def _normal(text):
    return " ".join(text.split())


def _literal(text):
    """A piece of a msgid as a pattern: its words in order, any whitespace between them."""
    words = r"\s+".join(re.escape(w) for w in text.split())
    before = r"\s+" if text[:1].isspace() else ""
    after = r"\s+" if text[-1:].isspace() else ""
    return before + words + after if words else (r"\s+" if text.strip() == "" and text else "")


class Interface:
    """The resident-facing Swedish msgids of one language's catalogue that it translates,
    as matchers for a text of a page: whole texts exactly, long sentences also inside one."""

    def __init__(self, dirname):
        self.exact = {}
        patterns, inside = [], []
        for entry in catalogue(dirname):
            if not entry.msgid or not resident_facing(entry):
                continue
            sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
            if {_normal(s) for s in sources} & {_normal(f) for f in translations(entry)}:
                continue  # the same word in both languages ("Status", a date format)
            for source in sources:
                if "python-format" not in entry.flags or not PERCENT.search(source):
                    text = _normal(source.replace("%%", "%"))
                    if re.search(r"[^\W\d_]{3,}", text):
                        self.exact[text] = entry.msgid
                        if len(text.split()) >= 4:
                            inside.append(re.escape(text))
                    continue
                # Around placeholders, at least two words of the source must be there to see
                # ("%(kind)s till %(unit)s" alone would match any sentence with "till").
                if len(re.findall(r"[^\W\d_]{3,}", PERCENT.sub(" ", source))) < 2:
                    continue
                pieces, at = [], 0
                for m in PERCENT.finditer(source):
                    pieces.append(_literal(source[at : m.start()]))
                    pieces.append("%" if m.group(0) == "%%" else ".+?")
                    at = m.end()
                pieces.append(_literal(source[at:]))
                patterns.append("".join(pieces))
        self.patterned = re.compile("|".join(f"(?:{p})" for p in patterns))
        self.inside = re.compile("|".join(inside))

    def found_in(self, texts, content):
        found = set()
        for text in texts:
            if (
                text in self.exact or self.patterned.fullmatch(text) or self.inside.search(text)
            ) and not any(text in value for value in content):
                found.add(text)
        return found


class PageTexts(HTMLParser):
    """What a reader sees or hears of a page: its texts and the attributes read out."""

    READ_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-roledescription"}
    # A <code> is a name a program reads (an open-data field, an API parameter), the same in
    # every language.
    SILENT = {"script", "style", "template", "code"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.texts, self.forms, self._silent = [], [], 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SILENT:
            self._silent += 1
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.forms.append(attrs.get("action") or "")
        for name, value in attrs.items():
            readable = name in self.READ_ATTRIBUTES or (
                name == "value" and attrs.get("type") in ("submit", "button")
            )
            if value and readable and value.strip():
                self.texts.append(_normal(value))

    def handle_endtag(self, tag):
        if tag in self.SILENT and self._silent:
            self._silent -= 1

    def handle_data(self, data):
        if not self._silent and data.strip():
            self.texts.append(_normal(data))


MAIL = "\x00mail\x00"


def texts_of(page):
    """A page's texts; a letter's are its lines (marked MAIL by read_site)."""
    if page.startswith(MAIL):
        return [_normal(line) for line in page[len(MAIL) :].splitlines() if line.strip()]
    return PageTexts(page).texts


def _strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings_in(item)


def stored_content():
    """Every text the database holds: what editors and residents wrote, in Swedish. Not the
    letters in the outbox: they are rendered from the interface strings under test."""
    content = set()
    for model in apps.get_models():
        if model is Message:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                content.update(
                    _normal(v) for v in model.objects.values_list(field.attname, flat=True) if v
                )
            elif isinstance(field, StreamField):
                for value in model.objects.values_list(field.attname, flat=True):
                    for text in _strings_in(field.get_prep_value(value)):
                        content.add(_normal(re.sub(r"<[^>]+>", " ", text)))
    return content


@contextmanager
def reading_in(language):
    # Wagtail looks up the active language's Locale (and the default one from LANGUAGE_CODE)
    # when internationalisation is on; with it off the row is simply unused.
    Locale.objects.get_or_create(language_code=language)
    with translation.override(language):
        # Parts kept rendered (home/fragments.py) would otherwise be the previous language's.
        fragments.forget_all()
        rate_limit_counts().clear()
        yield
    fragments.forget_all()


def _html(response):
    if "html" not in response.get("Content-Type", ""):
        return ""
    return response.content.decode()


def read_site(client, public_site):
    """(name, html) of every page a resident may see: the public pages, every form on them
    sent empty, and a feedback's receipt, its receipt mail (as text) and tracking page."""
    pages = []
    for name, path_of in PUBLIC_PAGE_PATHS.items():
        path = path_of(public_site)
        lang = translation.get_language()
        if lang != "sv" and not path.startswith(f"/{lang}/"):
            path = f"/{lang}" + path
        html = _html(client.get(path))
        pages.append((name, html))
        for action in dict.fromkeys(PageTexts(html).forms):
            if action.startswith("/open311/v2/"):
                # A form on the developers' page tries the API, which answers machines.
                continue
            pages.append((f"{name}, form sent empty", _html(client.post(action or path, {}))))
    unit_form = f"/synpunkter/enhet/{public_site['guarantee'].pk}/skicka/"
    if translation.get_language() != "sv":
        unit_form = f"/{translation.get_language()}" + unit_form
    # A message of its own per language: the same words again would be taken for a double
    # submit of the earlier one and answered with its receipt.
    message = f"Personalen var vänlig när vi hämtade vårt barn ({translation.get_language()})."
    sent = client.post(unit_form, form_data(client, unit_form, message=message))
    assert sent.status_code == 302, "the feedback was received"
    # The letter as the outbox keeps it, exactly as it is sent.
    letter = Message.objects.filter(to__contains="anna@example.se").latest("pk")
    pages.append(("feedback receipt mail", MAIL + letter.subject + "\n" + letter.body))
    receipt = _html(client.get(sent["Location"]))
    pages.append(("feedback receipt", receipt))
    tracking = re.search(r'href="([^"]+)"[^>]*data-tracking-link', receipt) or re.search(
        r'data-tracking-link[^>]*href="([^"]+)"', receipt
    )
    pages.append(("feedback tracking", _html(client.get(tracking.group(1)))))
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_resident_pages_show_no_swedish_interface_text(client, public_site, language):
    interface = Interface(next(d for d in complete_locales() if to_language(d) == language))
    with reading_in(settings.LANGUAGE_CODE):
        swedish = read_site(client, public_site)
    with reading_in(language):
        translated = read_site(client, public_site)
    content = stored_content()

    seen, leaks = {}, {}
    for (name, html), (_same, translated_html) in zip(swedish, translated, strict=True):
        if not html:  # a form that answers with a redirect, not a page
            continue
        seen[name] = interface.found_in(texts_of(html), content)
        found = interface.found_in(texts_of(translated_html), content)
        if found:
            leaks[name] = sorted(found)
    # The check can see: on every page, Swedish interface text is found in Swedish.
    assert all(seen.values()), [name for name, found in seen.items() if not found]
    assert not leaks, f"Swedish interface text in {language}: {leaks}"
