"""The search statement's use of the index (issue 27): the document every search matches is
stored (`search_document`, kept by PostgreSQL on every write of Wagtail's indexer) and found
through its GIN index, and only the page of hits has its text read."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from home.models import ContentPage
from search.query import PAGE_TYPES, SiteSearch

pytestmark = pytest.mark.django_db


def _statement(query):
    with CaptureQueriesContext(connection) as captured:
        outcome = SiteSearch(query).run()
    statements = [q["sql"] for q in captured.captured_queries if "WITH matched" in q["sql"]]
    assert statements, [q["sql"][:80] for q in captured.captured_queries]
    return outcome, statements[0]


def _plan(sql):
    with transaction.atomic(), connection.cursor() as cursor:
        # A test's index table is a few dozen rows, which PostgreSQL rightly reads whole;
        # with sequential scans off the plan shows what it does at scale (bench/README.md).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (ANALYZE, FORMAT TEXT) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_stored_document_is_title_and_body_of_every_entry_as_indexed(municipality):
    unit = municipality["units"]["Förskolan Solrosen"]
    unit.idea = "Solrosen odlar pumpor i pallkragar."
    unit.save_revision().publish()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE search_document = title || body) "
            "FROM wagtailsearch_indexentry"
        )
        total, same = cursor.fetchone()
    assert total > 10 and same == total
    assert "Förskolan Solrosen" in [hit.title for hit in SiteSearch("pallkragar").run().hits]


def test_the_statement_finds_its_matches_through_the_gin_index(municipality):
    outcome, sql = _statement("förskola")
    assert outcome.hits
    plan = _plan(sql)
    assert "Bitmap Index Scan on search_indexentry_stored_document" in plan, plan
    assert "Seq Scan on wagtailsearch_indexentry" not in plan, plan


def test_only_the_best_candidates_have_their_text_read(municipality):
    from search.engine import CANDIDATES
    from search.query import PAGE_SIZE

    # The index entry is read a second time (for its text) for at most the page and the
    # candidates beyond it, however many documents match.
    _outcome, sql = _statement("förskola")
    plan = _plan(sql)
    text_reads = [line for line in plan.splitlines() if "wagtailsearch_indexentry_pkey" in line]
    assert text_reads, plan
    for line in text_reads:
        loops = int(line.rsplit("loops=", 1)[1].rstrip(")"))
        assert loops <= PAGE_SIZE + CANDIDATES, line


def test_the_statement_is_prepared_once_per_connection_and_reused(municipality):
    # The values are bound by the server, so every search of one shape (here: one word) sends
    # the same text, and PostgreSQL plans it from the kept statement instead of parsing it
    # anew (config/settings/base.py `prepared_statements`).
    for query in ("förskola", "bibliotek", "solrosen"):
        assert SiteSearch(query).run().hits
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), sum(generic_plans + custom_plans) FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            ["%WITH matched AS%"],
        )
        statements, executions = cursor.fetchone()
    assert (statements, executions) == (1, 3)


def test_a_word_with_quotes_and_backslashes_is_a_value_not_sql(municipality):
    # Bound by the server: what a resident typed never becomes part of the statement's text.
    outcome = SiteSearch("solrosen' OR 1=1 -- \\ %s %(x)s").run()
    assert [hit.title for hit in outcome.hits][:1] == ["Förskolan Solrosen"]


def test_a_large_index_plans_each_search_for_its_own_words(municipality, monkeypatch):
    # Beyond PREPARED_UP_TO index entries a generic plan (which assumes a word matches few
    # entries) would serve a common word badly: the statement is sent unprepared and planned
    # for its words, and finds what the prepared one finds.
    from search import engine

    def executions():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT coalesce(sum(generic_plans + custom_plans), 0) FROM pg_prepared_statements"
            )
            return cursor.fetchone()[0]

    prepared = [hit.title for hit in SiteSearch("förskola").run().hits]
    before = executions()
    assert before >= 1
    monkeypatch.setattr(engine, "PREPARED_UP_TO", 10)
    assert engine.catalogue(PAGE_TYPES).index_entries > 10
    assert [hit.title for hit in SiteSearch("förskola").run().hits] == prepared
    assert executions() == before


@pytest.mark.parametrize(
    "typed_as",
    ["Terminens schema finns här.", "Schema för terminens veckor."],
    ids=["capitalised-first-in-a-sentence", "in-lower-case"],
)
def test_a_hit_holding_the_word_as_typed_ranks_above_one_with_another_inflection(
    municipality, typed_as
):
    # Both pages hold the stem ("termin") as often, so their vectors rank them alike; the
    # one written with the word as typed weighs half again, in lower case or capitalised as
    # running text writes it. The other is made last, so it would come first on a tie.
    home_page = municipality["areas"]["forskola"].get_parent()
    for title, intro in (
        ("Läsåret", typed_as),
        ("Läsårets dagar", typed_as.replace("erminens", "erminen")),
    ):
        page = ContentPage(title=title, intro=intro, body="")
        home_page.add_child(instance=page)
        page.save_revision().publish()
    titles = [hit.title for hit in SiteSearch("terminens").run().hits]
    assert titles[:2] == ["Läsåret", "Läsårets dagar"], titles


def test_a_kept_plan_parses_each_word_list_once_per_search_not_once_per_entry(
    municipality, monkeypatch
):
    # On a small index PostgreSQL keeps one generic plan per shape of statement. There a
    # to_tsquery() of the statement's values is not folded to a constant: unless it is a
    # sub-select (an init plan, run once), it is parsed and stemmed again for every index
    # entry tested, three to four times the cost of reading the entries.
    from search import engine

    sent = {}
    run = engine._StatementCursor.run

    def keep(self, sql, params, prepare):
        sent.update(sql=sql, params=params)
        return run(self, sql, params, prepare)

    monkeypatch.setattr(engine._StatementCursor, "run", keep)
    assert SiteSearch("solrosen lunch").run().hits
    values = ", ".join(connection.ops.compose_sql("%s", [value]) for value in sent["params"])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM pg_prepared_statements WHERE statement = %s", [sent["sql"]]
        )
        (name,) = cursor.fetchone()
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        cursor.execute(f"EXPLAIN (VERBOSE, COSTS OFF) EXECUTE {name}({values})")
        plan = [row[0] for row in cursor.fetchall()]
    parsed = [i for i, line in enumerate(plan) if "to_tsquery(" in line]
    assert parsed, "\n".join(plan)
    for i in parsed:
        assert "InitPlan" in plan[i - 2], "\n".join(plan[i - 3 : i + 1])
