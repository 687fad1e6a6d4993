"""Parts of a guarantee page kept between views (home/fragments.py): each change the reverse
proxy is purged for makes them invalid, in every process, and nothing personal or unpublished
is kept."""

import pytest
from django.core.cache import caches
from django.test import TestCase
from wagtail.models import PageViewRestriction

from guarantees.models import Commitment, GuaranteePage, QualityCriterion
from home import fragments
from home.models import HomePage, MunicipalitySettings
from tests.factories import make_guarantee

from .conftest import make_follow_up


def _html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _publish(page):
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()


@pytest.fixture
def seen(client, unit):
    """The unit's page, viewed once so that its parts are kept."""
    _html(client, unit.url)
    return unit


def _add_commitment(page, title):
    page.commitments.add(
        Commitment(
            sort_order=99,
            title=title,
            expected_result="Mätbart",
            quality_criterion=QualityCriterion.CONFIDENCE,
        )
    )


def test_a_kept_part_shows_what_a_second_view_would_render(client, seen):
    fresh = _html(client, seen.url)
    fragments.forget_all()
    assert _html(client, seen.url) == fresh


def test_publishing_the_guarantee_shows_its_new_text_on_the_next_view(client, seen):
    page = GuaranteePage.objects.get(pk=seen.pk)
    page.idea = "En helt ny verksamhetsidé."
    page.title = "Förskolan Solrosen i Ängsby"
    _publish(page)
    html = _html(client, seen.url)
    assert "En helt ny verksamhetsidé." in html
    assert 'aria-current="page">Förskolan Solrosen i Ängsby</a>' in html  # the breadcrumbs


def test_publishing_the_area_shows_its_new_commitment_and_title(client, area, seen):
    area = area.specific_class.objects.get(pk=area.pk)
    _add_commitment(area, "Nytt områdeslöfte")
    area.title = "Förskola och pedagogisk omsorg"
    _publish(area)
    html = _html(client, seen.url)
    assert "Nytt områdeslöfte" in html
    assert ">Förskola och pedagogisk omsorg</a>" in html  # breadcrumbs and menu


def test_publishing_a_city_wide_commitment_shows_it_on_every_guarantee(client, seen):
    home = HomePage.objects.get()
    _add_commitment(home, "Nytt stadslöfte")
    _publish(home)
    assert "Nytt stadslöfte" in _html(client, seen.url)


def test_publishing_a_follow_up_shows_it_and_a_correction_replaces_it(client, seen):
    assert "Så gick det" not in _html(client, seen.url)
    with TestCase.captureOnCommitCallbacks(execute=True):
        follow_up = make_follow_up(seen, summary="")
    assert f"Så gick det {follow_up.year}" in _html(client, seen.url)
    follow_up.summary = "Ett år med nya rutiner."
    with TestCase.captureOnCommitCallbacks(execute=True):
        follow_up.save()
    assert "Ett år med nya rutiner." in _html(client, seen.url)
    with TestCase.captureOnCommitCallbacks(execute=True):
        follow_up.delete()
    assert "Så gick det" not in _html(client, seen.url)


def test_saving_the_site_settings_shows_the_new_name_in_header_title_and_footer(
    client, home_page, seen
):
    settings = MunicipalitySettings.for_site(home_page.get_site())
    settings.name = "Nya Ängsby kommun"
    with TestCase.captureOnCommitCallbacks(execute=True):
        settings.save()
    html = _html(client, seen.url)
    assert "<span>Nya Ängsby kommun</span>" in html  # header
    assert '<h2 id="footer-contact">Nya Ängsby kommun</h2>' in html
    assert "– Nya Ängsby kommun</title>" in html


def test_a_view_restriction_on_the_area_closes_its_kept_guarantees(client, area, seen):
    PageViewRestriction.objects.create(
        page=area, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    response = client.get(seen.url)
    assert seen.idea not in response.content.decode()
    assert "password" in response.content.decode()


def test_an_unpublished_guarantee_is_not_found_any_more(client, seen):
    with TestCase.captureOnCommitCallbacks(execute=True):
        GuaranteePage.objects.get(pk=seen.pk).unpublish()
    assert client.get(seen.url).status_code == 404


def test_a_new_generation_from_another_process_is_seen(client, seen):
    # A change behind the signals' back stays unseen while the generation stands ...
    GuaranteePage.objects.filter(pk=seen.pk).update(idea="Ändrad utan signal")
    assert "Ändrad utan signal" not in _html(client, seen.url)
    # ... and another process's change replaces the shared value this process reads.
    caches["shared"].set(fragments.GENERATION_KEY, "from-another-process", None)
    assert "Ändrad utan signal" in _html(client, seen.url)


def test_a_lost_generation_is_never_taken_for_the_old_one(client, seen):
    GuaranteePage.objects.filter(pk=seen.pk).update(idea="Ändrad utan signal")
    caches["shared"].delete(fragments.GENERATION_KEY)  # culled or flushed
    assert "Ändrad utan signal" in _html(client, seen.url)


def test_a_preview_of_a_draft_is_neither_kept_nor_served_from_what_is_kept(client, seen):
    draft = GuaranteePage.objects.get(pk=seen.pk)
    draft.idea = "Utkast som inte är publicerat."
    draft.save_revision()
    preview = draft.make_preview_request()
    preview.render()
    assert "Utkast som inte är publicerat." in preview.content.decode()
    assert "Utkast som inte är publicerat." not in _html(client, seen.url)


def test_renaming_the_committee_shows_on_its_guarantees(client, committee, area):
    unit = make_guarantee(area, title="Förskolan Ekorren", committee=committee)
    assert "Förskolenämnden" in _html(client, unit.url)
    committee.name = "Barn- och utbildningsnämnden"
    committee.save()
    assert "Barn- och utbildningsnämnden" in _html(client, unit.url)


def test_a_routable_sub_path_and_an_unknown_path_route_as_before(client, area, seen):
    assert client.get(area.url + "jamfor/").status_code == 200
    assert client.get(area.url + "jamfor/").status_code == 200
    assert client.get(area.url + "finns-inte/").status_code == 404
    assert client.get(seen.url).status_code == 200
