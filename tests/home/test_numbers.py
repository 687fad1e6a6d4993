"""Numbers as a resident reads them: small ones in words in running text, large ones grouped
with a no-break space, through one helper (home/numbers.py) and its template filters."""

from django.template import Context, Template
from django.utils import translation

from home.numbers import in_words, swedish_number


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
