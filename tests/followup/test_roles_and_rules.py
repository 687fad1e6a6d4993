"""Item 6 of issue 13: the unit's editor enters the follow-up, quality staff review and publish
it; a year is published only once it has ended; the years offered are the unit's guarantee
years; the analysis rule and its help text are one text; hostile years get a Swedish 4xx."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from guarantees.followup.forms import StartFollowUpForm
from guarantees.followup.models import (
    ANALYSIS_REQUIRED,
    PUBLISH_AFTER_YEAR_END,
    CommitmentOutcome,
    Outcome,
    YearlyFollowUp,
    guarantee_years,
)
from home.transitions import TransitionError
from home.years import previous_year
from staff import roles
from staff.models import Role, UnitAssignment
from staff.setup import setup_roles
from tests.factories import make_guarantee, make_service_area

LIST_URL = "wagtailsnippets_followup_yearlyfollowup:list"
ADD_URL = "wagtailsnippets_followup_yearlyfollowup:add"
EDIT_URL = "wagtailsnippets_followup_yearlyfollowup:edit"
INSPECT_URL = "wagtailsnippets_followup_yearlyfollowup:inspect"
PUBLISH_URL = "wagtailsnippets_followup_yearlyfollowup:publish"


def _staff(username, group):
    user = get_user_model().objects.create_user(username, password="x")
    Group.objects.get(name=group).user_set.add(user)
    return user


@pytest.fixture
def people(area, unit, home_page):
    """An editor of the first area, a quality strategist, and a unit of another area."""
    setup_roles()
    other = make_guarantee(make_service_area(home_page, title="Grundskola"), title="Ekskolan")
    editor = _staff("redaktor", roles.UNIT_EDITOR)
    UnitAssignment.objects.create(user=editor, page=area, role=Role.EDITOR)
    quality = _staff("strateg", roles.QUALITY_STAFF)
    return {"editor": editor, "quality": quality, "other": other}


def _edit_data(follow_up, ready=True):
    rows = [
        {"id": row.pk, "outcome": Outcome.MET, "measured_value": "", "analysis": ""}
        for row in follow_up.outcomes.all()
    ]
    return nested_form_data(
        {
            "summary": "Ett bra år.",
            "ready_for_review": "on" if ready else "",
            "outcomes": inline_formset(rows, initial=len(rows)),
        }
    )


# A year is published only once it has ended.


def test_a_year_still_running_cannot_be_published_on_the_model(unit):
    this_year = timezone.localdate().year
    follow_up = YearlyFollowUp.start(unit, this_year)
    follow_up.is_published = True
    with pytest.raises(ValidationError) as refused:
        follow_up.full_clean()
    assert refused.value.message_dict["is_published"] == [str(PUBLISH_AFTER_YEAR_END)]
    with pytest.raises(TransitionError):
        follow_up.save()
    assert not YearlyFollowUp.objects.get(pk=follow_up.pk).is_published
    # The editor may still draft it.
    follow_up.is_published = False
    follow_up.summary = "Halvårets läge."
    follow_up.full_clean()
    follow_up.save()
    # Last year has ended: it may be published.
    ended = YearlyFollowUp.start(unit, previous_year())
    ended.is_published = True
    ended.full_clean()
    ended.save()
    assert ended.published_at is not None


def test_quality_staff_cannot_publish_this_year_from_the_admin(client, people, unit):
    this_year = timezone.localdate().year
    follow_up = YearlyFollowUp.start(unit, this_year)
    client.force_login(people["quality"])
    assert (
        client.post(reverse(EDIT_URL, args=[follow_up.pk]), _edit_data(follow_up)).status_code
        == 302
    )
    response = client.post(reverse(PUBLISH_URL, args=[follow_up.pk]))
    assert response.status_code == 400
    assert str(PUBLISH_AFTER_YEAR_END) in response.content.decode()
    assert not YearlyFollowUp.objects.get(pk=follow_up.pk).is_published


# The editor enters, quality staff publish.


def test_the_units_editor_enters_a_draft_and_cannot_publish_it(client, people, unit):
    client.force_login(people["editor"])
    started = client.post(reverse(ADD_URL), {"unit": unit.pk, "year": previous_year()})
    follow_up = YearlyFollowUp.objects.get(unit=unit, year=previous_year())
    assert started["Location"] == reverse(EDIT_URL, args=[follow_up.pk])
    form = client.get(started["Location"]).content.decode()
    assert 'name="is_published"' not in form  # publishing is no box on the entry screen
    assert reverse(PUBLISH_URL, args=[follow_up.pk]) not in form
    saved = client.post(started["Location"], _edit_data(follow_up))
    assert saved.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.ready_for_review and follow_up.summary == "Ett bra år."
    # Wagtail answers a missing permission with a redirect to the dashboard and a message.
    assert client.post(reverse(PUBLISH_URL, args=[follow_up.pk])).status_code in (302, 403)
    assert not YearlyFollowUp.objects.get(pk=follow_up.pk).is_published
    # Quality staff see it waiting for review and publish it.
    client.force_login(people["quality"])
    waiting = client.get(reverse(LIST_URL), {"ready_for_review": "true"}).content.decode()
    assert "Förskolan Solrosen" in waiting
    assert (
        reverse(PUBLISH_URL, args=[follow_up.pk])
        in client.get(started["Location"]).content.decode()
    )
    published = client.post(reverse(PUBLISH_URL, args=[follow_up.pk]))
    assert published.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.is_published
    # Published, it is the municipality's record: the editor reads it but can no longer
    # change it; the old edit address opens it read-only.
    client.force_login(people["editor"])
    assert client.get(started["Location"])["Location"] == reverse(INSPECT_URL, args=[follow_up.pk])
    refused = client.post(started["Location"], _edit_data(follow_up, ready=False))
    assert (
        refused.status_code == 302 and YearlyFollowUp.objects.get(pk=follow_up.pk).ready_for_review
    )
    read_only = client.get(reverse(INSPECT_URL, args=[follow_up.pk])).content.decode()
    assert "Förskolan Solrosen" in read_only
    assert started["Location"] not in read_only  # no edit link that would lead back here
    assert "Förskolan Solrosen" in client.get(reverse(LIST_URL)).content.decode()


def test_the_editor_sees_and_starts_only_their_own_units(client, people, unit):
    other = people["other"]
    theirs = YearlyFollowUp.start(other, previous_year())
    client.force_login(people["editor"])
    listing = client.get(reverse(LIST_URL)).content.decode()
    assert "Ekskolan" not in listing
    assert client.get(reverse(EDIT_URL, args=[theirs.pk])).status_code == 404
    form = client.get(reverse(ADD_URL)).content.decode()
    assert "Förskolan Solrosen" in form and "Ekskolan" not in form
    refused = client.post(reverse(ADD_URL), {"unit": other.pk, "year": previous_year()})
    assert refused.status_code == 400
    assert "Välj en enhet i listan." in refused.content.decode()
    # The yearly report compiles every unit: not the editor's.
    report = client.get(reverse("kvalitetsrapport:index"))
    assert report.status_code in (302, 403)


# The years offered are the unit's guarantee years.


def test_the_years_offered_are_those_the_unit_had_a_guarantee_for(admin_user, area):
    last = previous_year()
    unit = make_guarantee(
        area,
        title="Förskolan Vitsippan",
        valid_from=datetime.date(last - 1, 1, 1),
        valid_to=datetime.date(last, 12, 31),
    )
    # Republished for this year: the earlier version's years are kept.
    unit.valid_from, unit.valid_to = datetime.date(last + 1, 1, 1), datetime.date(last + 1, 12, 31)
    unit.save_revision().publish()
    assert guarantee_years(unit) == [last + 1, last, last - 1]
    form = StartFollowUpForm(user=admin_user)
    offered = [year for year, _label in form.fields["year"].choices]
    assert offered == [last + 1, last, last - 1]
    assert 2000 not in offered and last + 2 not in offered
    form = StartFollowUpForm({"unit": unit.pk, "year": last - 2}, user=admin_user)
    assert not form.is_valid()
    # A year already followed up (from a version no longer on record) stays on offer.
    YearlyFollowUp.objects.create(unit=unit, year=last - 3)
    assert guarantee_years(unit) == [last + 1, last, last - 1, last - 3]


def test_a_year_the_unit_had_no_guarantee_for_is_refused_in_swedish(admin_client, area, unit):
    # `unit` is valid from last January; another unit covers the year before.
    make_guarantee(
        area,
        title="Förskolan Blåklinten",
        valid_from=datetime.date(previous_year() - 1, 1, 1),
    )
    response = admin_client.post(reverse(ADD_URL), {"unit": unit.pk, "year": previous_year() - 1})
    assert response.status_code == 400
    assert (
        f"Förskolan Solrosen hade ingen kvalitetsgaranti för {previous_year() - 1}."
        in response.content.decode()
    )
    assert not YearlyFollowUp.objects.exists()


# The rule and the help text agree.


def test_the_analysis_help_text_is_the_rule_it_states(unit):
    assert CommitmentOutcome._meta.get_field("analysis").help_text == ANALYSIS_REQUIRED
    assert YearlyFollowUp._meta.get_field("is_published").help_text == PUBLISH_AFTER_YEAR_END
    follow_up = YearlyFollowUp.start(unit, previous_year())
    row = follow_up.outcomes.first()
    row.outcome, row.measured_value, row.analysis = Outcome.PARTLY_MET, "86 procent", ""
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert refused.value.message_dict["analysis"] == [str(ANALYSIS_REQUIRED)]
    row.analysis = "Två samtal blev inte av."
    row.full_clean()
    row.outcome, row.analysis = Outcome.MET, ""
    row.full_clean()  # a commitment met needs no analysis


# Hostile years.


@pytest.mark.parametrize("year", ["99999999999999999999", "abc", "-1", "<script>"])
def test_hostile_years_in_forms_and_addresses_get_a_swedish_4xx(admin_client, unit, year):
    listing = admin_client.get(reverse(LIST_URL), {"year": year})
    assert listing.status_code < 500
    report = admin_client.get(
        reverse("kvalitetsrapport:index"), {"committee": unit.committee_id, "year": year}
    )
    assert report.status_code == 400
    assert "Välj ett år i listan." in report.content.decode()
    start = admin_client.post(reverse(ADD_URL), {"unit": unit.pk, "year": year})
    assert start.status_code == 400
    assert "Välj ett år i listan." in start.content.decode()
    for path in [
        f"/admin/kvalitetsrapport/{unit.committee_id}/99999/",
        "/admin/kvalitetsrapport/1/abc/",
    ]:
        assert admin_client.get(path).status_code == 404
