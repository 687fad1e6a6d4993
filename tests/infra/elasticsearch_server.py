"""A loopback HTTP server speaking the part of Elasticsearch's documented REST API that
Wagtail's elasticsearch9 backend uses: create an index (its analysis settings checked as
Elasticsearch checks them), mappings, documents one by one or in bulk, refresh, aliases,
`_analyze`, `_search` and `_count` with the query clauses the backend sends.

Analysis is done for real, as Lucene does it for the analyzers it knows: the standard
tokenizer (words of letters and digits), lowercase, stop (the predefined `_swedish_` list
is Snowball's Swedish stop list, the one Lucene's SwedishAnalyzer loads), keyword_marker,
stemmer (Snowball's Swedish and English stemmers, which Lucene's `swedish` and `english`
stemmers are), asciifolding and the n-gram filters of Wagtail's autocomplete. Anything this
server does not speak is answered as Elasticsearch answers what it cannot parse: a 400 with
the documented error shape, so a change in what the backend sends fails a test loudly.

Sources, read for this file: Elasticsearch reference, "Language analyzers" (the `swedish`
analyzer reimplemented as a custom one), "Stop token filter" (predefined lists), "Stemmer
token filter" (languages), "Keyword marker token filter", "Create index API", "Bulk API",
"Search API", "Analyze API".
"""

import json
import re
import threading
import unicodedata
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import snowballstemmer

VERSION = "9.1.0"

# Reference > Text analysis > Language analyzers > swedish analyzer: the built-in `swedish`
# analyzer rebuilt as a custom one. The keyword_marker filter is there for stem exclusions;
# the same page says to remove it when no word is to be excluded from stemming.
DOCUMENTED_SWEDISH = {
    "filter": {
        "swedish_stop": {"type": "stop", "stopwords": "_swedish_"},
        "swedish_keywords": {"type": "keyword_marker", "keywords": ["exempel"]},
        "swedish_stemmer": {"type": "stemmer", "language": "swedish"},
    },
    "analyzer": {
        "rebuilt_swedish": {
            "tokenizer": "standard",
            "filter": ["lowercase", "swedish_stop", "swedish_keywords", "swedish_stemmer"],
        }
    },
}

# Snowball's Swedish stop list (snowballstem.org), which Lucene's SwedishAnalyzer loads for
# `_swedish_`; PostgreSQL's `swedish` text search configuration ships the same list.
SWEDISH_STOP_WORDS = frozenset(
    [
        "och",
        "det",
        "att",
        "i",
        "en",
        "jag",
        "hon",
        "som",
        "han",
        "på",
        "den",
        "med",
        "var",
        "sig",
        "för",
        "så",
        "till",
        "är",
        "men",
        "ett",
        "om",
        "hade",
        "de",
        "av",
        "icke",
        "mig",
        "du",
        "henne",
        "då",
        "sin",
        "nu",
        "har",
        "inte",
        "hans",
        "honom",
        "skulle",
        "hennes",
        "där",
        "min",
        "man",
        "ej",
        "vid",
        "kunde",
        "något",
        "från",
        "ut",
        "när",
        "efter",
        "upp",
        "vi",
        "dem",
        "vara",
        "vad",
        "över",
        "än",
        "dig",
        "kan",
        "sina",
        "här",
        "ha",
        "mot",
        "alla",
        "under",
        "någon",
        "eller",
        "allt",
        "mycket",
        "sedan",
        "ju",
        "denna",
        "själv",
        "detta",
        "åt",
        "utan",
        "varit",
        "hur",
        "ingen",
        "mitt",
        "ni",
        "bli",
        "blev",
        "oss",
        "din",
        "dessa",
        "några",
        "deras",
        "blir",
        "mina",
        "samma",
        "vilken",
        "er",
        "sådan",
        "vår",
        "blivit",
        "dess",
        "inom",
        "mellan",
        "sådant",
        "varför",
        "varje",
        "vilka",
        "ditt",
        "vem",
        "vilket",
        "sitta",
        "sådana",
        "vart",
        "dina",
        "vars",
        "vårt",
        "våra",
        "ert",
        "era",
        "vilkas",
    ]
)
ENGLISH_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "if",
        "in",
        "into",
        "is",
        "it",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
    ]
)
PREDEFINED_STOP_LISTS = {"_swedish_": SWEDISH_STOP_WORDS, "_english_": ENGLISH_STOP_WORDS}
# Stemmer token filter languages this server stems with (Snowball's, as Lucene's are).
STEMMERS = {"swedish": "swedish", "english": "english"}
# Built-in names usable without a definition of one's own.
BUILTIN_TOKENIZERS = {"standard", "whitespace", "keyword", "letter", "lowercase"}
BUILTIN_FILTERS = {"lowercase", "asciifolding"}
FILTER_TYPES = {"stop", "stemmer", "keyword_marker", "ngram", "edge_ngram"}
TOKENIZER_TYPES = {"ngram", "edge_ngram"} | BUILTIN_TOKENIZERS
BUILTIN_ANALYZERS = {"standard", "simple", "whitespace", "keyword", "swedish", "english"}


class ApiError(Exception):
    def __init__(self, status, kind, reason):
        super().__init__(reason)
        self.status, self.kind, self.reason = status, kind, reason

    def body(self):
        cause = {"type": self.kind, "reason": self.reason}
        return {"error": {"root_cause": [cause], **cause}, "status": self.status}


def bad_request(reason, kind="illegal_argument_exception"):
    return ApiError(400, kind, reason)


# Analysis -----------------------------------------------------------------------------------


def fold(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class Token:
    __slots__ = ("keyword", "text")

    def __init__(self, text, keyword=False):
        self.text, self.keyword = text, keyword


class Analyzer:
    def __init__(self, tokenize, filters):
        self.tokenize, self.filters = tokenize, filters

    def terms(self, text):
        tokens = [Token(t) for t in self.tokenize(str(text))]
        for step in self.filters:
            tokens = step(tokens)
        return [t.text for t in tokens]


def _standard(text):
    return re.findall(r"\w+", text)


def _stop(words):
    return lambda tokens: [t for t in tokens if t.text not in words]


def _stemmer(language):
    stemmer = snowballstemmer.stemmer(STEMMERS[language])
    return lambda tokens: [
        t if t.keyword else Token(stemmer.stemWord(t.text), t.keyword) for t in tokens
    ]


def _keyword_marker(words):
    return lambda tokens: [Token(t.text, t.keyword or t.text in words) for t in tokens]


def _grams(low, high, edge):
    def step(tokens):
        out = []
        for t in tokens:
            starts = [0] if edge else range(len(t.text))
            for start in starts:
                for size in range(low, high + 1):
                    if start + size <= len(t.text):
                        out.append(Token(t.text[start : start + size]))
        return out

    return step


def _lowercase(tokens):
    return [Token(t.text.lower(), t.keyword) for t in tokens]


def _asciifolding(tokens):
    return [Token(fold(t.text), t.keyword) for t in tokens]


class Analysis:
    """An index's analysis settings, checked as Elasticsearch checks them at index creation."""

    def __init__(self, settings):
        index_settings = settings.get("index", {})
        analysis = settings.get("analysis", {})
        unknown = set(settings) - {"analysis", "index", "number_of_shards", "number_of_replicas"}
        if unknown:
            raise bad_request(f"unknown setting [index.{sorted(unknown)[0]}]")
        self.max_ngram_diff = int(index_settings.get("max_ngram_diff", 1))
        self.filters = {n: self._filter(n, d) for n, d in analysis.get("filter", {}).items()}
        self.tokenizers = {
            n: self._tokenizer(n, d) for n, d in analysis.get("tokenizer", {}).items()
        }
        self.analyzers = {
            name: self._analyzer(name, d) for name, d in analysis.get("analyzer", {}).items()
        }

    def _grams_of(self, name, definition, edge):
        low, high = int(definition.get("min_gram", 1)), int(definition.get("max_gram", 2))
        if not edge and high - low > self.max_ngram_diff:
            raise bad_request(
                f"The difference between max_gram and min_gram in NGram Tokenizer must be "
                f"less than or equal to: [{self.max_ngram_diff}] but was [{high - low}]. This "
                f"limit can be set by changing the [index.max_ngram_diff] index level setting."
            )
        return low, high

    def _filter(self, name, definition):
        kind = definition.get("type")
        if kind not in FILTER_TYPES:
            raise bad_request(f"Unknown filter type [{kind}] for [{name}]")
        if kind == "stop":
            words = definition.get("stopwords", "_english_")
            if isinstance(words, str):
                if words not in PREDEFINED_STOP_LISTS:
                    raise bad_request(f"Unknown stopwords list [{words}] for [{name}]")
                return _stop(PREDEFINED_STOP_LISTS[words])
            return _stop(frozenset(words))
        if kind == "stemmer":
            language = definition.get("language") or definition.get("name")
            if language not in STEMMERS:
                raise bad_request(f"Unknown stemmer language [{language}] for [{name}]")
            return _stemmer(language)
        if kind == "keyword_marker":
            return _keyword_marker(frozenset(definition.get("keywords", [])))
        edge = kind == "edge_ngram"
        return _grams(*self._grams_of(name, definition, edge), edge)

    def _tokenizer(self, name, definition):
        kind = definition.get("type")
        if kind not in TOKENIZER_TYPES:
            raise bad_request(f"Unknown tokenizer type [{kind}] for [{name}]")
        if kind in {"ngram", "edge_ngram"}:
            low, high = self._grams_of(name, definition, kind == "edge_ngram")
            grams = _grams(low, high, kind == "edge_ngram")
            return lambda text: [t.text for t in grams([Token(w) for w in _standard(text)])]
        return _standard

    def _analyzer(self, name, definition):
        kind = definition.get("type", "custom")
        if kind != "custom":
            if kind not in BUILTIN_ANALYZERS:
                raise bad_request(f"Unknown analyzer type [{kind}] for [{name}]")
            return self.builtin(kind)
        tokenizer = definition.get("tokenizer")
        if tokenizer is None:
            raise bad_request(
                f"analyzer [{name}] must specify either an analyzer type, or a tokenizer"
            )
        if tokenizer in self.tokenizers:
            tokenize = self.tokenizers[tokenizer]
        elif tokenizer in BUILTIN_TOKENIZERS:
            tokenize = _standard
        else:
            raise bad_request(f"failed to find tokenizer under name [{tokenizer}]")
        steps = []
        for filter_name in definition.get("filter", []):
            if filter_name in self.filters:
                steps.append(self.filters[filter_name])
            elif filter_name == "lowercase":
                steps.append(_lowercase)
            elif filter_name == "asciifolding":
                steps.append(_asciifolding)
            else:
                raise bad_request(
                    f"Custom Analyzer [{name}] failed to find filter under name [{filter_name}]"
                )
        return Analyzer(tokenize, steps)

    @staticmethod
    def builtin(name):
        if name == "swedish":
            return Analyzer(_standard, [_lowercase, _stop(SWEDISH_STOP_WORDS), _stemmer("swedish")])
        if name == "english":
            return Analyzer(_standard, [_lowercase, _stop(ENGLISH_STOP_WORDS), _stemmer("english")])
        if name == "keyword":
            return Analyzer(lambda text: [text], [])
        return Analyzer(_standard, [_lowercase])

    def get(self, name):
        if name in self.analyzers:
            return self.analyzers[name]
        if name in BUILTIN_ANALYZERS:
            return self.builtin(name)
        raise bad_request(f"failed to find analyzer [{name}]")

    def default(self):
        return self.analyzers.get("default") or self.builtin("standard")


# Indices ------------------------------------------------------------------------------------


class Index:
    def __init__(self, name, body):
        self.name = name
        self.analysis = Analysis(body.get("settings", {}))
        self.properties = {}
        self.put_mapping(body.get("mappings", {}))
        self.documents = {}
        self.visible = {}

    def put_mapping(self, mapping):
        self._check_properties(mapping.get("properties", {}))
        self.properties.update(mapping.get("properties", {}))

    def _check_properties(self, properties):
        for field, spec in properties.items():
            for key in ("analyzer", "search_analyzer"):
                if key in spec:
                    self.analysis.get(spec[key])
            if spec.get("type", "object") not in {
                "text",
                "keyword",
                "integer",
                "long",
                "float",
                "double",
                "boolean",
                "date",
                "nested",
                "object",
            }:
                raise bad_request(f"No handler for type [{spec.get('type')}] on [{field}]")
            self._check_properties(spec.get("properties", {}))

    def field_spec(self, path):
        properties, spec = self.properties, {}
        for part in path.split("."):
            spec = properties.get(part, {})
            properties = spec.get("properties", {})
        return spec

    def analyzer_for(self, path, searching):
        spec = self.field_spec(path)
        if spec.get("type", "text") != "text":
            return Analysis.builtin("keyword")
        if searching and "search_analyzer" in spec:
            return self.analysis.get(spec["search_analyzer"])
        if "analyzer" in spec:
            return self.analysis.get(spec["analyzer"])
        return self.analysis.default()

    def refresh(self):
        self.visible = dict(self.documents)

    def store(self, doc_id, document):
        """Keep a document with its `copy_to` fields filled, as the mapping says."""
        document = dict(document)
        self._copy(self.properties, document, document)
        self.documents[str(doc_id)] = document

    def _copy(self, properties, source, root):
        for field, spec in properties.items():
            if field not in source:
                continue
            targets = spec.get("copy_to", [])
            for target in [targets] if isinstance(targets, str) else targets:
                values = source[field] if isinstance(source[field], list) else [source[field]]
                root.setdefault(target, [])
                if not isinstance(root[target], list):
                    root[target] = [root[target]]
                root[target].extend(v for v in values if v not in (None, ""))
            children = spec.get("properties")
            if children:
                items = source[field] if isinstance(source[field], list) else [source[field]]
                for item in items:
                    if isinstance(item, dict):
                        self._copy(children, item, root)


def values_at(document, path):
    """Every value under a dotted path (lists of nested objects included)."""
    values = [document]
    for part in path.split("."):
        found = []
        for value in values:
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, dict) and part in item:
                    found.append(item[part])
        values = found
    flat = []
    for value in values:
        flat.extend(value if isinstance(value, list) else [value])
    return flat


class Search:
    """Evaluates the Query DSL clauses the backend sends against one index's documents."""

    def __init__(self, index):
        self.index = index

    def fields_of(self, names):
        out = []
        for name in names:
            field, _, boost = name.partition("^")
            out.append((field, float(boost or 1)))
        return out

    def match_score(self, document, field, text, operator="or", boost=1.0, phrase=False):
        query_terms = self.index.analyzer_for(field, searching=True).terms(text)
        if not query_terms:
            return None
        index_analyzer = self.index.analyzer_for(field, searching=False)
        doc_terms = []
        for value in values_at(document, field):
            doc_terms.extend(index_analyzer.terms(value))
        if phrase:
            n = len(query_terms)
            hit = any(doc_terms[i : i + n] == query_terms for i in range(len(doc_terms)))
            return boost * n if hit else None
        matched = [t for t in query_terms if t in doc_terms]
        if not matched or (operator.lower() == "and" and len(matched) < len(query_terms)):
            return None
        return boost * sum(doc_terms.count(t) for t in matched) / (1 + len(doc_terms)) * 10

    def score(self, query, document):
        """The document's score for `query`, or None when it does not match."""
        if len(query) != 1:
            raise bad_request("[_na] query malformed, no start_object", "parsing_exception")
        kind, body = next(iter(query.items()))
        if kind == "match_all":
            return float(body.get("boost", 1))
        if kind == "bool":
            return self._bool(body, document)
        if kind in {"match", "match_phrase"}:
            field, spec = next(iter(body.items()))
            spec = spec if isinstance(spec, dict) else {"query": spec}
            return self.match_score(
                document,
                field,
                spec["query"],
                spec.get("operator", "or"),
                float(spec.get("boost", 1)),
                phrase=kind == "match_phrase",
            )
        if kind == "multi_match":
            scores = [
                self.match_score(
                    document,
                    field,
                    body["query"],
                    body.get("operator", "or"),
                    boost * float(body.get("boost", 1)),
                    phrase=body.get("type") == "phrase",
                )
                for field, boost in self.fields_of(body["fields"])
            ]
            scores = [s for s in scores if s is not None]
            return max(scores) if scores else None
        if kind == "dis_max":
            scores = [self.score(q, document) for q in body["queries"]]
            scores = [s for s in scores if s is not None]
            return max(scores) if scores else None
        if kind in {"term", "terms", "prefix", "exists"}:
            return 1.0 if self._filter(kind, body, document) else None
        if kind == "nested":
            items = values_at(document, body["path"])
            scores = [self.score(body["query"], {body["path"]: item}) for item in items]
            scores = [s for s in scores if s is not None]
            return max(scores) if scores else None
        raise bad_request(f"unknown query [{kind}]", "parsing_exception")

    def _filter(self, kind, body, document):
        if kind == "exists":
            return bool(values_at(document, body["field"]))
        field, expected = next(iter(body.items()))
        values = values_at(document, field)
        if kind == "term":
            expected = expected["value"] if isinstance(expected, dict) else expected
            return expected in values
        if kind == "terms":
            return any(value in expected for value in values)
        prefix = expected["value"] if isinstance(expected, dict) else expected
        return any(str(value).startswith(prefix) for value in values)

    def _bool(self, body, document):
        def clauses(key):
            value = body.get(key, [])
            return value if isinstance(value, list) else [value]

        total = 0.0
        for clause in clauses("must"):
            found = self.score(clause, document)
            if found is None:
                return None
            total += found
        for clause in clauses("filter"):
            if self.score(clause, document) is None:
                return None
        for clause in clauses("must_not"):
            if self.score(clause, document) is not None:
                return None
        should = [self.score(clause, document) for clause in clauses("should")]
        matched = [s for s in should if s is not None]
        needed = body.get("minimum_should_match", 0 if clauses("must") or clauses("filter") else 1)
        if should and len(matched) < int(needed):
            return None
        return (total + sum(matched)) * float(body.get("boost", 1)) or 1.0

    def run(self, body):
        query = body.get("query", {"match_all": {}})
        hits = []
        for doc_id, document in self.index.visible.items():
            found = self.score(query, document)
            if found is not None:
                hits.append((found, doc_id, document))
        hits.sort(key=lambda hit: -hit[0])
        return hits


# HTTP ---------------------------------------------------------------------------------------


class Cluster:
    def __init__(self):
        self.indices = {}
        self.aliases = {}  # alias -> index name
        self.requests = []  # (method, path, body): what the backend sent, for tests to read
        self.lock = threading.Lock()
        self.scrolls = {}

    def resolve(self, name):
        name = self.aliases.get(name, name)
        if name not in self.indices:
            raise ApiError(404, "index_not_found_exception", f"no such index [{name}]")
        return self.indices[name]

    def handle(self, method, path, query, body):
        parts = [p for p in path.split("/") if p]
        with self.lock:
            self.requests.append((method, path, body))
            return self._route(method, parts, query, body)

    def _route(self, method, parts, query, body):  # noqa: C901 - one branch per endpoint
        if not parts:
            return 200, {
                "name": "loopback",
                "cluster_name": "test",
                "version": {"number": VERSION, "lucene_version": "10.2.1"},
                "tagline": "You Know, for Search",
            }
        if parts[-1:] == ["_bulk"]:
            # POST /_bulk, or /<index>/_bulk naming the index of lines that name none.
            return 200, self._bulk(body, parts[0] if len(parts) == 2 else None)
        if parts == ["_aliases"]:
            for action in body["actions"]:
                ((kind, spec),) = action.items()
                if kind == "add":
                    self.aliases[spec["alias"]] = spec["index"]
                elif kind == "remove":
                    self.aliases.pop(spec["alias"], None)
                elif kind == "remove_index":
                    self.indices.pop(spec["index"], None)
            return 200, {"acknowledged": True}
        if parts[0] == "_alias":
            index = self.aliases.get(parts[1])
            if index is None:
                return 404, {"error": f"alias [{parts[1]}] missing", "status": 404}
            return 200, {index: {"aliases": {parts[1]: {}}}}
        if parts[:2] == ["_search", "scroll"]:
            if method == "DELETE":
                return 200, {"succeeded": True, "num_freed": 1}
            return 200, {"_scroll_id": body["scroll_id"], "hits": {"hits": []}}
        name = parts[0]
        if len(parts) == 1:
            if method == "PUT":
                if name in self.indices:
                    raise bad_request(
                        f"index [{name}] already exists", "resource_already_exists_exception"
                    )
                self.indices[name] = Index(name, body or {})
                return 200, {"acknowledged": True, "shards_acknowledged": True, "index": name}
            if method == "HEAD":
                return (200 if name in self.indices or name in self.aliases else 404), None
            if method == "DELETE":
                self.resolve(name)
                del self.indices[self.aliases.get(name, name)]
                return 200, {"acknowledged": True}
        index = self.resolve(name)
        action = parts[1]
        if action == "_mapping":
            index.put_mapping(body)
            return 200, {"acknowledged": True}
        if action == "_refresh":
            index.refresh()
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if action == "_alias":
            self.aliases[parts[2]] = index.name
            return 200, {"acknowledged": True}
        if action == "_doc":
            if method == "DELETE":
                found = index.documents.pop(parts[2], None)
                return (200 if found else 404), {"result": "deleted" if found else "not_found"}
            index.store(parts[2], body)
            if query.get("refresh") in {"true", "wait_for", ""}:
                index.refresh()
            return 200, {"_index": index.name, "_id": parts[2], "result": "updated"}
        if action == "_analyze":
            if "analyzer" in body:
                analyzer = index.analysis.get(body["analyzer"])
            elif "field" in body:
                analyzer = index.analyzer_for(body["field"], searching=False)
            else:
                analyzer = index.analysis.default()
            texts = body["text"] if isinstance(body["text"], list) else [body["text"]]
            tokens = [t for text in texts for t in analyzer.terms(text)]
            return 200, {"tokens": [{"token": t, "position": i} for i, t in enumerate(tokens)]}
        if action == "_count":
            return 200, {"count": len(Search(index).run(body or {}))}
        if action == "_search":
            return 200, self._search(index, query, body or {})
        raise bad_request(f"no handler found for uri [/{'/'.join(parts)}]")

    def _search(self, index, query, body):
        hits = Search(index).run(body)
        start = int(query.get("from", body.get("from", 0)))
        size = int(query.get("size", body.get("size", 10)))
        stored = query.get("stored_fields", body.get("stored_fields", ""))
        wanted = stored.split(",") if isinstance(stored, str) else stored
        page = hits[start : start + size] if "scroll" not in query else hits
        answer = {
            "took": 1,
            "timed_out": False,
            "hits": {
                "total": {"value": len(hits), "relation": "eq"},
                "max_score": hits[0][0] if hits else None,
                "hits": [
                    {
                        "_index": index.name,
                        "_id": doc_id,
                        "_score": score,
                        "fields": {f: values_at(doc, f) for f in wanted if f},
                    }
                    for score, doc_id, doc in page
                ],
            },
        }
        if "scroll" in query:
            answer["_scroll_id"] = uuid.uuid4().hex
        return answer

    def _bulk(self, lines, default_index):
        items = []
        pending = list(lines)
        while pending:
            action = pending.pop(0)
            ((kind, meta),) = action.items()
            index = self.resolve(meta.get("_index", default_index))
            if kind in {"index", "create"}:
                index.store(meta["_id"], pending.pop(0))
            elif kind == "delete":
                index.documents.pop(str(meta["_id"]), None)
            else:
                raise bad_request(f"Malformed action/metadata line, unknown action [{kind}]")
            items.append({kind: {"_index": index.name, "_id": meta["_id"], "status": 200}})
        return {"took": 1, "errors": False, "items": items}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    cluster = None  # set per server

    def log_message(self, *args):
        pass

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not raw:
            return None
        if "ndjson" in (self.headers.get("Content-Type") or "") or self.path.split("?")[0].endswith(
            "_bulk"
        ):
            return [json.loads(line) for line in raw.decode().splitlines() if line.strip()]
        return json.loads(raw)

    def _answer(self):
        split = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        try:
            status, body = self.cluster.handle(self.command, split.path, query, self._body())
        except ApiError as error:
            status, body = error.status, error.body()
        except (KeyError, TypeError, ValueError) as error:
            status, body = (
                400,
                bad_request(f"failed to parse: {error!r}", "parsing_exception").body(),
            )
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        # What the official client checks before it believes the server is Elasticsearch.
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Type", "application/vnd.elasticsearch+json;compatible-with=9")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer


class ElasticsearchServer:
    """The server above on a free loopback port, in a thread of the test process."""

    def __init__(self):
        self.cluster = Cluster()
        handler = type("BoundHandler", (Handler,), {"cluster": self.cluster})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
