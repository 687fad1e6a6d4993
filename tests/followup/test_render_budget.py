"""The uncached guarantee render: a query budget that does not grow with commitments, levels or
follow-up years, and the year's feedback figures kept between views until feedback changes."""

import datetime
import re

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feedback.models import Dimension, Feedback, Kind
from guarantees.models import Commitment, QualityCriterion
from home import fragments
from home.years import previous_year
from tests.factories import make_guarantee, make_service_area

from .conftest import make_follow_up

# What a guarantee page costs a view, whatever its size (issue 18: at most 10): the generation
# of what is kept between publishes (home/fragments.py: the Site and its home page, the route
# to the unit, the paths of view restrictions, the header, breadcrumbs, footer, commitments,
# "Så gick det", the form), the unit itself, the year's feedback figures (one cache read).
GUARANTEE_PAGE_QUERIES = 3
# The first view after a publish renders the kept parts: Wagtail's routing, the privacy
# check's restricted paths, the settings and logo, the menu, the breadcrumbs, the
# commitments (one query for all three levels), the follow-up (published years, then the
# chosen one's outcomes), the good examples, the area for the comparison link, the report
# link, the guarantee's history (one cache read: compared when it was published). Also the
# same whatever the page's size.
GUARANTEE_PAGE_QUERIES_AFTER_PUBLISH = 23


def _receive(unit, year, **fields):
    when = timezone.make_aware(datetime.datetime(year, 3, 10, 10, 0))
    fields.setdefault("kind", Kind.OPINION)
    fields.setdefault("dimension", Dimension.TREATMENT)
    with TestCase.captureOnCommitCallbacks(execute=True):  # as the request's commit would
        return Feedback.receive(unit=unit, message="Om verksamheten.", received_at=when, **fields)[
            0
        ]


def _queries(client, url, after_publish=False):
    client.get(url)  # per-process caches (Wagtail's site root paths) are warm after one view
    if after_publish:
        fragments.changed()  # as any publish does: the kept parts are rendered again
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _add_commitments(page, n, prefix):
    page.commitments.add(
        *[
            Commitment(
                sort_order=10 + i,
                title=f"{prefix} {i}",
                expected_result="Mätbart",
                quality_criterion=QualityCriterion.CONFIDENCE,
            )
            for i in range(n)
        ]
    )
    page.save_revision().publish()


@pytest.mark.parametrize("commitments", [3, 30])
def test_the_guarantee_page_costs_the_same_queries_for_3_or_30_commitments(
    client, area, commitments, django_assert_max_num_queries
):
    unit = make_guarantee(area, title=f"Enhet med {commitments}", commitments=commitments)
    make_follow_up(unit)
    _receive(unit, previous_year())
    assert _queries(client, unit.url) <= GUARANTEE_PAGE_QUERIES
    with django_assert_max_num_queries(GUARANTEE_PAGE_QUERIES):
        html = client.get(unit.url).content.decode()
    assert html.count('class="commitment"') >= commitments


def test_the_first_view_after_a_publish_costs_the_same_for_3_or_30_commitments(client, area):
    few = make_guarantee(area, title="Få löften", commitments=3)
    many = make_guarantee(area, title="Många löften", commitments=30)
    for unit in (few, many):
        make_follow_up(unit)
    counts = {_queries(client, unit.url, after_publish=True) for unit in (few, many)}
    assert len(counts) == 1 and counts.pop() <= GUARANTEE_PAGE_QUERIES_AFTER_PUBLISH


def test_area_and_city_commitments_cost_no_extra_query(client, home_page, committee):
    area = make_service_area(home_page, title="Grundskola", committee=committee, commitments=1)
    unit = make_guarantee(area, title="Ekbackens skola", commitments=1)
    few = _queries(client, unit.url)
    few_after_publish = _queries(client, unit.url, after_publish=True)
    _add_commitments(area, 12, "Områdeslöfte")
    _add_commitments(home_page, 12, "Stadslöfte")
    html = client.get(unit.url).content.decode()
    assert "Områdeslöfte 11" in html and "Stadslöfte 11" in html
    assert _queries(client, unit.url) == few <= GUARANTEE_PAGE_QUERIES
    assert _queries(client, unit.url, after_publish=True) == few_after_publish


def test_one_or_three_follow_up_years_cost_the_same(client, area):
    year = previous_year()
    one = make_guarantee(area, title="Ett år")
    make_follow_up(one, year=year)
    three = make_guarantee(area, title="Tre år")
    for offset in range(3):
        make_follow_up(three, year=year - offset)
    assert _queries(client, three.url) == _queries(client, one.url) <= GUARANTEE_PAGE_QUERIES
    assert _queries(client, three.url, after_publish=True) == _queries(
        client, one.url, after_publish=True
    )
    older = client.get(three.url, {"uppfoljning": year - 2}).content.decode()
    assert f"Så gick det {year - 2}" in older


def test_the_years_feedback_figures_are_not_recounted_on_every_view(client, unit):
    year = previous_year()
    make_follow_up(unit, year=year)
    _receive(unit, year)
    client.get(unit.url)
    with CaptureQueriesContext(connection) as captured:
        client.get(unit.url)
    assert not [q for q in captured if "feedback_feedback" in q["sql"]]


def test_feedback_received_shows_in_the_years_figures_on_the_next_view(client, unit):
    year = previous_year()
    make_follow_up(unit, year=year)
    _receive(unit, year)
    assert "(1 totalt)" in client.get(unit.url).content.decode()
    _receive(unit, year, kind=Kind.COMPLAINT, commitment=unit.commitments.first())
    html = client.get(unit.url).content.decode()
    assert "(2 totalt)" in html
    assert "1 anmälan om att ett löfte inte hölls." in html
    assert f"{unit.commitments.first().title}: 1" in html


def test_feedback_moved_to_another_unit_leaves_the_first_units_figures(client, area, unit):
    year = previous_year()
    other = make_guarantee(area, title="Förskolan Lärkan")
    make_follow_up(unit, year=year)
    make_follow_up(other, year=year)
    case = _receive(unit, year)
    assert "(1 totalt)" in client.get(unit.url).content.decode()
    assert "(0 totalt)" in client.get(other.url).content.decode()
    case.unit = other
    with TestCase.captureOnCommitCallbacks(execute=True):
        case.save()
    assert "(0 totalt)" in client.get(unit.url).content.decode()
    assert "(1 totalt)" in client.get(other.url).content.decode()


def test_the_embedded_forms_commitment_choices_are_the_pages_commitments(client, unit):
    html = client.get(unit.url).content.decode()
    for commitment in unit.applicable_commitments():
        # Radios, each promise whole beside its own (feedback/forms.py).
        assert re.search(
            rf'name="commitment" value="{commitment.pk}"[^>]*>\s*{re.escape(commitment.title)}',
            html,
        )


def test_a_preview_shows_the_editors_unsaved_commitments(rf, unit):
    unit.commitments.add(
        Commitment(title="Osparat löfte", expected_result="x", quality_criterion="bemotande")
    )
    groups = unit.commitment_groups()
    assert "Osparat löfte" in [c.title for c in groups[0].commitments]  # the unit comes first
    served = unit.commitment_groups(from_cluster=False)
    assert "Osparat löfte" not in [c.title for c in served[0].commitments]
