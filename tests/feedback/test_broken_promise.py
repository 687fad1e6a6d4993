"""A broken promise names its remedy: the form says what is being reported, the case keeps the
promise as it stood, and the receipt and its mail repeat what the guarantee promises then."""

import re

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from feedback.models import Feedback, Kind
from feedback.workdays import add_working_days
from outbox.models import Message

from .conftest import form_data

pytestmark = pytest.mark.django_db

REMEDY = {
    "remedy": "Vi förklarar vad som hänt och rättar till det.",
    "remedy_contact": "Förskolans rektor",
    "remedy_contact_days": 2,
    "remedy_compensation": "Du kan få avgiften nedsatt för de dagar ditt barn inte fick omsorg.",
}


@pytest.fixture
def unit(service_area):
    from tests.factories import make_guarantee

    return make_guarantee(
        service_area,
        title="Förskolan Vitsippan",
        contact_person="Eva Ek, rektor",
        phone="0123-45 61 20",
        email="vitsippan@example.se",
        **REMEDY,
    )


def unit_url(unit):
    return f"/synpunkter/enhet/{unit.pk}/skicka/"


def report_broken_promise(client, unit, commitment, **overrides):
    """Send a complaint about `commitment`; returns the receipt page's HTML."""
    url = unit_url(unit)
    data = form_data(client, url, kind=Kind.COMPLAINT, commitment=str(commitment.pk), **overrides)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


def contact_by():
    """The day the remedy promises contact by: two working days from today, Swedish."""
    day = add_working_days(timezone.localdate(), 2)
    return date_format(day, "l j F")


def test_the_form_says_plainly_that_a_broken_promise_is_reported_with_the_whole_promise(
    client, unit
):
    commitment = unit.commitments.first()
    commitment.title = (
        "Ditt barn har en egen kontaktpedagog som du kan prata med varje dag när du lämnar "
        "och hämtar, och som ringer dig samma dag om något har hänt."
    )
    commitment.save()
    html = client.get(f"{unit.url}?atagande={commitment.pk}").content.decode()
    notice = re.search(r"<div class=\"notice broken-promise\"[^>]*>(.*?)</div>", html, re.S)
    assert notice and " hidden" not in notice.group(0).split(">")[0]
    assert "Du anmäler att vi inte har hållit ett löfte" in notice.group(1)
    assert commitment.title in notice.group(1)  # the whole promise, not cut off
    assert "Förskolans rektor hör av sig till dig inom två arbetsdagar." in notice.group(1)
    assert REMEDY["remedy_compensation"] in notice.group(1)
    # Each promise is a radio with its whole sentence as the label, not a list box.
    assert re.search(
        rf'<input type="radio" name="commitment" value="{commitment.pk}"[^>]*checked', html
    )
    assert "<select" not in re.search(r"<form[^>]*feedback-form.*?</form>", html, re.S).group(0)


def test_the_notice_waits_hidden_until_a_complaint_names_a_promise(client, unit):
    html = client.get(unit.url).content.decode()
    notice = re.search(r"<div class=\"notice broken-promise\"([^>]*)>", html)
    assert notice and "hidden" in notice.group(1)
    assert "broken-promise.js" in html


def test_the_case_keeps_the_promise_and_remedy_as_they_stood_when_reported(client, unit):
    commitment = unit.commitments.first()
    promised = commitment.title
    report_broken_promise(client, unit, commitment)
    # The unit then rewrites the promise and its remedy, and publishes.
    draft = unit.get_latest_revision_as_object()
    draft.remedy_contact = "Någon annan"
    draft.remedy_compensation = ""
    draft.remedy_contact_days = 10
    commitments = list(draft.commitments.all())
    commitments[0].title = "Ett helt annat löfte."
    draft.commitments = commitments
    draft.save_revision().publish()
    assert unit.commitments.model.objects.filter(title="Ett helt annat löfte.").exists()

    case = Feedback.objects.get()
    assert case.promise == promised
    assert (case.remedy_contact, case.remedy_contact_days) == ("Förskolans rektor", 2)
    assert case.remedy_compensation == REMEDY["remedy_compensation"]
    # The resident's receipt still says what was reported and promised.
    receipt = client.get(f"/synpunkter/kvitto/{case.reference}/").content.decode()
    assert promised in receipt and "Ett helt annat löfte." not in receipt
    assert "Förskolans rektor hör av sig" in receipt and "Någon annan" not in receipt


def test_the_receipt_repeats_what_the_guarantee_promises_and_leads_back_to_it(client, unit):
    commitment = unit.commitments.first()
    receipt = report_broken_promise(client, unit, commitment)
    section = re.search(r"<section[^>]*data-broken-promise>(.*?)</section>", receipt, re.S)
    assert section, "the receipt names the broken promise"
    text = section.group(1)
    assert "Löftet som vi inte höll" in text and commitment.title in text
    assert (
        f"Förskolans rektor hör av sig till dig inom två arbetsdagar, senast {contact_by()}."
        in text
    )
    assert REMEDY["remedy_compensation"] in text
    assert REMEDY["remedy"] in text
    back = re.search(r'<a href="([^"]+)" data-guarantee-link>([^<]+)</a>', receipt)
    assert back and back.group(1) == unit.url
    assert back.group(2) == "Tillbaka till kvalitetsgarantin för Förskolan Vitsippan"


def test_the_mail_repeats_the_remedy_greets_by_name_and_is_signed_by_the_unit(client, unit):
    commitment = unit.commitments.first()
    report_broken_promise(client, unit, commitment, name="Anna Svensson")
    body = Message.objects.get(to="anna@example.se").body
    assert body.startswith("Hej Anna Svensson!\n")
    assert "Du har anmält att vi inte har hållit det här löftet:\n" + commitment.title in body
    assert (
        "Det här lovar vi när vi inte har hållit ett löfte:\n"
        f"Förskolans rektor hör av sig till dig inom två arbetsdagar, senast {contact_by()}.\n"
        f"Ersättning: {REMEDY['remedy_compensation']}\n"
        f"{REMEDY['remedy']}\n"
    ) in body
    assert f"http://127.0.0.1:8000{unit.url}" in body  # the way back to the guarantee
    assert body.rstrip().endswith(
        "Vänliga hälsningar\n"
        "Förskolan Vitsippan\n"
        "Eva Ek, rektor\n"
        "0123-45 61 20 · vitsippan@example.se"
    )


def test_a_mail_without_a_name_greets_with_hej_alone(client, unit):
    url = unit_url(unit)
    client.post(url, form_data(client, url, name=""))
    body = Message.objects.get(to="anna@example.se").body
    assert body.startswith("Hej!\n")
    assert "Vänliga hälsningar\nFörskolan Vitsippan\n" in body


def test_a_complaint_without_a_promise_and_praise_of_one_name_no_remedy(client, unit):
    url = unit_url(unit)
    client.post(url, form_data(client, url, kind=Kind.COMPLAINT))
    receipt = client.get(
        client.post(
            url,
            form_data(
                Client(),
                url,
                kind=Kind.PRAISE,
                commitment=str(unit.commitments.first().pk),
                message="Tack för att ni höll löftet!",
            ),
        )["Location"]
    )
    assert receipt.status_code == 200
    assert "data-broken-promise" not in receipt.content.decode()
    for body in Message.objects.filter(to="anna@example.se").values_list("body", flat=True):
        assert "Det här lovar vi när vi inte har hållit ett löfte" not in body


@pytest.mark.parametrize("value", ["abc", "²", "99999999999999999999", "-1", "1.5", "1 OR 1=1"])
def test_a_forged_promise_is_refused_in_swedish(client, unit, value):
    url = unit_url(unit)
    response = Client(raise_request_exception=False).post(
        url, form_data(client, url, kind=Kind.COMPLAINT, commitment=value)
    )
    assert response.status_code == 400
    assert "Välj ett av löftena i listan." in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_guarantee_page_shows_the_remedy_in_parts(client, unit):
    html = client.get(unit.url).content.decode()
    section = re.search(r'aria-labelledby="om-vi-inte-haller">(.*?)</section>', html, re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section.group(1)))
    assert "Hör av sig till dig Förskolans rektor, inom två arbetsdagar" in text
    assert "Ersättning " + REMEDY["remedy_compensation"] in text


def test_the_handler_reads_the_promise_and_what_was_promised_for_it(client, unit, make_handler):
    handler = make_handler("hanna", unit, email="hanna@example.se")
    commitment = unit.commitments.first()
    report_broken_promise(client, unit, commitment)
    case = Feedback.objects.get()
    notice = Message.objects.get(to="hanna@example.se").body
    assert f"Löftet som inte hölls: {commitment.title}" in notice
    staff = Client()
    staff.force_login(handler)
    page = staff.get(f"/admin/synpunkter/inkorg/{case.pk}/").content.decode()
    shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert f"Löftet som inte hölls {commitment.title}" in shown
    assert "Vi har lovat den som anmäler Förskolans rektor hör av sig till dig inom två" in shown
