"""Exports that open safely in a spreadsheet program.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one)
as a formula, so every CSV or XLSX export passes its text cells through `spreadsheet_safe`.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text no spreadsheet will run: a leading formula character gets a single quote.

    Numbers, dates and None pass unchanged: they are values, not formulas.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
