"""Search backend configuration: the embedded database backend, or an Elasticsearch cluster.

With ELASTICSEARCH_URL set, settings use `elasticsearch_backend(url)`. Text fields in the
Elasticsearch mapping carry no analyzer of their own, so they use the index's `default`
analyzer; overriding `default` in INDEX_SETTINGS makes every text field Swedish.
"""

import os

ELASTICSEARCH_BACKEND = "wagtail.search.backends.elasticsearch9"

# lowercase -> Swedish stop words -> Swedish Snowball stemmer -> ASCII folding.
# Folding runs after the stemmer: the stemmer needs å, ä and ö to find Swedish suffixes
# ("förskolor" and "förskola" both stem to "förskol"), and folding afterwards lets a
# query typed without them ("forskola") meet the same term.
SWEDISH_ANALYZER = {
    "type": "custom",
    "tokenizer": "standard",
    "filter": ["lowercase", "swedish_stop", "swedish_stemmer", "asciifolding"],
}

SWEDISH_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "swedish_stop": {"type": "stop", "stopwords": "_swedish_"},
                "swedish_stemmer": {"type": "stemmer", "language": "swedish"},
            },
            "analyzer": {
                "swedish": SWEDISH_ANALYZER,
                # Used by every text field without an explicit analyzer, at index and query time.
                "default": SWEDISH_ANALYZER,
            },
        }
    }
}


def elasticsearch_backend(url, *, index_prefix=None, timeout=None):
    """The WAGTAILSEARCH_BACKENDS entry for an Elasticsearch 9 cluster at `url`.

    `url` may list several nodes separated by commas; credentials go in the URL
    (https://user:password@host:9200).
    """
    prefix = index_prefix or os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "kvalitet")
    if not prefix.endswith("_"):
        prefix += "_"
    return {
        "BACKEND": ELASTICSEARCH_BACKEND,
        "URLS": [part.strip() for part in url.split(",") if part.strip()],
        "INDEX_PREFIX": prefix,
        "TIMEOUT": int(timeout or os.environ.get("ELASTICSEARCH_TIMEOUT", "5")),
        "INDEX_SETTINGS": SWEDISH_INDEX_SETTINGS,
    }
