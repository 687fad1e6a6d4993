"""The quality award: a resident nominates and confirms by mail, the jury decides, all are told."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from award.models import AwardCategory, AwardRound, Nomination, Status
from outbox.models import Message
from staff import roles
from staff.setup import setup_roles
from tests.proposals.conftest import CommitClient, mailed_link, path_of

pytestmark = pytest.mark.django_db

NOMINATOR = "nina.nominerar@example.se"


@pytest.fixture
def award_round(home_page):
    today = timezone.localdate()
    award_round = AwardRound.objects.create(
        year=today.year,
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=10),
        intro="Priset belönar enheter som lyssnat och förbättrat.",
    )
    AwardCategory.objects.create(round=award_round, name="Bästa bemötande", sort_order=0)
    AwardCategory.objects.create(round=award_round, name="Största förbättring", sort_order=1)
    return award_round


@pytest.fixture
def jury(db, django_user_model):
    setup_roles()
    user = django_user_model.objects.create_user("juryn", "jury@angsby.example", "pw")
    Group.objects.get(name=roles.AWARD_JURY).user_set.add(user)
    return user


def form_data(client, **fields):
    form = client.get("/kvalitetspriset/nominera/").context["form"]
    data = {"form_key": form.initial["form_key"], "website": "", "altcha": "", **fields}
    return data


def nominate(client, award_round, unit, email=NOMINATOR, category=None):
    category = category or award_round.categories.first()
    data = form_data(
        client,
        category=category.pk,
        unit=unit.pk,
        reason="De lyssnade på oss föräldrar och ändrade inskolningen.",
        email=email,
    )
    return client.post("/kvalitetspriset/nominera/", data)


def close(award_round):
    award_round.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    award_round.save()


def test_resident_nominates_confirms_and_jury_picks_a_winner_shown_on_the_award_page(
    guarantee, award_round, jury
):
    resident = CommitClient()
    response = nominate(resident, award_round, guarantee)
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.status == Status.UNCONFIRMED

    link = path_of(mailed_link(Message.objects.get(to=NOMINATOR)))
    # A GET (a mail scanner) does not confirm; the button does.
    assert resident.get(link).status_code == 200
    nomination.refresh_from_db()
    assert nomination.status == Status.UNCONFIRMED
    assert resident.post(link).status_code == 200
    nomination.refresh_from_db()
    assert nomination.status == Status.CONFIRMED
    assert resident.post(link).status_code == 400  # the link works once

    staff = CommitClient()
    staff.force_login(jury)
    listing = staff.get("/admin/kvalitetspriset/nomineringar/").content.decode()
    assert f'href="/admin/kvalitetspriset/nomineringar/edit/{nomination.pk}/"' in listing
    detail = staff.get(f"/admin/kvalitetspriset/nomineringar/edit/{nomination.pk}/")
    assert "ändrade inskolningen" in detail.content.decode()
    assert NOMINATOR not in detail.content.decode()  # the jury never sees the address

    shortlist_url = f"/admin/kvalitetspriset/nomineringar/{nomination.pk}/finalist/"
    assert staff.post(shortlist_url).status_code == 302
    winner_url = f"/admin/kvalitetspriset/nomineringar/{nomination.pk}/vinnare/"
    # Still open for nominations: the jury waits.
    assert staff.post(winner_url, {"motivation": "För ett lyhört arbete."}).status_code == 400
    close(award_round)
    assert staff.post(winner_url, {"motivation": ""}).status_code == 400
    assert staff.post(winner_url, {"motivation": "För ett lyhört arbete."}).status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == Status.WINNER

    page = Client().get(f"/kvalitetspriset/{award_round.year}/").content.decode()
    assert guarantee.title in page and "För ett lyhört arbete." in page
    assert NOMINATOR not in page and "ändrade inskolningen" not in page
    assert "För ett lyhört arbete." in Client().get("/kvalitetspriset/").content.decode()

    told = Message.objects.filter(to=NOMINATOR).order_by("pk").last()
    assert "juryn har bestämt" in told.subject and guarantee.title in told.body


def test_one_nomination_per_email_unit_and_year_whatever_the_spelling(guarantee, award_round):
    client = CommitClient()
    assert (
        nominate(client, award_round, guarantee, email="Nina.Nom+pris@Example.se").status_code
        == 302
    )
    response = nominate(
        client,
        award_round,
        guarantee,
        email="nina.nom@example.se",
        category=award_round.categories.last(),
    )
    assert response.status_code == 400
    assert "redan nominerat" in response.content.decode()
    assert Nomination.objects.count() == 1


def test_the_honeypot_refuses_a_robot_and_a_closed_round_takes_no_nominations(
    guarantee, award_round
):
    client = CommitClient()
    data = form_data(
        client,
        category=award_round.categories.first().pk,
        unit=guarantee.pk,
        reason="Bra!",
        email=NOMINATOR,
        website="http://spam.example",
    )
    assert client.post("/kvalitetspriset/nominera/", data).status_code == 400
    close(award_round)
    assert client.get("/kvalitetspriset/nominera/").status_code == 404
    assert Nomination.objects.count() == 0


def test_the_reason_loses_control_characters(guarantee, award_round):
    client = CommitClient()
    data = form_data(
        client,
        category=award_round.categories.first().pk,
        unit=guarantee.pk,
        reason="Bra\u202e bemötande\x00",
        email=NOMINATOR,
    )
    assert client.post("/kvalitetspriset/nominera/", data).status_code == 302
    assert Nomination.objects.get().reason == "Bra bemötande"


def test_staff_without_the_jury_role_cannot_see_or_decide(guarantee, award_round, jury):
    nomination, _token = Nomination.submit(
        category=award_round.categories.first(),
        unit=guarantee,
        reason="Bra",
        email=NOMINATOR,
        canonical=NOMINATOR,
    )
    Nomination.objects.filter(pk=nomination.pk).update(status=Status.CONFIRMED)
    setup_roles()
    from tests.staff.conftest import make_staff

    moderator = make_staff("moderator", roles.PROPOSAL_MODERATOR)
    client = CommitClient()
    client.force_login(moderator)
    assert client.get("/admin/kvalitetspriset/nomineringar/").status_code in (302, 403)
    response = client.post(f"/admin/kvalitetspriset/nomineringar/{nomination.pk}/finalist/")
    assert response.status_code in (302, 403)
    nomination.refresh_from_db()
    assert nomination.status == Status.CONFIRMED


def test_one_winner_per_category(guarantee, service_area, award_round, jury):
    from tests.factories import make_guarantee

    other = make_guarantee(service_area, title="Förskolan Vitsippan")
    category = award_round.categories.first()
    finalists = []
    for unit in (guarantee, other):
        nomination, _token = Nomination.submit(
            category=category, unit=unit, reason="Bra", email=NOMINATOR, canonical=NOMINATOR
        )
        Nomination.objects.filter(pk=nomination.pk).update(status=Status.SHORTLISTED)
        finalists.append(nomination)
    close(award_round)
    finalists[0].choose_as_winner("Först")
    from home.transitions import TransitionError

    with pytest.raises(TransitionError):
        finalists[1].choose_as_winner("Också")


def test_quality_staff_set_up_a_yearly_round_with_categories_in_the_admin(home_page):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from tests.staff.conftest import make_staff

    setup_roles()
    staff = CommitClient()
    staff.force_login(make_staff("kvalitet", roles.QUALITY_STAFF))
    assert staff.get("/admin/kvalitetspriset/omgangar/new/").status_code == 200
    data = nested_form_data(
        {
            "year": 2031,
            "opens_on": "2031-03-01",
            "closes_on": "2031-02-01",
            "intro": "",
            "categories": inline_formset([{"name": "Bästa bemötande", "description": ""}]),
        }
    )
    refused = staff.post("/admin/kvalitetspriset/omgangar/new/", data)
    assert refused.status_code == 200 and not AwardRound.objects.filter(year=2031).exists()
    data["closes_on"] = "2031-04-30"
    assert staff.post("/admin/kvalitetspriset/omgangar/new/", data).status_code == 302
    award_round = AwardRound.objects.get(year=2031)
    assert [c.name for c in award_round.categories.all()] == ["Bästa bemötande"]


def test_the_eleventh_nomination_within_an_hour_gets_429_in_swedish(home_page, award_round):
    from tests.factories import make_guarantee, make_service_area

    area = make_service_area(home_page, title="Bibliotek")
    units = [make_guarantee(area, title=f"Filial {n}", commitments=0) for n in range(11)]
    client = CommitClient()
    for unit in units[:10]:
        assert nominate(client, award_round, unit).status_code == 302
    response = nominate(client, award_round, units[10])
    assert response.status_code == 429
    assert "för många" in response.content.decode()
    assert Nomination.objects.count() == 10


def test_a_nomination_racing_its_twin_is_refused_in_swedish_not_with_an_error(
    guarantee, award_round, monkeypatch
):
    from home.transitions import TransitionError

    category = award_round.categories.first()
    Nomination.submit(
        category=category, unit=guarantee, reason="a", email=NOMINATOR, canonical=NOMINATOR
    )
    # The twin passed the existence check before the first was stored; the constraint decides.
    monkeypatch.setattr(Nomination, "already_nominated", classmethod(lambda cls, *args: False))
    with pytest.raises(TransitionError, match="redan nominerat"):
        Nomination.submit(
            category=category, unit=guarantee, reason="b", email=NOMINATOR, canonical=NOMINATOR
        )
    assert Nomination.objects.count() == 1
