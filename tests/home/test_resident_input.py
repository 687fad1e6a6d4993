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


def _project_forms():
    """Every form class the project declares, as the URLconf imports them."""
    from django import forms
    from django.conf import settings
    from django.urls import get_resolver

    get_resolver().check()  # imports every view, and the forms they use
    apps = {name.split(".")[0] for name in settings.INSTALLED_APPS}
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in apps and not cls.__module__.startswith(
            ("django", "wagtail", "modelsearch")
        ):
            found.append(cls)
    return found


def test_every_whole_number_a_form_reads_takes_ascii_digits_only():
    """int() reads "١" (Arabic-Indic one) as 1: every integer field of the project's forms is
    the house's WholeNumberField, which refuses it (generated from the forms, not listed)."""
    from django import forms

    from home.resident_input import WholeNumberField

    integer_fields = {
        f"{form.__module__}.{form.__name__}.{name}": field
        for form in _project_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.IntegerField)
    }
    assert len(integer_fields) >= 5, integer_fields  # the sweep finds the project's forms
    plain = [
        name for name, field in integer_fields.items() if not isinstance(field, WholeNumberField)
    ]
    assert not plain, plain


@pytest.mark.parametrize(("typed", "read"), [("12", 12), (" 7 ", 7), ("", None)])
def test_a_whole_number_field_reads_ascii_digits(typed, read):
    from home.resident_input import WholeNumberField

    assert WholeNumberField(required=False).clean(typed) == read


@pytest.mark.parametrize("typed", ["١", "١٢", "１２", "²", "12١"])
def test_a_whole_number_field_refuses_other_scripts_digits(typed):
    from django import forms

    from home.resident_input import WholeNumberField

    with pytest.raises(forms.ValidationError):
        WholeNumberField(required=False).clean(typed)
