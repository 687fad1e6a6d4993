"""A web app on another origin calls Open311 from Chromium (issue 32): it reads the services
through CORS, and it may post only from an origin its key names.

The app's page comes from a second loopback HTTP server, on its own port: another origin than
the live server's, as a browser app on its own host would be.
"""

import http.server
import threading
from urllib.parse import urlsplit

import pytest

from feedback.models import Feedback
from open311.models import ApiClient

APP_PAGE = b"<!doctype html><html lang='sv'><title>Appen</title><p>Appen</p></html>"


class AppPage(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(APP_PAGE)

    def log_message(self, *args):
        pass


@pytest.fixture
def app_origins():
    """Two origins serving the app's page: (the one its key names, another)."""
    servers = [http.server.ThreadingHTTPServer(("127.0.0.1", 0), AppPage) for _ in range(2)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield [f"http://127.0.0.1:{server.server_port}" for server in servers]
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def app_page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def browser_key(db, app_origins):
    app = ApiClient(name="Webbappen", contact="webb@example.se", allowed_origins=app_origins[0])
    key = app.new_key()
    app.save()
    return key


READ = """async (url) => {
  const response = await fetch(url, {mode: "cors"});
  return {status: response.status, etag: response.headers.get("ETag"),
          limit: response.headers.get("X-RateLimit-Limit"), body: await response.json()};
}"""

POST = """async ([url, fields, preflight]) => {
  const headers = preflight ? {"Content-Type": "application/json"} : {};
  const body = preflight ? JSON.stringify(fields) : new URLSearchParams(fields);
  try {
    const response = await fetch(url, {method: "POST", mode: "cors", headers, body});
    return {status: response.status, body: await response.json()};
  } catch (error) {
    return {blocked: String(error)};
  }
}"""


def fields(guarantee, key):
    return {
        "api_key": key,
        "service_code": f"{guarantee.pk}-klagomal",
        "description": "Ingen svarade på mitt mejl.",
        "attribute[dimension]": "information",
    }


def test_a_page_on_another_origin_reads_the_services_and_posts_from_its_own_origin(
    live_server, guarantee, browser_key, app_origins, app_page
):
    app_page.goto(f"{app_origins[0]}/app.html")
    api = f"{live_server.url}/open311/v2"
    assert urlsplit(api).port != urlsplit(app_origins[0]).port

    read = app_page.evaluate(READ, f"{api}/services.json")
    assert read["status"] == 200 and read["etag"] and read["limit"]
    assert f"{guarantee.pk}-klagomal" in [s["service_code"] for s in read["body"]]

    posted = app_page.evaluate(
        POST, [f"{api}/requests.json", fields(guarantee, browser_key), False]
    )
    assert posted.get("status") == 200, posted
    reference = posted["body"][0]["service_request_id"]
    assert Feedback.objects.filter(reference=reference).exists()


def test_a_page_on_an_origin_the_key_does_not_name_reads_but_cannot_post(
    live_server, guarantee, browser_key, app_origins, app_page
):
    app_page.goto(f"{app_origins[1]}/app.html")
    api = f"{live_server.url}/open311/v2"

    read = app_page.evaluate(READ, f"{api}/services.json")
    assert read["status"] == 200

    # Without a preflight the request reaches the server, which refuses it; the page may
    # not read the answer. With one (a JSON body), the preflight is refused first.
    for preflight in (False, True):
        posted = app_page.evaluate(
            POST, [f"{api}/requests.json", fields(guarantee, browser_key), preflight]
        )
        assert "blocked" in posted and "Failed to fetch" in posted["blocked"], posted
    assert not Feedback.objects.exists()
