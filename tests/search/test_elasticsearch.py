"""The Elasticsearch 9 path: mapping and query checked offline, and the site's search run
against a cluster: the one at ELASTICSEARCH_URL, or else the loopback server speaking
Elasticsearch's documented API (tests/infra/elasticsearch_server.py)."""

import json
import os

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from guarantees.models import GuaranteePage
from search.backends import elasticsearch_backend


@pytest.fixture
def backend():
    params = dict(elasticsearch_backend("http://es1.example:9200,http://es2.example:9200"))
    backend_path = params.pop("BACKEND")
    return get_search_backend(backend_path, **params)


def test_backend_is_elasticsearch9_with_prefix(backend):
    assert type(backend).__name__ == "Elasticsearch9SearchBackend"
    assert backend.get_index_for_model(GuaranteePage).name == "kvalitet_wagtailcore_page"
    assert len(backend.hosts) == 2


def test_swedish_analyzer_is_the_default_for_text_fields(backend):
    analysis = backend.settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["filter"].index("swedish_stemmer") < default["filter"].index("asciifolding")
    assert analysis["filter"]["swedish_stemmer"] == {"type": "stemmer", "language": "swedish"}
    assert analysis["filter"]["swedish_stop"]["stopwords"] == "_swedish_"
    # Wagtail's own analyzers for autocomplete survive the merge.
    assert "edgengram_analyzer" in analysis["analyzer"]


def test_guarantee_mapping_nests_commitments_with_swedish_text(backend):
    mapping = backend.mapping_class(GuaranteePage).get_mapping()
    properties = mapping["properties"]
    commitments = properties["commitments"]
    assert commitments["type"] == "nested"
    assert commitments["properties"]["title"]["type"] == "text"
    assert commitments["properties"]["expected_result"]["type"] == "text"
    # No explicit analyzer: text fields use the index's "default", which is the Swedish one.
    for name in ["title", "guarantees_guaranteepage__idea", "_all_text"]:
        assert properties[name]["type"] == "text"
        assert "analyzer" not in properties[name]


def test_guarantee_document_carries_its_commitments(backend, guarantee):
    document = backend.mapping_class(GuaranteePage).get_document(guarantee)
    titles = [c["title"] for c in document["commitments"]]
    assert titles == ["Enhetsåtagande 1", "Enhetsåtagande 2", "Enhetsåtagande 3"]


@pytest.mark.django_db
def test_generated_query_is_a_match_on_words(backend):
    compiler = backend.query_compiler_class(
        Page.objects.live().type(GuaranteePage), PlainText("förskolor skogen", operator="and")
    )
    query = compiler.get_query()
    text = json.dumps(query, ensure_ascii=False)
    assert "förskolor skogen" in text
    assert '"operator": "and"' in text
    assert "live_filter" in text


@pytest.fixture
def cluster(settings):
    """The cluster at ELASTICSEARCH_URL when one is given (the settings then use it), else
    the loopback server speaking Elasticsearch's documented API (tests/infra)."""
    if os.environ.get("ELASTICSEARCH_URL"):
        yield os.environ["ELASTICSEARCH_URL"]
        return
    from tests.infra.elasticsearch_server import ElasticsearchServer

    with ElasticsearchServer() as server:
        settings.WAGTAILSEARCH_BACKENDS = {"default": elasticsearch_backend(server.url)}
        yield server.url


@pytest.mark.django_db
def test_the_cluster_finds_an_inflected_form(cluster, guarantee):
    from io import StringIO

    from django.core.management import call_command

    from search.query import SiteSearch
    from tests.factories import make_guarantee

    backend = get_search_backend()
    assert type(backend).__name__ == "Elasticsearch9SearchBackend"
    make_guarantee(
        guarantee.get_parent().specific, title="Förskolan Blåklinten", idea="En liten förskola."
    )
    call_command("update_index", stdout=StringIO())
    backend.get_index_for_model(Page).refresh()
    titles = [hit.title for hit in SiteSearch("förskolor").run().hits]
    assert "Förskolan Blåklinten" in titles
