"""Non-page types declared through the "register_searchable_type" hook appear in the same
list, with their facet.

A real indexed model stands in for proposals here: Wagtail's Document, registered only for
these tests and unregistered afterwards.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail import hooks
from wagtail.documents.models import Document

from search.query import SiteSearch, suggestions
from search.registry import SearchableType

from .conftest import page_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents_registered(municipality):
    def documents():
        return SearchableType(
            key="dokument", label="Dokument", queryset=lambda: Document.objects.all()
        )

    Document.objects.create(
        title="Protokoll om förskolornas utemiljö",
        file=ContentFile(b"protokoll", name="protokoll.txt"),
    )
    with hooks.register_temporarily("register_searchable_type", documents):
        yield


def test_registered_type_is_searched_and_counted(documents_registered):
    outcome = SiteSearch("förskolornas utemiljö").run()
    assert "Protokoll om förskolornas utemiljö" in page_titles(outcome)
    counts = {facet.key: facet.count for facet in outcome.type_facets}
    assert counts["dokument"] == 1


def test_type_filter_selects_only_the_registered_type(documents_registered):
    outcome = SiteSearch("förskola", type_key="dokument").run()
    assert page_titles(outcome) == ["Protokoll om förskolornas utemiljö"]


def test_registered_type_without_area_field_is_outside_every_area(documents_registered):
    outcome = SiteSearch("protokoll", area_slug="forskola").run()
    assert outcome.total == 0


def test_registered_type_is_suggested(documents_registered):
    titles = [s["title"] for s in suggestions("Protokoll")]
    assert titles == ["Protokoll om förskolornas utemiljö"]


def test_unregistered_type_key_is_ignored(municipality):
    outcome = SiteSearch("förskola", type_key="dokument").run()
    assert outcome.hits
