"""The demo ties real Kolada key figures to its commitments in every area Kolada covers."""

from io import StringIO

import pytest

from guarantees.models import GuaranteePage
from kolada import demo
from kolada.kinds import kind_of_kpi, kind_of_unit
from kolada.models import Scope, Value

pytestmark = pytest.mark.django_db

# Kolada publishes unit-level figures for these areas, the municipality's for libraries.
UNIT_AREAS = {"forskola": "11", "grundskola": "15", "hemtjanst": "21"}


@pytest.fixture
def demo_site(home_page):
    from guarantees import demo as guarantees_demo

    guarantees_demo.load(StringIO())
    demo.load(StringIO())
    return home_page


def _figure_blocks(html):
    return html.count('class="kolada-figures"')


def test_every_preschool_school_and_home_care_guarantee_shows_its_units_figure(demo_site, client):
    counted = {}
    for slug, kind in UNIT_AREAS.items():
        units = GuaranteePage.objects.live().filter(path__startswith=_area_path(slug))
        assert units.count() >= 5
        for unit in units:
            html = client.get(unit.url).content.decode()
            assert _figure_blocks(html) >= 1, unit.title
            assert "Enheten, " in html and "Liknande kommuner, " in html and "Riket, " in html
            assert "<polyline" in html  # the trend
            assert kind_of_unit(unit.kolada_ou) == kind
            assert Value.objects.filter(scope=Scope.UNIT, entity=unit.kolada_ou).exists()
            counted[slug] = counted.get(slug, 0) + 1
    assert counted == {"forskola": 5, "grundskola": 5, "hemtjanst": 5}


def test_every_library_guarantee_shows_the_municipalitys_figure(demo_site, client):
    libraries = GuaranteePage.objects.live().filter(path__startswith=_area_path("bibliotek"))
    assert libraries.count() == 5
    for library in libraries:
        html = client.get(library.url).content.decode()
        assert _figure_blocks(html) == 1, library.title
        assert "Kommunen, " in html and "Riket, " in html and "Enheten, " not in html
        assert library.kolada_ou == ""


def test_the_demo_says_its_values_are_made_up(demo_site, client):
    unit = GuaranteePage.objects.live().get(slug="forskolan-solrosen")
    html = client.get(unit.url).content.decode()

    assert "Värdena är påhittade för demokommunen" in html
    assert "Källa: Kolada" not in html


def test_each_tied_figure_is_of_its_areas_kind(demo_site):
    for kpi_id, spec in demo.KPIS.items():
        for area_slug, _title in spec["ties"]:
            if spec["has_ou_data"]:
                assert kind_of_kpi(kpi_id) == UNIT_AREAS[area_slug]
            else:
                assert area_slug == "bibliotek"


def test_demo_runs_twice_without_duplicates(demo_site):
    count = Value.objects.count()
    revisions = sum(page.revisions.count() for page in GuaranteePage.objects.all())

    demo.load(StringIO())

    assert Value.objects.count() == count > 0
    assert sum(page.revisions.count() for page in GuaranteePage.objects.all()) == revisions


def _area_path(slug):
    from guarantees.models import ServiceAreaPage

    return ServiceAreaPage.objects.get(slug=slug).path
