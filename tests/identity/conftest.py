"""A real OpenID Connect provider on loopback (panva's oidc-provider, tests/identity/provider.mjs)
and the settings that point the site at it."""

import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

PROVIDER_SCRIPT = Path(__file__).with_name("provider.mjs")
LOA2 = "http://id.elegnamnden.se/loa/1.0/loa2"
LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"
GROUP_MAP = {
    "kvalitet-synpunkter": "Synpunktshandläggare",
    "kvalitet-moderator": "Moderator för e-förslag",
    "kvalitet-namnd": "Nämndens granskare",
    "kvalitet-strateg": "Kvalitetsstrateg",
    "kvalitet-redaktor": "Enhetsredaktör",
    "kvalitet-jury": "Jury för kvalitetspriset",
}
# The test persons' personal identity numbers (provider.mjs): none may be stored anywhere.
PERSONAL_NUMBERS = {"anna": "199001012385", "bertil": "198112289874", "svag": "197802022389"}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TestProvider:
    def __init__(self, process, issuer):
        self.process = process
        self.issuer = issuer

    def set_clock(self, offset_seconds):
        """Move the provider's clock: a provider running behind issues expired tokens."""
        answer = requests.post(
            f"{self.issuer}/_test/clock", data=json.dumps({"offset": offset_seconds}), timeout=5
        )
        assert answer.json() == {"offset": offset_seconds}


@pytest.fixture(scope="session")
def oidc_provider(live_server):
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js not found; `make test` needs it for the test identity provider.")
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        [node, str(PROVIDER_SCRIPT), str(port), live_server.url],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while True:  # poll the discovery document until the provider answers
        try:
            answer = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1)
            if answer.ok and answer.json()["issuer"] == issuer:
                break
        except requests.RequestException:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            output = process.stdout.read().decode() if process.poll() is not None else ""
            process.kill()
            pytest.fail(f"the test OpenID provider did not start: {output}")
        time.sleep(0.05)
    yield TestProvider(process, issuer)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def identity_settings(settings, oidc_provider, live_server):
    """The site signs residents and staff in at the test provider."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.IDENTITY_RESIDENT = {
        "ISSUER": oidc_provider.issuer,
        "CLIENT_ID": "kvalitet-invanare",
        "CLIENT_SECRET": "invanare-hemlighet",
        "SCOPES": "openid profile https://id.oidc.se/scope/naturalPersonNumber",
        "ID_CLAIM": "https://id.oidc.se/claim/personalIdentityNumber",
        "NAME_CLAIM": "name",
        "ACR": LOA3,
    }
    settings.IDENTITY_STAFF = {
        "ISSUER": oidc_provider.issuer,
        "CLIENT_ID": "kvalitet-personal",
        "CLIENT_SECRET": "personal-hemlighet",
        "SCOPES": "openid profile email groups",
        "GROUPS_CLAIM": "groups",
    }
    settings.IDENTITY_STAFF_GROUP_MAP = GROUP_MAP
    csp = json.loads(json.dumps(settings.CONTENT_SECURITY_POLICY))
    csp["DIRECTIVES"]["form-action"].append(oidc_provider.issuer)
    settings.CONTENT_SECURITY_POLICY = csp
    oidc_provider.set_clock(0)
    return settings


def sign_in_at_provider(page, account):
    """Fill the provider's login form (any password) as a person would."""
    page.wait_for_selector("input[name=login]")
    page.fill("input[name=login]", account)
    page.fill("input[name=password]", "valfritt")
    page.click("button[type=submit]")


def sign_at_provider_by_http(authorization_url, account, cancel=False):
    """Sign in at the provider (or cancel there) as a browser would, without one: the path and
    query it sends the resident back with (for a Django test client to follow)."""
    from urllib.parse import urlsplit

    with requests.Session() as browser:
        answer = browser.get(authorization_url, timeout=10)
        assert 'name="login"' in answer.text, answer.text
        if cancel:
            answer = browser.get(f"{answer.url}/abort", allow_redirects=False, timeout=10)
        else:
            answer = browser.post(
                answer.url,
                data={"prompt": "login", "login": account, "password": "valfritt"},
                allow_redirects=False,
                timeout=10,
            )
        while "/inloggning/" not in answer.headers.get("location", ""):
            assert answer.status_code in (302, 303), answer.text
            answer = browser.get(answer.headers["location"], allow_redirects=False, timeout=10)
    back = urlsplit(answer.headers["location"])
    return f"{back.path}?{back.query}"
