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
_EXCEL_EPOCH = datetime.datetime(1899, 12, 30)
_DATE_FORMAT, _DATETIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd h:mm:ss"


def _xml_text(value):
    return (
        _ILLEGAL_XML.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    )


def _column_letter(index):
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _shown_width(value, number_format):
    if value is None:
        return 0
    if isinstance(value, datetime.date):
        return len(number_format or _DATE_FORMAT)
    return max((len(line) for line in str(value).splitlines()), default=0)


class _Styles:
    """The workbook's cell formats (xl/styles.xml), one per (bold, number format, text kept
    as typed) as the cells ask for them; 0 is the plain cell."""

    def __init__(self):
        self.ids = {(False, None, False): 0}
        self.formats = {}

    def id(self, bold=False, number_format=None, quote=False):
        key = (bold, number_format, quote)
        if key not in self.ids:
            if number_format is not None and number_format not in self.formats:
                self.formats[number_format] = 164 + len(self.formats)  # Excel's first own id
            self.ids[key] = len(self.ids)
        return self.ids[key]

    def xml(self):
        formats = "".join(
            f'<numFmt numFmtId="{n}" formatCode="{_xml_text(code).replace(chr(34), "&quot;")}"/>'
            for code, n in self.formats.items()
        )
        cells = []
        for bold, number_format, quote in self.ids:
            n = self.formats.get(number_format, 0)
            cells.append(
                f'<xf numFmtId="{n}" fontId="{int(bold)}" fillId="0" borderId="0" xfId="0"'
                + (' applyNumberFormat="1"' if n else "")
                + (' applyFont="1"' if bold else "")
                + (' quotePrefix="1"' if quote else "")
                + "/>"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + (f'<numFmts count="{len(self.formats)}">{formats}</numFmts>' if formats else "")
            + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            "</borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            f'</cellStyleXfs><cellXfs count="{len(cells)}">{"".join(cells)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )


def _xlsx_cell(ref, value, number_format, styles, bold=False):
    """One cell's XML: numbers and dates as themselves, text always as text, never a
    formula. An empty cell is no cell, or only its format in a formatted column."""
    if value is None:
        return f'<c r="{ref}"{_style(styles, bold, number_format)}/>' if number_format else ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"{_style(styles, bold, number_format)}><v>{int(value)}</v></c>'
    if isinstance(value, int | float | Decimal):
        return f'<c r="{ref}"{_style(styles, bold, number_format)}><v>{_number(value)}</v></c>'
    if isinstance(value, datetime.date):
        if isinstance(value, datetime.datetime):
            serial = (value.replace(tzinfo=None) - _EXCEL_EPOCH) / datetime.timedelta(days=1)
            number_format = number_format or _DATETIME_FORMAT
        else:
            serial = (value - _EXCEL_EPOCH.date()).days
            number_format = number_format or _DATE_FORMAT
        return f'<c r="{ref}"{_style(styles, bold, number_format)}><v>{serial}</v></c>'
    text = str(value)  # a lazy translation, a page: what it reads as
    # Text kept as it was written, in the cell itself (no formula, no shared-string table), and
    # marked so that Excel keeps it text when someone edits a cell that starts like a formula.
    style = _style(styles, bold, number_format, text.startswith(FORMULA_PREFIXES))
    return (
        f'<c r="{ref}" t="inlineStr"{style}><is><t xml:space="preserve">'
        f"{_xml_text(text)}</t></is></c>"
    )


def _number(value):
    """As openpyxl writes a number: an integer whole, else 16 significant digits."""
    return str(value) if type(value) is int else f"{float(value):.16g}"


def _style(styles, bold, number_format, quote=False):
    if not (bold or number_format or quote):
        return ""
    return f' s="{styles.id(bold, number_format, quote)}"'


def _sheet_xml(table, styles):
    """A sheet's XML, row by row: its headings bold and frozen, columns as wide as their
    content (within reason). Strings joined, not an element tree: a compilation over 2,000
    units writes some 280,000 cells, and the cost per cell is what the file costs."""
    rows = [list(row) for row in table.rows]
    header = [str(title) for title in table.header]
    formats = table.formats
    widths = [len(title) for title in header]
    for row in rows:
        if len(row) > len(widths):
            widths.extend([0] * (len(row) - len(widths)))
        for i, value in enumerate(row):
            width = _shown_width(value, formats.get(i))
            if width > widths[i]:
                widths[i] = width
    letters = [_column_letter(i) for i in range(1, len(widths) + 1)]
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{min(max(w + 2, _COLUMN_WIDTH_MIN), _COLUMN_WIDTH_MAX)}"'
        ' customWidth="1"/>'
        for i, w in enumerate(widths, start=1)
    )
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2"'
        ' activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView>'
        '</sheetViews><sheetFormatPr defaultRowHeight="15"/>',
        f"<cols>{cols}</cols>" if cols else "",
        "<sheetData>",
        '<row r="1">',
        *(
            _xlsx_cell(f"{letters[i]}1", title, None, styles, bold=True)
            for i, title in enumerate(header)
        ),
        "</row>",
    ]
    for number, row in enumerate(rows, start=2):
        cells = []
        for i, value in enumerate(row):
            if value is None and i not in formats:
                continue
            if type(value) is int and i not in formats:
                # Most of a big table: a bare count, written without a call.
                cells.append(f'<c r="{letters[i]}{number}"><v>{value}</v></c>')
            else:
                cells.append(_xlsx_cell(f"{letters[i]}{number}", value, formats.get(i), styles))
        parts.append(f'<row r="{number}">{"".join(cells)}</row>')
    parts.append("</sheetData></worksheet>")
    return "".join(parts)


def xlsx_response(filename, sheets):
    """Every XLSX export of the site: one sheet per table, its headings bold and frozen,
    columns as wide as their content (within reason), figures as numbers and dates as dates,
    and no text a spreadsheet would run (see `_xlsx_cell`).

    The file is written here as Office Open XML (ECMA-376) parts in a zip, not through
    openpyxl's cell objects: its content is the same (tests read it back with openpyxl), at
    a fraction of the cost per cell (bench/README.md)."""
    import zipfile

    styles = _Styles()
    names = []
    for table in sheets:
        names.append(sheet_name(table.title, names))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, table in enumerate(sheets, start=1):
            archive.writestr(f"xl/worksheets/sheet{n}.xml", _sheet_xml(table, styles))
        archive.writestr("xl/styles.xml", styles.xml())
        archive.writestr(
            "xl/workbook.xml",
            f'{declaration}<workbook xmlns="{main}" xmlns:r="{relationships}"><sheets>'
            + "".join(
                f'<sheet name="{_xml_text(name).replace(chr(34), "&quot;")}" sheetId="{n}"'
                f' r:id="rId{n}"/>'
                for n, name in enumerate(names, start=1)
            )
            + "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{declaration}<Relationships xmlns="{package}">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{relationships}/worksheet"'
                f' Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, len(names) + 1)
            )
            + f'<Relationship Id="rId{len(names) + 1}" Type="{relationships}/styles"'
            ' Target="styles.xml"/></Relationships>',
        )
        archive.writestr(
            "_rels/.rels",
            f'{declaration}<Relationships xmlns="{package}"><Relationship Id="rId1"'
            f' Type="{relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "[Content_Types].xml",
            f'{declaration}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml"'
            ' ContentType="application/xml"/><Override PartName="/xl/workbook.xml"'
            f' ContentType="{content_type}.sheet.main+xml"/><Override PartName="/xl/styles.xml"'
            f' ContentType="{content_type}.styles+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{n}.xml"'
                f' ContentType="{content_type}.worksheet+xml"/>'
                for n in range(1, len(names) + 1)
            )
            + "</Types>",
        )
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
