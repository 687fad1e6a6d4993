"""Kept parts with holes (home/templatetags/fragments.py): the part is rendered once per
publish, and each request's own value goes into its holes, escaped."""

import pytest
from django.template import TemplateSyntaxError, engines
from django.test import RequestFactory

from home import fragments

pytestmark = pytest.mark.django_db


class Counted:
    """Counts how often the kept part's body is rendered."""

    renders = 0

    def __str__(self):
        Counted.renders += 1
        return "kropp"


TEMPLATE = (
    "{% load fragments %}"
    '{% fragment "test-hole" %}<a href="/sok/{% hole query %}">{{ body }}</a>'
    '{% for n in "ab" %}<i>{{ n }}{% hole query %}</i>{% endfor %}{% endfragment %}'
)


def _render(query):
    request = RequestFactory().get("/sok/")
    template = engines["django"].from_string(TEMPLATE)
    return template.render({"query": query, "body": Counted()}, request)


def test_a_kept_part_is_rendered_once_and_each_request_fills_its_holes():
    fragments.forget_all()
    Counted.renders = 0
    first = _render("?q=skola")
    second = _render('?q="><script>&sida=2')
    assert first == '<a href="/sok/?q=skola">kropp</a><i>a?q=skola</i><i>b?q=skola</i>'
    assert second == (
        '<a href="/sok/?q=&quot;&gt;&lt;script&gt;&amp;sida=2">kropp</a>'
        "<i>a?q=&quot;&gt;&lt;script&gt;&amp;sida=2</i><i>b?q=&quot;&gt;&lt;script&gt;&amp;sida=2</i>"
    )
    assert Counted.renders == 1


def test_a_hole_outside_a_fragment_is_an_error_not_a_marker_in_the_page():
    template = engines["django"].from_string("{% load fragments %}<a>{% hole query %}</a>")
    with pytest.raises(TemplateSyntaxError):
        template.render({"query": "?q=x"}, RequestFactory().get("/"))


def test_a_pages_language_switch_carries_no_query_and_a_views_its_own(client, home_page):
    from bs4 import BeautifulSoup

    def switch(path, query):
        html = client.get(path, query).content.decode()
        return {
            link["hreflang"]: link["href"]
            for link in BeautifulSoup(html, "html.parser").select(".language-switch a")
        }

    page = switch("/", {"utm_source": "nyhetsbrev"})
    assert "en" in page and not [href for href in page.values() if "?" in href]
    assert switch("/sok/", {"q": "skola"})["en"] == "/en/sok/?q=skola"
    # The same page again, kept: still none of either request's query.
    assert switch("/", {"fbclid": "x"}) == page
