"""Relevance: Swedish queries a resident would type, each with the page that must be in the top 3.

Run with -s to see precision@3 and the misses.
"""

import pytest

from search.query import SiteSearch

from .conftest import page_titles

pytestmark = pytest.mark.django_db

QUERIES = [
    ("Solrosen", "Förskolan Solrosen"),
    ("Myrstacken", "Förskolan Myrstacken"),
    ("förskolor", "Förskola"),
    ("förskolan", "Förskolan Solrosen"),
    ("biblioteket", "Bibliotek"),
    ("skolor", "Ekbackens skola"),
    ("hemtjänst", "Hemtjänsten Centrum"),
    ("äldreomsorgen", "Äldreomsorg"),
    ("skogen", "Förskolan Solrosen"),
    ("modersmål", "Förskolan Myrstacken"),
    ("mobbning", "Ekbackens skola"),
    ("läxhjälp", "Ekbackens skola"),
    ("skolmaten", "Tallåsens skola"),
    ("studie- och yrkesvägledning", "Tallåsens skola"),
    ("fast kontaktperson", "Hemtjänsten Centrum"),
    ("avtalad tid", "Hemtjänsten Centrum"),
    ("välja vad jag vill äta", "Vårdboendet Lindgården"),
    ("aktiviteter", "Vårdboendet Lindgården"),
    ("reservera böcker", "Stadsbiblioteket"),
    ("digitala tjänster", "Stadsbiblioteket"),
    ("talböcker", "Biblioteksbussen"),
    ("klagomål", "Så lämnar du klagomål"),
    ("lämna synpunkter", "Så lämnar du klagomål"),
    ("kvalitetsgarantier", "Om kvalitetsgarantierna"),
    ("Lindgården", "Vårdboendet Lindgården"),
    ("Myrstackn", "Förskolan Myrstacken"),  # misspelling
    ("Attendo", "Vårdboendet Lindgården"),
    ("musik", "Förskolan Myrstacken"),
    ("naturvetenskap", "Tallåsens skola"),
    ("särskilt boende", "Vårdboendet Lindgården"),
    ("belysning gångväg", "Bättre belysning på gångvägen till Ekbackens skola"),
    ("hundrastgård", "Inhägnad hundrastgård i Stadsparken"),
    ("mörk park på vintern", "Bättre belysning på gångvägen till Ekbackens skola"),
]


def test_expected_hit_is_in_the_top_three(municipality):
    assert len(QUERIES) >= 25
    misses = []
    for query, expected in QUERIES:
        top = page_titles(SiteSearch(query).run())[:3]
        if expected not in top:
            misses.append((query, expected, top))
    precision = 1 - len(misses) / len(QUERIES)
    print(f"\nprecision@3 = {precision:.3f} over {len(QUERIES)} queries; misses: {misses}")
    assert not misses, misses
