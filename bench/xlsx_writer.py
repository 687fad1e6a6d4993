#!/usr/bin/env python3
"""The XLSX writer (home/spreadsheets.py `xlsx_response`, XlsxWriter) against a commit's, on
the same sheets: the files must read back the same, cell by cell, and the CPU each takes is printed.

    .venv/bin/python bench/xlsx_writer.py            # against 5b8c057 (openpyxl write-only)
    BENCH_BEFORE=<commit> .venv/bin/python bench/xlsx_writer.py

The sheets are shaped like the feedback compilation's (bench/scale.py's "compilation" row):
a summary, the unit x dimension x month table (7 rows a unit, 24 months, a share and a
decimal; counts, empty cells), at 200 and 2,000 units, and a sheet of every odd value (a
formula-like text, control characters, a lazy translation, dates, datetimes, booleans, huge
and tiny numbers). Read back with openpyxl: every cell's value, type, data type, number format,
bold and quote prefix, every column's width (less XlsxWriter's stored padding), the frozen pane
and the sheets' names must agree.
No database is needed.
"""

import datetime
import importlib.util
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = os.environ.get("BENCH_BEFORE", "5b8c057")
XLSXWRITER_PADDING = 182 / 256  # 0.7109375, Excel's padding in 1/256ths of a character


def sheets(module, units, rng):
    from django.utils.translation import gettext_lazy

    months = [datetime.date(2025 + m // 12, m % 12 + 1, 1) for m in range(24)]
    table = [
        [
            f"Enhet {u} & <co>",
            "Förskola",
            "Bemötande",
            *[rng.choice([None, 0, rng.randint(1, 30)]) for _ in months],
            rng.random(),
            Decimal("2.50"),
        ]
        for u in range(units)
        for _ in range(7)
    ]
    odd = [
        ("=A1", 0, 7, None, 2.5, 0.25, datetime.date(2026, 3, 1), True),
        (datetime.datetime(2026, 3, 1, 12, 30), "  blank  ", "a\x01b\tc\nd", None, -3, None),
        (gettext_lazy("Stadsdel"), "+46", "@x", "-1", '"q"', 10**15, 1e-7, False),
    ]
    sheet = module.Sheet
    return [
        sheet("Sammanfattning", ["Vad", "Antal"], [("Totalt", 5), ("Andel", 0.5)], {}),
        sheet(
            "Per enhet/månad: [x]",
            ["Enhet", "Område", "Gäller", *months, "Andel", "Belopp"],
            table,
            {27: "0 %"},
        ),
        sheet("Per enhet/månad: [x]", [f"h{i}" for i in range(8)], odd, {5: "0 %", 6: "yyyy-mm"}),
    ]


def read(content):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    sheets = []
    for sheet in book:
        widths = {
            column: dimension.width
            for dimension in sheet.column_dimensions.values()
            for column in range(dimension.min, dimension.max + 1)
        }
        cells = [
            (c.value, type(c.value), c.data_type, c.number_format, c.font.b, c.quotePrefix)
            for row in sheet.iter_rows()
            for c in row
        ]
        sheets.append((sheet.title, sheet.freeze_panes, widths, cells))
    return sheets


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("DATABASE_URL", "postgres://unused@127.0.0.1:1/unused")
    import django

    django.setup()
    from home import spreadsheets as now

    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{BEFORE}:home/spreadsheets.py"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as file:
        file.write(source)
    spec = importlib.util.spec_from_file_location("spreadsheets_before", file.name)
    before = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(before)
    os.unlink(file.name)

    for units in (200, 2000):
        made = {}
        for name, module in (("before", before), ("now", now)):
            tables = sheets(module, units, random.Random(units))
            timings = []
            for _ in range(3):
                started = time.process_time()
                response = module.xlsx_response("x.xlsx", tables)
                timings.append(time.process_time() - started)
            made[name] = (sorted(timings)[1], response.content)
        cells = sum(len(row) for table in tables for row in table.rows)
        old, new = read(made["before"][1]), read(made["now"][1])
        # XlsxWriter stores a column's width as Excel does, with Excel's cell padding (5 pixels
        # of a 7-pixel digit) added to the characters asked for; openpyxl stores them bare.
        for sheet in old:
            sheet[2].update({k: w + XLSXWRITER_PADDING for k, w in sheet[2].items()})
        assert old == new, "the files differ"
        (was, _), (now_s, content) = made["before"], made["now"]
        print(
            f"{units:>5} units, {cells:,} cells: the same content; CPU (median of 3) "
            f"{BEFORE} {was * 1000:.0f} ms ({was / cells * 1e6:.2f} µs a cell), "
            f"now {now_s * 1000:.0f} ms ({now_s / cells * 1e6:.2f} µs a cell), "
            f"{was / now_s:.1f}× cheaper; {len(content):,} bytes"
        )


if __name__ == "__main__":
    main()
