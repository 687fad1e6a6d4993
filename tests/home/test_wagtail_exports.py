"""Every CSV the admin offers, Wagtail's own reports included, is the site's Swedish Excel
dialect (`;`, UTF-8 with a byte order mark) with the formula guard (home/spreadsheets.py).

The views come from the URLconf: any view class with Wagtail's SpreadsheetExportMixin, so a
report or listing added later, by us or by a Wagtail upgrade, is checked too.
"""

import csv
import io

import pytest
from django.urls import reverse
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from tests.factories import make_content_page
from tests.sweeps import url_patterns

pytestmark = pytest.mark.django_db


def _export_views():
    found = []
    for pattern in url_patterns():
        view_class = getattr(pattern.pattern.callback, "view_class", None)
        if not (view_class and issubclass(view_class, SpreadsheetExportMixin)):
            continue
        if pattern.pattern.pattern.converters:  # a listing of one object's things
            continue
        initkwargs = getattr(pattern.pattern.callback, "view_initkwargs", {})
        fields = initkwargs.get("list_export") or getattr(view_class, "list_export", None)
        if fields and pattern.name:
            found.append((pattern.name, len(fields)))
    return sorted(set(found))


EXPORT_VIEWS = _export_views()


def test_the_sweep_finds_ours_and_wagtails_exports():
    names = {name for name, _ in EXPORT_VIEWS}
    assert {"wagtailadmin_reports:aging_pages", "wagtailadmin_reports:site_history"} <= names
    assert "staff_expiring_guarantees" in names  # ours


@pytest.mark.parametrize(("name", "columns"), EXPORT_VIEWS, ids=[n for n, _ in EXPORT_VIEWS])
def test_every_csv_export_is_swedish_excel_with_the_formula_guard(
    admin_client, home_page, name, columns
):
    page = make_content_page(home_page, title="=HYPERLINK(1)")
    page.save_revision(log_action=True).publish()  # in the history, the aging pages, …
    response = admin_client.get(reverse(name), {"export": "csv"})
    assert response.status_code == 200, name
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8")
    assert text.startswith("\ufeff"), f"{name}: no byte order mark"
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert len(rows[0]) == columns, f"{name}: not split on ';'"
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith("=") for cell in cells), name
