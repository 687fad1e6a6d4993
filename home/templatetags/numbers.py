"""`{{ n|swedish_number }}` ("5 000"), `{{ phone|phone_uri }}` ("tel:+46123456789") and
`{{ n|in_words }}` ("två", `in_words:"neuter"` for "ett"): home/numbers.py."""

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


@register.filter
def phone_uri(value):
    """`<a href="{{ phone|phone_uri }}">`: home.numbers.phone_uri, "" without digits."""
    return numbers.phone_uri(value) or ""
