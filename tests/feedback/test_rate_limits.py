"""The house rate limit on the feedback forms: one count per client across every feedback
form, accepted and failed attempts apart, and a 429 that keeps what was typed."""

import pytest
from django.test import override_settings

from feedback.models import Feedback
from home.resident_input import DEFAULT_RATE_LIMITS

from .conftest import form_data

pytestmark = pytest.mark.django_db

GENERAL = "/synpunkter/"
TYPED = "Jag har skrivit en lång text om hämtningen som inte får försvinna."


def unit_url(unit):
    return f"/synpunkter/enhet/{unit.pk}/skicka/"


def test_the_unit_forms_and_the_general_form_share_one_count(client, guarantee):
    unit = unit_url(guarantee)
    # Different words each time: the same words again would be a resubmission of one case.
    for i in range(5):
        assert client.post(unit, form_data(client, unit, message=f"Enhet {i}")).status_code == 302
        general = form_data(client, GENERAL, message=f"Allmänt {i}")
        assert client.post(GENERAL, general).status_code == 302
    response = client.post(GENERAL, form_data(client, GENERAL, message=TYPED))
    assert response.status_code == 429
    assert Feedback.objects.count() == 10


def test_the_429_shows_the_form_again_with_what_was_typed(client, guarantee):
    url = unit_url(guarantee)
    with override_settings(RESIDENT_RATE_LIMITS={"feedback": {"accepted": "1/h"}}):
        assert client.post(url, form_data(client, url)).status_code == 302
        response = client.post(url, form_data(client, url, message=TYPED, name="Åsa Berg"))
    assert response.status_code == 429
    html = response.content.decode()
    assert TYPED in html and 'value="Åsa Berg"' in html
    assert 'role="alert"' in html and "för många gånger" in html
    assert Feedback.objects.count() == 1


@override_settings(RESIDENT_RATE_LIMITS={"feedback": {"accepted": "2/h", "failed": "4/h"}})
def test_failed_attempts_do_not_use_up_the_accepted_count(client, guarantee):
    url = unit_url(guarantee)
    for _ in range(3):
        assert client.post(url, form_data(client, url, message="")).status_code == 400
    for words in ("Första synpunkten.", "Andra synpunkten."):
        assert client.post(url, form_data(client, url, message=words)).status_code == 302
    assert client.post(url, form_data(client, url, message="Tredje.")).status_code == 429
    assert Feedback.objects.count() == 2


@override_settings(RESIDENT_RATE_LIMITS={"feedback": {"accepted": "2/h", "failed": "4/h"}})
def test_too_many_failed_attempts_are_stopped_too(client, guarantee):
    url = unit_url(guarantee)
    for _ in range(4):
        assert client.post(url, form_data(client, url, message="")).status_code == 400
    assert client.post(url, form_data(client, url)).status_code == 429
    assert not Feedback.objects.exists()


def test_failures_get_a_higher_limit_than_accepted_submissions():
    def per_hour(rate):
        count, period = rate.split("/")
        assert period == "h"
        return int(count)

    for scope, rates in DEFAULT_RATE_LIMITS.items():
        assert per_hour(rates["failed"]) >= per_hour(rates["accepted"]), scope
    feedback = DEFAULT_RATE_LIMITS["feedback"]
    assert per_hour(feedback["failed"]) > per_hour(feedback["accepted"])


def test_another_client_has_its_own_count(client, guarantee):
    from django.test import Client

    url = unit_url(guarantee)
    with override_settings(RESIDENT_RATE_LIMITS={"feedback": {"accepted": "1/h"}}):
        assert client.post(url, form_data(client, url)).status_code == 302
        assert client.post(url, form_data(client, url)).status_code == 429
        other = Client(REMOTE_ADDR="192.0.2.7")
        assert other.post(url, form_data(other, url)).status_code == 302
