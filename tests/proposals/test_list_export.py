"""The public list, one proposal's page, open data without personal data."""

import csv
import io
import json
import re

import pytest

from proposals.models import Proposal, Status

pytestmark = pytest.mark.django_db


def test_the_list_shows_only_published_proposals_with_progress(client, home_page, make_proposal):
    shown = make_proposal(title="Hundrastgård i Norrparken", votes=3, threshold=50)
    for status in (Status.UNCONFIRMED, Status.AWAITING_MODERATION, Status.REJECTED):
        make_proposal(status=status, title=f"Dolt {status}")
    html = client.get("/e-forslag/").content.decode()
    assert shown.title in html
    assert "Dolt" not in html
    assert '<progress max="50" value="3"' in html
    assert "3 röster av 50 som krävs" in html
    assert "dagar kvar" in html


def test_filters_sort_and_search(client, home_page, service_area, make_proposal):
    a = make_proposal(title="Längre öppettider på biblioteket", votes=1)
    b = make_proposal(title="Fler förskoleplatser i Ängsby", votes=4, service_area=service_area)
    c = make_proposal(title="Belysning i skogen", status=Status.AT_COMMITTEE, votes=2)
    html = client.get("/e-forslag/", {"sort": "flest-roster"}).content.decode()
    assert html.index(b.title) < html.index(c.title) < html.index(a.title)
    html = client.get("/e-forslag/", {"status": "at_committee"}).content.decode()
    assert c.title in html and a.title not in html
    html = client.get("/e-forslag/", {"area": service_area.pk}).content.decode()
    assert b.title in html and a.title not in html
    html = client.get("/e-forslag/", {"q": "biblioteket"}).content.decode()
    assert a.title in html and b.title not in html
    html = client.get("/e-forslag/", {"sort": "slutar-snart"}).content.decode()
    assert c.title not in html  # only open proposals end


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "1e9", "\x00"])
def test_odd_page_numbers_and_filters_give_a_page_not_an_error(
    client, home_page, make_proposal, page
):
    for _ in range(12):
        make_proposal()
    response = client.get("/e-forslag/", {"sida": page, "status": "nonsense", "area": "x"})
    assert response.status_code == 200
    assert "Sida" in response.content.decode()


def test_a_proposal_page_shows_history_answer_and_what_is_promised(
    client, home_page, make_proposal, committed
):
    proposal = make_proposal(status=Status.AT_COMMITTEE)
    with committed():
        proposal.answer("rejected", "Nämnden avslår förslaget eftersom parken ska byggas om.")
    html = client.get(f"/e-forslag/{proposal.pk}/").content.decode()
    assert "Nämndens svar" in html
    assert "parken ska byggas om" in html
    assert "Avslaget" in html
    assert "Ett e-förslag är ett sätt att väcka en fråga. Nämnden fattar beslutet." in html
    assert "Besvarat" in html  # history
    assert "Rösta på förslaget" not in html
    assert "karin@example.se" not in html


def test_unpublished_proposals_are_not_found(client, home_page, make_proposal):
    for status in (Status.UNCONFIRMED, Status.AWAITING_MODERATION, Status.REJECTED):
        assert client.get(f"/e-forslag/{make_proposal(status=status).pk}/").status_code == 404


def test_exports_hold_public_fields_only(client, home_page, make_proposal):
    make_proposal(title="Publikt förslag", proposer_email="hemlig@example.se")
    make_proposal(title="Ej granskat", status=Status.AWAITING_MODERATION)
    data = json.loads(client.get("/e-forslag/export.json").content)
    assert [p["title"] for p in data["proposals"]] == ["Publikt förslag"]
    assert "hemlig" not in json.dumps(data)
    text = client.get("/e-forslag/export.csv").content.decode("utf-8-sig")
    assert "Publikt förslag" in text and "hemlig" not in text and "Ej granskat" not in text


def test_no_csv_cell_can_start_a_spreadsheet_formula(client, home_page, make_proposal):
    make_proposal(title='=HYPERLINK("http://evil")', body="+SUM(A1)", display_name="@x")
    make_proposal(title="-2+3", body="\tTAB")
    response = client.get("/e-forslag/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3
    for row in rows:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
    assert '\'=HYPERLINK("http://evil")' in rows[1] + rows[2]


def test_the_search_registry_knows_proposals(make_proposal):
    from search.registry import searchable_types

    proposal = make_proposal(title="Solceller på kommunhuset")
    make_proposal(title="Solceller på simhallen", status=Status.REJECTED)
    types = {t.key: t for t in searchable_types()}
    found = list(types["e-forslag"].queryset().search("solceller"))
    assert found == [proposal]
    assert found[0].search_summary and found[0].get_absolute_url() == f"/e-forslag/{proposal.pk}/"


def test_the_yearly_report_lists_proposals_answered_in_the_committees_areas(
    service_area, make_proposal
):
    import datetime

    from guarantees.sections import render_sections

    answered = make_proposal(
        status=Status.ANSWERED,
        service_area=service_area,
        decision="approved",
        answered_at=datetime.date(2025, 5, 2),
        title="Matsedel på nätet",
    )
    make_proposal(
        status=Status.ANSWERED,
        decision="approved",
        answered_at=datetime.date(2025, 5, 2),
        title="Annat områdes förslag",
    )
    html = render_sections(
        "committee_report_sections", {"committee": service_area.committee, "year": 2025}
    )
    assert answered.title in html and "Annat områdes förslag" not in html
    assert "Bifallet" in html


@pytest.mark.parametrize("signed", [False, True])
def test_the_public_history_begins_when_the_proposal_was_sent_in(client, home_page, signed):
    """Not at the unconfirmed draft before the proposer confirmed it ("Ej bekräftat")."""
    fields = {
        "title": "Bänkar vid ån",
        "body": "Fler bänkar längs promenaden.",
        "service_area": None,
        "display_name": "Karin",
        "proposer_email": "karin@example.se",
    }
    if signed:
        proposal = Proposal.submit_signed(**fields)
    else:
        proposal = Proposal.submit(**fields)
        proposal.confirm_by_proposer()
    proposal.publish()
    html = client.get(f"/e-forslag/{proposal.pk}/").content.decode()
    history = re.search(r'<ol class="proposal-history">(.*?)</ol>', html, re.S).group(1)
    steps = re.findall(r"</time>: ([^<]+)</li>", history)
    assert steps == ["Inskickat", "Öppet för röstning"]
    assert "Ej bekräftat" not in html
