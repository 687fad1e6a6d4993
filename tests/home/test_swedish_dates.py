"""Issue 31: a date staff type is read the Swedish way or refused at the field, never today.

The compilation's period uses the field; so does every date field of a Wagtail admin form
(a guarantee's validity, the accessibility statement, an award round), through Wagtail's
form field overrides."""

import datetime

import pytest
from django import forms
from wagtail.admin.forms.models import formfield_for_dbfield

from award.models import AwardRound
from guarantees.models import GuaranteePage
from home.dates import SwedishDateField, SwedishDateInput, parse_swedish_date
from home.models import AccessibilityStatementPage

READ = [
    ("2026-01-01", datetime.date(2026, 1, 1)),
    ("1/1 2026", datetime.date(2026, 1, 1)),
    ("1/1/2026", datetime.date(2026, 1, 1)),
    ("1 januari 2026", datetime.date(2026, 1, 1)),
    ("30 juni 2026", datetime.date(2026, 6, 30)),
    ("30 jun 2026", datetime.date(2026, 6, 30)),
    ("30 JUNI 2026", datetime.date(2026, 6, 30)),
    ("30 Jun. 2026", datetime.date(2026, 6, 30)),
    ("1/2 2026", datetime.date(2026, 2, 1)),  # day before month
    ("  3  sept 2026 ", datetime.date(2026, 9, 3)),
    ("15 mars 2026", datetime.date(2026, 3, 15)),
    ("15 okt 2026", datetime.date(2026, 10, 15)),
    ("24 december 2026", datetime.date(2026, 12, 24)),
]
REFUSED = [
    "idag",
    "1/13 2026",
    "31/2 2026",
    "30 juno 2026",
    "30 june 2026",
    "1.1.2026",
    "2026/01/01",
    "01-01-2026",
    "١/١ ٢٠٢٦",
    "1/1 26",
    "1 januari",
    "0/1 2026",
]


@pytest.mark.parametrize(("text", "date"), READ)
def test_a_date_written_the_swedish_way_is_read(text, date):
    assert parse_swedish_date(text) == date
    assert SwedishDateField().clean(text) == date


@pytest.mark.parametrize("text", REFUSED)
def test_anything_else_is_refused_with_a_swedish_message(text):
    assert parse_swedish_date(text) is None
    with pytest.raises(forms.ValidationError) as refused:
        SwedishDateField().clean(text)
    assert refused.value.messages == [
        "Datumet går inte att läsa. Skriv det som 2026-01-31, 31/1 2026 eller 31 januari 2026."
    ]


def test_the_picker_is_told_to_keep_what_was_typed():
    config = SwedishDateInput().get_config()
    assert config["validateOnBlur"] is False
    assert config["format"] == "Y-m-d"


@pytest.mark.parametrize(
    ("model", "name"),
    [
        (GuaranteePage, "valid_from"),
        (GuaranteePage, "decision_date"),
        (AccessibilityStatementPage, "assessed_on"),
        (AwardRound, "closes_on"),
    ],
)
def test_every_date_in_a_wagtail_admin_form_reads_swedish_dates(model, name):
    field = formfield_for_dbfield(model._meta.get_field(name))
    assert isinstance(field, SwedishDateField)
    assert isinstance(field.widget, SwedishDateInput)
    assert field.clean("30 juni 2026") == datetime.date(2026, 6, 30)
