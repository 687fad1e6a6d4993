"""Everything a guarantee shows is indexed (its commitments whole, the complaint routine, the
published follow-ups' analyses), and a query of several words lists the hits that hold all of
them first. The search tests' own small municipality is the data."""

import pytest

from search.query import SiteSearch

from .conftest import page_titles

pytestmark = pytest.mark.django_db


def test_hits_with_every_word_come_before_hits_with_some(municipality):
    outcome = SiteSearch("förskolan modersmålsstöd").run()
    assert outcome.hits[0].title == "Förskolan Myrstacken" and outcome.hits[0].full
    partial = outcome.partial_hits
    assert partial and all(hit.missing == ["modersmålsstöd"] for hit in partial)
    assert outcome.hits.index(partial[0]) > 0
    assert "Förskolan Solrosen" in [hit.title for hit in partial]


def test_way_of_working_remedy_and_follow_up_analysis_are_found(municipality):
    from guarantees.followup.models import Outcome, YearlyFollowUp
    from guarantees.models import GuaranteePage
    from home.years import previous_year

    # As stored: the fixture's object still holds the commitments it was given in memory.
    unit = GuaranteePage.objects.get(pk=municipality["units"]["Förskolan Solrosen"].pk)
    commitment = unit.commitments.first()
    commitment.way_of_working = "Pedagogerna ritar en skattkarta varje måndag."
    commitment.save()
    unit.remedy = "Du får en blomsterkvast som ursäkt."
    unit.save_revision().publish()
    assert page_titles(SiteSearch("skattkarta").run()) == ["Förskolan Solrosen"]
    assert page_titles(SiteSearch("blomsterkvast").run()) == ["Förskolan Solrosen"]

    unit.valid_from = unit.valid_from.replace(year=previous_year())
    unit.save_revision().publish()
    follow_up = YearlyFollowUp.start(unit, previous_year())
    for row in follow_up.outcomes.all():
        row.outcome = Outcome.PARTLY_MET
        row.analysis = "Snöovädret stängde gården i tre veckor."
        row.save()
    assert not SiteSearch("snöovädret").run().hits  # not published yet: not shown
    follow_up.is_published = True
    follow_up.save()
    assert page_titles(SiteSearch("snöovädret").run()) == ["Förskolan Solrosen"]
