"""Uploads on local disk under production settings: gunicorn serves no /media/, the reference
proxy of deploy/ (Debian's nginx) does, as files that never run as a page."""

import re
import tempfile
from pathlib import Path

import pytest
import requests

from home.demo import coat_of_arms_png

from .conftest import deploy_proxy
from .servers import AppServer, Visitor, production_env

SHOTS = Path(tempfile.gettempdir()) / "infra-shots"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def var_dir(production_var):
    return production_var


@pytest.fixture
def site(demo_site, proxy_installed, var_dir):
    app = AppServer(production_env(var_dir)).start()
    try:
        with deploy_proxy.ReverseProxy(app.address, media_root=var_dir / "media") as proxy:
            yield app, proxy
    finally:
        app.stop()


def header_logo_src(html):
    return re.search(r'<img[^>]*class="site-header__logo"[^>]*>', html).group(0)


def test_the_header_coat_of_arms_shows_through_the_proxy(site, browser):
    app, proxy = site
    home = requests.get(proxy.url + "/", timeout=30)
    assert home.status_code == 200
    src = re.search(r'src="([^"]+)"', header_logo_src(home.text)).group(1)
    assert src == "/media/images/angsby-kommunvapen.height-96.png"
    # gunicorn alone has nothing at that address: the proxy is what serves it.
    assert requests.get(app.url + src, timeout=30).status_code == 404

    image = requests.get(proxy.url + src, timeout=30)
    assert image.status_code == 200
    assert image.content.startswith(PNG)
    assert image.headers["Content-Type"] == "image/png"
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    assert image.headers["Cache-Control"] == "public, max-age=86400"
    assert "sandbox" in image.headers["Content-Security-Policy"]

    # As a person sees it: the image loads and has its size, it is not a broken icon.
    context = browser.new_context(base_url=proxy.url, locale="sv-SE")
    try:
        page = context.new_page()
        page.goto("/")
        logo = page.locator("img.site-header__logo")
        logo.wait_for()
        assert logo.evaluate("img => img.complete && img.naturalHeight") == 96
        SHOTS.mkdir(exist_ok=True)
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 800})
            page.screenshot(path=str(SHOTS / f"media-proxy-home-{width}.png"))
    finally:
        context.close()


def test_an_editors_upload_is_served_by_the_proxy(site, editor):
    from wagtail.images.models import Image

    _, proxy = site
    person = Visitor(proxy.url)
    person.log_in(*editor)
    picture = coat_of_arms_png(height=120)
    person.upload_image("Förskolans gård", picture, "forskolans-gard.png")

    uploaded = Image.objects.get(title="Förskolans gård")
    assert uploaded.file.url.startswith("/media/original_images/forskolans-gard")
    # Anyone, without a session, gets the very bytes the editor sent.
    served = requests.get(proxy.url + uploaded.file.url, timeout=30)
    assert served.status_code == 200
    assert served.content == picture
    assert served.headers["Content-Type"] == "image/png"

    # The admin listing's thumbnail is a rendition the app made; it is served too.
    listing = person.get("/admin/images/")
    thumbnail = re.search(r'src="(/media/images/forskolans-gard[^"]+)"', listing.text).group(1)
    rendition = requests.get(proxy.url + thumbnail, timeout=30)
    assert rendition.status_code == 200
    assert rendition.content.startswith(PNG)


def test_an_uploaded_file_is_never_served_as_a_page_or_script(site, var_dir):
    _, proxy = site
    media = var_dir / "media"
    (media / "original_images").mkdir(parents=True, exist_ok=True)
    (media / "original_images" / "not-a-picture.html").write_text("<script>alert('xss')</script>")
    (media / "original_images" / "drawing.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    for name in ("not-a-picture.html", "drawing.svg"):
        answer = requests.get(f"{proxy.url}/media/original_images/{name}", timeout=30)
        assert answer.status_code == 200
        assert answer.headers["Content-Type"] == "application/octet-stream"
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in answer.headers["Content-Security-Policy"]
    # Nothing but reading: no upload by PUT or POST to the folder.
    put = requests.put(f"{proxy.url}/media/original_images/x.png", data=b"x", timeout=30)
    assert put.status_code == 403


def test_documents_are_not_served_from_disk_past_their_privacy_check(site, var_dir):
    _, proxy = site
    folder = var_dir / "media" / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "protokoll.pdf").write_bytes(b"%PDF-1.4 restricted")
    answer = requests.get(proxy.url + "/media/documents/protokoll.pdf", timeout=30)
    assert answer.status_code == 404
