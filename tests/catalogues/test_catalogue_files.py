"""The interface catalogues themselves: complete where residents read, placeholders intact,
compiled files equal to their sources, and up to date with the Swedish in the code.

Every check is generated over the directories in locale/ (and the languages in
settings.LANGUAGES), so a new language is checked as soon as its catalogue exists.
"""

import gettext
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from django.utils.translation import to_language, to_locale

from .catalogues import (
    DOMAINS,
    LOCALE_DIR,
    SOURCE,
    catalogue,
    complete_locales,
    is_partial,
    is_translated,
    locale_dirs,
    placeholders,
    resident_facing,
    staff_only,
    translations,
)

# The same options as the command in locale/README.md: what makemessages reads.
IGNORED = [".venv", "node_modules", "tests", "bench", "var", "docs", "deploy"]


def test_there_are_translations_besides_the_source():
    assert {"en", "fi", "ar"} <= set(complete_locales())
    assert [d for d in locale_dirs() if is_partial(d)], "easy-to-read Swedish has a catalogue"


@pytest.mark.parametrize("dirname", complete_locales())
def test_every_string_a_resident_reads_is_translated(dirname):
    entries = [e for e in catalogue(dirname) if e.msgid and not e.obsolete]
    resident = [e for e in entries if resident_facing(e)]
    # The rule keeps staff screens out but most strings in: it cannot quietly empty itself.
    assert len(resident) > len(entries) / 2
    missing = [e.msgid for e in resident if not is_translated(e)]
    assert not missing, f"{len(missing)} resident-facing strings untranslated in {dirname}"


@pytest.mark.parametrize("dirname", locale_dirs())
def test_translations_keep_the_placeholders_of_the_source(dirname):
    wrong = []
    for domain in DOMAINS:
        path = LOCALE_DIR / dirname / "LC_MESSAGES" / f"{domain}.po"
        if not path.exists():
            continue
        for entry in catalogue(dirname, domain):
            fmt = "python-format" in entry.flags
            forms = [f for f in translations(entry) if f]
            if not entry.msgid or not forms:
                continue
            if not entry.msgid_plural:
                if placeholders(forms[0], fmt) != placeholders(entry.msgid, fmt):
                    wrong.append(entry.msgid)
                continue
            # A plural form may leave the number out ("one working day", Arabic's dual), but
            # may use no name the source does not give, and the last (general) form says all.
            known = set(placeholders(entry.msgid, fmt) + placeholders(entry.msgid_plural, fmt))
            if any(not set(placeholders(f, fmt)) <= known for f in forms) or set(
                placeholders(forms[-1], fmt)
            ) != set(placeholders(entry.msgid_plural, fmt)):
                wrong.append(entry.msgid)
    assert not wrong


@pytest.mark.parametrize("dirname", locale_dirs())
def test_plural_forms_are_declared_and_every_plural_has_them_all(dirname):
    po = catalogue(dirname)
    header = po.metadata["Plural-Forms"]
    count = int(header.split("nplurals=")[1].split(";")[0])
    plural = gettext.c2py(header.split("plural=")[1].rstrip(";").strip())
    assert set(range(count)) == {plural(n) for n in range(200)}
    assert not po.metadata_is_fuzzy
    for entry in po:
        if entry.msgid_plural and is_translated(entry):
            assert sorted(entry.msgstr_plural) == list(range(count)), entry.msgid


def test_arabic_has_six_plural_forms_as_djangos_own_arabic():
    header = catalogue("ar").metadata["Plural-Forms"]
    plural = gettext.c2py(header.split("plural=")[1].rstrip(";").strip())
    assert [plural(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 111)] == [
        0, 1, 2, 3, 3, 4, 4, 5, 5, 4,
    ]  # fmt: skip


def _compiled_pairs(dirname, domain):
    po = catalogue(dirname, domain)
    header = po.metadata.get("Plural-Forms", "nplurals=2; plural=(n != 1);")
    plural = gettext.c2py(header.split("plural=")[1].rstrip(";").strip())
    with (LOCALE_DIR / dirname / "LC_MESSAGES" / f"{domain}.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    samples = {plural(n): n for n in reversed(range(200))}
    for entry in po:
        if not entry.msgid or entry.obsolete:
            continue
        translated = "fuzzy" not in entry.flags and any(translations(entry))
        if entry.msgid_plural:
            for index, n in sorted(samples.items()):
                expected = entry.msgstr_plural.get(index) if translated else None
                if not expected:  # gettext falls back to the source's own forms
                    expected = entry.msgid if n == 1 else entry.msgid_plural
                if entry.msgctxt:
                    got = compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                else:
                    got = compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                yield entry.msgid, got, expected
        else:
            expected = entry.msgstr if translated and entry.msgstr else entry.msgid
            if entry.msgctxt:
                got = compiled.pgettext(entry.msgctxt, entry.msgid)
            else:
                got = compiled.gettext(entry.msgid)
            yield entry.msgid, got, expected


@pytest.mark.parametrize("dirname", [SOURCE, *locale_dirs()])
def test_the_compiled_catalogue_says_what_its_po_says(dirname):
    """Every .po in locale/ has its .mo, and the .mo says exactly that: no translation missing,
    none stale, nothing fuzzy compiled in (`msgfmt -c -o django.mo django.po`)."""
    found = 0
    for domain in DOMAINS:
        if not (LOCALE_DIR / dirname / "LC_MESSAGES" / f"{domain}.po").exists():
            continue
        found += 1
        stale = [msgid for msgid, got, want in _compiled_pairs(dirname, domain) if got != want]
        assert not stale, f"recompile locale/{dirname}/LC_MESSAGES/{domain}.po with msgfmt"
    assert found


def test_each_configured_language_has_its_catalogue_under_djangos_name_for_it():
    """What settings.LANGUAGES offers besides the source is found by Django's own lookup."""
    for code, _name in settings.LANGUAGES:
        if code != SOURCE:
            assert (LOCALE_DIR / to_locale(code) / "LC_MESSAGES" / "django.mo").exists(), code


def test_every_catalogue_directory_is_a_name_django_finds():
    for dirname in locale_dirs():
        assert to_locale(to_language(dirname)) == dirname


# Strings of Django and Wagtail (and the project's locale/sv) that the easy catalogue lacks.
FRAMEWORK_STRINGS = ["This field is required.", "Dashboard", "Enter a valid email address."]


def test_easy_swedish_is_loaded_by_its_own_code_and_falls_back_to_swedish():
    (easy,) = [d for d in locale_dirs() if is_partial(d)]
    po = catalogue(easy)
    rewritten = next(e for e in po if e.msgstr and not e.msgid_plural and not e.msgctxt)
    assert rewritten.msgstr != rewritten.msgid
    untouched = next(e for e in po if not e.msgstr and not e.msgid_plural and not e.msgctxt)
    with translation.override(to_language(easy)):
        assert translation.get_language() == "sv-x-easy"
        assert translation.gettext(rewritten.msgid) == rewritten.msgstr != rewritten.msgid
        assert translation.gettext(untouched.msgid) == untouched.msgid
        easy_words = [translation.gettext(m) for m in FRAMEWORK_STRINGS]
    with translation.override(SOURCE):
        swedish_words = [translation.gettext(m) for m in FRAMEWORK_STRINGS]
    # Django's and Wagtail's own strings come from their Swedish catalogues, not English.
    assert easy_words == swedish_words
    assert not set(easy_words) & set(FRAMEWORK_STRINGS)


@pytest.mark.parametrize("dirname", complete_locales())
def test_django_reads_each_catalogue_for_its_language(dirname):
    po = catalogue(dirname)
    entry = next(e for e in po if is_translated(e) and not e.msgid_plural and not e.msgctxt)
    with translation.override(to_language(dirname)):
        assert translation.gettext(entry.msgid) == entry.msgstr


def _pot_msgids(tmp_path, monkeypatch, domain):
    """The msgids makemessages finds in the code now, written to a copy of the project."""
    project = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR,
        project,
        ignore=shutil.ignore_patterns(*IGNORED, "locale", ".git", "__pycache__", ".*cache"),
    )
    (project / "locale").mkdir()
    monkeypatch.chdir(project)
    with override_settings(LOCALE_PATHS=[project / "locale"]):
        call_command(
            "makemessages",
            domain=domain,
            locale=["xx"],
            ignore_patterns=IGNORED,
            keep_pot=True,
            no_wrap=True,
            verbosity=0,
        )
    pot = project / "locale" / f"{domain}.pot"
    if not pot.exists():
        return set()
    import polib

    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(pot)) if e.msgid}


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_catalogues_hold_every_string_in_the_code(tmp_path, monkeypatch, domain):
    """New Swedish in the code shows up here until the catalogues are updated (locale/README.md):
    without this, "every resident string translated" would only cover strings already listed."""
    in_code = _pot_msgids(tmp_path, monkeypatch, domain)
    if domain == "django":
        assert len(in_code) > 1000
    for dirname in locale_dirs():
        path = LOCALE_DIR / dirname / "LC_MESSAGES" / f"{domain}.po"
        listed = (
            {(e.msgctxt, e.msgid) for e in catalogue(dirname, domain)} if path.exists() else set()
        )
        missing = sorted(msgid for _ctx, msgid in in_code - listed)
        assert not missing, f"locale/{dirname} lacks {len(missing)}: run makemessages, translate"


# A date format with names in it (month, weekday) reads in one language's order only:
# "j F Y" is Swedish and English, Finnish needs "j. E Y". Resident templates therefore take
# the format from the catalogue: |date:_("j F Y").
NAMED_DATE = re.compile(r"""\|date:(["'])([^"']*[FlEMNDb][^"']*)\1""")


def test_dates_with_month_or_day_names_take_their_format_from_the_catalogue():
    fixed = []
    for template in Path(settings.BASE_DIR).glob("*/**/templates/**/*"):
        relative = template.relative_to(settings.BASE_DIR).as_posix()
        if not template.is_file() or relative.startswith(tuple(IGNORED)) or staff_only(relative):
            continue
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            fixed += [f"{relative}:{number}: {m.group(0)}" for m in NAMED_DATE.finditer(line)]
    assert not fixed
