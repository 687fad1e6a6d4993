import datetime

from django.utils import timezone

from feedback.models import Dimension, Feedback, Kind
from home.years import previous_year
from tests.factories import make_guarantee

from .conftest import make_follow_up
from .test_compare import comparison_cells


def _receive(unit, year, **fields):
    when = timezone.make_aware(datetime.datetime(year, 3, 10, 10, 0))
    case, _token = Feedback.receive(
        unit=unit, message="Om verksamheten.", received_at=when, **fields
    )
    return case


def test_the_comparison_and_results_show_the_feedback_rooms_figures(client, area):
    year = previous_year()
    unit = make_guarantee(area, title="Förskolan Blåklinten", commitments=1)
    make_follow_up(unit, year=year)
    for dimension in (Dimension.TREATMENT, Dimension.TREATMENT, Dimension.INFORMATION):
        _receive(unit, year, kind=Kind.OPINION, dimension=dimension)
    complaint = _receive(
        unit,
        year,
        kind=Kind.COMPLAINT,
        dimension=Dimension.DELIVERY,
        commitment=unit.commitments.first(),
    )
    complaint.answer("Vi rättar till det.", by=None, when=complaint.received_at)
    complaint.save()

    cells = comparison_cells(client.get(area.url + "jamfor/", {"ar": year}).content.decode())
    row = {
        figure: shown
        for (figure, shown_year), shown in cells["Förskolan Blåklinten"].items()
        if shown_year == str(year)
    }
    assert row["Synpunkter"] == "4"
    assert row["Klagomål"] == "1"
    assert row["Löften som inte hölls"] == "1"
    assert row["Besvarade i tid"] == "25 %"
    assert row["Enhetens egna åtaganden"] == "100 % 1 av 1"

    page = client.get(unit.url).content.decode()
    assert f"Så gick det {year}" in page
    assert "1 anmälan om att ett löfte inte hölls." in page
