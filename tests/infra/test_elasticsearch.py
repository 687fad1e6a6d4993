"""The Elasticsearch path against Elasticsearch's documented analyzers and REST API: the
Swedish settings of search/backends.py are the documented `swedish` analyzer rebuilt, the
index Wagtail creates with them is accepted as the create-index API checks it, and an
inflected or unaccented query finds a guarantee through `_search` as the analyzers say."""

import copy
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from guarantees.models import GuaranteePage
from search.backends import SWEDISH_ANALYZER, SWEDISH_INDEX_SETTINGS, elasticsearch_backend
from tests.factories import make_guarantee, make_service_area

from .elasticsearch_server import DOCUMENTED_SWEDISH, ElasticsearchServer


@pytest.fixture
def cluster(db, settings):
    """The server, made the default backend, with Wagtail's index created on it (as
    `update_index` does at deploy), so that every later publish is indexed on it."""
    with ElasticsearchServer() as server:
        settings.WAGTAILSEARCH_BACKENDS = {"default": elasticsearch_backend(server.url)}
        call_command("update_index", stdout=StringIO())
        yield server


def test_the_swedish_analyzer_is_the_documented_one_rebuilt_with_folding_after_stemming():
    analysis = SWEDISH_INDEX_SETTINGS["settings"]["analysis"]
    documented = DOCUMENTED_SWEDISH["analyzer"]["rebuilt_swedish"]
    # The documented chain without its keyword_marker (no stem exclusions: the page says to
    # drop it then), and ASCII folding last, so that the stemmer still sees å, ä and ö.
    without_marker = [name for name in documented["filter"] if name != "swedish_keywords"]
    assert SWEDISH_ANALYZER["tokenizer"] == documented["tokenizer"]
    assert SWEDISH_ANALYZER["filter"] == [*without_marker, "asciifolding"]
    for name in without_marker:
        if name in DOCUMENTED_SWEDISH["filter"]:
            assert analysis["filter"][name] == DOCUMENTED_SWEDISH["filter"][name]
    assert analysis["analyzer"]["default"] == SWEDISH_ANALYZER


def test_the_stop_list_is_the_one_the_database_backend_uses():
    """Both paths drop the same words: Snowball's list, in PostgreSQL's `swedish` config too."""
    from .elasticsearch_server import SWEDISH_STOP_WORDS

    sharedir = _postgres_sharedir()
    words = (sharedir / "tsearch_data" / "swedish.stop").read_text().split()
    assert frozenset(words) == SWEDISH_STOP_WORDS


def _postgres_sharedir():
    import os
    import subprocess
    from pathlib import Path

    pg_ctl = os.environ.get("TEST_POSTGRES_PG_CTL")
    candidates = []
    if pg_ctl:
        pg_config = Path(pg_ctl).with_name("pg_config")
        if pg_config.exists():
            out = subprocess.run([pg_config, "--sharedir"], capture_output=True, text=True)
            candidates.append(Path(out.stdout.strip()))
    candidates += sorted(Path("/usr/share/postgresql").glob("*"), reverse=True)
    for candidate in candidates:
        if (candidate / "tsearch_data" / "swedish.stop").exists():
            return candidate
    pytest.fail("PostgreSQL's swedish.stop not found")


@pytest.mark.django_db
def test_the_index_wagtail_creates_is_accepted_and_analyses_swedish_as_documented(cluster):
    call_command("update_index", stdout=StringIO())
    creations = [body for method, path, body in cluster.cluster.requests if method == "PUT"]
    assert creations, "no index was created"
    settings = creations[0]["settings"]
    assert settings["analysis"]["analyzer"]["default"] == SWEDISH_ANALYZER

    backend = get_search_backend()
    index = backend.get_index_for_model(Page).name
    analysed = backend.es.indices.analyze(
        index=index, text="Förskolorna i Ängsby och deras förskola"
    )
    # Stop words ("i", "och", "deras") gone; inflections met in one stem, folded.
    assert [t["token"] for t in analysed["tokens"]] == [
        "forskol",
        "angsby",
        "forskol",
    ]


@pytest.mark.django_db
def test_an_inflected_or_unaccented_query_finds_the_guarantee_through_the_search_api(
    cluster, home_page
):
    area = make_service_area(home_page, title="Grundskola")
    make_guarantee(area, title="Förskolan Blåklinten", idea="En liten förskola vid ån.")
    make_guarantee(area, title="Ekskolan", idea="En skola för de äldre barnen.")

    def titles(words):
        return [p.title for p in Page.objects.live().type(GuaranteePage).search(words)]

    # Searchable after a refresh, as Elasticsearch documents (every second by default).
    get_search_backend().get_index_for_model(Page).refresh()

    assert titles("förskolor") == ["Förskolan Blåklinten"]
    assert titles("forskolor") == ["Förskolan Blåklinten"]  # typed without å, ä, ö
    assert titles("och") == []  # a stop word alone finds nothing
    searches = [path for method, path, _ in cluster.cluster.requests if path.endswith("_search")]
    assert searches


def test_settings_elasticsearch_would_refuse_are_refused(cluster):
    """The server checks analysis as Elasticsearch does, so a wrong setting cannot pass."""
    backend = get_search_backend()
    wrong = copy.deepcopy(backend.settings)
    wrong["settings"]["analysis"]["filter"]["swedish_stemmer"]["language"] = "svenska"
    from elasticsearch import BadRequestError

    with pytest.raises(BadRequestError, match="Unknown stemmer language"):
        backend.es.indices.create(index="prov", **wrong)
    missing = copy.deepcopy(backend.settings)
    missing["settings"]["analysis"]["analyzer"]["default"]["filter"].append("swedish_keywords")
    with pytest.raises(BadRequestError, match="failed to find filter"):
        backend.es.indices.create(index="prov", **missing)
