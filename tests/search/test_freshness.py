"""What is published is findable at once; drafts, expired and unpublished pages never are."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from guarantees.models import Commitment, GuaranteePage
from search.query import SiteSearch, suggestions

from .conftest import page_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, municipality):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.se", "lösenord-123")
    client.force_login(user)
    return client


def edit_form(unit, new_commitment, action):
    unit = GuaranteePage.objects.get(pk=unit.pk)
    commitments = [
        {
            "id": c.pk,
            "title": c.title,
            "expected_result": c.expected_result,
            "quality_criterion": c.quality_criterion,
            "way_of_working": c.way_of_working,
            "follow_up_method": c.follow_up_method,
        }
        for c in unit.commitments.all()
    ]
    commitments.append(
        {
            "title": new_commitment,
            "expected_result": "Alla barn har provat minst en gång under terminen.",
            "quality_criterion": "trygghet",
            "way_of_working": "",
            "follow_up_method": "",
        }
    )
    data = nested_form_data(
        {
            "title": unit.title,
            "slug": unit.slug,
            "unit_name": unit.unit_name,
            "provider": unit.provider,
            "idea": unit.idea,
            "commitments": inline_formset(commitments, initial=len(commitments) - 1),
            "feedback_recipient": unit.feedback_recipient,
            "reply_working_days": unit.reply_working_days,
            "remedy": unit.remedy,
            "escalation": unit.escalation,
            "valid_from": unit.valid_from.isoformat(),
            "valid_to": unit.valid_to.isoformat(),
            "committee": unit.committee_id or "",
        }
    )
    data[action] = "1"
    return data


def test_commitment_published_through_the_admin_is_findable_at_once(admin_client, municipality):
    unit = municipality["units"]["Förskolan Solrosen"]
    assert not SiteSearch("skridskoåkning").run().hits

    response = admin_client.post(
        f"/admin/pages/{unit.pk}/edit/",
        edit_form(unit, "Vi erbjuder skridskoåkning på vintern", "action-publish"),
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert Commitment.objects.filter(page=unit, title__contains="skridskoåkning").exists()

    assert page_titles(SiteSearch("skridskoåkning").run()) == ["Förskolan Solrosen"]


def test_draft_changes_are_not_findable(admin_client, municipality):
    unit = municipality["units"]["Förskolan Solrosen"]
    response = admin_client.post(
        f"/admin/pages/{unit.pk}/edit/",
        edit_form(unit, "Vi erbjuder ponnyridning", "action-save"),
    )
    assert response.status_code == 302
    outcome = SiteSearch("ponnyridning").run()
    assert "Förskolan Solrosen" not in page_titles(outcome)
    # The live version is still found, and the same change, once published, is found too.
    assert "Förskolan Solrosen" in page_titles(SiteSearch("Solrosen").run())
    GuaranteePage.objects.get(pk=unit.pk).get_latest_revision().publish()
    assert "Förskolan Solrosen" in page_titles(SiteSearch("ponnyridning").run())


def test_new_draft_page_is_not_findable(municipality):
    from tests.factories import make_guarantee

    draft = make_guarantee(
        municipality["areas"]["forskola"], title="Förskolan Utkastet", publish=False, live=False
    )
    assert not SiteSearch("Utkastet").run().hits
    assert not suggestions("Utkast")
    draft.get_latest_revision().publish()  # the same page, published, is found by both
    assert page_titles(SiteSearch("Utkastet").run()) == ["Förskolan Utkastet"]
    assert suggestions("Utkast")


def test_expired_guarantee_is_not_findable(municipality, expired_guarantee):
    assert expired_guarantee.live
    # Findable while in force: it is the end date that hides it below.
    valid_to = expired_guarantee.valid_to
    GuaranteePage.objects.filter(pk=expired_guarantee.pk).update(
        valid_to=timezone.localdate() + datetime.timedelta(days=1)
    )
    assert page_titles(SiteSearch("Vitsippan").run()) == ["Förskolan Gamla Vitsippan"]
    GuaranteePage.objects.filter(pk=expired_guarantee.pk).update(valid_to=valid_to)
    assert not SiteSearch("Vitsippan").run().hits
    assert not suggestions("Gamla Vits")
    counts = {f.key: f.count for f in SiteSearch("förskolan").run().type_facets}
    assert counts["garantier"] == 2


@pytest.fixture
def last_day(municipality):
    """A guarantee whose last valid day is today."""
    from tests.factories import make_guarantee

    today = timezone.localdate()
    return make_guarantee(
        municipality["areas"]["forskola"],
        title="Förskolan Sista Dagen",
        valid_from=today - datetime.timedelta(days=300),
        valid_to=today,
    )


def test_a_guarantee_is_not_found_the_day_after_its_end_date_without_any_change(
    last_day, monkeypatch
):
    # Nothing is saved when an end date passes, so no signal makes the search forget what it
    # keeps (search/engine.py's catalogue, kept per generation and day): the next day's
    # search leaves the guarantee out all the same.
    assert page_titles(SiteSearch("Sista Dagen").run())[:1] == ["Förskolan Sista Dagen"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert "Förskolan Sista Dagen" not in page_titles(SiteSearch("Sista Dagen").run())


def test_guarantee_valid_until_today_is_still_findable(last_day):
    # Other pages hold one of the two words: they follow, as partial hits.
    full_hits = SiteSearch("Sista Dagen").run().full_hits
    assert [hit.title for hit in full_hits] == ["Förskolan Sista Dagen"]


def test_unpublished_guarantee_disappears(municipality):
    unit = municipality["units"]["Biblioteksbussen"]
    assert page_titles(SiteSearch("Biblioteksbussen").run())[0] == "Biblioteksbussen"
    unit.unpublish()
    assert "Biblioteksbussen" not in page_titles(SiteSearch("Biblioteksbussen").run())
    assert not suggestions("Biblioteksbuss")


def test_deleted_guarantee_leaves_the_index(municipality):
    from wagtail.search.models import IndexEntry

    unit = municipality["units"]["Tallåsens skola"]
    pk = unit.pk
    assert IndexEntry.objects.filter(object_id=str(pk)).exists()
    assert "Tallåsens skola" in page_titles(SiteSearch("Tallåsens").run())
    unit.delete()
    assert not IndexEntry.objects.filter(object_id=str(pk)).exists()
    assert not SiteSearch("Tallåsens").run().hits


def test_private_page_is_not_findable(municipality):
    from wagtail.models import PageViewRestriction

    unit = municipality["units"]["Vårdboendet Lindgården"]
    assert "Vårdboendet Lindgården" in page_titles(SiteSearch("Lindgården").run())
    PageViewRestriction.objects.create(page=unit, restriction_type="login")
    assert not SiteSearch("Lindgården").run().hits
