"""Item 1 of issue 31: a follow-up that cannot be broken. Its rows are the guarantee's
commitments, kept in step and never deleted or added by hand; a draft saves with outcomes
missing, "Klar för granskning" needs them all and mails the reviewers; publishing is a
confirmed action for those who may publish, mails the unit and keeps the first date; a later
change is a correction with its own date; whoever may see a follow-up can open it."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from guarantees.followup.models import (
    OUTCOME_REQUIRED,
    ROWS_ARE_FIXED,
    CommitmentOutcome,
    Outcome,
    YearlyFollowUp,
    outcomes_missing,
)
from guarantees.models import Commitment, GuaranteePage, QualityCriterion
from home.dates import staff_date
from home.years import previous_year
from outbox.models import Message
from staff import demo as staff_demo
from staff import roles
from staff.models import Role, UnitAssignment
from staff.setup import setup_roles
from tests.factories import make_guarantee, make_service_area

from .conftest import make_follow_up

URLS = "wagtailsnippets_followup_yearlyfollowup"


def url(name, follow_up=None):
    return reverse(f"{URLS}:{name}", args=[follow_up.pk] if follow_up else [])


def _staff(username, group, email=""):
    user = get_user_model().objects.create_user(
        username, email=email, password="x", first_name=username.capitalize()
    )
    Group.objects.get(name=group).user_set.add(user)
    return user


@pytest.fixture
def people(area, unit):
    """The unit's editor, two quality strategists who review, all with addresses."""
    setup_roles()
    editor = _staff("elias", roles.UNIT_EDITOR, "elias@angsby.example")
    UnitAssignment.objects.create(user=editor, page=unit, role=Role.EDITOR)
    return {
        "editor": editor,
        "quality": _staff("kim", roles.QUALITY_STAFF, "kim@angsby.example"),
        "second_reviewer": _staff("karin", roles.QUALITY_STAFF, "karin@angsby.example"),
    }


def _rows(follow_up, overrides=None, outcome=Outcome.MET):
    overrides = overrides or {}
    rows = []
    for row in follow_up.outcomes.order_by("sort_order"):
        data = {"id": row.pk, "outcome": outcome, "measured_value": "", "analysis": ""}
        data.update(overrides.get(row.commitment_title, {}))
        rows.append(data)
    return rows


def _post_data(rows, ready=False, initial=None):
    return nested_form_data(
        {
            "summary": "Ett år med mycket arbete.",
            "ready_for_review": "on" if ready else "",
            "outcomes": inline_formset(rows, initial=len(rows) if initial is None else initial),
        }
    )


# No row can be deleted or added by hand.


def test_a_post_that_leaves_a_row_out_deletes_nothing_and_is_refused_in_swedish(
    client, people, unit
):
    follow_up = YearlyFollowUp.start(unit, previous_year())
    before = follow_up.outcomes.count()
    client.force_login(people["editor"])
    rows = _rows(follow_up)[1:]  # the first row's formset entry dropped
    response = client.post(url("edit", follow_up), _post_data(rows))
    assert response.status_code == 400
    assert str(ROWS_ARE_FIXED) in response.content.decode()
    assert follow_up.outcomes.count() == before
    assert not follow_up.outcomes.exclude(outcome="").exists()  # nothing else saved either


def test_a_row_marked_delete_stays(client, people, unit):
    follow_up = YearlyFollowUp.start(unit, previous_year())
    before = set(follow_up.outcomes.values_list("pk", flat=True))
    client.force_login(people["editor"])
    rows = _rows(follow_up)
    rows[2]["DELETE"] = "on"
    response = client.post(url("edit", follow_up), _post_data(rows))
    assert response.status_code == 302
    assert set(follow_up.outcomes.values_list("pk", flat=True)) == before
    edit = client.get(url("edit", follow_up)).content.decode()
    # The screen offers neither a delete nor an add button.
    assert "outcomes-0-id" in edit
    assert "outcomes-0-DELETE" not in edit and "outcomes-ADD" not in edit
    assert "Lägg till Åtagande" not in edit


@pytest.mark.parametrize("crafted", ["new", "another_follow_ups", "twice"])
def test_a_crafted_row_is_refused_in_swedish_with_400(client, people, unit, area, crafted):
    follow_up = YearlyFollowUp.start(unit, previous_year())
    other = YearlyFollowUp.start(make_guarantee(area, title="Förskolan Vitsippan"), previous_year())
    before = list(CommitmentOutcome.objects.order_by("pk").values_list("pk", "follow_up_id"))
    rows = _rows(follow_up)
    if crafted == "new":
        rows.append({"id": "", "outcome": Outcome.MET, "commitment_title": "Påhittat"})
    elif crafted == "another_follow_ups":
        rows.append({"id": other.outcomes.first().pk, "outcome": Outcome.NOT_MET})
    else:
        rows.append(dict(rows[0]))
    client.force_login(people["quality"])
    response = client.post(url("edit", follow_up), _post_data(rows, initial=len(rows) - 1))
    assert response.status_code == 400
    assert str(ROWS_ARE_FIXED) in response.content.decode()
    after = list(CommitmentOutcome.objects.order_by("pk").values_list("pk", "follow_up_id"))
    assert after == before


# Rows kept in step with the guarantee.


def _republish_with(unit, commitments):
    page = GuaranteePage.objects.get(pk=unit.pk)
    page.commitments = commitments
    page.save_revision().publish()


def test_rows_follow_the_commitments_added_and_removed_during_the_year(unit):
    this_year = timezone.localdate().year
    follow_up = YearlyFollowUp.start(unit, this_year)
    last_year = YearlyFollowUp.start(unit, previous_year())
    shown = follow_up.outcomes.count()  # the city's, the area's and the unit's three
    kept = list(GuaranteePage.objects.get(pk=unit.pk).commitments.all())
    dropped = kept.pop(0)
    added = Commitment(
        title="Nytt åtagande i mars",
        expected_result="Alla får svar inom en vecka",
        quality_criterion=QualityCriterion.ACCESSIBILITY,
    )
    _republish_with(unit, [*kept, added])

    rows = {row.commitment_title: row for row in follow_up.outcomes.all()}
    assert len(rows) == shown + 1  # one added, none lost
    assert rows["Nytt åtagande i mars"].removed_on is None
    assert rows[dropped.title].removed_on == timezone.localdate()
    assert rows[dropped.title].expected_result == dropped.expected_result
    # Last year's follow-up judges last year's guarantee: it is not rewritten.
    assert last_year.outcomes.count() == shown
    assert not last_year.outcomes.exclude(removed_on=None).exists()


def test_a_removed_row_is_marked_in_the_admin_and_on_the_public_page(
    admin_client, unit, follow_up_factory
):
    follow_up = follow_up_factory(unit, published=False)
    row = follow_up.outcomes.get(commitment_title="Enhetsåtagande 1")
    row.removed_on = datetime.date(previous_year(), 3, 12)
    row.save()
    edit = admin_client.get(url("edit", follow_up)).content.decode()
    # Staff screens write dates the house's one way ("ons 12 mar 2025").
    assert f"Borttaget ur garantin {staff_date(row.removed_on)}" in edit
    follow_up.publish()
    public = admin_client.get(unit.url).content.decode()
    assert f"Åtagandet togs bort ur garantin 12 mars {previous_year()}." in public


# A draft saves with outcomes missing; "Klar för granskning" needs them all.


def test_a_draft_saves_with_every_outcome_missing(client, people, unit):
    follow_up = YearlyFollowUp.start(unit, timezone.localdate().year)
    client.force_login(people["editor"])
    rows = _rows(follow_up, {"Enhetsåtagande 1": {"outcome": Outcome.MET}}, outcome="")
    response = client.post(url("edit", follow_up), _post_data(rows))
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.summary == "Ett år med mycket arbete."
    assert list(
        follow_up.outcomes.exclude(outcome="").values_list("commitment_title", flat=True)
    ) == ["Enhetsåtagande 1"]


def test_ready_for_review_with_outcomes_missing_is_refused_at_the_fields(client, people, unit):
    follow_up = YearlyFollowUp.start(unit, previous_year())
    client.force_login(people["editor"])
    rows = _rows(
        follow_up, {"Enhetsåtagande 2": {"outcome": ""}, "Enhetsåtagande 3": {"outcome": ""}}
    )
    response = client.post(url("edit", follow_up), _post_data(rows, ready=True))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["ready_for_review"] == [outcomes_missing(2)]
    assert outcomes_missing(2).startswith("2 åtaganden saknar utfall.")
    row_errors = [f.errors.get("outcome") for f in form.formsets["outcomes"].forms]
    assert row_errors.count([str(OUTCOME_REQUIRED)]) == 2
    assert str(OUTCOME_REQUIRED) in response.content.decode()
    follow_up.refresh_from_db()
    assert not follow_up.ready_for_review
    assert not Message.objects.exists()


def test_marking_it_ready_mails_every_reviewer_once(client, people, unit):
    follow_up = YearlyFollowUp.start(unit, previous_year())
    client.force_login(people["editor"])
    response = client.post(url("edit", follow_up), _post_data(_rows(follow_up), ready=True))
    assert response.status_code == 302
    letters = Message.objects.order_by("to")
    assert [letter.to for letter in letters] == ["karin@angsby.example", "kim@angsby.example"]
    letter = letters[0]
    assert letter.subject == f"Årsuppföljning att granska: Förskolan Solrosen {previous_year()}"
    assert "klar för granskning" in letter.body and url("edit", follow_up) in letter.body
    # Saved again while ready: nobody is told twice.
    client.post(url("edit", follow_up), _post_data(_rows(follow_up), ready=True))
    assert Message.objects.count() == 2


# Publishing: an explicit, confirmed action for those who may publish.


def test_publishing_asks_first_then_mails_the_unit(client, people, unit, settings):
    unit.email = "solrosen@angsby.example"
    unit.save_revision().publish()
    follow_up = make_follow_up(unit, published=False)
    client.force_login(people["quality"])
    confirm = client.get(url("publish", follow_up))
    assert confirm.status_code == 200
    assert "enheten får ett mejl" in confirm.content.decode()
    assert not YearlyFollowUp.objects.get(pk=follow_up.pk).is_published
    response = client.post(url("publish", follow_up))
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.is_published and follow_up.published_at is not None
    assert follow_up.corrected_at is None
    to = sorted(Message.objects.values_list("to", flat=True))
    assert to == ["elias@angsby.example", "solrosen@angsby.example"]
    letter = Message.objects.get(to="solrosen@angsby.example")
    assert letter.subject == f"Årsuppföljningen {previous_year()} är publicerad: Förskolan Solrosen"
    assert "#sa-gick-det" in letter.body


def test_republishing_keeps_the_first_date_and_records_a_correction(client, people, unit):
    follow_up = make_follow_up(unit, published=False)
    client.force_login(people["quality"])
    client.post(url("publish", follow_up))
    first = timezone.make_aware(datetime.datetime(previous_year() + 1, 1, 31, 10, 0))
    YearlyFollowUp.objects.filter(pk=follow_up.pk).update(published_at=first)
    assert client.get(url("unpublish", follow_up)).status_code == 200
    assert client.post(url("unpublish", follow_up)).status_code == 302
    follow_up.refresh_from_db()
    assert not follow_up.is_published and follow_up.published_at == first
    assert client.post(url("publish", follow_up)).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.is_published and follow_up.published_at == first
    assert follow_up.corrected_at is not None and follow_up.corrected_at > first
    public = client.get(unit.url).content.decode()
    assert f"Publicerad 31 januari {previous_year() + 1}." in public
    assert f"Rättad {timezone.localdate():%-d}" in public
    letter = Message.objects.filter(to="elias@angsby.example").order_by("pk").last()
    assert "rättad och publicerad igen" in letter.subject


def test_a_reviewers_change_to_a_published_follow_up_is_a_dated_correction(client, people, unit):
    follow_up = make_follow_up(unit)
    first = follow_up.published_at
    client.force_login(people["quality"])
    # Opened and saved unchanged: no correction.
    rows = [
        {
            "id": r.pk,
            "outcome": r.outcome,
            "measured_value": r.measured_value,
            "analysis": r.analysis,
        }
        for r in follow_up.outcomes.order_by("sort_order")
    ]
    data = nested_form_data(
        {"summary": follow_up.summary, "outcomes": inline_formset(rows, initial=len(rows))}
    )
    assert client.post(url("edit", follow_up), data).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.corrected_at is None
    rows[0]["measured_value"] = "91 procent (mål 90)"
    data = nested_form_data(
        {"summary": follow_up.summary, "outcomes": inline_formset(rows, initial=len(rows))}
    )
    assert client.post(url("edit", follow_up), data).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.published_at == first and follow_up.corrected_at is not None
    assert "Rättad" in client.get(unit.url).content.decode()


def test_publishing_needs_the_permission_a_finished_year_and_every_outcome(client, people, unit):
    follow_up = YearlyFollowUp.start(unit, previous_year())
    client.force_login(people["editor"])
    assert client.post(url("publish", follow_up)).status_code in (302, 403)
    assert not YearlyFollowUp.objects.get(pk=follow_up.pk).is_published
    client.force_login(people["quality"])
    refused = client.post(url("publish", follow_up))
    assert refused.status_code == 400
    assert outcomes_missing(follow_up.outcomes.count()) in refused.content.decode()
    assert not YearlyFollowUp.objects.get(pk=follow_up.pk).is_published
    assert not Message.objects.exists()
    for pk in ("999999", "abc"):
        assert (
            client.get(f"/admin/snippets/followup/yearlyfollowup/publish/{pk}/").status_code == 404
        )


# Every role that may see a follow-up can open it, generated from the role table.

FOLLOW_UP_LINK = re.compile(
    r'href="(/admin/snippets/followup/yearlyfollowup/(?:edit|inspect)/\d+/)"'
)


def _people_for_every_role(home_page):
    """The demo staff (staff/demo.py, tied to the first area and its first unit), and one
    person for each role in staff/roles.py that the demo has nobody for."""
    staff_demo.load(io.StringIO())
    users = list(get_user_model().objects.filter(groups__name__in=roles.ROLE_GROUPS).distinct())
    covered = {group for user in users for group in user.groups.values_list("name", flat=True)}
    for group in roles.ROLE_GROUPS:
        if group not in covered:
            users.append(_staff(f"roll-{roles.ROLE_GROUPS.index(group)}", group))
    return users


def test_every_role_opens_every_follow_up_it_is_listed(client, home_page, area, unit):
    other_area = make_service_area(home_page, title="Grundskola")
    second = make_guarantee(area, title="Förskolan Vitsippan")
    elsewhere = make_guarantee(other_area, title="Ekskolan")
    make_follow_up(unit, year=previous_year() - 1)  # published
    make_follow_up(unit, published=False)  # a draft
    make_follow_up(second)
    make_follow_up(elsewhere)
    policy = policy_registry.get_by_type(YearlyFollowUp)
    seen_by_someone = set()
    for user in _people_for_every_role(home_page):
        client.force_login(user)
        visible = set(
            policy.instances_user_has_permission_for(user, "view").values_list("pk", flat=True)
        )
        listing = client.get(url("list"))
        if not visible:
            assert listing.status_code in (302, 403), user.username
            continue
        assert listing.status_code == 200, user.username
        links = FOLLOW_UP_LINK.findall(listing.content.decode())
        assert {int(link.rstrip("/").rsplit("/", 1)[1]) for link in links} == visible, user.username
        for link in links:
            opened = client.get(link, follow=True)
            assert opened.status_code == 200, (user.username, link)
            follow_up = YearlyFollowUp.objects.get(pk=int(link.rstrip("/").rsplit("/", 1)[1]))
            assert follow_up.unit.title in opened.content.decode()
            if "/edit/" in link:
                assert policy.user_has_permission_for_instance(user, "change", follow_up)
        seen_by_someone |= visible
    # The sweep reached the cases the issue names: the unit's editors with published ones.
    assert seen_by_someone == set(YearlyFollowUp.objects.values_list("pk", flat=True))
    for name in ("enhetschef", "redaktor"):
        user = get_user_model().objects.get(username=name)
        published = policy.instances_user_has_permission_for(user, "view").filter(is_published=True)
        assert published.exists()


def test_a_follow_up_once_published_cannot_be_deleted_even_by_its_reviewers(
    client, people, area, unit
):
    published = make_follow_up(unit)
    taken_down = make_follow_up(make_guarantee(area, "Förskolan Linden"))
    taken_down.unpublish()
    draft = YearlyFollowUp.start(unit, previous_year() - 1)
    client.force_login(people["quality"])
    listing = client.get(url("list")).content.decode()
    assert url("delete", draft) in listing
    for follow_up in (published, taken_down):
        assert url("delete", follow_up) not in listing
        for view in ("edit", "inspect"):
            assert url("delete", follow_up) not in client.get(url(view, follow_up)).content.decode()
        assert client.post(url("delete", follow_up)).status_code == 404
        assert YearlyFollowUp.objects.filter(pk=follow_up.pk).exists()
    assert client.post(url("delete", draft)).status_code == 302
    assert not YearlyFollowUp.objects.filter(pk=draft.pk).exists()
