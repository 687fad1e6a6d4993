"""The search bench's query sets, built from the data and by hand.

    bin/with-postgres .venv/bin/python bench/search_queries.py demo     # writes search_queries.txt
    bin/with-postgres .venv/bin/python bench/search_queries.py scaled   # writes search_scaled.tsv

`demo`: at least 200 distinct everyday Swedish queries over the demo municipality (migrates
and loads the demo first): a hand-written set (phrases a resident types, misspellings, half
words, zero-hit questions) and a set made from the published guarantees: unit names whole and
in part, words of their commitments inflected (definite, plural, genitive), cut to a half
word and misspelt by one deterministic edit. One query a line, `#` comments.

`scaled`: at least 100 queries over the site that bench/generate.py scales up, each with the
unit it must find in the first three hits (tab-separated), made from that data (a unit's name,
a unit's name with its service area's word, a distinctive word of one unit's idea). Run it on
the database bench_search.py builds; precision@3 is reported by bench/search_bench.py.
"""

import os
import random
import re
import sys
from io import StringIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

DEMO_FILE = HERE / "search_queries.txt"
SCALED_FILE = HERE / "search_scaled.tsv"

HAND = [
    # what residents type: short, inflected, lower case, phrases
    "förskola",
    "förskolor",
    "förskolan",
    "förskolorna",
    "förskola norrby",
    "förskola i kvarnby",
    "plats på förskola",
    "kö till förskolan",
    "hur lång tid tar det att få plats",
    "ledig plats förskola",
    "skola",
    "skolor",
    "grundskolan",
    "skolan i sjövik",
    "byta skola",
    "mobbning",
    "kränkningar",
    "kränkande behandling",
    "frånvaro",
    "sjukanmälan",
    "läxhjälp",
    "läxläsning",
    "mentor",
    "utvecklingssamtal",
    "elevhälsa",
    "skolsköterska",
    "skolmat",
    "hemtjänst",
    "hemtjänsten",
    "hemtjänst kvällar",
    "hemtjänst natt",
    "trygghetslarm",
    "larm",
    "byta utförare",
    "välja utförare",
    "kontaktperson hemtjänst",
    "samma personal",
    "hur många personer",
    "försenad hemtjänst",
    "bibliotek",
    "biblioteket",
    "biblioteken",
    "öppettider bibliotek",
    "låna böcker",
    "reservera bok",
    "reservationer",
    "förseningsavgift",
    "e-böcker",
    "ljudböcker",
    "bokbuss",
    "digital hjälp",
    "bankid hjälp",
    "klagomål",
    "lämna klagomål",
    "synpunkter",
    "lämna synpunkt",
    "svar inom två dagar",
    "om ni inte håller vad ni lovar",
    "ersättning",
    "kvalitetsgaranti",
    "kvalitetsgarantier",
    "garanti förskola",
    "e-förslag",
    "lämna förslag",
    "rösta på förslag",
    "belysning",
    "cykelväg",
    "simskola",
    "vattenlek",
    "tolk",
    "modersmål",
    "arabiska",
    "utomhus",
    "utevistelse",
    "regn",
    "extrakläder",
    "inskolning",
    "barnråd",
    "elevråd",
    "respekt",
    "bemötande",
    "tillgänglighet",
    "rullstol",
    "telefontider",
    "kontakt",
    "rektor",
    "enhetschef",
    # misspelt
    "förskla",
    "forskola",
    "hemtjänts",
    "hemtjanst",
    "biblotek",
    "bibbliotek",
    "läxhälp",
    "utvecklingsamtal",
    "kontakpedagog",
    "trygghetslram",
    "Solrossen",
    "Ekoren",
    "Kvarnbyskola",
    "klagomal",
    "syn punkter",
    # half words
    "försk",
    "hemtj",
    "bibl",
    "kvarn",
    "norrb",
    "kontaktped",
    "utvecklings",
    "reserv",
    # zero hits
    "flygplats parkering",
    "bygglov",
    "hundskatt",
    "sophämtning",
    "parkeringstillstånd",
    "snöröjning",
    "vattenläcka",
    "xyzzy",
    "fiskekort",
    "valsedel",
]


def misspell(word, rng):
    """One deterministic edit: drop, double or swap a letter inside the word."""
    if len(word) < 5:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 2)
    edit = rng.choice(["drop", "double", "swap"])
    if edit == "drop":
        return word[:i] + word[i + 1 :]
    if edit == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def inflect(word):
    """A definite or plural form a resident would type."""
    if word.endswith("a"):
        return word[:-1] + "an"
    if word.endswith("e"):
        return word + "n"
    if word.endswith(("ng", "el", "et")):
        return word + "en"
    return word + "en"


def demo_queries():
    from guarantees.models import GuaranteePage

    rng = random.Random(27)
    queries = list(HAND)
    words = []
    for unit in GuaranteePage.objects.live().order_by("title"):
        queries.append(unit.display_name)
        queries.append(unit.display_name.split()[-1].lower())
        for commitment in unit.commitments.all():
            words.extend(re.findall(r"[a-zåäöé]{7,}", commitment.title.lower()))
            words.extend(re.findall(r"[a-zåäöé]{8,}", commitment.way_of_working.lower()))
    distinct = sorted(set(words))
    rng.shuffle(distinct)
    for word in distinct[:40]:
        queries.append(inflect(word))
    for word in distinct[40:70]:
        queries.append(misspell(word, rng))
    for word in distinct[70:90]:
        queries.append(word[: max(4, len(word) // 2)])
    for a, b in zip(distinct[90:110:2], distinct[91:111:2], strict=False):
        queries.append(f"{a} {b}")
    seen, unique = set(), []
    for query in queries:
        key = query.lower().strip()
        if key and key not in seen:
            seen.add(key)
            unique.append(query)
    return unique


def scaled_queries(limit=150):
    """Queries over the scaled site with the unit each must find (in the first three): per
    unit in turn, its name whole; its service area's word with its number ("förskola 123");
    a word of its idea that no other unit's holds, or (the generated ideas share one small
    vocabulary, so most have none) its place with its number ("solrosen 123"); the street
    address it shows ("storgatan 123"). Swedish units only: the reader of the bench is
    Swedish."""
    from collections import Counter

    from django.conf import settings

    from guarantees.models import GuaranteePage

    rng = random.Random(32)
    units = list(
        GuaranteePage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE, alias_of__isnull=True)
        .order_by("path")
    )
    rng.shuffle(units)
    ideas = {unit.pk: re.findall(r"[a-zåäöé]{6,}", unit.idea.lower()) for unit in units}
    counts = Counter(word for words in ideas.values() for word in set(words))
    names = Counter(unit.display_name.lower() for unit in units)
    numbers = {w for unit in units for w in unit.display_name.split() if w.isdecimal()}

    def unique_number(word):
        # Each query word matches as a prefix: "12" would find unit 120 as well as unit 12.
        return word.isdecimal() and not any(n != word and n.startswith(word) for n in numbers)

    rows = []
    for i, unit in enumerate(units):
        if len(rows) >= limit:
            break
        name = unit.display_name
        if names[name.lower()] > 1:
            continue  # two units of one name: no query can tell them apart
        words = name.split()
        numbered = len(words) >= 2 and unique_number(words[-1])
        kind = i % 4
        if kind == 0:
            rows.append((name, name))
        elif kind == 1 and numbered:
            area = unit.get_parent().title.split()[0].lower()
            rows.append((f"{area} {words[-1]}", name))
        elif kind == 2:
            rare = [w for w in ideas[unit.pk] if counts[w] == 1]
            if rare:
                rows.append((rare[0], name))
            elif len(words) >= 3 and numbered:
                rows.append((f"{words[-2].lower()} {words[-1]}", name))
        elif kind == 3 and unit.address and unique_number(unit.address.split(",")[0].split()[-1]):
            rows.append((unit.address.split(",")[0].lower(), name))
    return rows


def main():
    import django

    django.setup()
    from django.core.management import call_command

    which = sys.argv[1] if len(sys.argv) > 1 else "demo"
    if which == "demo":
        call_command("migrate", verbosity=0)
        call_command("createcachetable")
        from guarantees.models import GuaranteePage

        if not GuaranteePage.objects.exists():
            call_command("load_demo", "--force", "--no-admin", stdout=StringIO())
        queries = demo_queries()
        header = "# bench/search_queries.py demo: everyday Swedish queries over the demo data\n"
        DEMO_FILE.write_text(header + "\n".join(queries) + "\n")
        print(f"{len(queries)} queries -> {DEMO_FILE}")
    else:
        rows = scaled_queries()
        SCALED_FILE.write_text("".join(f"{q}\t{expected}\n" for q, expected in rows))
        print(f"{len(rows)} queries -> {SCALED_FILE}")


if __name__ == "__main__":
    main()
