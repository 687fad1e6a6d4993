"""The form embedded in a cached guarantee: the same bytes for everyone, a key of one's own
from /synpunkter/formular-nyckel/, and the double-submit guard still per resident."""

import base64
import hashlib
import json
import re

import pytest
from django.test import Client

from feedback.models import Feedback
from home.antispam import proof_is_valid

pytestmark = pytest.mark.django_db

PARTS_URL = "/synpunkter/formular-nyckel/"


def answers(message, **extra):
    return {
        "kind": "synpunkt",
        "dimension": "bemotande",
        "message": message,
        "anonymous": "on",
        "website": "",
        **extra,
    }


def cached_form_action(client, guarantee):
    html = client.get(guarantee.url).content.decode()
    assert f'data-form-parts="{PARTS_URL}"' in html
    assert not re.search(r'name="form_key" value="[^"]', html)
    return re.search(r'<form method="post" action="([^"]+)"', html).group(1)


def test_two_residents_on_the_same_cached_page_get_two_cases(guarantee):
    anna, bo = Client(), Client()
    assert anna.get(guarantee.url).content == bo.get(guarantee.url).content
    action = cached_form_action(anna, guarantee)
    references = []
    for resident, name in ((anna, "Anna"), (bo, "Bo")):
        key = resident.get(PARTS_URL).json()["key"]
        response = resident.post(action, answers(f"{name}: bra bemötande.", form_key=key))
        assert response.status_code == 302
        references.append(response["Location"])
    assert len(set(references)) == 2
    assert Feedback.objects.count() == 2


def test_one_residents_double_click_is_still_one_case(guarantee):
    resident = Client()
    action = cached_form_action(resident, guarantee)
    data = answers("Bra bemötande.", form_key=resident.get(PARTS_URL).json()["key"])
    first = resident.post(action, data)
    second = resident.post(action, data)
    assert first["Location"] == second["Location"]
    assert Feedback.objects.count() == 1


def test_every_fetch_gives_a_new_key_and_a_challenge_bound_to_it():
    client = Client()
    first, second = client.get(PARTS_URL).json(), client.get(PARTS_URL).json()
    assert first["key"] != second["key"]
    challenge = first["challenge"]
    number = next(
        n
        for n in range(challenge["maxNumber"] + 1)
        if hashlib.sha256(f"{challenge['salt']}{n}".encode()).hexdigest() == challenge["challenge"]
    )
    # What protected-form.js sends.
    fields = {k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")}
    proof = base64.b64encode(json.dumps({**fields, "number": number}).encode()).decode()
    assert proof_is_valid(proof, first["key"])
    assert not proof_is_valid(proof, second["key"])


def test_without_javascript_the_form_comes_back_once_with_a_key_of_its_own(guarantee):
    """No script, so no key: the resident sees the form again, filled in, and sends it."""
    resident = Client()
    action = cached_form_action(resident, guarantee)
    shown = resident.post(action, answers("Utan skript."))
    html = shown.content.decode()
    assert shown.status_code == 400
    assert "Kontrollera dina uppgifter och tryck på Skicka en gång till." in html
    assert "Utan skript." in html
    assert "no-store" in shown["Cache-Control"]
    assert not Feedback.objects.exists()
    key = re.search(r'name="form_key" value="([^"]+)"', html).group(1)
    data = answers("Utan skript.", form_key=key)
    first, again = resident.post(action, data), resident.post(action, data)
    assert first.status_code == again.status_code == 302
    assert Feedback.objects.count() == 1
