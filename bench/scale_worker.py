"""One site in-process for bench/scale.py: Django's test client, measured in CPU time.

Started by bench/scale.py with the site's own Python, working directory and settings (this
project or wagtail/bakerydemo); it imports nothing of either project until told to, so the
same file drives both. It reads one JSON command a line on stdin and answers one JSON line on
stdout. A measured command answers the CPU time it cost: this process's own CPU
(CLOCK_PROCESS_CPUTIME_ID) plus that of its PostgreSQL backend and of the parallel query
workers it started (reaped by the postmaster) and of any other server process named in
BENCH_EXTRA_PIDS (Redis), read from /proc before and after, so other work on a shared machine
does not count, as wall time would.

Commands: setup, paths, queries, get, vote_setup, vote, compile, count, vote_sql_setup,
vote_sql. `get` takes paths; the others take what their function below says.
"""

import json
import os
import random
import re
import sys
import time
import urllib.parse

from harness import answer, parent_of, process_cpu, reaped_children_cpu  # bench/harness.py


class Site:
    def __init__(self):
        import django

        django.setup()
        from django.db import connection
        from django.test import Client

        self.connection = connection
        self.client = Client()
        self.extra_pids = [int(p) for p in os.environ.get("BENCH_EXTRA_PIDS", "").split() if p]
        self.tokens = []
        self.vote_path = None

    def backend_pid(self):
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]

    def measured(self, work, count):
        """Run `work()` (which answers how many responses were not the expected ones) and
        answer its cost. Requests go over HTTPS, as production serves both sites."""
        backend = self.backend_pid()
        postmaster = parent_of(backend)
        others = [backend, *self.extra_pids]
        before_others = [process_cpu(pid) for pid in others]
        before_workers = reaped_children_cpu(postmaster)
        before_self, before_wall = time.process_time(), time.perf_counter()
        bad = work()
        app = time.process_time() - before_self
        wall = time.perf_counter() - before_wall
        server = sum(process_cpu(pid) - was for pid, was in zip(others, before_others, strict=True))
        # Parallel query workers: children of the postmaster, reaped by the time we look.
        # (Sites are measured one at a time, so another site's workers do not land here.)
        server += reaped_children_cpu(postmaster) - before_workers
        if self.backend_pid() != backend:  # a new connection: its backend's CPU went unseen
            raise RuntimeError("the database connection changed during a measurement")
        return {
            "n": count,
            "cpu_ms": (app + server) * 1000 / count,
            "app_ms": app * 1000 / count,
            "server_ms": server * 1000 / count,
            "wall_ms": wall * 1000 / count,
            "bad": bad,
        }

    # -- commands ------------------------------------------------------------------------------

    def setup(self):
        return {"pid": os.getpid(), "backend": self.backend_pid()}

    def paths(self, models, sample, seed=1):
        """{name: [path, ...]} for each {name: "app_label.Model"}: the live pages' paths,
        `sample` of them at most (seeded, so both runs of a site take the same ones)."""
        from django.apps import apps

        found = {}
        for name, label in models.items():
            model = apps.get_model(label)
            pages = list(model.objects.live().order_by("pk"))
            random.Random(seed).shuffle(pages)
            found[name] = [page.get_url() for page in pages[:sample]]
        return found

    def queries(self, count, seed=7):
        """Distinct queries built from the site's own published text, as residents type them:
        a whole word, a word inflected, half a word, a word misspelt, two words, and a few
        that match nothing. Deterministic, shuffled, `count` of them."""
        from wagtail.models import Page

        text = " ".join(
            f"{p.title} {p.search_description}" for p in Page.objects.live().specific()[:5000]
        )
        words = sorted(set(re.findall(r"[^\W\d_]{4,}", text.lower())))
        rng = random.Random(seed)
        made = set()
        suffixes = ["en", "er", "na", "s", "ar"]
        while len(made) < count and words:
            word = rng.choice(words)
            kind = rng.randrange(6)
            if kind == 0:
                made.add(word)
            elif kind == 1:
                made.add(word + rng.choice(suffixes))
            elif kind == 2:
                made.add(word[: max(3, len(word) // 2 + 1)])
            elif kind == 3:
                i = rng.randrange(1, len(word) - 1)
                made.add(word[:i] + word[i + 1 :])  # one letter dropped
            elif kind == 4:
                made.add(f"{word} {rng.choice(words)}")
            else:
                made.add("".join(rng.choice("bdfgklmnprstv") for _ in range(7)))  # zero-hit
        queries = sorted(made)
        rng.shuffle(queries)
        return queries

    def get(self, paths):
        def work():
            bad = 0
            for path in paths:
                response = self.client.get(path, secure=True)
                if response.status_code != 200:
                    bad += 1
            return bad

        return self.measured(work, len(paths))

    def vote_setup(self, tokens):
        """A proposal open for votes and `tokens` mailed vote links for it, as bench/flows.py."""
        from guarantees.models import GuaranteePage  # noqa: F401 (the apps are loaded)
        from proposals.canonical import voter_hash
        from proposals.models import Confirmation
        from tests.proposals.conftest import build_proposal

        proposal = build_proposal(title="Bänkar vid ån (skalbänk)")
        self.vote_proposal = proposal.pk
        self.vote_path = f"/e-forslag/{proposal.pk}/rosta/epost/"
        self.tokens = [
            Confirmation.issue(
                Confirmation.Kind.VOTE, proposal, voter_hash=voter_hash("epost", f"s{i}")
            )[1]
            for i in range(tokens)
        ]
        return {"proposal": proposal.pk, "tokens": len(self.tokens)}

    def vote(self, count):
        """`count` votes by mailed link: GET the link's page, POST its button (a fresh link
        each); the cost is per vote (two requests)."""
        links = [self.tokens.pop() for _ in range(count)]

        def work():
            bad = 0
            for token in links:
                link = f"{self.vote_path}?t={urllib.parse.quote(token, safe='')}"
                if self.client.get(link, secure=True).status_code != 200:
                    bad += 1
                if self.client.post(link, secure=True).status_code not in (200, 302, 303):
                    bad += 1
            return bad

        return self.measured(work, count)

    def vote_check(self):
        from proposals.models import Confirmation, Proposal, Vote

        pk = self.vote_proposal
        counts = {
            "counter": Proposal.objects.get(pk=pk).vote_count,
            "votes": Vote.objects.filter(proposal_id=pk).count(),
            "links_used": Confirmation.objects.filter(
                proposal_id=pk, used_at__isnull=False
            ).count(),
        }
        counts["exact"] = counts["counter"] == counts["votes"] == counts["links_used"]
        return counts

    def _period(self, start, end):
        from datetime import date, datetime
        from zoneinfo import ZoneInfo

        tz = ZoneInfo("Europe/Stockholm")
        return [
            datetime.combine(date.fromisoformat(d), datetime.min.time(), tz) for d in (start, end)
        ]

    def compile(self, start, end):
        """The feedback compilation for a period, as the quality staff's page and its XLSX
        download build it (bench/feedback_compilation.py)."""
        from feedback.compilation import Compilation, xlsx_response_for

        begin, finish = self._period(start, end)

        def work():
            compilation = Compilation(begin, finish, label="bench")
            compilation.by_kind(), compilation.by_dimension(), compilation.by_month()
            compilation.by_unit(), compilation.by_area(), compilation.answered_in_time_share
            compilation.month_chart_svg()
            xlsx_response_for(compilation)
            self.compiled_rows = compilation.total
            return 0

        return self.measured(work, 1) | {"rows": self.compiled_rows}

    def count(self, start, end):
        """The compilation's ceiling: the cheapest read of the same rows, count(*)."""
        begin, finish = self._period(start, end)

        def work():
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM feedback_feedback"
                    " WHERE received_at >= %s AND received_at < %s",
                    [begin, finish],
                )
                self.counted_rows = cursor.fetchone()[0]
            return 0

        return self.measured(work, 1) | {"rows": self.counted_rows}

    def vote_sql_setup(self, setup_sql):
        with self.connection.cursor() as cursor:
            cursor.execute(setup_sql)
        self.sql_vote = 0
        return {}

    def vote_sql(self, script_sql, count):
        """The vote's ceiling: the same transaction as the vote's POST, as SQL from this
        process (bench/run.py's pgbench script), one statement per vote in autocommit."""
        statement = script_sql.split("\n", 2)[2].replace(":c", "%s")

        def work():
            with self.connection.cursor() as cursor:
                for _ in range(count):
                    self.sql_vote += 1
                    cursor.execute(statement, [self.sql_vote])
            return 0

        return self.measured(work, count)


def main():
    # Answers go to the real stdout; anything the site prints goes to stderr instead.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    sys.stdout = sys.stderr
    sys.path.insert(0, os.getcwd())  # the site's own packages (this file lives in bench/)
    site = Site()
    for line in sys.stdin:
        answers.write(answer(lambda op, **args: getattr(site, op)(**args), json.loads(line)) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()
