import csv
import datetime
import io
from io import StringIO

from django.contrib.auth.models import Permission
from django.urls import reverse

from guarantees.followup import demo
from guarantees.followup.models import CommitmentOutcome, Outcome, YearlyFollowUp
from home.years import previous_year
from tests.factories import make_guarantee

from .conftest import make_follow_up


def _demo_units(area):
    units = [
        make_guarantee(area, title="Förskolan Solrosen"),
        make_guarantee(area, title="Förskolan Blåklinten", provider="Lek och Lär AB"),
    ]
    demo.load(StringIO())
    return units


def test_the_demo_load_publishes_last_year_for_every_unit_and_is_idempotent(area):
    units = _demo_units(area)
    assert YearlyFollowUp.objects.published().filter(year=previous_year()).count() == len(units)
    outcomes = set(CommitmentOutcome.objects.values_list("outcome", flat=True))
    assert outcomes == {Outcome.MET, Outcome.PARTLY_MET, Outcome.NOT_MET}
    before = (YearlyFollowUp.objects.count(), CommitmentOutcome.objects.count())
    demo.load(StringIO())
    assert (YearlyFollowUp.objects.count(), CommitmentOutcome.objects.count()) == before


def test_the_demo_load_copes_with_no_guarantees(db):
    demo.load(StringIO())
    assert not YearlyFollowUp.objects.exists()


def test_the_yearly_report_for_a_demo_year_as_html_and_csv(admin_client, area, committee):
    units = _demo_units(area)
    year = previous_year()
    page = admin_client.get(
        reverse("kvalitetsrapport:index"), {"committee": committee.pk, "year": year}
    )
    assert page.status_code == 200
    html = admin_client.get(reverse("kvalitetsrapport:print", args=[committee.pk, year]))
    text = html.content.decode()
    assert f"Kvalitetsrapport {year}: Förskolenämnden" in text
    rows = CommitmentOutcome.objects.filter(follow_up__year=year)
    # The demo loader really recorded the year: an outcome for every unit commitment.
    for unit in units:
        assert rows.filter(follow_up__unit=unit).count() >= unit.commitments.count() > 0
    for unit in units:
        assert unit.title in text
    assert text.count('<tr>\n                    <th scope="row">') == rows.count()
    assert "Lek och Lär AB" in text

    response = admin_client.get(reverse("kvalitetsrapport:csv", args=[committee.pk, year]))
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0][:4] == ["Nämnd", "År", "Verksamhetsområde", "Enhet"]
    assert "Andel uppfyllda åtaganden" in table[0]
    assert len(table) == 1 + rows.count()
    assert {row[3] for row in table[1:]} == {unit.title for unit in units}


def test_report_csv_cells_cannot_start_a_formula(admin_client, unit, committee):
    make_follow_up(
        unit,
        outcomes=[Outcome.NOT_MET],
        measured_value='=HYPERLINK("http://evil.example","klicka")',
        next_action="@SUM(A1)",
    )
    year = previous_year()
    response = admin_client.get(reverse("kvalitetsrapport:csv", args=[committee.pk, year]))
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in table for cell in row]
    assert '\'=HYPERLINK("http://evil.example","klicka")' in cells
    assert "'@SUM(A1)" in cells
    assert not [cell for cell in cells if cell[:1] in "=+-@" and cell]


def test_the_public_report_leaves_out_unpublished_follow_ups(client, area, committee):
    year = previous_year()
    published = make_guarantee(area, title="Förskolan Solrosen")
    make_follow_up(published, year=year, outcomes=[Outcome.NOT_MET])
    draft = make_guarantee(
        area,
        title="Förskolan Blåklinten",
        valid_from=datetime.date(year, 1, 1),
        valid_to=datetime.date(year + 1, 12, 31),
    )
    make_follow_up(draft, year=year, outcomes=[Outcome.PARTLY_MET], published=False)
    text = client.get(f"/kvalitetsrapport/{committee.pk}/{year}/").content.decode()
    assert "tag--error" in text
    assert "tag--warn" not in text
    assert "Ingen publicerad uppföljning för året." in text
    index = client.get("/kvalitetsrapport/").content.decode()
    assert f'href="/kvalitetsrapport/{committee.pk}/{year}/"' in index
    for hostile in [f"{committee.pk}/99999/", f"{10**30}/{year}/", f"{10**30}/{year}/csv/"]:
        assert client.get(f"/kvalitetsrapport/{hostile}").status_code == 404


def test_the_admin_report_is_for_quality_staff_only(client, django_user_model, committee):
    user = django_user_model.objects.create_user("redaktor", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    url = reverse("kvalitetsrapport:csv", args=[committee.pk, previous_year()])
    refused = client.get(url)
    assert refused.status_code in (302, 403)
    assert not refused.get("Content-Type", "").startswith("text/csv")
    # Seeing follow-ups (a unit editor sees its own) is not enough: the report is every unit's.
    user.user_permissions.add(Permission.objects.get(codename="view_yearlyfollowup"))
    user = django_user_model.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(url).status_code in (302, 403)
    user.user_permissions.add(Permission.objects.get(codename="publish_yearlyfollowup"))
    user = django_user_model.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(url).status_code == 200


def test_the_area_page_links_to_its_committees_latest_report(client, area, committee):
    year = previous_year()
    make_follow_up(make_guarantee(area, title="Förskolan Solrosen"), year=year)
    html = client.get(area.url).content.decode()
    assert f'href="/kvalitetsrapport/{committee.pk}/{year}/"' in html
