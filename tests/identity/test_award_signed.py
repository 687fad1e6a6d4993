"""A nomination to the quality award signed with e-ID, against the real test provider."""

import pytest

from award.models import Nomination, Status
from tests.award.test_award import award_round, form_data  # noqa: F401 - the round fixture
from tests.proposals.conftest import CommitClient

from .conftest import sign_at_provider_by_http

pytestmark = pytest.mark.django_db


def nominate_signed(client, award_round, unit, email, account):  # noqa: F811
    data = form_data(
        client,
        category=award_round.categories.first().pk,
        unit=unit.pk,
        reason="De lyssnade på oss och ändrade inskolningen.",
        email=email,
        satt="e-legitimation",
    )
    to_provider = client.post("/kvalitetspriset/nominera/", data)
    assert to_provider.status_code == 302
    return client.get(sign_at_provider_by_http(to_provider["Location"], account), follow=True)


def test_a_nomination_signed_with_e_id_is_confirmed_without_a_mailed_link(
    identity_settings,
    guarantee,
    award_round,  # noqa: F811
):
    client = CommitClient()
    page = client.get("/kvalitetspriset/nominera/").content.decode()
    assert "Skicka och signera med e-legitimation" in page
    done = nominate_signed(client, award_round, guarantee, "anna@example.se", "anna")
    assert done.status_code == 200
    assert "verifierad med e-legitimation" in done.content.decode()
    nomination = Nomination.objects.get()
    assert nomination.status == Status.CONFIRMED and nomination.signed_with_e_id
    assert not nomination.token_hash


def test_the_same_person_signing_twice_with_another_address_is_refused(
    identity_settings,
    guarantee,
    award_round,  # noqa: F811
):
    client = CommitClient()
    nominate_signed(client, award_round, guarantee, "anna@example.se", "anna")
    again = nominate_signed(client, award_round, guarantee, "anna.annan@example.se", "anna")
    assert again.status_code == 409
    assert "redan nominerat" in again.content.decode()
    assert Nomination.objects.count() == 1


def test_a_cancelled_signature_records_no_nomination(
    identity_settings,
    guarantee,
    award_round,  # noqa: F811
):
    client = CommitClient()
    data = form_data(
        client,
        category=award_round.categories.first().pk,
        unit=guarantee.pk,
        reason="Bra bemötande.",
        email="anna@example.se",
        satt="e-legitimation",
    )
    to_provider = client.post("/kvalitetspriset/nominera/", data)
    back = sign_at_provider_by_http(to_provider["Location"], "anna", cancel=True)
    assert "error=access_denied" in back
    failed = client.get(back, follow=True)
    assert failed.status_code == 400
    assert "Du avbröt inloggningen" in failed.content.decode()
    assert 'href="/kvalitetspriset/nominera/"' in failed.content.decode()
    assert not Nomination.objects.exists()
