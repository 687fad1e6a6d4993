"""`{{ n|swedish_number }}` ("5 000") and `{{ n|in_words }}` ("två", `in_words:"neuter"` for
"ett"): home/numbers.py."""

from django import template

from home import numbers

register = template.Library()


@register.filter
def swedish_number(value):
    if value is None or value == "":
        return value
    return numbers.swedish_number(value)


@register.filter
def in_words(value, gender=""):
    return numbers.in_words(value, neuter=gender == "neuter")
