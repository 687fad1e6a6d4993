"""A proposal keeps the language it was written in, and every letter to the proposer is in it,
also those a Swedish moderator's action sends (tests/languages.py writes the Finnish)."""

import pytest
from django.test import Client
from django.urls import reverse

from outbox.models import Message
from proposals.models import Proposal, Status
from tests.languages import as_finnish_reader, finnish_site

from .test_submit import VALID

pytestmark = pytest.mark.django_db


@pytest.fixture
def finnish(tmp_path):
    with finnish_site(tmp_path):
        yield


def test_a_proposal_keeps_the_language_it_was_written_in_and_its_letters_follow_it(
    finnish, home_page, moderator
):
    resident = Client(HTTP_ACCEPT_LANGUAGE="fi")
    with as_finnish_reader():
        response = resident.post(reverse("proposals:new"), {**VALID, "steg": "skicka"})
    assert response.status_code == 302
    proposal = Proposal.objects.get(title=VALID["title"])
    assert proposal.language == "fi"
    confirm = Message.objects.get(to="ali@example.se")
    assert (confirm.language, confirm.subject) == ("fi", "Vahvista aloitteesi (testi)")

    Proposal.objects.filter(pk=proposal.pk).update(status=Status.AWAITING_MODERATION)
    staff = Client()  # the moderator works in Swedish
    staff.force_login(moderator)
    page = staff.get(reverse("proposals_admin:edit", args=[proposal.pk])).content.decode()
    assert '<dd data-language="fi">finska</dd>' in page
    assert staff.post(f"/admin/e-forslag/{proposal.pk}/publicera/").status_code == 302
    status = Message.objects.filter(to="ali@example.se").latest("pk")
    assert status.language == "fi"
    assert status.subject.startswith("Aloitteesi: ") and status.subject.endswith("(testi)")


def test_a_proposal_written_in_swedish_is_swedish(client, home_page):
    client.post("/e-forslag/nytt/", {**VALID, "steg": "skicka"})
    assert Proposal.objects.get().language == "sv"
    assert Message.objects.get(to="ali@example.se").language == "sv"


def test_a_voter_hears_news_of_the_proposal_in_the_language_they_voted_in(
    finnish, home_page, make_proposal, committed
):
    from django.core import mail
    from django.utils import timezone

    from proposals import services

    from .conftest import CommitClient, mailed_link, path_of

    proposal = make_proposal(threshold=1)
    finn = CommitClient(HTTP_ACCEPT_LANGUAGE="fi")
    with as_finnish_reader():
        start = reverse("proposals:vote_begin", args=[proposal.pk, "epost"])
        response = finn.post(start, {"epost-email": "aino@example.fi", "epost-notify": "on"})
        assert response.status_code == 302
        finn.post(path_of(mailed_link(mail.outbox[-1])))
    swede = CommitClient()
    swede.post(
        f"/e-forslag/{proposal.pk}/rosta/epost/start/",
        {"epost-email": "lisa@example.se", "epost-notify": "on"},
    )
    swede.post(path_of(mailed_link(mail.outbox[-1])))

    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now())
    with committed():
        services.close_expired()
    news = {m.to: m for m in Message.objects.filter(subject__contains=":")}
    assert news["aino@example.fi"].language == "fi"
    assert news["lisa@example.se"].language == "sv"
    assert news["lisa@example.se"].subject.startswith("E-förslaget du röstat på: ")
