"""Numbers as a resident reads them: small ones in words in running text, large ones grouped
with a no-break space, through one helper (home/numbers.py) and its template filters."""

import pytest
from django.template import Context, Template
from django.utils import translation

from home.numbers import in_words, phone_uri, swedish_number
from home.templatetags.words import soft_hyphens


def test_counts_in_running_text_are_words_up_to_twelve_then_grouped_digits():
    with translation.override("sv"):
        assert in_words(2) == "två"
        assert in_words(1) == "en"
        assert in_words(1, neuter=True) == "ett"
        assert in_words(12) == "tolv"
        assert in_words(13) == "13"
        assert in_words(5000) == "5\xa0000"
        assert swedish_number(12345.6, decimal_pos=1) == "12\xa0345,6"


def test_the_template_filters_say_the_same():
    with translation.override("sv"):
        html = Template(
            "{% load numbers %}{{ days|in_words }} arbetsdagar, "
            '{{ n|in_words:"neuter" }} åtagande, {{ limit|swedish_number }} tecken'
        ).render(Context({"days": 2, "n": 1, "limit": 5000}))
    assert html == "två arbetsdagar, ett åtagande, 5\xa0000 tecken"


@pytest.mark.parametrize(
    "written,uri",
    [
        ("0123-45 67 89", "tel:+46123456789"),
        ("08-123 456 (växel)", "tel:+468123456"),
        ("+46 8 123 456", "tel:+468123456"),
        ("0046 8 123 456", "tel:+468123456"),
        ("  010–123\u00a045\u00a067 ", "tel:+46101234567"),
        ("1177", "tel:1177"),
    ],
)
def test_a_phone_number_becomes_the_international_tel_link_every_phone_dials(written, uri):
    assert phone_uri(written) == uri


@pytest.mark.parametrize("written", ["", None, "ring växeln", "٠١٢٣"])
def test_a_phone_number_without_digits_to_dial_gets_no_link(written):
    assert phone_uri(written) is None


@pytest.mark.parametrize(
    "text,marked",
    [
        ("Tillgänglighetsredogörelse", "Tillgänglighets\u00adredogörelse"),
        ("Verksamhetsområdets åtaganden", "Verksamhets\u00adområdets åtaganden"),
        ("Förskolan Solrosen", "Förskolan Solrosen"),  # short words are left alone
        ("<b>Kvalitetsgarantier</b>", "&lt;b&gt;Kvalitets\u00adgarantier&lt;/b&gt;"),
    ],
)
def test_long_compounds_get_a_soft_hyphen_at_their_genitive_joint(text, marked):
    assert soft_hyphens(text) == marked


@pytest.mark.parametrize("value", [-999, -1, 0, 7, 999, 1000, 12345])
def test_a_whole_number_reads_the_same_in_every_language_as_djangos_grouped_format(value):
    """swedish_number writes a whole number below a thousand without asking the locale's
    format (a count stands on every page): what that format would write anyway."""
    from django.conf import settings
    from django.utils.formats import number_format

    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            assert swedish_number(value) == number_format(value, force_grouping=True), code
