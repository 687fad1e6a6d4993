"""What a resident sees: the guarantee page, the service area page and the home page."""

import re

import pytest
from django.db import connection
from wagtail import hooks

from guarantees.models import Commitment, QualityCriterion
from tests.factories import make_guarantee, make_service_area

pytestmark = pytest.mark.django_db


def _html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_guarantee_shows_the_units_own_commitments_first_and_folds_the_shared_ones(
    client, guarantee
):
    html = _html(client, guarantee)
    unit = html.index('<h3 id="niva-unit">Enhetens åtaganden</h3>')
    area = html.index('<h3 id="niva-area">Verksamhetsområdets åtaganden</h3>')
    city = html.index('<h3 id="niva-city">Kommungemensamma åtaganden</h3>')
    assert unit < area < city
    # The unit's own expected result, the area's and a city-wide one from the home page.
    assert html.index("Minst 80 procent nöjda") in range(unit, area)
    assert html.index("Områdesresultat 1") in range(area, city)
    assert html.index("instämmer i att de blir bemötta med respekt") > city
    # Shared commitments are folded to their titles (native details), the own ones are not.
    assert html[unit:area].count("<details") == 0
    assert html[area:city].count('<details class="commitment__details">') == 1
    assert html[city:].count('<details class="commitment__details">') == 3


def test_the_contents_list_so_gick_det_and_the_page_links_comparison_and_report(client, guarantee):
    from guarantees.followup.models import YearlyFollowUp
    from home.years import previous_year

    html = _html(client, guarantee)
    assert 'href="#sa-gick-det"' not in html  # nothing followed up yet
    assert 'href="/forskola/jamfor/"' in html
    assert 'href="/kvalitetsrapport/"' in html
    follow_up = YearlyFollowUp.start(guarantee, previous_year())
    follow_up.outcomes.update(outcome="met")
    follow_up.is_published = True
    follow_up.save()
    html = _html(client, guarantee)
    contents = re.search(r'<nav class="guarantee__toc.*?</nav>', html, re.S).group(0)
    assert '<a href="#sa-gick-det">Så gick det</a>' in contents
    assert 'id="sa-gick-det"' in html
    report = f'href="/kvalitetsrapport/{guarantee.committee_id}/{previous_year()}/"'
    assert report in html


def test_every_commitment_has_its_anchor_and_a_link_to_report_a_broken_promise(
    client, guarantee, home_page, service_area
):
    html = _html(client, guarantee)
    commitments = [
        *home_page.commitments.all(),
        *service_area.commitments.all(),
        *guarantee.commitments.all(),
    ]
    assert len(commitments) == 3 + 1 + 3
    for commitment in commitments:
        assert f'id="atagande-{commitment.pk}"' in html
        assert f'href="?atagande={commitment.pk}#lamna-synpunkt"' in html
    assert html.count("Det här löftet hölls inte") == 7


def test_the_guarantee_shows_each_part_of_the_fixed_template(client, service_area):
    unit = make_guarantee(
        service_area,
        title="Förskolan Humlan",
        unit_name="Montessoriförskolan Humlan",
        provider="Humlan Förskolor AB",
        idea="Vi arbetar enligt Montessoripedagogiken med barnens självständighet i fokus.",
        feedback_recipient="Rektor för förskolan",
        reply_working_days=3,
        remedy="Vi ber om ursäkt och rättar till det inom en vecka.",
        escalation="Du kan vända dig till Barn- och utbildningsförvaltningen.",
        address="Humlegatan 3, Ängsby",
        opening_hours="Vardagar 6.30–18.00",
        phone="0123-45 67 89",
        phone_hours="Vardagar 8–16",
        email="humlan@example.se",
        contact_person="Eva Lind, rektor",
        record_number="BUN 2026/42",
    )
    html = _html(client, unit)
    for text in [
        "Montessoriförskolan Humlan",
        "Drivs av Humlan Förskolor AB",
        "Montessoripedagogiken",
        "Det här kan du förvänta dig",
        "Om vi inte håller vad vi lovar",
        "Rektor för förskolan",
        "tre arbetsdagar",
        "rättar till det inom en vecka",
        "Barn- och utbildningsförvaltningen",
        "Humlegatan 3, Ängsby",
        "Vardagar 6.30–18.00",
        'href="tel:+46123456789"',
        'href="mailto:humlan@example.se"',
        "Eva Lind, rektor",
        "BUN 2026/42",
        str(service_area.committee),
    ]:
        assert text in html, text
    assert "Kommunal verksamhet" not in html
    assert "Den här kvalitetsgarantin gäller inte längre" not in html


def test_a_municipal_unit_says_it_is_run_by_the_municipality(client, guarantee):
    assert "Kommunal verksamhet" in _html(client, guarantee)


def test_an_expired_guarantee_says_it_is_no_longer_valid(client, expired_guarantee):
    html = _html(client, expired_guarantee)
    notice = re.search(r'<div class="[^"]*notice[^"]*" role="status">(.*?)</div>', html, re.S)
    assert notice is not None
    assert "Den här kvalitetsgarantin gäller inte längre" in notice.group(1)


def test_the_feedback_region_holds_what_the_feedback_room_registers(client, guarantee):
    def form(context):
        return f'<form id="test-form" data-page="{context["page"].pk}"></form>'

    with hooks.register_temporarily("guarantee_page_feedback", form):
        html = _html(client, guarantee)
    region = re.search(r'<section id="lamna-synpunkt"(.*?)</section>', html, re.S).group(0)
    assert 'aria-labelledby="lamna-synpunkt-rubrik"' in region
    assert '<h2 id="lamna-synpunkt-rubrik">Lämna synpunkt eller klagomål</h2>' in region
    assert f'<form id="test-form" data-page="{guarantee.pk}"></form>' in region


def test_the_remedy_follows_the_commitments_and_the_results_slot_comes_after_it(client, guarantee):
    """What happens when a promise is broken is read with the promises, not after last
    year's follow-up (issue 32); the contents list follows the same order."""

    def results(context):
        return '<section id="sa-gick-det">Så gick det</section>'

    with hooks.register_temporarily("guarantee_page_results", results):
        html = _html(client, guarantee)
    assert html.index('id="niva-city"') < html.index('<h2 id="om-vi-inte-haller">')
    assert html.index('<h2 id="om-vi-inte-haller">') < html.index('id="sa-gick-det"')
    contents = re.search(r'<nav class="guarantee__toc.*?</nav>', html, re.S).group(0)
    assert contents.index("#om-vi-inte-haller") < contents.index("#sa-gick-det")


def test_the_complaint_routine_is_one_link_from_the_top_of_the_page(client, guarantee):
    html = _html(client, guarantee)
    header = re.search(r'<header class="guarantee__header">.*?</header>', html, re.S).group(0)
    assert '<a href="#om-vi-inte-haller">Om vi inte håller vad vi lovar</a>' in header


def test_the_guarantee_loads_its_own_print_styles(client, guarantee):
    html = _html(client, guarantee)
    assert "/static/guarantees/guarantee.css" in html
    response = client.get("/static/guarantees/guarantee.css")
    css = b"".join(response.streaming_content).decode()
    assert "@media print" in css
    assert ".feedback-region" in css.split("@media print")[1]


def test_the_service_area_lists_its_units_with_provider_and_its_commitments(
    client, service_area, guarantee
):
    make_guarantee(service_area, title="Förskolan Humlan", provider="Humlan Förskolor AB")
    make_guarantee(service_area, title="Förskolan Utkast", publish=False, live=False)
    html = _html(client, service_area)
    assert "Förskolan Solrosen" in html
    assert ">Kommunal<" in html
    assert "Förskolan Humlan" in html
    assert "Humlan Förskolor AB" in html
    assert "Förskolan Utkast" not in html
    assert "Områdesåtagande 1" in html
    assert str(service_area.committee) in html


def test_the_home_page_lists_service_areas_and_city_wide_commitments(client, home_page):
    make_service_area(home_page, title="Hemtjänst")
    html = _html(client, home_page)
    assert "Hemtjänst" in html
    assert "Du blir bemött med respekt" in html


def test_the_home_page_holds_what_other_rooms_register_before_the_voice_links(client, home_page):
    def section(context):
        return f'<section id="test-section">{context["page"].title}</section>'

    with hooks.register_temporarily("home_page_sections", section, order=-1):
        html = _html(client, home_page)
    assert f'<section id="test-section">{home_page.title}</section>' in html
    assert html.index('id="test-section"') < html.index('id="areas-heading"')
    assert html.index('id="city-heading"') < html.index('id="voice-heading"')


def _add_commitments(page, count):
    Commitment.objects.bulk_create(
        Commitment(
            page=page,
            sort_order=10 + i,
            title=f"Extra åtagande {i}",
            expected_result="Minst 90 procent",
            quality_criterion=QualityCriterion.CONFIDENCE,
        )
        for i in range(count)
    )
    # Published, as an editor brings them: the page's kept parts (home/fragments.py) renew.
    page.specific_class.objects.get(pk=page.pk).save_revision().publish()


def _count_queries(client, url):
    client.get(url)  # warm caches that a long-running server has warm too
    queries = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url)
    assert response.status_code == 200
    assert queries, "the page must come from the database"
    return len(queries), response.content.decode()


def test_rendering_a_guarantee_costs_the_same_queries_for_3_and_30_commitments(
    client, home_page, service_area
):
    few = make_guarantee(service_area, title="Liten enhet", commitments=3)
    many = make_guarantee(service_area, title="Stor enhet", commitments=30)
    few_queries, few_html = _count_queries(client, few.url)
    many_queries, many_html = _count_queries(client, many.url)
    assert few_html.count('aria-labelledby="atagande-') == 3 + 3 + 1
    assert many_html.count('aria-labelledby="atagande-') == 3 + 30 + 1
    assert few_queries == many_queries

    # More city-wide and area commitments cost nothing more either.
    _add_commitments(home_page, 20)
    _add_commitments(service_area, 20)
    more_queries, more_html = _count_queries(client, many.url)
    assert more_html.count('aria-labelledby="atagande-') == 23 + 30 + 21
    assert more_queries == many_queries
