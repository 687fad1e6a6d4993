"""The project's interface catalogues (locale/), read as tests need them.

Swedish is the source language: every msgid is Swedish. Each other language has a directory
named as Django's `to_locale` names its code (`en`, `fi`, `ar`, `sv_X-easy` for the private-use
`sv-x-easy`). locale/sv is not a translation of the project's strings but Swedish for the
Wagtail admin strings Wagtail's own catalogue lacks (tests/staff/test_admin_swedish.py).

Which strings a resident can read is decided from where they stand in the source (the `#:`
references makemessages writes), by `resident_facing(entry)`:

- a string is for staff only when every place it is used is a staff-only file: the staff app
  (`staff/`); a template under an `admin/` or `wagtailadmin/` folder; an admin-only module
  (`admin_views.py`, `wagtail_hooks.py`, `panels.py`, `admin_repairs.py`, `apps.py` (the
  app's name in the admin menu), `identity/staff.py`); or a letter to staff (the handler's
  notice of new feedback and the follow-up's mail to its reviewers);
- everything else is resident-facing: public templates, letters to residents, forms, views,
  services, and models too, since their choices, verbose names and validation messages reach
  public pages and form errors.

Easy-to-read Swedish is partial by design (an empty msgstr falls back to the source), so the
locales that must be complete are the others: `complete_locales()`.
"""

import re
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation import to_language

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
SOURCE = "sv"
DOMAINS = ("django", "djangojs")

STAFF_APPS = {"staff"}
STAFF_FOLDERS = {"admin", "wagtailadmin"}
STAFF_MODULES = {"admin_views.py", "wagtail_hooks.py", "panels.py", "admin_repairs.py", "apps.py"}
STAFF_FILES = {
    "identity/staff.py",
    "feedback/templates/feedback/mail/handler_notice.txt",
}
STAFF_FILE_PREFIXES = ("guarantees/followup/templates/followup/mail/",)


def locale_dirs():
    """Every catalogue directory in locale/ except the source's, sorted."""
    return sorted(p.name for p in LOCALE_DIR.iterdir() if p.is_dir() and p.name != SOURCE)


def is_partial(dirname):
    """A private-use variant of the source (`sv-x-easy`): translated only where it differs."""
    return to_language(dirname).startswith(SOURCE + "-x-")


def complete_locales():
    return [d for d in locale_dirs() if not is_partial(d)]


def catalogue(dirname, domain="django"):
    return polib.pofile(str(LOCALE_DIR / dirname / "LC_MESSAGES" / f"{domain}.po"))


def staff_only(path):
    parts = path.split("/")
    return (
        parts[0] in STAFF_APPS
        or bool(STAFF_FOLDERS & set(parts[:-1]))
        or parts[-1] in STAFF_MODULES
        or path in STAFF_FILES
        or path.startswith(STAFF_FILE_PREFIXES)
    )


def resident_facing(entry):
    return any(not staff_only(path) for path, _line in entry.occurrences)


# Python's %-style placeholders (named, or %s/%d) and str.format's {name}; "%%" is a literal.
PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]|%%")
BRACES = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")


def placeholders(text, python_format=True):
    found = []
    if python_format:
        found += [m.group(0) for m in PERCENT.finditer(text) if m.group(0) != "%%"]
    found += ["{" + name + "}" for name in BRACES.findall(text)]
    return sorted(found)


def translations(entry):
    """The msgstr forms of an entry: one for a plain string, one per plural form."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def is_translated(entry):
    return "fuzzy" not in entry.flags and all(form.strip() for form in translations(entry))
