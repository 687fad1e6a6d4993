from io import StringIO

import pytest

from guarantees.models import Commitment, GuaranteePage
from kolada import demo
from kolada.models import Value

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(home_page):
    from guarantees import demo as guarantees_demo

    guarantees_demo.load(StringIO())
    demo.load(StringIO())
    return home_page


def test_demo_ties_home_care_and_school_commitments_to_real_kpi_ids(demo_site, client):
    assert set(Commitment.objects.exclude(kolada_kpi="").values_list("kolada_kpi", flat=True)) == {
        "U21468",
        "N15419",
    }
    unit = GuaranteePage.objects.live().filter(commitments__kolada_kpi="U21468").first()
    assert unit.kolada_ou
    html = client.get(unit.url).content.decode()
    assert "helhetssyn" in html and "<polyline" in html and "Enheten, " in html


def test_demo_runs_twice_without_duplicates(demo_site):
    count = Value.objects.count()
    revisions = sum(page.revisions.count() for page in GuaranteePage.objects.all())

    demo.load(StringIO())

    assert Value.objects.count() == count > 0
    assert sum(page.revisions.count() for page in GuaranteePage.objects.all()) == revisions
