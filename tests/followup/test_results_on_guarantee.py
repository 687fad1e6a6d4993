from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from guarantees.followup.models import CommitmentOutcome, Outcome
from guarantees.sections import render_sections
from home.years import previous_year
from tests.factories import make_guarantee

from .conftest import make_follow_up


def test_an_unpublished_follow_up_is_not_shown_on_the_guarantee(client, unit):
    follow_up = make_follow_up(unit, outcomes=[Outcome.NOT_MET], published=False)
    html = client.get(unit.url).content.decode()
    assert f"Så gick det {follow_up.year}" not in html
    assert "Analys av" not in html


def test_publishing_the_follow_up_shows_each_outcome_with_a_tag(client, unit):
    follow_up = make_follow_up(
        unit,
        by_title={"Enhetsåtagande 1": Outcome.NOT_MET, "Områdesåtagande 1": Outcome.PARTLY_MET},
    )
    html = client.get(unit.url).content.decode()
    assert f"Så gick det {follow_up.year}" in html
    # Every commitment on the guarantee: 3 of the unit, 1 of the area, 3 city-wide.
    assert html.count('class="follow-up__item"') == 7
    assert '<span class="tag tag--error">Ej uppfyllt</span>' in html
    assert '<span class="tag tag--warn">Delvis uppfyllt</span>' in html
    assert html.count('<span class="tag tag--ok">Uppfyllt</span>') == 5
    assert "Analys av Enhetsåtagande 1" in html
    assert "Du får svar på dina synpunkter och klagomål inom två arbetsdagar." in html


def test_the_latest_published_year_is_shown_not_a_newer_draft(client, unit):
    year = previous_year()
    make_follow_up(unit, year=year - 1)
    make_follow_up(unit, year=year, outcomes=[Outcome.NOT_MET], published=False)
    html = client.get(unit.url).content.decode()
    assert f"Så gick det {year - 1}" in html
    assert f"Så gick det {year}<" not in html
    assert "tag--error" not in html


def test_earlier_published_years_are_linked_and_can_be_opened(client, unit):
    year = previous_year()
    make_follow_up(unit, year=year - 1, outcomes=[Outcome.NOT_MET])
    make_follow_up(unit, year=year)
    html = client.get(unit.url).content.decode()
    assert f'href="?uppfoljning={year - 1}#sa-gick-det"' in html
    older = client.get(unit.url, {"uppfoljning": year - 1}).content.decode()
    assert f"Så gick det {year - 1}" in older
    assert "tag--error" in older
    hostile = client.get(unit.url, {"uppfoljning": "<script>"})
    assert hostile.status_code == 200
    assert f"Så gick det {year}" in hostile.content.decode()


def test_outcome_history_survives_when_the_commitment_is_deleted(client, unit):
    make_follow_up(unit, by_title={"Enhetsåtagande 1": Outcome.NOT_MET})
    commitment = unit.commitments.get(title="Enhetsåtagande 1")
    commitment.delete()
    row = CommitmentOutcome.objects.get(commitment_title="Enhetsåtagande 1")
    assert row.commitment is None
    assert row.outcome == Outcome.NOT_MET
    assert "Enhetsåtagande 1" in client.get(unit.url).content.decode()


def _count_section_queries(unit):
    request = RequestFactory().get(unit.url)
    with CaptureQueriesContext(connection) as queries:
        html = render_sections("guarantee_page_results", {"page": unit, "request": request})
    return len(queries), html


def test_the_results_section_needs_the_same_queries_for_3_or_30_commitments(area):
    small = make_guarantee(area, title="Liten enhet", commitments=3)
    large = make_guarantee(area, title="Stor enhet", commitments=30)
    make_follow_up(small, outcomes=[Outcome.NOT_MET])
    make_follow_up(large, outcomes=[Outcome.NOT_MET] * 10)
    small_count, small_html = _count_section_queries(small)
    large_count, large_html = _count_section_queries(large)
    assert small_html.count('class="follow-up__item"') == 3 + 1 + 3
    assert large_html.count('class="follow-up__item"') == 30 + 1 + 3
    assert small_count == large_count
