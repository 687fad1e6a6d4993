"""wagtail/bakerydemo, the reference site the benches measure this one against.

Its checkout (BENCH_BAKERYDEMO, or cloned at COMMIT under var/bench/bakerydemo) runs in a
virtualenv of its own on top of this project's packages (one .pth line), so both sites run the
same Django, Wagtail and psycopg; bakerydemo's four small extras go into it alone
(BENCH_BAKERYDEMO_PYTHON names another Python). It runs with its production settings, on its
own database, with its own demo data (`load_initial_data`); `grow` adds blog posts up to a
number of pages, made as bench/generate.py makes this site's news articles, for a reference
of the same size as this site grown to 2,000 units (this file, run by bakerydemo's Python in
its checkout, does that inside its Django).
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

URL = "https://github.com/wagtail/bakerydemo.git"
COMMIT = "8e2b625755d8942412d5b7627b146a795933b8b2"
# bakerydemo's own pins for what this project's virtualenv lacks (requirements/base.txt).
EXTRAS = [
    "wagtail-font-awesome-svg>=1,<2",
    "django-extensions>=4.1,<5",
    "django-debug-toolbar>=4.2,<5",
    "python-dotenv>=1.2.1,<2",
]


def checkout(var):
    """The checkout's directory, cloned at COMMIT when missing."""
    directory = Path(os.environ.get("BENCH_BAKERYDEMO") or var / "bakerydemo")
    if not (directory / "manage.py").exists():
        print(f"Cloning wagtail/bakerydemo {COMMIT[:7]} ...", flush=True)
        if subprocess.run(["git", "clone", "-q", URL, str(directory)]).returncode:
            sys.exit(
                f"bench: cannot clone {URL}; set BENCH_BAKERYDEMO to a checkout of commit {COMMIT}"
            )
        subprocess.run(["git", "-C", str(directory), "checkout", "-q", COMMIT], check=True)
    return directory


def commit_of(directory):
    """The commit measured, as the report names it."""
    found = subprocess.run(
        ["git", "-C", str(directory), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return found or "(not a git checkout)"


def _purelib(python):
    code = "import sysconfig; print(sysconfig.get_path('purelib'))"
    return subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def python(var):
    """BENCH_BAKERYDEMO_PYTHON, or bakerydemo's virtualenv under `var`, made when missing."""
    named = os.environ.get("BENCH_BAKERYDEMO_PYTHON")
    if named:
        return Path(named)
    venv = var / "bakerydemo-venv"
    interpreter = venv / "bin" / "python"
    if not interpreter.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        Path(_purelib(interpreter), "kvalitet-venv.pth").write_text(_purelib(sys.executable) + "\n")
        subprocess.run(
            [str(interpreter), "-m", "pip", "install", "-q", "--no-deps", *EXTRAS], check=True
        )
    return interpreter


def environment(database_url):
    """Its production settings on `database_url`, for the test client's host."""
    return {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL")
        },
        "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
        # bakerydemo adds django.contrib.postgres for a postgres:// URL only.
        "DATABASE_URL": "postgres://" + database_url.split("://", 1)[1],
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def prepare(interpreter, directory, env, reused):
    """Its database migrated, its demo data loaded and indexed (unless `reused`), and its
    static files collected."""
    print("Preparing wagtail/bakerydemo ...", flush=True)
    steps = [] if reused else [["migrate", "--noinput", "-v", "0"], ["load_initial_data"]]
    steps += [] if reused else [["update_index"]]
    steps += [["collectstatic", "--noinput", "-v", "0"]]
    for args in steps:
        subprocess.run(
            [str(interpreter), "manage.py", *args],
            cwd=directory,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


# What `grow` writes: the make-up of bench/generate.py's news articles (six areas, seven
# places, eighteen words; titles "{area} {place}: {six words}", intro 15 words, body 60) in
# English words of bakerydemo's own trade, which its English search configuration stems and
# weighs as this site's Swedish configuration does the Swedish ones.
KINDS = ["Sourdough", "Rye", "Brioche", "Baguette", "Focaccia", "Pastry"]
BRANCHES = ["Millbrook", "Oakfield", "Riverside", "Hillcrest", "Westgate", "Elmwood", "Harbourside"]
WORDS = [
    "bread",
    "flour",
    "dough",
    "yeast",
    "oven",
    "crust",
    "butter",
    "loaves",
    "baking",
    "kneading",
    "ingredients",
    "sourdough",
    "pastries",
    "wholemeal",
    "starter",
    "proofing",
    "bakers",
    "recipes",
]
YEARS = 10  # the articles' dates spread over the last ten years, as generate.py's news
BATCH = 1000  # pages indexed per `add_bulk`, as generate.py


def grow(interpreter, directory, env, pages):
    """bakerydemo grown to `pages` pages in all (the root not counted, as generate.py counts
    this site's), run in its own Django (this file, run by its Python in its checkout).
    Prints what it holds then: pages, search index entries, and what its /search/ answers
    for one of the generated words."""
    print(f"Growing wagtail/bakerydemo to {pages} pages ...", flush=True)
    subprocess.run(
        [str(interpreter), __file__, "grow", str(pages)], cwd=directory, env=env, check=True
    )


def _sentence(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _grow_here(pages):
    """Blog posts (BlogPage: the page type its editors add freely, under its blog index) up
    to `pages` pages in all, as bench/generate.py `generate_news` makes this site's articles:
    in bulk (bench/bulk_pages.py), then indexed by Wagtail's search backend (`add_bulk`) in
    batches."""
    import datetime
    import random
    import re
    import uuid

    sys.path[0] = os.getcwd()  # its checkout, not bench/ (whose bakerydemo.py is this file)
    sys.path.append(str(Path(__file__).resolve().parent))  # bench/, for bulk_pages.py
    import django

    django.setup()
    import bulk_pages  # bench/bulk_pages.py
    from bakerydemo.blog.models import BlogIndexPage, BlogPage
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    rng = random.Random(2026)
    wanted = pages - Page.objects.filter(depth__gt=1).count()
    index = BlogIndexPage.objects.live().first()
    new_ids = []
    if wanted > 0:
        numbers = range(index.numchild + 1, index.numchild + 1 + wanted)
        this_year = timezone.localdate().year
        published = [
            datetime.datetime(this_year - YEARS + 1 + n % YEARS, 1, 1, tzinfo=datetime.UTC)
            + datetime.timedelta(minutes=rng.randrange(365 * 24 * 60))
            for n in numbers
        ]
        titles = [
            f"{rng.choice(KINDS)} {rng.choice(BRANCHES)}: {_sentence(rng, 6)[:-1]}" for _ in numbers
        ]
        keys = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in numbers]
        # The body: one paragraph block of its BaseStreamBlock, as StreamField stores it.
        bodies = [
            json.dumps(
                [
                    {
                        "type": "paragraph_block",
                        "value": f"<p>{_sentence(rng, 60)}</p>",
                        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    }
                ]
            )
            for _ in numbers
        ]
        intros = [_sentence(rng, 15) for _ in numbers]
        with transaction.atomic(), connection.cursor() as cursor:
            new_ids = bulk_pages.add_children(
                cursor,
                index,
                BlogPage,
                titles=titles,
                slugs=[f"post-{n}" for n in numbers],
                published=published,
                keys=keys,
                own=[
                    ("introduction", "text", "{}", intros),
                    ("body", "text", "{}::jsonb", bodies),
                    ("date_published", "timestamptz", "{}::date", published),
                ],
            )
        backend = get_search_backend()
        for start in range(0, len(new_ids), BATCH):
            batch = list(BlogPage.objects.filter(pk__in=new_ids[start : start + BATCH]))
            backend.add_bulk(BlogPage, batch)
    # One of the generated words: its first page of hits, and how many of them are posts
    # made here (their titles are "{kind} {branch}: ...").
    word = WORDS[13]
    response = Client().get("/search/", {"q": word})
    titles = re.findall(r'listing-card__title">([^<]*)<', response.content.decode())
    made = [t for t in titles if re.match(rf"({'|'.join(KINDS)}) ({'|'.join(BRANCHES)}):", t)]
    print(
        f"  bakerydemo: {Page.objects.filter(depth__gt=1).count()} pages"
        f" ({len(new_ids)} added now), {BlogPage.objects.count()} blog posts,"
        f" {IndexEntry.objects.count()} search index entries;"
        f" /search/?q={word}: {response.status_code}, {len(titles)} hits on its first page,"
        f" {len(made)} of them generated",
        flush=True,
    )


if __name__ == "__main__" and sys.argv[1:2] == ["grow"]:
    _grow_here(int(sys.argv[2]))
