"""The site's XLSX export (home/spreadsheets.py `xlsx_response`), written by XlsxWriter:
read back by openpyxl (as a spreadsheet program reads it) every sheet, heading, figure,
format and text must be what the tables held, and no text may become a formula."""

import datetime
import io
import zipfile
from decimal import Decimal

from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from home.spreadsheets import XLSX_CONTENT_TYPE, Sheet, xlsx_response


def _book(*sheets):
    response = xlsx_response("rapport.xlsx", list(sheets))
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="rapport.xlsx"'
    return load_workbook(io.BytesIO(response.content)), response.content


def test_every_kind_of_value_reads_back_as_itself_with_its_format():
    rows = [
        (
            "Förskolan <Solrosen> & co",
            3,
            2.5,
            Decimal("0.25"),
            datetime.date(2026, 3, 1),
            datetime.date(2026, 3, 31),
            datetime.datetime(2026, 3, 2, 10, 30),
            True,
            None,
            gettext_lazy("Stadsdel"),
        ),
        ("  mellanslag  ", -7, 1e-7, None, None, None, None, False, 0, "rad ett\nrad två"),
    ]
    sheet = Sheet("Per enhet", [f"k{i}" for i in range(10)], rows, {3: "0 %", 4: "yyyy-mm"})
    book, _ = _book(sheet)
    cells = list(book["Per enhet"].iter_rows(min_row=2))
    assert [tuple(c.value for c in row) for row in cells] == [
        (
            "Förskolan <Solrosen> & co",
            3,
            2.5,
            0.25,
            datetime.datetime(2026, 3, 1),
            datetime.datetime(2026, 3, 31),
            datetime.datetime(2026, 3, 2, 10, 30),
            True,
            None,
            "Stadsdel",
        ),
        ("  mellanslag  ", -7, 1e-7, None, None, None, None, False, 0, "rad ett\nrad två"),
    ]
    first = cells[0]
    assert type(first[1].value) is int and type(first[2].value) is float
    assert [first[i].number_format for i in (1, 2, 3, 4, 5, 6)] == [
        "General",
        "General",
        "0 %",
        "yyyy-mm",
        "yyyy-mm-dd",
        "yyyy-mm-dd h:mm:ss",
    ]
    assert first[0].data_type == "s" and not first[0].quotePrefix


def test_text_that_looks_like_a_formula_stays_text_and_control_characters_go():
    rows = [('=HYPERLINK("http://x")', "+46 70", "-1", "@SUM(A1)", "a\x01b\x1fc\td")]
    book, raw = _book(Sheet("Blad", ["a", "b", "c", "d", "e"], rows))
    cells = next(book["Blad"].iter_rows(min_row=2))
    assert [c.value for c in cells] == [
        '=HYPERLINK("http://x")',
        "+46 70",
        "-1",
        "@SUM(A1)",
        "abc\td",
    ]
    assert all(c.data_type == "s" for c in cells)
    assert [c.quotePrefix for c in cells] == [True, True, True, True, False]
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml")


def test_each_table_is_a_sheet_with_bold_frozen_headings_and_columns_as_wide_as_their_text():
    short = Sheet("Sammanfattning", ["Vad", "Antal"], [("Totalt", 5)])
    wide = Sheet("Per enhet: [alla]/år", ["Enhet", "Andel"], [("x" * 80, 0.5), ("y", 0.1)])
    again = Sheet("Per enhet: [alla]/år", ["Enhet"], [])
    book, _ = _book(short, wide, again)
    assert book.sheetnames == ["Sammanfattning", "Per enhet alla år", "Per enhet alla år (2)"]
    sheet = book["Per enhet alla år"]
    assert sheet.freeze_panes == "A2"
    assert [c.font.b for c in sheet[1]] == [True, True]
    assert [c.value for c in sheet[1]] == ["Enhet", "Andel"]
    # Widths in characters as Excel shows them (the file adds Excel's few pixels of padding).
    assert shown(sheet, "A") == 50  # at most 50, however long the text
    assert shown(sheet, "B") == 8  # at least 8
    assert shown(book["Sammanfattning"], "A") == 8
    assert [[c.value for c in row] for row in book["Per enhet alla år (2)"].iter_rows()] == [
        ["Enhet"]
    ]


def shown(sheet, column):
    """A column's width as Excel's column-width box shows it: the stored width less the
    cell padding Excel adds (5 pixels of a 7-pixel character, 0.71), rounded."""
    return round(sheet.column_dimensions[column].width - 0.71)
