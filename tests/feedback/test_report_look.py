"""Item 7 of issue 13 for the compilation: the admin's header and listing tables in focusable
scroll regions, Wagtail's date pickers, dates as Swedish dates, overdue in colour and word, the
shared CSV dialect, unit x dimension x month for any period with months to come left empty."""

import csv
import datetime
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.widgets import AdminDateInput

from feedback.forms import PeriodForm
from feedback.models import Dimension, Feedback, Kind
from home.dates import staff_date

pytestmark = pytest.mark.django_db

COMPILATION = "/admin/synpunkter/inkorg/sammanstallning/"
ADMIN_CSS = Path(__file__).resolve().parents[2] / "home" / "static" / "home" / "admin.css"
SWEDISH_DAY = (
    r"(mån|tis|ons|tors|fre|lör|sön) \d{1,2} "
    r"(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec) \d{4}"
)


class Tables(HTMLParser):
    """Every <table> of the page (not Wagtail's dialogs in <template>), with the element it
    sits in directly: (table attrs, parent attrs)."""

    def __init__(self):
        super().__init__()
        self.stack, self.tables, self.h1 = [], [], []
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        in_template = any(name == "template" for name, _attrs in self.stack)
        if tag == "table" and not in_template:
            self.tables.append((attrs, self.stack[-1][1] if self.stack else {}))
        if tag == "h1":
            self._in_h1 = True
        if tag not in ("input", "br", "img", "meta", "link", "col"):
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._in_h1 and data.strip():
            self.h1.append(data.strip())


def parse(html):
    parser = Tables()
    parser.feed(html)
    return parser


def assert_report_look(html, title):
    """The admin's header names the report, every table is a Wagtail listing in a region a
    keyboard can scroll."""
    parsed = parse(html)
    assert parsed.h1 == [title]
    assert parsed.tables
    for table, holder in parsed.tables:
        assert "listing" in table.get("class", "").split(), table
        assert holder.get("tabindex") == "0" and holder.get("role") == "region", holder
        assert holder.get("aria-label"), holder
        assert "w-overflow-x-auto" in holder.get("class", ""), holder


@pytest.fixture
def staff(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def _case(unit, **fields):
    values = {"kind": Kind.OPINION, "dimension": Dimension.TREATMENT, "message": "Hej"}
    return Feedback.receive(unit=unit, **{**values, **fields})[0]


def test_the_compilation_wears_the_admin_header_and_listing_tables(staff, guarantee):
    _case(guarantee)
    html = staff.get(COMPILATION).content.decode()
    assert_report_look(html, "Sammanställning av synpunkter")


def test_the_compilation_uses_wagtails_date_pickers_that_keep_what_was_typed(staff):
    form = PeriodForm()
    assert isinstance(form.fields["fran"].widget, AdminDateInput)
    assert isinstance(form.fields["till"].widget, AdminDateInput)
    html = staff.get(COMPILATION).content.decode()
    # ISO when picked; a typed date is left as typed for the server to read (the picker's own
    # check on leaving the field would put today's date in its place).
    assert (
        'initDateChooser("id_fran", '
        '{"dayOfWeekStart": 1, "format": "Y-m-d", "validateOnBlur": false})' in html
    )
    # The picker's script is loaded before the fields call it.
    script = html.find("wagtailadmin/js/date-time-chooser.js")
    assert 0 < script < html.find("initDateChooser(")
    assert "mm/dd/yyyy" not in html


def test_a_staff_date_is_the_swedish_date_with_its_weekday():
    assert staff_date(datetime.date(2026, 11, 24)) == "tis 24 nov 2026"
    moment = timezone.make_aware(datetime.datetime(2026, 12, 31, 23, 30))
    assert staff_date(moment) == "tors 31 dec 2026"
    assert staff_date(None) == ""


def test_the_period_is_shown_as_swedish_dates(staff):
    html = staff.get(COMPILATION, {"fran": "2026-11-24", "till": "2026-12-31"}).content.decode()
    assert "Period tis 24 nov 2026 – tors 31 dec 2026" in html
    assert "2026-11-24 –" not in html


def test_the_inbox_shows_deadlines_as_dates_not_relative_times(staff, guarantee):
    case = _case(guarantee)
    html = staff.get(reverse("feedback_inbox:index")).content.decode()
    assert (
        f'<time datetime="{case.deadline.isoformat()}">{staff_date(case.deadline)}</time>' in html
    )
    assert re.search(SWEDISH_DAY, html)
    assert "sedan" not in html and "Precis nu" not in html


def test_overdue_cases_are_tagged_in_their_own_colour_and_word(staff, guarantee):
    late = _case(guarantee)
    Feedback.objects.filter(pk=late.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(1)
    )
    _case(guarantee)  # in time
    html = staff.get(COMPILATION).content.decode()
    tag = '<span class="w-status overdue-tag">Försenat</span> 1'
    assert html.count(tag) == 1
    css = ADMIN_CSS.read_text()
    assert re.search(
        r"\.w-status\.overdue-tag\s*\{[^}]*background-color: var\(--w-color-critical", css
    )
    # The admin loads that stylesheet on every page.
    assert "home/admin.css" in html
    # The inbox marks the same case in the same shape, and only that one.
    inbox = staff.get(reverse("feedback_inbox:index")).content.decode()
    assert inbox.count('<span class="w-status overdue-tag">Försenat</span>') == 1
    response = staff.get(COMPILATION, {"format": "csv", "tabell": "per-enhet"})
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0][-1] == "Försenade, ännu öppna"
    [unit_row] = [row for row in table if row[0] == guarantee.title]
    assert unit_row[2:5] == ["2", "0 %", "1"]


def test_the_compilation_csv_is_the_shared_swedish_excel_dialect(staff, guarantee):
    _case(guarantee)
    response = staff.get(COMPILATION, {"format": "csv", "tabell": "per-enhet"})
    assert response.content.startswith("\ufeff".encode())
    first = response.content.decode("utf-8-sig").splitlines()[0]
    assert first.split(";") == [
        "Enhet",
        "Verksamhetsområde",
        "Antal",
        "Besvarade i tid",
        "Försenade, ännu öppna",
    ]


def test_unit_dimension_month_for_any_period_with_months_to_come_empty(staff, guarantee):
    _case(guarantee, dimension=Dimension.INFORMATION)
    today = timezone.localdate()
    first = today.replace(day=1) - datetime.timedelta(days=40)
    last = datetime.date(today.year + 1, 12, 31)  # the site's last year
    period = {"fran": first.isoformat(), "till": last.isoformat()}
    html = staff.get(COMPILATION, period).content.decode()
    body = html.split('aria-label="Per enhet, vad det gällde och månad"')[1].split("</table>")[0]
    [row] = re.findall(r"<tr><th scope=\"row\">Förskolan Solrosen</th>(.*?)</tr>", body)
    cells = re.findall(r"<td>(.*?)</td>", row)[2:]  # after area and dimension
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    to_come = (last.year - today.year) * 12 + last.month - today.month
    assert len(cells) == months
    # Two months before this one, this month with its case, then the months to come.
    assert months - to_come == 3 and cells[:3] == ["0", "0", "1"]
    assert all("ännu inte" in cell and "0" not in cell for cell in cells[months - to_come :])
    response = staff.get(
        COMPILATION, {**period, "format": "csv", "tabell": "per-enhet-galler-manad"}
    )
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    [csv_row] = [r for r in table if r[0] == guarantee.title]
    counts = csv_row[3:]
    assert len(counts) == months
    assert counts[months - to_come :] == [""] * to_come and counts[months - to_come - 1] == "1"


@pytest.mark.parametrize(
    "params",
    [
        {"fran": "0001-01-01", "till": "9999-12-31"},
        {"fran": "2026-12-31", "till": "2026-01-01"},
        {"fran": "2026-02-30", "till": "2026-03-01"},
        {"fran": "'\"<script>", "till": "2026-01-01"},
        {"ar": "99999999999999999999", "format": "csv"},
    ],
)
def test_a_hostile_range_is_a_swedish_400_also_for_the_csv(staff, params):
    response = staff.get(COMPILATION, params)
    assert response.status_code == 400
    assert not response["Content-Type"].startswith("text/csv")
    html = response.content.decode()
    assert re.search(
        r"Datumen ska ligga|Tilldatum|Datumet går inte att läsa|Ange ett år|Fyll i ett heltal", html
    )


def test_both_reports_are_in_the_admins_reports_menu(rf, admin_user):
    from wagtail.admin.menu import reports_menu

    request = rf.get("/admin/")
    request.user = admin_user
    items = {item.name: item.url for item in reports_menu.menu_items_for_request(request)}
    assert items["feedback-compilation"] == COMPILATION
    assert items["quality-report"] == reverse("kvalitetsrapport:index")


@pytest.mark.browser
def test_quality_staff_type_swedish_dates_narrow_to_an_area_and_download_the_xlsx(
    transactional_db, page, guarantee, other_unit, service_area
):
    """Issue 31: a date typed "1/1 2026" stays as typed when the picker's field is left (it
    used to become today), the period is read the Swedish way, the area narrows the figures,
    and the XLSX link downloads the same selection with a sheet per table."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from openpyxl import load_workbook

    from staff import roles
    from staff.setup import setup_roles

    setup_roles()
    user = get_user_model().objects.create_user("kvalitet", password="kvalitet-demo")  # noqa: S106
    Group.objects.get(name=roles.QUALITY_STAFF).user_set.add(user)
    march = timezone.make_aware(datetime.datetime(2026, 3, 2, 10))
    _case(guarantee, received_at=march)
    _case(other_unit, received_at=march)
    _case(guarantee, received_at=march + datetime.timedelta(days=200))  # after the period

    page.goto("/admin/login/")
    page.fill("#id_username", "kvalitet")
    page.fill("#id_password", "kvalitet-demo")
    page.click("form button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(COMPILATION)
    for field, typed in (("#id_fran", "1/1 2026"), ("#id_till", "30 juni 2026")):
        page.fill(field, typed)
        page.keyboard.press("Tab")
        assert page.input_value(field) == typed
    page.select_option("#id_omrade", label="Förskola")
    with page.expect_navigation():
        page.get_by_role("button", name="Visa").click()
    text = page.locator("main").inner_text()
    assert "Period tors 1 jan 2026 – tis 30 jun 2026" in text
    assert "Urval: Alla enheter inom Förskola" in text
    assert "Totalt 1 synpunkt." in text
    with page.expect_download() as download:
        page.get_by_role("link", name="Alla tabeller i en Excel-fil (XLSX)").click()
    assert download.value.suggested_filename == "synpunkter-2026-01-01-2026-06-30.xlsx"
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames[0] == "Sammanfattning" and len(book.sheetnames) == 7
    units = [row[0] for row in book["Per enhet"].iter_rows(min_row=2, values_only=True)]
    assert units == ["Förskolan Solrosen"]
    with page.expect_download() as download:
        page.get_by_role("link", name="Per typ (CSV)").click()
    assert download.value.suggested_filename == "synpunkter-2026-01-01-2026-06-30-per-typ.csv"
    page.set_viewport_size({"width": 375, "height": 800})
    overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    assert page.evaluate(overflow) <= 0
    # Every download link fits the phone's width, none cut off.
    main_right = page.locator("main").evaluate("m => m.getBoundingClientRect().right")
    for link in page.locator(".report-downloads a").all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= main_right, link.inner_text()
    assert page.watch.console_errors == []
