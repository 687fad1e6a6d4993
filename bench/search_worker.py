"""One site's side of bench/search_bench.py: a long-lived Django process that answers search
requests in-process (django.test.Client, no HTTP) and says what they cost in CPU.

Runs in either project (this one, or wagtail/bakerydemo with its own virtualenv): the
project's directory is the working directory and DJANGO_SETTINGS_MODULE names its settings.
Commands come as JSON lines on stdin; each answer is one JSON line on stdout:

- {"op": "search", "path": "/sok/", "queries": [...]}: GET path?q=query for each query;
  answers the process's own CPU (time.process_time), the CPU of its PostgreSQL backend
  (utime + stime from /proc/<pid>/stat: the server runs on this machine) and wall time;
- {"op": "queries", "count": N[, "generated": [...], "share": s]}: bakerydemo's own distinct
  queries, built from its data (a share of them from the words of its generated posts);
- {"op": "titles", "path": ..., "queries": [[query, expected], ...]}: the first three hits'
  titles of each query, for precision@3 (this project's search only).
"""

import json
import os
import random
import re
import sys
import time

from harness import answer, process_cpu  # bench/harness.py, beside this file

sys.path.insert(0, os.getcwd())

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


def backend_cpu():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    return process_cpu(pid)


def search(path, queries):
    client = Client()
    before_db = backend_cpu()
    before_app, before_wall = time.process_time(), time.perf_counter()
    statuses = {}
    for query in queries:
        status = client.get(path, {"q": query}).status_code
        statuses[status] = statuses.get(status, 0) + 1
    app = time.process_time() - before_app
    wall = time.perf_counter() - before_wall
    db = backend_cpu() - before_db
    return {"n": len(queries), "app": app, "db": db, "wall": wall, "statuses": statuses}


def bakerydemo_queries(count, generated=(), share=0.0):
    """Distinct everyday queries over bakerydemo's own pages: words of titles and intros,
    plurals, misspellings, half words, two-word phrases and words it does not hold. With
    `generated` (the words a grown bakerydemo's generated posts are made of), that `share` of
    the queries is made the same ways from those words, the rest from its demo's pages: so
    that as many of its queries meet the generated text as of this site's."""
    from wagtail.models import Page

    rng = random.Random(26)
    generated = sorted({word.lower() for word in generated})
    words = set()
    for page in Page.objects.live().specific().exclude(title__regex=r"^[A-Z][a-z]+ [A-Z][a-z]+: "):
        text = " ".join(
            str(getattr(page, name, "") or "") for name in ("title", "introduction", "intro")
        )
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", text))
    words = sorted(words - set(generated))
    rng.shuffle(words)
    queries = made_from(words, rng)
    queries += ["parking airport", "tax return", "xyzzy", "gluten free vegan", "opening hours"]
    queries = list(dict.fromkeys(queries))
    if not generated:
        return queries[:count]
    wanted = round(count * share)
    meeting = []
    while len(meeting) < wanted:  # each pass another shuffle, until enough distinct ones
        pool = generated[:]
        rng.shuffle(pool)
        meeting = list(dict.fromkeys(meeting + made_from(pool, rng, partners=generated)))
    mixed = meeting[:wanted] + queries[: count - wanted]
    rng.shuffle(mixed)
    return mixed


def made_from(words, rng, partners=None):
    """A query from each word, in turn: the word, its plural, a letter dropped, its first
    half, the word and another (from `partners`, else `words`)."""
    partners = partners or words
    queries = []
    for i, word in enumerate(words):
        kind = i % 5
        if kind == 0:
            queries.append(word)
        elif kind == 1:
            queries.append(word + "s")
        elif kind == 2 and len(word) > 5:
            j = rng.randrange(1, len(word) - 2)
            queries.append(word[:j] + word[j + 1 :])
        elif kind == 3:
            queries.append(word[: max(3, len(word) // 2)])
        else:
            queries.append(f"{word} {rng.choice(partners)}")
    return queries


def titles(path, queries):
    from bs4 import BeautifulSoup

    client = Client()
    found = []
    for query, expected in queries:
        html = client.get(path, {"q": query}).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        top = [a.get_text(strip=True) for a in soup.select(".search-hit__title a")][:3]
        found.append([query, expected, top])
    return found


OPERATIONS = {"search": search, "queries": bakerydemo_queries, "titles": titles}


def main():
    for line in sys.stdin:
        print(answer(lambda op, **args: OPERATIONS[op](**args), json.loads(line)), flush=True)


if __name__ == "__main__":
    main()
