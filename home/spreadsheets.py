"""Exports that open safely in a spreadsheet program.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one)
as a formula, so every CSV or XLSX export passes its text cells through `spreadsheet_safe`.
"""

import csv

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
