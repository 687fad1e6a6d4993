"""The demo municipality: believable, complete and safe to load twice."""

from io import StringIO

import pytest

from guarantees import demo
from guarantees.models import Commitment, Committee, GuaranteePage, ServiceAreaPage

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Committee.objects.count(),
        ServiceAreaPage.objects.count(),
        GuaranteePage.objects.count(),
        Commitment.objects.count(),
    )


def test_the_demo_loads_twice_without_duplicates(home_page):
    demo.load(StringIO())
    first = _counts()
    demo.load(StringIO())
    assert _counts() == first


def test_the_demo_has_four_areas_of_five_published_units_with_one_private_provider(
    client, home_page
):
    demo.load(StringIO())
    areas = ServiceAreaPage.objects.child_of(home_page).live()
    assert {area.slug for area in areas} >= {"forskola", "grundskola", "hemtjanst", "bibliotek"}
    names = set()
    for area in areas:
        assert area.show_in_menus
        assert area.committee is not None
        assert 2 <= area.commitments.count() <= 3
        units = GuaranteePage.objects.child_of(area).live()
        assert units.count() >= 5
        assert sum(1 for unit in units if unit.provider) == 1
        for unit in units:
            assert unit.has_unpublished_changes is False
            assert 2 <= unit.commitments.count() <= 4
            assert unit.address and unit.idea and unit.record_number and unit.decision_date
            assert not unit.is_expired
            names.add(unit.title)
    assert len(names) == sum(GuaranteePage.objects.child_of(a).count() for a in areas)

    html = client.get("/forskola/montessoriforskolan-humlan/").content.decode()
    assert "Drivs av Humlan Förskolor AB" in html
    assert "Kommungemensamma åtaganden" in html
    menu = client.get("/").content.decode()
    assert 'href="/hemtjanst/"' in menu


def test_every_demo_commitment_has_an_expected_result(home_page):
    demo.load(StringIO())
    assert not Commitment.objects.filter(expected_result="").exists()
    for commitment in Commitment.objects.all():
        commitment.full_clean(exclude=["page"])
