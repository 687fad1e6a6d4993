"""Editors' uploads on S3-compatible storage, against a real S3-speaking server on loopback
(moto in server mode): two app servers under production settings serve one upload, its
renditions and its document, and no file lands on an app server's disk."""

import re
import struct

import pytest
import requests

from home.demo import coat_of_arms_png

from .servers import AppServer, Visitor, production_env

PNG = b"\x89PNG\r\n\x1a\n"
PDF = b"%PDF-1.4\n% Protokoll fran namnden\n%%EOF\n"


@pytest.fixture
def var_dir(production_var):
    return production_var


@pytest.fixture
def servers(demo_site, s3_server, var_dir):
    started = []
    try:
        for _ in range(2):
            env = production_env(var_dir, AWS_S3_ADDRESSING_STYLE="path", **s3_server.env())
            started.append(AppServer(env).start())
        yield started
    finally:
        for server in started:
            server.stop()


def png_height(data):
    assert data.startswith(PNG)
    return struct.unpack(">I", data[20:24])[0]


def header_logo_src(html):
    tag = re.search(r'<img[^>]*class="site-header__logo"[^>]*>', html).group(0)
    return re.search(r'src="([^"]+)"', tag).group(1)


def test_two_app_servers_serve_one_upload_with_its_renditions(servers, s3_server, editor, var_dir):
    from wagtail.images.models import Image
    from wagtail.models import Site

    from home.models import MunicipalitySettings

    first, second = servers
    media_before = set((var_dir / "media").rglob("*")) if (var_dir / "media").exists() else set()
    person = Visitor(first.url)
    person.log_in(*editor)
    picture = coat_of_arms_png(height=150)
    person.upload_image("Nytt kommunvapen", picture, "nytt-kommunvapen.png")

    uploaded = Image.objects.get(title="Nytt kommunvapen")
    assert uploaded.file.name in s3_server.object_keys()
    # The site's logo becomes the upload (as the settings form saves it).
    site_settings = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.logo = uploaded
    site_settings.save()

    # The second server, which never saw the upload, makes the header's rendition from the
    # bucket and writes it there; its URL is the bucket's own, served without the app.
    src = header_logo_src(requests.get(second.url + "/", timeout=60).text)
    assert src.startswith(f"{s3_server.url}/{s3_server.bucket}/images/nytt-kommunvapen")
    assert src.removeprefix(f"{s3_server.url}/{s3_server.bucket}/") in s3_server.object_keys()
    rendition = requests.get(src, timeout=30)
    assert rendition.status_code == 200
    assert png_height(rendition.content) == 96
    # The first server finds the same rendition instead of making its own.
    assert header_logo_src(requests.get(first.url + "/", timeout=60).text) == src
    assert len([key for key in s3_server.object_keys() if ".height-96" in key]) == 1
    original = requests.get(f"{s3_server.url}/{s3_server.bucket}/{uploaded.file.name}", timeout=30)
    assert original.content == picture

    # Nothing of it on the app servers' own disk.
    media_after = set((var_dir / "media").rglob("*")) if (var_dir / "media").exists() else set()
    assert not {path for path in media_after - media_before if "kommunvapen" in path.name}


def test_a_document_uploaded_on_one_app_server_is_downloaded_from_the_other(
    servers, s3_server, editor
):
    from wagtail.documents.models import Document

    first, second = servers
    person = Visitor(first.url)
    person.log_in(*editor)
    person.upload_document("Nämndens protokoll", PDF, "protokoll.pdf")

    document = Document.objects.get(title="Nämndens protokoll")
    assert document.file.name in s3_server.object_keys()
    # Through the app (its privacy check), streamed from the bucket by the other server.
    download = requests.get(second.url + document.url, timeout=30)
    assert download.status_code == 200
    assert download.content == PDF
