"""The one rule for residents' text, and the form fields every resident form uses."""

import pytest

from home.resident_input import (
    ResidentCharField,
    ResidentEmailField,
    ResidentTextField,
    clean_resident_text,
)


@pytest.mark.parametrize(
    "raw,multiline,expected",
    [
        ("Rad ett\x00\x07\r\nRad\ttvå", True, "Rad ett\nRad\ttvå"),
        ("Rad ett\rRad två\u2028slut", True, "Rad ett\nRad två\nslut"),
        ("An\x1bna\x7f\x85\x9b", False, "Anna "),
        ("Anna\nAndersson\tA", False, "Anna Andersson A"),
        ("\u202egnp.exe\u2066", False, "gnp.exe"),
        ("a\u202ab\u202bc\u202cd\u202de\u2067f\u2068g\u2069h", False, "abcdefgh"),
        ("höger\u200ftill\u200evänster\u061c", False, "högertillvänster"),
        ("a\u030a", False, "å"),  # NFD in, NFC out
        ("Ångström 😀 ‍", False, "Ångström 😀 ‍"),  # letters, emoji and joiners stay
        ("", False, ""),
    ],
)
def test_one_rule_for_what_residents_write(raw, multiline, expected):
    assert clean_resident_text(raw, multiline=multiline) == expected


@pytest.mark.parametrize("multiline", [False, True])
def test_every_printable_letter_digit_and_sign_is_kept_as_typed(multiline):
    """Only control and direction characters go: a name with an X, a price in kronor or a
    quoted word comes back exactly as the resident typed it."""
    printable = "".join(chr(code) for code in range(0x20, 0x7F))
    typed = f"{printable} ÅÄÖåäöéüßæøÉ «citat» – 100 kr · 5 % € §"
    assert clean_resident_text(typed, multiline=multiline) == typed


def test_a_one_line_field_cleans_before_it_counts_and_strips():
    field = ResidentCharField(max_length=5)
    assert field.clean(" \u202eAnna\u2066\x00 ") == "Anna"


def test_a_text_field_keeps_lines_and_tabs():
    field = ResidentTextField()
    assert field.clean("ett\r\n\ttvå\x0c") == "ett\n\ttvå"


def test_an_email_field_stores_nfc():
    field = ResidentEmailField()
    assert field.clean("anna@cafe\u0301.se") == "anna@café.se"


def test_every_resident_form_uses_the_house_fields():
    from feedback.forms import FeedbackForm
    from proposals.forms import ListFilterForm, ProposalForm
    from proposals.identity import VoteEmailForm

    house = (ResidentCharField, ResidentEmailField)
    for form_class, names in [
        (FeedbackForm, ["message", "name", "email", "phone"]),
        (ProposalForm, ["title", "body", "display_name", "email"]),
        (ListFilterForm, ["q"]),
        (VoteEmailForm, ["email"]),
    ]:
        for name in names:
            assert isinstance(form_class.base_fields[name], house), (form_class, name)
