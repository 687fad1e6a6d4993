"""Wagtail 8's admin views that answered 500 to a malformed request (found by the URL sweep)
answer 4xx, or their form's error, instead: home/middleware.py and home/admin_repairs.py."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.test import Client, RequestFactory
from django.utils.datastructures import MultiValueDict, MultiValueDictKeyError

from home.middleware import raised_by_request_data
from tests.quality.test_transport import assert_swedish_error_page

BAD_REQUEST = "Felaktig förfrågan"
NOT_AN_IMAGE = b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048  # a PNG's signature, then nothing


@pytest.fixture
def superuser(home_page):
    return get_user_model().objects.create_superuser("reparatör", "r@angsby.example", "lösen-123")


@pytest.fixture
def admin(superuser):
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    return client


def test_a_form_field_missing_from_the_post_is_a_swedish_400(admin, home_page, guarantee):
    # Wagtail's copy view reads POST["new_parent_page"] without asking.
    response = admin.post(f"/admin/pages/{guarantee.pk}/copy/", {"new_title": "Kopia"})
    assert_swedish_error_page(response, 400, BAD_REQUEST, admin=True)
    # The image uploader reads FILES["files[]"]: the same class, the same answer.
    upload = SimpleUploadedFile("bild.png", NOT_AN_IMAGE, "image/png")
    response = admin.post("/admin/images/multiple/add/", {"file": upload})
    assert_swedish_error_page(response, 400, BAD_REQUEST, admin=True)


def test_only_the_requests_own_data_counts_as_a_missing_field():
    request = RequestFactory().post("/admin/", {"a": "1"})
    request.POST  # noqa: B018 - parse, as a view would
    for data, expected in ((request.POST, True), (request.GET, True), (MultiValueDict(), False)):
        with pytest.raises(MultiValueDictKeyError) as caught:
            data["saknas"]
        assert raised_by_request_data(request, caught.value) is expected
    with pytest.raises(MultiValueDictKeyError) as caught:
        QueryDict("a=1")["saknas"]  # a copy of request data is the code's own
    assert not raised_by_request_data(request, caught.value)


@pytest.mark.parametrize("target", ["²", "abc", "-1", "%3Cscript%3E"])
def test_a_next_that_names_no_url_is_a_swedish_400(admin, target):
    # Logged in, Wagtail's login page redirect()s to next, which took a word for a URL name.
    response = admin.get(f"/admin/login/?next={target}")
    assert_swedish_error_page(response, 400, BAD_REQUEST, admin=True)


def test_a_next_that_is_a_path_still_leads_there(admin):
    response = admin.get("/admin/login/?next=/admin/pages/")
    assert (response.status_code, response["Location"]) == (302, "/admin/pages/")


def test_the_external_link_chooser_without_a_url_says_it_is_required(admin):
    response = admin.post("/admin/choose-external-link/", {"external-link-chooser-link_text": "x"})
    assert response.status_code == 200
    assert response.json()["step"] == "external_link"  # the form again, with its error
    ok = admin.post("/admin/choose-external-link/", {"external-link-chooser-url": "/sok/"})
    assert ok.json()["step"] == "external_link_chosen"


def test_an_undecodable_image_is_refused_by_the_form(admin, superuser):
    from wagtail.images.models import Image

    upload = SimpleUploadedFile("bild.png", NOT_AN_IMAGE, "image/png")
    response = admin.post("/admin/images/add/", {"title": "Trasig", "file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Image.objects.exists()


def test_a_document_outside_the_extension_list_gets_its_error_in_the_multiple_editor(
    admin, settings, tmp_path
):
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = str(tmp_path)
    document = Document.objects.create(title="Gammal", file=ContentFile(b"x", name="gammal.png"))
    response = admin.post(
        f"/admin/documents/multiple/{document.pk}/", {f"doc-{document.pk}-title": "Ny titel"}
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    document.refresh_from_db()
    assert document.title == "Gammal"


@pytest.mark.parametrize("page", ["abc", "%C2%B2", "-1", "99999"])
def test_the_workflow_editor_reads_any_page_number(admin, page):
    from wagtail.models import Workflow

    workflow = Workflow.objects.create(name="Nämndens granskning")
    response = admin.get(f"/admin/workflows/edit/{workflow.pk}/?p={page}")
    assert response.status_code == 200


def test_the_redirect_import_confirmed_without_an_import_is_a_swedish_400(admin):
    response = admin.post("/admin/redirects/import/process/", {"from_index": "0"})
    assert_swedish_error_page(response, 400, BAD_REQUEST, admin=True)


def test_a_snippet_chooser_without_a_creation_form_creates_nothing(admin):
    from guarantees.models import Committee

    response = admin.post(
        "/admin/snippets/choose/guarantees/committee/create/", {"name": "Ny nämnd"}
    )
    assert response.status_code == 404
    assert not Committee.objects.filter(name="Ny nämnd").exists()


@pytest.mark.parametrize(
    "path",
    [
        # Wagtail filters by locale in the database: DataError from PostgreSQL, a 500.
        "/admin/choose-page/?locale=%00",
        "/admin/pages/usage/guarantees/guaranteepage/?locale=%00",
        "/admin/pages/search/?q=%00",
        "/admin/pages/?ordering=a&%00=1",
    ],
)
def test_a_nul_character_in_an_admin_query_is_a_swedish_400(admin, path):
    response = admin.get(path)
    assert_swedish_error_page(response, 400, BAD_REQUEST, admin=True)


def test_a_nul_character_in_an_admin_form_is_a_swedish_400_and_nothing_is_stored(admin):
    from wagtail.contrib.redirects.models import Redirect

    response = admin.post(
        "/admin/redirects/add/",
        {"old_path": "/gammal\x00", "redirect_link": "https://angsby.example/ny/"},
    )
    assert_swedish_error_page(response, 400, BAD_REQUEST, admin=True)
    assert not Redirect.objects.exists()
    # The same form without the NUL is taken: the refusal is about the character.
    response = admin.post(
        "/admin/redirects/add/",
        {"old_path": "/gammal", "redirect_link": "https://angsby.example/ny/"},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Redirect.objects.filter(old_path="/gammal").exists()


@pytest.fixture
def translated_override(guarantee):
    """The unit's guarantee translated with wagtail-localize, and a segment its editor can
    override (a link or an image in the page)."""
    from wagtail_localize.models import OverridableSegment, Translation

    from tests.factories import in_every_language

    in_every_language(guarantee)
    record = Translation.objects.filter(source__object_id=guarantee.translation_key).first()
    segment = OverridableSegment.objects.filter(source=record.source).first()
    assert segment is not None
    return record, segment


@pytest.mark.parametrize(
    "body",
    [
        {"data": '{"varde": "x"}', "content_type": "application/json"},
        {"data": "varde=x", "content_type": "application/x-www-form-urlencoded"},
    ],
    ids=["json", "urlencoded"],
)
def test_a_translation_override_without_its_value_is_a_swedish_400(
    admin, translated_override, body
):
    """wagtail-localize's string editor (a Django REST framework view) reads
    `request.POST["value"]` of its own request object: the same missing field, the same 400."""
    from wagtail_localize.models import SegmentOverride

    record, segment = translated_override
    url = f"/admin/localize/translate/{record.pk}/overrides/{segment.pk}/edit/"
    response = admin.put(url, **body)
    assert_swedish_error_page(response, 400, BAD_REQUEST, admin=True)
    assert not SegmentOverride.objects.exists()
    # With its value, as the editor sends it, the override is stored.
    response = admin.put(
        url, data="value=%2Fny-lank%2F", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 201
    assert SegmentOverride.objects.get().data_json == '"/ny-lank/"'
