"""A Finnish reader for tests of what a resident's language does to their letters.

The Finnish words come from a tiny catalogue written here, ahead of the project's own in
LOCALE_PATHS, so these tests neither wait for nor depend on the translators' catalogues."""

import subprocess
from contextlib import contextmanager

from django.conf import settings
from django.test import override_settings
from django.utils import translation

# Messages of the residents' letters and pages, with Finnish stand-ins no real catalogue has.
FINNISH = {
    "Hej!": "Hei! (testi)",
    "Det här skickade du": "Lähetit tämän (testi)",
    "Det här är vårt svar på %(yours)s med referensnumret %(reference)s.": (
        "Tämä on vastauksemme: %(yours)s %(reference)s (testi)."
    ),
    "Svar på %(yours)s %(reference)s": "Vastaus: %(yours)s %(reference)s (testi)",
    "Status": "Tila (testi)",
    "Bekräfta ditt e-förslag": "Vahvista aloitteesi (testi)",
    "Ditt e-förslag: %(status)s": "Aloitteesi: %(status)s (testi)",
}


def _quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@contextmanager
def finnish_site(directory, extra=None):
    """The site with Finnish among its languages and the test catalogue under `directory`
    (FINNISH, and `extra` source -> Finnish)."""
    po = directory / "fi" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    entries = "".join(
        f"msgid {_quoted(source)}\nmsgstr {_quoted(target)}\n\n"
        for source, target in {**FINNISH, **(extra or {})}.items()
    )
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries,
        encoding="utf-8",
    )
    subprocess.run(["msgfmt", "-o", str(po.with_suffix(".mo")), str(po)], check=True)
    languages = list(settings.LANGUAGES)
    if "fi" not in dict(languages):
        languages.append(("fi", "Suomi"))
    with override_settings(
        LANGUAGES=languages, LOCALE_PATHS=[str(directory), *settings.LOCALE_PATHS]
    ):
        yield


@contextmanager
def as_finnish_reader():
    """Around a request as a Finnish reader sends it (with `HTTP_ACCEPT_LANGUAGE="fi"` on
    the client): addresses reversed inside carry the Finnish prefix where the site has one
    (i18n_patterns); where it has none, the Accept-Language header picks Finnish."""
    with translation.override("fi"):
        yield
