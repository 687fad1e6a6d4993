"""Security settings: `check --deploy`, the Content Security Policy, cookies, other hosts."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from .pages import LANGUAGES, PUBLIC_PAGE_PATHS, SWEDISH_PAGES, in_each_language, in_language

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "k7#Qz9!vN2@pL5$wR8^tY1&uI4*oP6(aS3)dF0-gH7_jK2+lZ5=xC8%vB1~nM4",
    "ALLOWED_HOSTS": "kvalitet.angsby.example",
    "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
}


def production_env(**overrides):
    # The shared conftest allows async-unsafe ORM calls for Playwright; production must not.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**env, **PRODUCTION_ENV, **overrides}


def run_manage(*args, env=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", env=production_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def test_check_deploy_would_catch_a_weak_secret_key():
    """The check above can fail: a short key is reported."""
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env(SECRET_KEY="x")
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_production_cookies_are_secure_and_http_only():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.DEBUG)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "True", "True", "True", "True", "False"], result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("path_of", PUBLIC_PAGE_PATHS.values(), ids=PUBLIC_PAGE_PATHS.keys())
def test_public_pages_send_a_strict_content_security_policy(client, public_site, path_of):
    for language in LANGUAGES:
        response = client.get(in_language(language, path_of(public_site)))
        policy = response["Content-Security-Policy"]
        directives = dict(
            (part.split(" ", 1) + [""])[:2]
            for part in (p.strip() for p in policy.split(";"))
            if part
        )
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["default-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"


def public_templates():
    """Every template a resident can see: the site shell and each app's, not the admin's."""
    found = sorted(ROOT.glob("site/templates/**/*.html"))
    for app_templates in ROOT.glob("*/templates"):
        if app_templates.parent.name not in {"site", "node_modules", "var"}:
            found += sorted(app_templates.glob("**/*.html"))
    for app_templates in ROOT.glob("*/*/templates"):
        if ".venv" not in app_templates.parts and "node_modules" not in app_templates.parts:
            found += sorted(app_templates.glob("**/*.html"))
    return [
        path for path in found if "/admin/" not in str(path) and "wagtailadmin" not in str(path)
    ]


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)


def test_public_templates_exist_to_be_scanned():
    names = {path.name for path in public_templates()}
    assert {"base.html", "404.html", "accessibility_statement_page.html"} <= names


@pytest.mark.parametrize(
    "pattern",
    [INLINE_SCRIPT, INLINE_STYLE, STYLE_ELEMENT, EVENT_HANDLER],
    ids=["inline script", "style attribute", "style element", "event handler attribute"],
)
def test_no_public_template_needs_unsafe_inline(pattern):
    offenders = [
        f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}: {match.group(0)}"
        for path in public_templates()
        for text in [path.read_text()]
        for match in pattern.finditer(text)
    ]
    assert not offenders, "\n".join(offenders)


def test_the_template_scan_catches_inline_script_and_style():
    sample = '<script>alert(1)</script><p style="color:red" onclick="x()"><style>p{}</style>'
    assert INLINE_SCRIPT.search(sample)
    assert INLINE_STYLE.search(sample)
    assert EVENT_HANDLER.search(sample)
    assert STYLE_ELEMENT.search(sample)
    assert not INLINE_SCRIPT.search('<script src="/static/js/site.js" defer></script>')


@pytest.mark.browser
@pytest.mark.parametrize(
    "visit", [visit for _, visit in SWEDISH_PAGES], ids=[name for name, _ in SWEDISH_PAGES]
)
def test_public_page_asks_no_other_host_and_breaks_no_policy(page, live_server, public_site, visit):
    """With CSP enforced, in every language: only our own host is asked, and the browser
    reports no violation."""
    own_host = live_server.url.split("//", 1)[1]
    for language in LANGUAGES:
        seen = len(page.watch.console_errors)
        response = in_each_language(visit, language)(page, public_site)
        page.wait_for_load_state("load")
        assert page.watch.hosts == {own_host}, language
        errors = page.watch.console_errors[seen:]
        if response.status >= 400:
            # Chromium logs the page's own error status as a console error; that is expected.
            errors = [e for e in errors if f"status of {response.status}" not in e]
        assert not errors, language
