"""Two app servers, one count: the rate limit lives in the cache every process shares."""

import http.cookiejar
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from feedback.models import Feedback
from home.resident_input import rate_limit_counts

from .conftest import form_data

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = urllib.parse.quote(db["PASSWORD"] or "")
    auth = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class AppServer:
    """One gunicorn process with one worker on a loopback port, against the test database."""

    def __init__(self):
        self.port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "CONN_MAX_AGE": "0",
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--log-level",
                "info",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Gunicorn logs "Listening at" once its socket is bound; requests wait in the backlog
        # until the worker has booted, so no polling is needed.
        for line in self.process.stderr:
            if "Listening at" in line:
                break
        else:
            raise RuntimeError("gunicorn did not start")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.process.stderr.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie-keeping client that talks to any of the servers (cookies ignore the port)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def get(self, url):
        with self.opener.open(url, timeout=60) as response:
            return response.read().decode()

    def post(self, url, data):
        request = urllib.request.Request(  # noqa: S310 - our own loopback server
            url, data=urllib.parse.urlencode(data).encode(), headers={"Referer": url}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            error.read()
            return error.code


class FormPage:
    """Lets tests/feedback/conftest.form_data read a form from a real server; keeps the page
    so that its CSRF token can be sent back."""

    def __init__(self, browser):
        self.browser = browser
        self.html = ""

    def get(self, url):
        self.html = self.browser.get(url)
        return type("Response", (), {"content": self.html.encode()})


@pytest.fixture
def servers(transactional_db):
    started = [AppServer(), AppServer()]
    yield started
    for server in started:
        server.stop()
    rate_limit_counts().clear()  # the counts live in the test database's cache table


def test_two_app_servers_count_one_client_once(servers, guarantee):
    browser = Browser()
    path = f"/synpunkter/enhet/{guarantee.pk}/skicka/"
    statuses = []
    for i in range(12):
        server = servers[i % 2]
        page = FormPage(browser)
        # Different words each time: the same words again would be a resubmission.
        data = form_data(page, server.url + path, message=f"Synpunkt nummer {i} om hämtningen.")
        statuses.append(browser.post(server.url + path, data))
    assert statuses == [302] * 10 + [429, 429]
    assert Feedback.objects.count() == 10
