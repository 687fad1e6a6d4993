"""Hostile input aimed at the real surface: the fields of the actual forms and the parameters
the views actually read. Never a 500; a refused request writes nothing; an accepted one
stores whole rows.

Every endpoint counts its accepted and refused requests, and a run in which an endpoint was
only ever refused (or only ever accepted) fails: otherwise "writes nothing" would hold by
construction. The field names come from the form classes, so a field added to a form is
fuzzed, and a new required field without a valid value here shows as "never accepted".
Rate limits are switched off (RATELIMIT_ENABLE) and the cache cleared for every example:
the fuzz is about the input, the limits have their own tests. Transport-level hostility
(charsets, methods, headers, broken bodies) is swept over every URL in test_url_sweep.py.

HOSTILE_SCALE=0.2 makes a quick local run.
"""

import os
import re
from collections import Counter

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from feedback.forms import FeedbackForm
from feedback.models import Feedback
from proposals.forms import ListFilterForm, ProposalForm
from proposals.models import Proposal
from tests.sweeps import is_bookkeeping, writes_so_far

from .hostile import hostile_text, hostile_value

pytestmark = pytest.mark.django_db

SCALE = float(os.environ.get("HOSTILE_SCALE", "1"))


def fuzz(examples):
    return settings(
        max_examples=max(10, int(examples * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
        derandomize=True,  # the same examples every run: a failure can be reproduced
    )


def written(before):
    after = writes_so_far()
    return {
        table
        for table, count in after.items()
        if count != before.get(table, 0) and not is_bookkeeping(table)
    }


@pytest.fixture
def resident(settings):
    settings.RATELIMIT_ENABLE = False
    # Errors come back as the response a resident would see, not as an exception here.
    return Client(raise_request_exception=False)


def form_key(client, url):
    html = client.get(url).content.decode()
    return re.search(r'name="form_key" value="([^"]+)"', html).group(1)


def corrupted(names):
    """The valid answers with up to three fields replaced by hostile values or left out,
    plus sometimes a field no form has."""
    return st.tuples(
        st.dictionaries(
            st.sampled_from(sorted(names)),
            st.one_of(hostile_value, st.none()),  # None: the field is left out
            max_size=3,
        ),
        st.one_of(st.none(), hostile_text),
    )


def post_data(valid, changes, stray):
    data = dict(valid)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    if stray is not None:
        data["ovantat_falt"] = stray
    return data


def feedback_valid(site, key, unit_form):
    data = {
        "kind": "synpunkt",
        "dimension": "bemotande",
        "message": "Personalen var mycket vänlig när vi hämtade vårt barn.",
        "anonymous": "",
        "name": "Anna Svensson",
        "email": "anna@example.se",
        "phone": "",
        "wants_reply": "on",
        "website": "",  # the honeypot, left empty as a person would
        "form_key": key,  # a fresh one-time key from the rendered form
        "altcha": "",  # no proof (no JavaScript) is accepted; a wrong one is not
    }
    if unit_form:
        data["commitment"] = ""
    else:
        data["unit"] = str(site["guarantee"].pk)
    return data


def check_feedback_case(site, unit_form):
    case = Feedback.objects.latest("pk")
    assert re.fullmatch(r"SYN-\d{4}-\d{6}", case.reference)
    if unit_form:
        assert case.unit_id == site["guarantee"].pk
    else:  # the general form may leave the unit out: feedback about the municipality
        assert case.unit_id in (site["guarantee"].pk, None)
    assert case.deadline and case.tracking_token_hash and case.message.strip()
    for text in (case.message, case.name, case.phone):
        assert not any(ord(char) < 32 and char not in "\n\t" for char in text)


@pytest.mark.parametrize("unit_form", [False, True], ids=["general", "unit"])
def test_feedback_forms_accept_and_refuse_hostile_posts_cleanly(resident, public_site, unit_form):
    site = public_site
    guarantee = site["guarantee"]
    url = f"/synpunkter/enhet/{guarantee.pk}/skicka/" if unit_form else "/synpunkter/"
    form = FeedbackForm(unit=guarantee) if unit_form else FeedbackForm(pick_unit=True)
    fields = set(form.fields)
    assert fields <= set(feedback_valid(site, "", unit_form)), "a form field without a value"
    counts = Counter()

    @fuzz(100)
    @given(change=corrupted(fields))
    def run(change):
        cache.clear()
        # Each example is another resident: one browser sending the same words again would
        # be shown its earlier receipt (tests/feedback/test_public.py tests that).
        resident.cookies.clear()
        data = post_data(feedback_valid(site, form_key(resident, url), unit_form), *change)
        before = writes_so_far()
        cases = Feedback.objects.count()
        response = resident.post(url, data)
        assert response.status_code < 500, response.content[:300]
        if response.status_code == 302:
            counts["accepted"] += 1
            event("accepted")
            assert Feedback.objects.count() == cases + 1
            check_feedback_case(site, unit_form)
        else:
            counts[f"refused {response.status_code}"] += 1
            event(f"refused {response.status_code}")
            assert not written(before), written(before)

    run()
    print(f"{url}: {dict(counts)}")
    assert counts["accepted"], f"never accepted: {dict(counts)}"
    assert sum(counts.values()) > counts["accepted"], f"never refused: {dict(counts)}"


def proposal_valid(site):
    return {
        "title": "Fler parkbänkar längs ån",
        "body": "Det behövs fler bänkar så att äldre kan vila under promenaden.",
        "service_area": str(site["service_area"].pk),
        "display_name": "Karin i Ängsby",
        "email": "karin@example.se",
        "consent": "on",
        "steg": "skicka",  # the second step: without it nothing is ever stored
    }


def test_proposal_form_accepts_and_refuses_hostile_posts_cleanly(resident, public_site):
    site = public_site
    fields = set(ProposalForm().fields) | {"steg"}
    assert fields <= set(proposal_valid(site)), "a form field without a value"
    counts = Counter()

    @fuzz(100)
    @given(change=corrupted(fields))
    def run(change):
        cache.clear()
        data = post_data(proposal_valid(site), *change)
        before = writes_so_far()
        proposals = Proposal.objects.count()
        response = resident.post("/e-forslag/nytt/", data)
        assert response.status_code < 500, response.content[:300]
        if response.status_code == 302:
            counts["accepted"] += 1
            event("accepted")
            assert Proposal.objects.count() == proposals + 1
            proposal = Proposal.objects.latest("pk")
            assert proposal.title and proposal.body and proposal.display_name
            assert proposal.display_name[:1] not in "=+-@"
        else:
            counts[f"refused {response.status_code}"] += 1
            event(f"refused {response.status_code}")
            assert not written(before), written(before)

    run()
    print(f"/e-forslag/nytt/: {dict(counts)}")
    assert counts["accepted"], f"never accepted: {dict(counts)}"
    assert sum(counts.values()) > counts["accepted"], f"never refused: {dict(counts)}"


def chosen_promise(html, commitment):
    """The feedback form offers the promises as radios: is this one checked?"""
    return bool(re.search(rf'name="commitment" value="{commitment.pk}"[^>]*checked', html))


# GET endpoints: the parameters each view reads, a valid value and how to see it was used.
def get_endpoints(site):
    guarantee = site["guarantee"]
    commitment = guarantee.commitments.first()
    return {
        "guarantee ?atagande": (
            guarantee.url,
            {"atagande": str(commitment.pk)},
            lambda html: chosen_promise(html, commitment),
        ),
        "unit form ?atagande": (
            f"/synpunkter/enhet/{guarantee.pk}/skicka/",
            {"atagande": str(commitment.pk)},
            lambda html: chosen_promise(html, commitment),
        ),
        "search": (
            "/sok/",
            {"q": "Solrosen", "sida": "1", "typ": "garantier", "omrade": ""},
            lambda html: guarantee.title in html,
        ),
        "proposal list": (
            "/e-forslag/",
            dict.fromkeys(ListFilterForm().fields, "") | {"q": "parkbänkar", "sida": "1"},
            # The list echoes the search it applied in the filter form.
            lambda html: 'value="parkbänkar"' in html and site["proposal"].title in html,
        ),
        "service area ?adress": (
            site["service_area"].url,
            {"adress": "Storgatan 20", "stadsdel": "Ängsby centrum", "driftsform": "kommunal"},
            lambda html: "sorterade efter avstånd fågelvägen från Storgatan 20" in html,
        ),
        "feedback ?enhet": (
            "/synpunkter/",
            {"enhet": str(guarantee.pk)},
            lambda html: f'value="{guarantee.pk}" selected' in html,
        ),
    }


@pytest.mark.parametrize(
    "endpoint",
    [
        "guarantee ?atagande",
        "unit form ?atagande",
        "search",
        "proposal list",
        "service area ?adress",
        "feedback ?enhet",
    ],
)
def test_get_parameters_the_views_read_survive_hostile_values(resident, public_site, endpoint):
    url, valid, honoured = get_endpoints(public_site)[endpoint]
    counts = Counter()

    @fuzz(50)
    @given(change=corrupted(set(valid)))
    def run(change):
        data = post_data(valid, *change)
        before = writes_so_far()
        response = resident.get(url, data)
        assert response.status_code < 500, (data, response.content[:300])
        assert not written(before)
        used = response.status_code == 200 and honoured(response.content.decode())
        counts["honoured" if used else "ignored or refused"] += 1
        event("honoured" if used else "ignored or refused")

    run()
    print(f"{endpoint}: {dict(counts)}")
    assert counts["honoured"] and counts["ignored or refused"], dict(counts)
