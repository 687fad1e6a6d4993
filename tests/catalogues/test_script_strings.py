"""The site's scripts speak no language of their own: what a resident reads or hears from
them (a label, a screen reader's status) comes from the page, in the page's language."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(settings.BASE_DIR)
# Scripts residents' pages load: every app's static JavaScript but the admin's.
SCRIPTS = sorted(
    path
    for path in ROOT.glob("*/static/**/*.js")
    if "admin" not in path.relative_to(ROOT).parts and not path.is_symlink()
)
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.DOTALL)
LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`')
SWEDISH_LETTERS = re.compile(r"[åäöÅÄÖ]")


def test_there_are_scripts_to_check():
    assert any(path.name == "autocomplete.js" for path in SCRIPTS)


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_script_holds_swedish_text(path):
    code = COMMENT.sub("", path.read_text(encoding="utf-8"))
    swedish = [literal for literal in LITERAL.findall(code) if SWEDISH_LETTERS.search(literal)]
    assert not swedish, f"{path.name}: text for residents belongs in the page: {swedish}"


@pytest.mark.django_db
def test_the_search_suggestions_words_come_in_the_pages_language(home_page):
    html = Client().get("/en/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    label = re.search(r'data-suggestions-label="([^"]*)"', html)[1]
    status = re.search(r'data-suggestions-status="([^"]*)"', html)[1]
    assert label == "Search suggestions"
    assert "{n}" in status
    assert not SWEDISH_LETTERS.search(status)
