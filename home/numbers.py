"""Numbers as a resident reads them, the Swedish way, in one place.

`swedish_number` groups thousands with a no-break space ("5 000"; decimal comma from the
locale). `in_words` writes the small numbers of running text as words ("två arbetsdagar",
"ett åtagande"), as Swedish prose does (Myndigheternas skrivregler: one to twelve in words),
and larger ones grouped. Templates use the filters of the same names (`{% load numbers %}`).

Grouping is forced here rather than by USE_THOUSAND_SEPARATOR, which would also split years
("2 026") everywhere a template prints one.
"""

from django.utils.formats import number_format
from django.utils.translation import pgettext

# One to twelve, common gender ("en arbetsdag"); "ett" for a neuter noun ("ett åtagande").
_WORDS = {
    1: lambda: pgettext("number", "en"),
    2: lambda: pgettext("number", "två"),
    3: lambda: pgettext("number", "tre"),
    4: lambda: pgettext("number", "fyra"),
    5: lambda: pgettext("number", "fem"),
    6: lambda: pgettext("number", "sex"),
    7: lambda: pgettext("number", "sju"),
    8: lambda: pgettext("number", "åtta"),
    9: lambda: pgettext("number", "nio"),
    10: lambda: pgettext("number", "tio"),
    11: lambda: pgettext("number", "elva"),
    12: lambda: pgettext("number", "tolv"),
}


def swedish_number(value, decimal_pos=None):
    """A number as Swedish prose writes it: "5 000", "12 345,6"."""
    if type(value) is int and -1000 < value < 1000 and decimal_pos is None:
        return str(value)  # nothing to group or to put a comma in (a count on every page)
    return number_format(value, decimal_pos=decimal_pos, force_grouping=True)


def in_words(value, neuter=False):
    """A count in running text: "två" for 2, "ett" for 1 before a neuter noun, "5 000" for
    5000. Anything that is not a whole number is returned grouped as it is."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return value
    if number != value and str(number) != str(value):
        return swedish_number(value)
    if number == 1 and neuter:
        return pgettext("number", "ett")
    word = _WORDS.get(number)
    return word() if word else swedish_number(number)


def phone_uri(number, country_code="46"):
    """A `tel:` link for a phone number as an editor wrote it ("0123-45 67 89", "08-123 456
    (växel)", "+46 8 123 456"): the international form (RFC 3966) that every phone dials,
    "tel:+46123456789". None when it holds no digits to dial."""
    text = str(number or "").strip()
    digits = "".join(character for character in text if character.isascii() and character.isdigit())
    if not digits:
        return None
    if text.startswith("+"):
        return f"tel:+{digits}"
    if digits.startswith("00"):
        return f"tel:+{digits[2:]}"
    if digits.startswith("0"):
        return f"tel:+{country_code}{digits[1:]}"
    return f"tel:{digits}"  # a short service number (e.g. 112, 1177) is dialled as it is
