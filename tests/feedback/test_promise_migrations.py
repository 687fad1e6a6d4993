"""The data migrations that give existing guarantees remedy parts and existing cases their
promise, run against today's models (their functions take any app registry)."""

import importlib

import pytest
from django.apps import apps
from wagtail.models import Revision

from feedback.models import Feedback, Kind

pytestmark = pytest.mark.django_db

structured_remedy = importlib.import_module("guarantees.migrations.0006_structured_remedy")
promise_kept = importlib.import_module("feedback.migrations.0009_case_language_and_promise_kept")


def test_existing_guarantees_and_their_revisions_get_who_contacts_and_when(guarantee):
    assert guarantee.remedy_contact == "" and guarantee.remedy_contact_days is None
    structured_remedy.fill_from_routine(apps, None)
    guarantee.refresh_from_db()
    assert guarantee.remedy_contact == guarantee.feedback_recipient == "Enhetschefen"
    assert guarantee.remedy_contact_days == guarantee.reply_working_days == 2
    # An editor who opens the page sees the same as residents do.
    draft = guarantee.get_latest_revision_as_object()
    assert (draft.remedy_contact, draft.remedy_contact_days) == ("Enhetschefen", 2)
    assert Revision.objects.filter(object_id=str(guarantee.pk)).exists()


def test_existing_cases_keep_the_promise_they_named(guarantee):
    commitment = guarantee.commitments.first()
    case = Feedback.receive(
        kind=Kind.COMPLAINT,
        dimension="utforande",
        message="Hej",
        unit=guarantee,
        commitment=commitment,
    )[0]
    Feedback.objects.filter(pk=case.pk).update(promise="", remedy="")  # as before the field
    plain = Feedback.receive(kind=Kind.OPINION, dimension="ovrigt", message="Hej", unit=guarantee)[
        0
    ]
    promise_kept.keep_promises(apps, None)
    case.refresh_from_db()
    plain.refresh_from_db()
    assert case.promise == commitment.title and case.remedy == guarantee.remedy
    assert case.is_broken_promise
    assert plain.promise == "" and not plain.is_broken_promise
