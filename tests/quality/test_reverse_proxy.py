"""The reference reverse proxy of deploy/ (Debian's nginx with its purge module), started for
real in front of the live server: what it keeps, what it never keeps, and that Wagtail's
frontend cache purges what an editor's change alters."""

import importlib.util
import re
import subprocess
from pathlib import Path

import pytest
import requests
from django.test import Client

from feedback.models import Feedback
from tests.factories import make_guarantee, make_service_area

ROOT = Path(__file__).resolve().parents[2]


def _deploy_proxy():
    spec = importlib.util.spec_from_file_location("deploy_proxy", ROOT / "deploy" / "proxy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


deploy_proxy = _deploy_proxy()


def site_host():
    """The default Site's hostname: the Host a browser sends, and the one Wagtail's PURGE
    names (the Site record follows the site's configured address)."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).hostname


@pytest.fixture(scope="module")
def proxy_installed():
    try:
        deploy_proxy.ensure_installed()
    except subprocess.CalledProcessError:
        pytest.fail("The reverse proxy is missing; `make test` installs it (bin/ensure-proxy).")


@pytest.fixture
def proxy(proxy_installed, live_server, settings):
    upstream = live_server.url.removeprefix("http://")
    with deploy_proxy.ReverseProxy(upstream) as running:
        settings.WAGTAILFRONTENDCACHE = {
            "proxy": {"BACKEND": "home.frontend_cache.ProxyBackend", "LOCATION": running.url}
        }
        yield running


@pytest.fixture
def area_with_units(home_page):
    area = make_service_area(home_page, title="Grundskola")
    units = [make_guarantee(area, title=f"Skola {name}") for name in ("Norr", "Söder")]
    return area, units


def get(proxy, path, **headers):
    # The Host a browser would send for the site, so the proxy's key is the one Wagtail's
    # PURGE names (the site's hostname and the page's path).
    return requests.get(proxy.url + path, headers={"Host": site_host(), **headers}, timeout=20)


def test_a_second_anonymous_get_is_a_hit_with_the_same_bytes(proxy, guarantee):
    first = get(proxy, guarantee.url)
    second = get(proxy, guarantee.url)
    assert first.status_code == second.status_code == 200
    assert first.headers["X-Cache-Status"] == "MISS"
    assert second.headers["X-Cache-Status"] == "HIT"
    assert first.content == second.content
    assert "s-maxage" in first.headers["Cache-Control"]
    assert "Set-Cookie" not in first.headers


def test_a_logged_in_get_is_never_cached(proxy, guarantee, django_user_model):
    editor = django_user_model.objects.create_user("redaktor", "r@example.se", "pw")
    client = Client()
    client.force_login(editor)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    for _ in range(2):
        response = get(proxy, guarantee.url, Cookie=cookie)
        assert response.headers["X-Cache-Status"] == "BYPASS"
        assert "no-store" in response.headers["Cache-Control"]
    # Nor was the logged-in answer stored for anyone else.
    assert get(proxy, guarantee.url).headers["X-Cache-Status"] == "MISS"


def test_the_form_key_endpoint_is_never_cached(proxy, guarantee):
    answers = [get(proxy, "/synpunkter/formular-nyckel/") for _ in range(2)]
    assert [a.headers["X-Cache-Status"] for a in answers] == ["MISS", "MISS"]
    assert answers[0].json()["key"] != answers[1].json()["key"]


def test_publishing_an_area_commitment_reaches_every_guarantee_of_the_area(proxy, area_with_units):
    area, units = area_with_units
    for unit in units:
        get(proxy, unit.url)
        cached = get(proxy, unit.url)
        assert cached.headers["X-Cache-Status"] == "HIT"
        assert "Vi lyssnar på varje elev" not in cached.text

    # As the editor's form does: the area's commitments are its cluster's children.
    commitments = list(area.commitments.all())
    commitments[0].title = "Vi lyssnar på varje elev"
    area.commitments = commitments
    area.save_revision().publish()

    for unit in units:
        fresh = get(proxy, unit.url)
        assert fresh.headers["X-Cache-Status"] == "MISS"
        assert "Vi lyssnar på varje elev" in fresh.text


def test_two_residents_on_one_cached_page_get_two_cases(proxy, guarantee):
    """The cached HTML carries no key: each resident's script fetches one of its own."""
    pages = [get(proxy, guarantee.url) for _ in range(2)]
    assert pages[1].headers["X-Cache-Status"] == "HIT"
    assert pages[0].content == pages[1].content
    assert not re.search(r'name="form_key" value="[^"]', pages[0].text)
    action = re.search(r'<form method="post" action="([^"]+)"', pages[0].text).group(1)
    references = set()
    for name in ("Anna", "Bo"):
        resident = requests.Session()
        key = resident.get(
            proxy.url + "/synpunkter/formular-nyckel/", headers={"Host": site_host()}, timeout=20
        ).json()["key"]
        response = resident.post(
            proxy.url + action,
            {
                "kind": "synpunkt",
                "dimension": "bemotande",
                "message": f"{name} tycker att personalen är vänlig.",
                "anonymous": "on",
                "form_key": key,
                "website": "",
            },
            headers={"Host": site_host(), "Origin": f"http://{site_host()}"},
            allow_redirects=False,
            timeout=20,
        )
        assert response.status_code == 302, response.text
        references.add(response.headers["Location"])
    assert len(references) == 2
    assert Feedback.objects.count() == 2
