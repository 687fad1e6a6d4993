"""`make run`'s settings (config.settings.dev) answer a mistyped address with the site's own
Swedish 404 page and an error with its own 500 page, not Django's technical pages, and
still serve the static files and editors' uploads themselves.

The requests are made in another process that loads the demo's settings, against this
test's database (committed, so that the other process sees the site)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent

# Runs under config.settings.dev: a mistyped address, a view that fails, a static file and
# an upload, through the demo's own URLconf and middleware.
REQUESTS = """
import json, os, sys
from pathlib import Path
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.urls import clear_url_caches, path
import config.urls

def fails(request):
    raise RuntimeError("a bug")

config.urls.urlpatterns.insert(0, path("fel-med-flit/", fails))
clear_url_caches()
upload = Path(settings.MEDIA_ROOT) / "original_images" / "demo-prov.txt"
upload.parent.mkdir(parents=True, exist_ok=True)
upload.write_text("en uppladdad fil")
client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
answers = {}
for name, url in [
    ("missing", "/forskolla/solrosen/"),
    ("error", "/fel-med-flit/"),
    ("static", "/static/css/site.css"),
    ("media", "/media/original_images/demo-prov.txt"),
]:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    answers[name] = [response.status_code, body.decode("utf-8", "replace")]
print(json.dumps(answers))
"""


def _database_url():
    db = connection.settings_dict
    host = quote(db["HOST"] or "localhost", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{quote(db['USER'], safe='')}{password}@{host}{port}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_the_demo_answers_a_mistyped_address_and_an_error_with_the_sites_own_pages(
    home_page, tmp_path
):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": _database_url(),
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", REQUESTS],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])

    status, html = answers["missing"]
    assert status == 404
    assert '<html lang="sv"' in html and "<h1>Sidan finns inte</h1>" in html
    assert 'href="/sok/"' in html  # the site's shell, with its search
    # Not Django's technical 404, which lists the URLconf in English.
    assert "Page not found" not in html and "URLconf" not in html and "DEBUG" not in html

    status, html = answers["error"]
    assert status == 500
    assert "Ett fel har uppstått" in html
    assert "Traceback" not in html and "a bug" not in html and "RuntimeError" not in html

    status, css = answers["static"]
    assert status == 200 and "--brand" in css
    status, upload = answers["media"]
    assert status == 200 and upload == "en uppladdad fil"
