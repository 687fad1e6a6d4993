"""The municipality's own address list: read from the operator's CSV file, replaced whole.

The file (documented in docs/address-list.md):

- UTF-8, with or without a byte-order mark; `;` or `,` between the columns (the header says
  which); one address per line.
- A header row naming the columns `street`, `number`, `postcode`, `locality`, `lat`, `long`
  (in any order; further columns are ignored).
- `number` is the street number with its letter, if any ("12", "4B"); `postcode` five digits
  (a space inside is allowed); `lat` and `long` in decimal degrees (WGS 84), with a decimal
  point, or a decimal comma when the columns are separated by `;`.

A file with any bad line is refused whole, naming the lines, and the list in the database stays
as it was: a half-imported list would place residents wrongly without anyone noticing.
"""

import csv
import io
import math
from dataclasses import dataclass, field

from django.db import transaction

from .places import normalise_number, normalise_postcode

COLUMNS = ("street", "number", "postcode", "locality", "lat", "long")
MAX_ERRORS_SHOWN = 20


@dataclass
class ReadResult:
    entries: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def _coordinate(text, limit):
    value = float(text.strip().replace(",", "."))
    if not math.isfinite(value) or not -limit <= value <= limit:
        raise ValueError(text)
    return round(value, 6)


def read(stream):
    """The entries of a CSV address list (text stream), and the errors that refuse it."""
    from .models import StreetAddress

    result = ReadResult()
    text = stream.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = io.StringIO(text, newline="")
    header = lines.readline()
    delimiter = ";" if header.count(";") > header.count(",") else ","
    names = [name.strip().lower() for name in next(csv.reader([header], delimiter=delimiter), [])]
    missing = [column for column in COLUMNS if column not in names]
    if missing:
        result.errors.append(f"line 1: the header lacks the column(s) {', '.join(missing)}")
        return result
    seen = {}
    reader = csv.DictReader(lines, fieldnames=names, delimiter=delimiter)
    for row in reader:
        line = reader.line_num + 1
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        try:
            values = {column: (row.get(column) or "").strip() for column in COLUMNS}
            postcode = normalise_postcode(values["postcode"])
            number = normalise_number(values["number"])
            if not values["street"] or not number or not values["locality"]:
                raise ValueError("street, number and locality must not be empty")
            if len(values["street"]) > 150 or len(values["locality"]) > 100 or len(number) > 12:
                raise ValueError("a value is too long")
            if not (len(postcode) == 5 and postcode.isdigit()):
                raise ValueError(f"postcode {values['postcode']!r} is not five digits")
            try:
                latitude = _coordinate(values["lat"], 90)
                longitude = _coordinate(values["long"], 180)
            except ValueError:
                raise ValueError(
                    f"lat {values['lat']!r} / long {values['long']!r} are not decimal degrees"
                ) from None
        except ValueError as error:
            result.errors.append(f"line {line}: {error}")
            continue
        key = (values["street"].casefold(), number, postcode)
        if key in seen:
            result.errors.append(f"line {line}: the same address as line {seen[key]}")
            continue
        seen[key] = line
        result.entries.append(
            StreetAddress(
                street=values["street"],
                number=number,
                postcode=postcode,
                locality=values["locality"],
                latitude=latitude,
                longitude=longitude,
            )
        )
    if not result.entries and not result.errors:
        result.errors.append("the file has no addresses")
    return result


def replace(entries):
    """The address list becomes `entries`, in one transaction."""
    from .models import StreetAddress

    with transaction.atomic():
        StreetAddress.objects.all().delete()
        StreetAddress.objects.bulk_create(entries, batch_size=2000)
    return len(entries)
