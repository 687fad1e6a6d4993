from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from guarantees.followup.models import (
    ANALYSIS_REQUIRED,
    CommitmentOutcome,
    Outcome,
    YearlyFollowUp,
)
from home.years import previous_year

ADD_URL = "wagtailsnippets_followup_yearlyfollowup:add"
EDIT_URL = "wagtailsnippets_followup_yearlyfollowup:edit"


def _start(admin_client, unit, year):
    return admin_client.post(reverse(ADD_URL), {"unit": unit.pk, "year": year})


def test_starting_a_follow_up_lists_every_commitment_of_the_unit(admin_client, unit):
    year = previous_year()
    response = _start(admin_client, unit, year)
    follow_up = YearlyFollowUp.objects.get(unit=unit, year=year)
    assert response.status_code == 302
    assert response["Location"] == reverse(EDIT_URL, args=[follow_up.pk])
    edit = admin_client.get(response["Location"]).content.decode()
    expected = [
        "Du blir bemött med respekt, vänlighet och engagemang.",  # city-wide
        "Områdesåtagande 1",  # the area's
        "Enhetsåtagande 1",
        "Enhetsåtagande 2",
        "Enhetsåtagande 3",
    ]
    for title in expected:
        assert title in edit
    assert follow_up.outcomes.count() == 7
    assert not follow_up.is_published
    # A double submit adds nothing.
    _start(admin_client, unit, year)
    assert CommitmentOutcome.objects.filter(follow_up__unit=unit).count() == 7


def _edit_data(follow_up, overrides):
    rows = []
    for row in follow_up.outcomes.all():
        data = {
            "id": row.pk,
            "outcome": Outcome.MET,
            "measured_value": "",
            "analysis": "",
            "next_action": "",
        }
        data.update(overrides.get(row.commitment_title, {}))
        rows.append(data)
    return nested_form_data(
        {
            "summary": "Ett bra år.",
            "outcomes": inline_formset(rows, initial=len(rows)),
        }
    )


def test_saving_the_entry_screen_stores_each_outcome_and_publishes_nothing(admin_client, unit):
    year = previous_year()
    _start(admin_client, unit, year)
    follow_up = YearlyFollowUp.objects.get(unit=unit, year=year)
    data = _edit_data(
        follow_up,
        {
            "Enhetsåtagande 2": {
                "outcome": Outcome.PARTLY_MET,
                "measured_value": "86 procent (mål 90)",
                "analysis": "Två av tio samtal blev inte av.",
                "next_action": "Fler samtal.",
            }
        },
    )
    response = admin_client.post(reverse(EDIT_URL, args=[follow_up.pk]), data)
    assert response.status_code == 302
    follow_up.refresh_from_db()
    # Publishing is its own action with a confirmation (test_fixed_rows_and_publishing.py).
    assert not follow_up.is_published and follow_up.published_at is None
    partly = follow_up.outcomes.get(commitment_title="Enhetsåtagande 2")
    assert (partly.outcome, partly.measured_value) == (Outcome.PARTLY_MET, "86 procent (mål 90)")
    assert follow_up.outcomes.filter(outcome=Outcome.MET).count() == 6


def test_an_unmet_commitment_needs_an_analysis_a_measured_value_alone_is_refused(
    admin_client, unit
):
    year = previous_year()
    _start(admin_client, unit, year)
    follow_up = YearlyFollowUp.objects.get(unit=unit, year=year)
    unmet = {"outcome": Outcome.NOT_MET, "measured_value": "70 procent (mål 90)"}
    data = _edit_data(follow_up, {"Enhetsåtagande 1": unmet})
    response = admin_client.post(reverse(EDIT_URL, args=[follow_up.pk]), data)
    assert response.status_code == 200
    assert str(ANALYSIS_REQUIRED) in response.content.decode()
    follow_up.refresh_from_db()
    assert not follow_up.is_published
    assert not follow_up.outcomes.exclude(outcome="").exists()


def test_starting_a_follow_up_refuses_a_nonsense_year(admin_client, unit):
    form = admin_client.get(reverse(ADD_URL)).content.decode()
    assert "Förskolan Solrosen" in form and 'name="year"' in form
    for year in ["1999", "3000", "abc", "<script>", "99999999999999999999"]:
        response = _start(admin_client, unit, year)
        assert response.status_code == 400
        assert "Välj ett år i listan." in response.content.decode()
    assert not YearlyFollowUp.objects.exists()


def test_the_listing_filters_by_year_area_and_published(admin_client, unit, area):
    year = previous_year()
    _start(admin_client, unit, year)
    url = reverse("wagtailsnippets_followup_yearlyfollowup:list")
    shown = admin_client.get(url, {"year": year, "area": area.pk, "is_published": "false"})
    assert "Förskolan Solrosen" in shown.content.decode()
    hidden = admin_client.get(url, {"is_published": "true"})
    assert "Förskolan Solrosen" not in hidden.content.decode()
    assert admin_client.get(url, {"year": "<script>"}).status_code == 200
    menu = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    # The menu is JSON in the page, with its links spelled out.
    assert reverse("kvalitetsrapport:index") in menu and url in menu
    assert "0 av 1 enheter har en publicerad uppföljning, 1 är utkast." in menu
