from django import template

from home.resident_input import absolute_url as _absolute_url

register = template.Library()


@register.filter
def absolute_url(path):
    """`{{ page.url|absolute_url }}`: a link in a mail, from the site's configured address."""
    return _absolute_url(str(path))
