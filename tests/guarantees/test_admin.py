"""Editors write a guarantee in the admin: the fixed template, its validation and preview."""

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from guarantees.models import GuaranteePage

pytestmark = pytest.mark.django_db


def _commitment(title="Ditt barn får en egen kontaktpedagog.", expected_result=None):
    return {
        "title": title,
        "expected_result": (
            "Minst 90 procent av vårdnadshavarna vet vem som är barnets kontaktpedagog."
            if expected_result is None
            else expected_result
        ),
        "quality_criterion": "trygghet",
        "way_of_working": "Vid inskolningen presenterar sig kontaktpedagogen.",
        "follow_up_method": "Vårdnadshavarenkät varje vår.",
    }


def _form(service_area, commitments, **overrides):
    year = timezone.localdate().year
    data = {
        "title": "Förskolan Blåklinten",
        "slug": "forskolan-blaklinten",
        "unit_name": "",
        "provider": "",
        "idea": "Vi ger barnen en trygg och lärorik förskoletid nära naturen.",
        "commitments": inline_formset(commitments, min=1),
        "feedback_recipient": "Rektorn",
        "reply_working_days": "2",
        "remedy": "Vi rättar till det som blivit fel och berättar vad vi har gjort.",
        "escalation": "Barn- och utbildningsförvaltningen, telefon 0123-45 67 00.",
        "address": "Blåklintsvägen 2, Ängsby",
        "opening_hours": "Vardagar 6.30–18.00",
        "phone": "0123-45 68 10",
        "phone_hours": "Vardagar 8–16",
        "email": "blaklinten@angsby.example",
        "contact_person": "Rektor",
        "valid_from": f"{year}-01-01",
        "valid_to": f"{year}-12-31",
        "committee": str(service_area.committee.pk),
        "decision_date": f"{year - 1}-12-10",
        "record_number": f"BUN {year - 1}/318",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def _add_url(service_area):
    return f"/admin/pages/add/guarantees/guaranteepage/{service_area.pk}/"


def test_an_editor_creates_and_publishes_a_guarantee_in_the_admin(admin_client, service_area):
    data = _form(
        service_area,
        [_commitment(), _commitment("Du får veta hur ditt barns dag har varit.")],
        **{"action-publish": "action-publish"},
    )
    response = admin_client.post(_add_url(service_area), data)
    assert response.status_code == 302, response.context["form"].errors

    page = GuaranteePage.objects.get(slug="forskolan-blaklinten")
    assert page.live
    assert page.get_parent().pk == service_area.pk
    assert page.record_number.startswith("BUN ")
    assert [c.title for c in page.commitments.all()] == [
        "Ditt barn får en egen kontaktpedagog.",
        "Du får veta hur ditt barns dag har varit.",
    ]
    public = admin_client.get(page.url)
    assert "Du får veta hur ditt barns dag har varit." in public.content.decode()


def _errors(response):
    assert response.status_code == 200
    return response.context["form"], response.content.decode()


PUBLISH = {"action-publish": "action-publish"}


def test_the_admin_refuses_to_publish_a_guarantee_without_unit_commitments(
    admin_client, service_area
):
    response = admin_client.post(_add_url(service_area), _form(service_area, [], **PUBLISH))
    form, _html = _errors(response)
    assert not form.formsets["commitments"].is_valid()
    message = "En kvalitetsgaranti måste ha minst ett eget åtagande för enheten."
    assert form.formsets["commitments"].non_form_errors() == [message]
    assert not GuaranteePage.objects.filter(slug="forskolan-blaklinten").exists()


def test_a_draft_without_commitments_can_be_saved_but_not_published(admin_client, service_area):
    # Wagtail defers "at least one" for drafts so that work in progress is never lost.
    response = admin_client.post(_add_url(service_area), _form(service_area, []))
    assert response.status_code == 302
    page = GuaranteePage.objects.get(slug="forskolan-blaklinten")
    assert not page.live
    edit = f"/admin/pages/{page.pk}/edit/"
    data = _form(service_area, [], **PUBLISH)
    form, _html = _errors(admin_client.post(edit, data))
    assert not form.formsets["commitments"].is_valid()
    page.refresh_from_db()
    assert not page.live


def test_the_admin_refuses_a_commitment_without_expected_result(admin_client, service_area):
    data = _form(service_area, [_commitment(expected_result="")], **PUBLISH)
    form, _html = _errors(admin_client.post(_add_url(service_area), data))
    errors = form.formsets["commitments"].errors[0]
    assert "expected_result" in errors
    assert not GuaranteePage.objects.filter(slug="forskolan-blaklinten").exists()


def test_the_admin_refuses_a_validity_that_ends_before_it_starts(admin_client, service_area):
    year = timezone.localdate().year
    data = _form(
        service_area,
        [_commitment()],
        valid_from=f"{year}-06-01",
        valid_to=f"{year}-05-31",
        **PUBLISH,
    )
    form, html = _errors(admin_client.post(_add_url(service_area), data))
    assert form.errors["valid_to"] == ["Slutdatum måste vara efter startdatum."]
    assert "Slutdatum måste vara efter startdatum." in html
    assert not GuaranteePage.objects.filter(slug="forskolan-blaklinten").exists()


def test_the_admin_form_explains_the_template_in_swedish(admin_client, service_area):
    html = admin_client.get(_add_url(service_area)).content.decode()
    for text in [
        "Enheten och verksamhetsidén",
        "Enhetens åtaganden",
        "Rutiner för synpunkter och klagomål",
        "Beslut och giltighet",
        "Hur vi vet att löftet hölls",
        "Vad enheten gör när ett löfte inte hållits",
    ]:
        assert text in html, text


def test_preview_of_a_new_guarantee_renders_what_the_editor_typed(admin_client, service_area):
    url = f"{_add_url(service_area)}preview/"
    data = _form(service_area, [_commitment("Vi går ut varje dag, oavsett väder.")])
    posted = admin_client.post(url, data)
    assert posted.status_code == 200
    assert posted.json()["is_valid"] is True
    preview = admin_client.get(url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Vi går ut varje dag, oavsett väder." in html
    assert "Kommungemensamma åtaganden" in html
    assert "Områdesåtagande 1" in html


def test_preview_of_an_edited_guarantee_shows_the_unsaved_change(admin_client, guarantee):
    url = f"/admin/pages/{guarantee.pk}/edit/preview/"
    data = _form(
        guarantee.get_parent().specific,
        [_commitment("Ett nytt åtagande i utkastet.")],
        title=guarantee.title,
        slug=guarantee.slug,
    )
    assert admin_client.post(url, data).json()["is_valid"] is True
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert "Ett nytt åtagande i utkastet." in preview.content.decode()
    assert "Ett nytt åtagande i utkastet." not in admin_client.get(guarantee.url).content.decode()
