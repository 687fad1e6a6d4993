"""Exports that open safely in a spreadsheet program.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one)
as a formula, so every CSV export passes its text cells through `spreadsheet_safe`, and the
XLSX export (`xlsx_response`) writes every text as a text cell, never a formula.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text no spreadsheet will run: a leading formula character gets a single quote.

    Numbers, dates and None pass unchanged: they are values, not formulas.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


# Excel as installed in Sweden splits on ";" (the comma is the decimal sign) and reads UTF-8
# only after a byte order mark.
CSV_DELIMITER = ";"


def spreadsheet_response(filename, header, rows):
    """Every CSV export of the site: Swedish Excel dialect, formula guard on every cell.

    `rows` may be any iterable of sequences; it is written as it is read.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=CSV_DELIMITER)
    writer.writerow([spreadsheet_safe(str(title)) for title in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response


@dataclass
class Sheet:
    """One table of an export: its Swedish title, its headings and its rows.

    `formats` maps a column's index to an Excel number format (say "0 %" for a share kept as
    a fraction, "yyyy-mm" for a month kept as a date), so figures stay figures in the file.
    """

    title: str
    header: list
    rows: list
    formats: dict = field(default_factory=dict)


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel refuses these in a sheet's name, and names longer than 31 characters.
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
_COLUMN_WIDTH_MIN, _COLUMN_WIDTH_MAX = 8, 50


def sheet_name(title, taken=()):
    """`title` as Excel accepts a sheet's name: no [ ] : * ? / \\, at most 31 characters, not
    starting or ending with an apostrophe, and unlike the names in `taken` (case-insensitive)."""
    name = " ".join(_SHEET_NAME_FORBIDDEN.sub(" ", str(title)).split()).strip("'")
    name = name[:SHEET_NAME_MAX].strip(" '")
    name = name or "Blad"
    taken = {t.lower() for t in taken}
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = name[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
    return candidate


def _csv_text(value, number_format):
    """A cell of a `Sheet` as the CSV writes it: a share "67 %", a month "2026-03", a date
    "2026-03-31", a decimal with the Swedish comma, nothing for None."""
    if value is None:
        return ""
    if number_format == "0 %" and isinstance(value, int | float | Decimal):
        return f"{round(value * 100)} %"
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m" if number_format == "yyyy-mm" else "%Y-%m-%d")
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    return value


def sheet_csv_response(filename, sheet):
    """One `Sheet` as a CSV file in the house's dialect (`spreadsheet_response`)."""
    rows = (
        [_csv_text(value, sheet.formats.get(i)) for i, value in enumerate(row)]
        for row in sheet.rows
    )
    return spreadsheet_response(filename, sheet.header, rows)


# Excel refuses these control characters in a cell (what openpyxl's ILLEGAL_CHARACTERS_RE
# removes); tab, newline and carriage return stay.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DATE_FORMAT, _DATETIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd h:mm:ss"


def _shown_width(value, number_format):
    if value is None:
        return 0
    if isinstance(value, datetime.date):
        return len(number_format or _DATE_FORMAT)
    return max((len(line) for line in str(value).splitlines()), default=0)


class _Formats:
    """The workbook's cell formats, one per (bold, number format, text kept as typed), made
    as the cells ask for them; None is the plain cell."""

    def __init__(self, workbook):
        self.workbook = workbook
        self.made = {(False, None, False): None}

    def __call__(self, bold=False, number_format=None, quote=False):
        key = (bold, number_format, quote)
        if key not in self.made:
            properties = {"bold": bold, "quote_prefix": quote}
            if number_format:
                properties["num_format"] = number_format
            self.made[key] = self.workbook.add_format(properties)
        return self.made[key]


def _write_cell(sheet, row, col, value, number_format, formats, bold=False):
    """One cell: numbers and dates as themselves, text always as text, never a formula."""
    if value is None:
        if number_format:  # an empty cell of a formatted column keeps the column's format
            sheet.write_blank(row, col, None, formats(bold, number_format))
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value, formats(bold, number_format))
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, col, float(value), formats(bold, number_format))
    elif isinstance(value, datetime.date):
        if isinstance(value, datetime.datetime):
            value = value.replace(tzinfo=None)
            number_format = number_format or _DATETIME_FORMAT
        else:
            number_format = number_format or _DATE_FORMAT
        sheet.write_datetime(row, col, value, formats(bold, number_format))
    else:
        text = _ILLEGAL_XML.sub("", str(value))  # a lazy translation, a page: what it reads as
        # Written as text, never parsed as a formula, and marked so that Excel keeps it text
        # when someone edits a cell that starts like one.
        quote = text.startswith(FORMULA_PREFIXES)
        sheet.write_string(row, col, text, formats(bold, number_format, quote))


def xlsx_response(filename, sheets):
    """Every XLSX export of the site: one sheet per table, its headings bold and frozen,
    columns as wide as their content (within reason), figures as numbers and dates as dates,
    and no text a spreadsheet would run (see `_write_cell`).

    Written with XlsxWriter row by row (`constant_memory`): a compilation over 2,000 units
    writes some 280,000 cells, and the cost per cell is what the file costs."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    formats = _Formats(workbook)
    names = []
    for table in sheets:
        names.append(sheet_name(table.title, names))
        sheet = workbook.add_worksheet(names[-1])
        rows = [list(row) for row in table.rows]
        header = [str(title) for title in table.header]
        widths = [len(title) for title in header]
        for row in rows:
            if len(row) > len(widths):
                widths.extend([0] * (len(row) - len(widths)))
            for i, value in enumerate(row):
                widths[i] = max(widths[i], _shown_width(value, table.formats.get(i)))
        for i, width in enumerate(widths):
            sheet.set_column(i, i, min(max(width + 2, _COLUMN_WIDTH_MIN), _COLUMN_WIDTH_MAX))
        sheet.freeze_panes(1, 0)
        for col, title in enumerate(header):
            _write_cell(sheet, 0, col, title, None, formats, bold=True)
        for number, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                _write_cell(sheet, number, col, value, table.formats.get(col), formats)
    workbook.close()
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _spreadsheet_safe_value(self, field, value, export_format):
    return spreadsheet_safe(_wagtail_preprocess(self, field, value, export_format))


def _csv_response(self, queryset):
    header = [self.get_heading(queryset, field) for field in self.list_export]
    rows = (
        [
            self.preprocess_field_value(field, value, self.FORMAT_CSV)
            for field, value in self.to_row_dict(item).items()
        ]
        for item in queryset
    )
    return spreadsheet_response(f"{self.get_filename()}.csv", header, rows)


_wagtail_preprocess = None


def use_for_wagtail_exports():
    """Every Wagtail listing and report with an export (ours, and Wagtail's own: site history,
    workflows, locked and aging pages, page types, users) writes its CSV here, and guards both
    its CSV and XLSX cells against formulas.

    Wagtail's `SpreadsheetExportMixin` writes commas (one column in Swedish Excel) and lets
    `=cmd|…` through; it has no setting for either, so its two methods are replaced once, at
    start-up (HomeConfig.ready), for every view class at once. Called again, it does nothing.
    """
    global _wagtail_preprocess
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if _wagtail_preprocess is not None:
        return
    _wagtail_preprocess = SpreadsheetExportMixin.preprocess_field_value
    SpreadsheetExportMixin.preprocess_field_value = _spreadsheet_safe_value
    SpreadsheetExportMixin.write_csv_response = _csv_response
