"""The resident's side without a browser: form, receipt, tracking, and hostile input."""

import re

import pytest
from django.core import mail
from django.db.models import F
from django.test import Client, override_settings

from feedback.models import Feedback, Kind, Status
from outbox.models import Message

from .conftest import form_data

pytestmark = pytest.mark.django_db


def unit_url(unit):
    return f"/synpunkter/enhet/{unit.pk}/skicka/"


def test_guarantee_page_embeds_the_feedback_form(client, guarantee):
    html = client.get(guarantee.url).content.decode()
    assert 'id="lamna-synpunkt"' in html
    assert f'action="{unit_url(guarantee)}"' in html
    assert "Så använder vi dina personuppgifter" in html
    assert 'name="website"' in html  # the honeypot


def test_atagande_parameter_preselects_commitment_and_complaint(client, guarantee):
    commitment = guarantee.commitments.first()
    html = client.get(f"{guarantee.url}?atagande={commitment.pk}").content.decode()
    assert re.search(
        rf'<input type="radio" name="commitment" value="{commitment.pk}"[^>]*checked', html
    )
    assert re.search(r'value="klagomal"[^>]*checked', html)


def test_atagande_of_another_unit_is_ignored(client, guarantee, other_unit):
    foreign = other_unit.commitments.first()
    html = client.get(f"{guarantee.url}?atagande={foreign.pk}").content.decode()
    assert f'value="{foreign.pk}"' not in html
    assert not re.search(r'value="klagomal"[^>]*checked', html)


@pytest.mark.parametrize("value", ["%C2%B2", "%D9%A1", "99999999999999999999", "-1", "1e3", "%00"])
@pytest.mark.parametrize("where", ["guarantee", "unit form", "general form"])
def test_hostile_preselect_parameters_are_ignored_not_a_500(client, guarantee, where, value):
    """ "²".isdigit() is true and int("²") fails: parameters are read through a form."""
    path = {
        "guarantee": f"{guarantee.url}?atagande={value}",
        "unit form": f"{unit_url(guarantee)}?atagande={value}",
        "general form": f"/synpunkter/?enhet={value}",
    }[where]
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 200
    assert not re.search(r'value="klagomal"[^>]*checked', response.content.decode())


def test_submit_stores_case_and_shows_receipt_and_tracking_link(client, guarantee):
    url = unit_url(guarantee)
    response = client.post(url, form_data(client, url))
    assert response.status_code == 302
    case = Feedback.objects.get()
    assert re.fullmatch(r"SYN-\d{4}-\d{6}", case.reference)
    assert case.unit == guarantee and case.status == Status.NEW
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert case.reference in html
    assert receipt["Referrer-Policy"] == "no-referrer"
    # The private link is built from the site's configured address, not the request's Host.
    tracking = re.search(r'href="(http://127.0.0.1:8000/synpunkter/arende/[^"]+)"', html).group(1)
    track = Client().get(tracking)  # another browser with only the link
    assert track.status_code == 200
    assert track["X-Robots-Tag"] == "noindex"
    assert track["Referrer-Policy"] == "no-referrer"
    body = track.content.decode()
    assert "Ny" in body and case.reference in body
    assert "anna@example.se" not in body and "Anna Svensson" not in body
    assert "vänlig" not in body  # the message is not shown


def test_submit_sends_receipt_and_handler_notice_after_commit(
    client, guarantee, make_handler, django_capture_on_commit_callbacks
):
    make_handler("handlaggare", guarantee, email="h@example.se")
    url = unit_url(guarantee)
    data = form_data(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["anna@example.se", "h@example.se"]
    receipt = next(m for m in mail.outbox if m.to == ["anna@example.se"])
    assert "/synpunkter/arende/" in receipt.body


def test_anonymous_submit_keeps_no_contact_data_and_promises_no_reply(client, guarantee):
    url = unit_url(guarantee)
    data = form_data(client, url, anonymous="on", name="", email="", wants_reply="")
    receipt = client.get(client.post(url, data)["Location"]).content.decode()
    case = Feedback.objects.get()
    assert case.anonymous and case.name == "" and case.email == "" and not case.wants_reply
    assert "Vi svarar senast" not in receipt
    assert "Du är anonym, så vi kan inte svara dig." in receipt


def test_contact_details_given_with_anonym_ticked_are_refused_at_each_field(client, guarantee):
    url = unit_url(guarantee)
    response = client.post(url, form_data(client, url, anonymous="on", phone="070-123 45 67"))
    html = response.content.decode()
    assert response.status_code == 400 and not Feedback.objects.exists()
    assert html.startswith("<!DOCTYPE html>") and "<title>Fel: " in html
    for field, words in [
        ("email", "Ta bort e-postadressen, eller kryssa ur ”Jag vill vara anonym”"),
        ("phone", "Ta bort telefonnumret, eller kryssa ur ”Jag vill vara anonym”"),
        ("name", "Ta bort ditt namn, eller kryssa ur ”Jag vill vara anonym”"),
        ("wants_reply", "Vi kan inte svara dig när du är anonym."),
    ]:
        error = re.search(rf'<p class="field-error" id="id_{field}_error">(.*?)</p>', html, re.S)
        assert error and words in error.group(1), field
        # The summary links to the field, and the field is described by its message.
        assert f'<a href="#id_{field}">' in html
        assert re.search(rf'id="id_{field}"[^>]*aria-describedby="[^"]*id_{field}_error', html) or (
            re.search(rf'aria-describedby="[^"]*id_{field}_error[^>]*id="id_{field}"', html)
        )


@pytest.mark.parametrize(
    "kind, heading, subject",
    [
        (Kind.OPINION, "Tack för din synpunkt", "Vi har tagit emot din synpunkt"),
        (Kind.COMPLAINT, "Vi har tagit emot ditt klagomål", "Vi har tagit emot ditt klagomål"),
        (Kind.PRAISE, "Tack för ditt beröm", "Vi har tagit emot ditt beröm"),
        (Kind.SUGGESTION, "Tack för ditt förslag", "Vi har tagit emot ditt förslag"),
    ],
)
def test_receipt_and_its_mail_speak_of_the_kind_that_was_sent(
    client, guarantee, kind, heading, subject
):
    url = unit_url(guarantee)
    html = client.get(client.post(url, form_data(client, url, kind=kind))["Location"]).content
    html = html.decode()
    assert f"<h1>{heading}</h1>" in html and f"<title>{heading} – " in html
    others = {"Tack för din synpunkt", "Tack för ditt beröm", "Tack för ditt förslag"} - {heading}
    assert not any(other in html for other in others)
    letter = Message.objects.get(to="anna@example.se")
    case = Feedback.objects.get()
    assert letter.subject == f"{subject} {case.reference}"
    assert f"{heading}. Ärendet har referensnumret {case.reference}." in letter.body


def test_receipt_and_mail_hold_a_copy_of_what_was_sent(client, guarantee):
    commitment = guarantee.commitments.first()
    url = unit_url(guarantee)
    message = "Ingen ringde tillbaka.\nVi väntade i tre veckor."
    data = form_data(
        client, url, kind=Kind.COMPLAINT, dimension="tillganglighet", commitment=commitment.pk
    )
    data["message"] = message
    receipt = client.get(client.post(url, data)["Location"]).content.decode()
    copy = re.search(r"<dl class=\"facts\" data-sent-copy>(.*?)</dl>", receipt, re.S).group(1)
    for words in ["Klagomål", "Tillgänglighet", commitment.title]:
        assert words in copy
    assert "Ingen ringde tillbaka.<br>Vi väntade i tre veckor." in copy
    assert "Vi svarar senast" in receipt  # a named resident with an address gets an answer
    body = Message.objects.get(to="anna@example.se").body
    for line in [
        "Typ: Klagomål",
        "Det gäller: Tillgänglighet",
        f"Löfte: {commitment.title}",
        f"Enhet: {guarantee.title}",
        "Ditt meddelande:\n" + message,
        "Vi svarar dig senast",
    ]:
        assert line in body, line


def test_no_reply_is_promised_to_a_resident_who_left_no_contact_details(client, guarantee):
    url = unit_url(guarantee)
    data = form_data(client, url, name="", email="", wants_reply="")
    receipt = client.get(client.post(url, data)["Location"]).content.decode()
    assert "Vi svarar senast" not in receipt
    assert "Du lämnade inga kontaktuppgifter, så vi kan inte svara dig." in receipt
    token = re.search(r"/synpunkter/arende/([^/]+)/", receipt).group(1)
    assert "Vi svarar senast" not in Client().get(f"/synpunkter/arende/{token}/").content.decode()
    assert not Message.objects.filter(to="anna@example.se").exists()


def test_back_and_send_again_from_a_form_rendered_anew_shows_the_same_receipt(client, guarantee):
    """Back re-renders the page with a new one-time key; the same words are the same case."""
    url = unit_url(guarantee)
    first = client.post(url, form_data(client, url))
    again = client.post(url, form_data(client, url))  # a fresh key, the same words
    assert Feedback.objects.count() == 1
    assert again.status_code == 302 and again["Location"] == first["Location"]
    # Something new from the same browser is a new case.
    client.post(url, form_data(client, url, message="Och en sak till om hämtningen."))
    assert Feedback.objects.count() == 2


def test_back_edit_and_send_again_under_the_same_key_shows_the_first_receipt(client, guarantee):
    url = unit_url(guarantee)
    data = form_data(client, url)
    first = client.post(url, data)
    again = client.post(url, {**data, "message": "Jag ändrade mig lite i texten."})
    assert again.status_code == 302 and again["Location"] == first["Location"]
    receipt = client.get(again["Location"]).content.decode()
    assert "Det här formuläret var redan skickat, så ändringen sparades inte." in receipt
    assert Feedback.objects.count() == 1 and "vänlig" in Feedback.objects.get().message


def test_unknown_tracking_token_is_404(client, guarantee):
    assert client.get("/synpunkter/arende/not-a-real-token/").status_code == 404
    assert client.get("/synpunkter/arende/" + "x" * 500 + "/").status_code == 404


def test_receipt_is_only_shown_to_the_browser_that_sent_it(client, guarantee):
    url = unit_url(guarantee)
    response = client.post(url, form_data(client, url))
    assert Client().get(response["Location"]).status_code == 404


def test_general_page_offers_units_grouped_by_service_area(client, guarantee, other_unit):
    html = client.get("/synpunkter/").content.decode()
    assert '<optgroup label="Förskola">' in html
    assert '<optgroup label="Äldreomsorg">' in html
    assert "Ingen särskild enhet" in html


def test_general_feedback_without_unit_is_stored(client, guarantee):
    response = client.post("/synpunkter/", form_data(client, "/synpunkter/", unit=""))
    assert response.status_code == 302
    assert Feedback.objects.get().unit is None


def test_general_feedback_for_a_picked_unit(client, guarantee, other_unit):
    client.post("/synpunkter/", form_data(client, "/synpunkter/", unit=str(other_unit.pk)))
    assert Feedback.objects.get().unit == other_unit


# Hostile input: a 4xx with a Swedish message, never a 500, nothing half-stored.


def test_forged_commitment_id_gets_a_field_error(client, guarantee, other_unit):
    url = unit_url(guarantee)
    foreign = other_unit.commitments.first()
    for value in (str(foreign.pk), "999999", "abc", "1 OR 1=1"):
        response = client.post(url, form_data(client, url, commitment=value, kind="klagomal"))
        assert response.status_code == 400
        assert "Välj ett av löftena i listan." in response.content.decode()
    assert not Feedback.objects.exists()


def test_city_and_area_commitments_are_accepted_for_a_unit(client, guarantee, home_page):
    url = unit_url(guarantee)
    city = home_page.commitments.first()
    response = client.post(url, form_data(client, url, commitment=str(city.pk), kind="klagomal"))
    assert response.status_code == 302
    assert Feedback.objects.get().commitment == city


def test_invalid_email_gets_a_swedish_field_error(client, guarantee):
    url = unit_url(guarantee)
    response = client.post(url, form_data(client, url, email="inte-en-adress"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ange en e-postadress i rätt form, till exempel namn@exempel.se." in html
    assert "mejladress" not in html
    assert 'role="alert"' in html


def test_oversized_fields_are_refused(client, guarantee):
    url = unit_url(guarantee)
    for field, value, words in [
        ("message", "x" * 10000, "högst 5\xa0000 tecken lång. Nu är den 10\xa0000 tecken."),
        ("name", "n" * 201, "högst 200 tecken lång. Nu är den 201 tecken."),
        ("phone", "1" * 41, "högst 40 tecken lång. Nu är den 41 tecken."),
    ]:
        response = client.post(url, form_data(client, url, **{field: value}))
        assert response.status_code == 400, field
        assert f"Texten får vara {words}" in response.content.decode(), field
        assert "Säkerställ" not in response.content.decode()
    assert not Feedback.objects.exists()


def test_every_message_of_the_form_is_the_sites_swedish(client, guarantee):
    url = unit_url(guarantee)
    form = client.get(url).content.decode()
    assert "Högst 5\xa0000 tecken." in form
    data = form_data(client, url, kind="", dimension="", message="", wants_reply="")
    html = client.post(url, data).content.decode()
    summary = re.search(r"data-error-summary>(.*?)</div>", html, re.S).group(1)
    links = re.findall(r'<a href="(#[^"]*)">([^<]*)</a>', summary)
    assert links == [
        ("#id_kind_0", "Välj om det är en synpunkt, ett klagomål, beröm eller ett förslag."),
        ("#id_dimension_0", "Välj vad det gäller."),
        ("#id_message", "Skriv ditt meddelande."),
    ]
    # Each group of radios is a fieldset described by its error.
    assert '<fieldset aria-describedby="id_kind_error">' in html
    assert '<fieldset aria-describedby="id_dimension_error">' in html
    assert "<title>Fel: Lämna synpunkt – " in html
    assert "obligatoriskt" not in summary and "Det här fältet" not in html


def test_the_embedded_form_writes_small_numbers_in_words_and_has_no_second_heading(
    client, guarantee
):
    html = client.get(guarantee.url).content.decode()
    assert "Vi svarar inom två arbetsdagar." in html
    assert html.count(">Lämna synpunkt eller klagomål</h2>") == 1
    assert html.count('id="lamna-synpunkt-rubrik"') == 1
    assert html.count('id="lamna-synpunkt"') == 1


def test_no_particular_unit_has_one_name(client, guarantee):
    form = client.get("/synpunkter/").content.decode()
    assert re.search(r'<option value=""[^>]*>Ingen särskild enhet</option>', form)
    response = client.post("/synpunkter/", form_data(client, "/synpunkter/", unit=""))
    receipt = client.get(response["Location"]).content.decode()
    assert "<dd>Ingen särskild enhet</dd>" in receipt
    assert "Kommunen i allmänhet" not in receipt


def test_html_is_stored_as_text_and_shown_escaped(client, guarantee, make_handler):
    handler = make_handler("h", guarantee)
    url = unit_url(guarantee)
    client.post(url, form_data(client, url, message="<script>alert(1)</script> <b>hej</b>"))
    case = Feedback.objects.get()
    assert case.message == "<script>alert(1)</script> <b>hej</b>"
    staff = Client()
    staff.force_login(handler)
    html = staff.get(f"/admin/synpunkter/inkorg/{case.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


@override_settings(WAGTAILADMIN_BASE_URL="https://kvalitet.kommun.se")
def test_the_mailed_tracking_link_is_on_the_configured_site_whatever_the_host(
    guarantee, django_capture_on_commit_callbacks
):
    client = Client(HTTP_HOST="evil.example")
    url = unit_url(guarantee)
    data = form_data(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    assert mail.outbox
    bodies = " ".join(message.body for message in mail.outbox)
    assert "https://kvalitet.kommun.se/synpunkter/arende/" in bodies
    assert "evil.example" not in bodies


def test_control_characters_are_removed_but_newlines_kept(client, guarantee):
    url = unit_url(guarantee)
    client.post(
        url,
        form_data(client, url, message="Rad ett\x00\x07\r\nRad\ttvå\u202e", name="An\x1bna"),
    )
    case = Feedback.objects.get()
    assert case.message == "Rad ett\nRad\ttvå"
    assert case.name == "Anna"


def test_direction_marks_are_removed_and_text_is_stored_in_nfc(client, guarantee):
    url = unit_url(guarantee)
    client.post(
        url, form_data(client, url, message="Tack fo\u0308r\u200f allt\u061c", name="Å\u200ese")
    )
    case = Feedback.objects.get()
    assert case.message == "Tack för allt"
    assert case.name == "Åse"


def test_wrong_types_are_refused(client, guarantee):
    url = unit_url(guarantee)
    response = client.post(url, form_data(client, url, kind="hack", dimension="<x>"))
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_double_submit_of_one_form_stores_one_case(client, guarantee):
    url = unit_url(guarantee)
    data = form_data(client, url)
    first = client.post(url, data)
    second = client.post(url, data)
    assert Feedback.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_a_copy_of_one_form_from_another_browser_shows_the_same_receipt(client, guarantee):
    url = unit_url(guarantee)
    data = form_data(client, url)
    first = client.get(client.post(url, data)["Location"]).content.decode()
    queued = Message.objects.count()
    other = Client()
    second = other.get(other.post(url, data)["Location"]).content.decode()
    link = re.compile(r"data-tracking-link>([^<]+)<")
    assert link.search(second).group(1) == link.search(first).group(1)
    assert Feedback.objects.get().reference in second
    assert queued and Message.objects.count() == queued  # the copy queued no second receipt


def test_another_text_under_a_used_form_key_is_refused(client, guarantee):
    url = unit_url(guarantee)
    data = form_data(client, url)
    client.post(url, data)
    response = Client().post(url, {**data, "message": "Något helt annat än det första."})
    assert response.status_code == 400
    assert "redan skickats" in response.content.decode()
    assert "data-tracking-link" not in response.content.decode()
    assert Feedback.objects.count() == 1


def test_a_copy_after_the_resubmit_window_is_refused(client, guarantee):
    from feedback.models import RESUBMIT_WINDOW

    url = unit_url(guarantee)
    data = form_data(client, url)
    client.post(url, data)
    Feedback.objects.update(received_at=F("received_at") - RESUBMIT_WINDOW)
    response = Client().post(url, data)
    assert response.status_code == 400
    assert "redan skickats" in response.content.decode()


def test_missing_form_key_is_refused(client, guarantee):
    url = unit_url(guarantee)
    response = client.post(url, form_data(client, url, form_key="../../etc"))
    assert response.status_code == 400
    assert "Ladda om sidan" in response.content.decode()


def test_honeypot_filled_stores_nothing(client, guarantee):
    url = unit_url(guarantee)
    response = client.post(url, form_data(client, url, website="http://spam.example"))
    assert response.status_code == 400
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://elak.example"},
    ],
)
def test_a_post_from_another_site_is_refused_in_swedish(guarantee, headers):
    """No CSRF token on residents' forms (docs/caching.md): the browser's origin headers are
    what refuses a forged post."""
    csrf_client = Client(enforce_csrf_checks=True)
    url = unit_url(guarantee)
    response = csrf_client.post(url, form_data(csrf_client, url), **headers)
    assert response.status_code == 403
    assert "Formuläret har gått ut" in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_same_origin_post_needs_no_csrf_cookie(guarantee):
    csrf_client = Client(enforce_csrf_checks=True)
    url = unit_url(guarantee)
    data = form_data(csrf_client, url)
    response = csrf_client.post(
        url, data, HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 302
    assert Feedback.objects.count() == 1


def test_unpublished_or_unknown_unit_is_404(client, guarantee):
    assert client.post("/synpunkter/enhet/999999/skicka/", {}).status_code == 404
    guarantee.unpublish()
    assert client.post(unit_url(guarantee), {}).status_code == 404


def test_eleventh_submit_within_an_hour_gets_429_in_swedish(client, guarantee):
    url = unit_url(guarantee)
    for number in range(10):
        data = form_data(client, url, message=f"Synpunkt nummer {number} om hämtningen.")
        assert client.post(url, data).status_code == 302
    response = client.post(url, form_data(client, url))
    assert response.status_code == 429
    assert "för många" in response.content.decode()
    assert Feedback.objects.count() == 10


def test_valid_proof_of_work_is_accepted_and_a_forged_one_refused(client, guarantee):
    import base64
    import html as htmllib
    import json

    from altcha import solve_challenge_v1

    url = unit_url(guarantee)
    html = client.get(url).content.decode()
    key = re.search(r'name="form_key" value="([^"]+)"', html).group(1)
    challenge = json.loads(
        htmllib.unescape(re.search(r'data-altcha-challenge="([^"]+)"', html).group(1))
    )
    solution = solve_challenge_v1(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxNumber"], 0
    )
    proof = {
        "algorithm": challenge["algorithm"],
        "challenge": challenge["challenge"],
        "number": solution.number,
        "salt": challenge["salt"],
        "signature": challenge["signature"],
    }
    forged = base64.b64encode(json.dumps({**proof, "number": solution.number + 1}).encode())
    data = form_data(client, url, form_key=key, altcha=forged.decode())
    assert client.post(url, data).status_code == 400
    good = base64.b64encode(json.dumps(proof).encode()).decode()
    data = form_data(client, url, form_key=key, altcha=good)
    assert client.post(url, data).status_code == 302
    # The proof was made for that form only: another form cannot reuse it.
    other = form_data(client, url, altcha=good)
    assert client.post(url, other).status_code == 400
    assert Feedback.objects.filter(kind=Kind.OPINION).count() == 1
