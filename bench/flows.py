"""What bench/run.py measures against the running site, and the pgbench vote transaction."""

import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VOTE_TOKENS = 50_000

PREPARE = """
import json, sys
import django
django.setup()
from proposals.canonical import voter_hash
from proposals.models import Confirmation
from guarantees.models import GuaranteePage
from tests.proposals.conftest import build_proposal

proposal = build_proposal(title="Bänkar vid ån (benchmark)")
tokens = [
    Confirmation.issue(Confirmation.Kind.VOTE, proposal, voter_hash=voter_hash("epost", f"b{i}"))[1]
    for i in range(int(sys.argv[1]))
]
unit = GuaranteePage.objects.live().order_by("pk").first()
json.dump({"proposal": proposal.pk, "tokens": tokens, "guarantee": unit.url}, sys.stdout)
"""

# After the vote load: is the count exact? The stored counter, the vote rows and the links
# spent must agree.
COUNT_CHECK = """
import json, sys
import django
django.setup()
from proposals.models import Confirmation, Proposal, Vote
pk = int(sys.argv[1])
json.dump({
    "counter": Proposal.objects.get(pk=pk).vote_count,
    "votes": Vote.objects.filter(proposal_id=pk).count(),
    "links_used": Confirmation.objects.filter(proposal_id=pk, used_at__isnull=False).count(),
}, sys.stdout)
"""


def feedback_submitter(base, guarantee):
    """The feedback submit of a resident, as a function of (session, worker, n) for
    run.run_python_load: True when the site accepted it (a redirect)."""

    def submit_feedback(session, worker, n):
        # As a resident's browser does: the cached guarantee, then the form's own key from
        # the no-store endpoint (protected-form.js), then the POST with its Origin.
        html = session.get(base + guarantee, timeout=10).text
        action = re.search(r'action="([^"]*/skicka/)"', html).group(1)
        parts_url = re.search(r'data-form-parts="([^"]+)"', html).group(1)
        key = session.get(base + parts_url, timeout=10).json()["key"]
        response = session.post(
            base + action,
            {
                "form_key": key,
                "kind": "synpunkt",
                "dimension": "bemotande",
                "message": f"Synpunkt {worker}-{n} från benchmarken.",
                "website": "",
            },
            headers={"Origin": base, "Referer": base + guarantee},
            allow_redirects=False,
            timeout=10,
        )
        return response.status_code == 302

    return submit_feedback


def _answer_of(script, argument, env):
    """What a Django script run in the site's environment printed, as JSON."""
    return json.loads(
        subprocess.run(
            [sys.executable, "-c", script, str(argument)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


def prepare_flows(base, env):
    prepared = _answer_of(PREPARE, VOTE_TOKENS, env)
    guarantee = prepared["guarantee"]
    vote_path = f"/e-forslag/{prepared['proposal']}/rosta/epost/"

    submit_feedback = feedback_submitter(base, guarantee)

    # The vote flow runs under wrk (bench/vote_flow.lua): GET the mailed link's page, POST its
    # button, one fresh link per vote; a Python client would measure itself more than the site.
    tokens_file = Path(tempfile.mkstemp(prefix="bench-vote-tokens-", suffix=".txt")[1])
    tokens_file.write_text("\n".join(urllib.parse.quote(t, safe="") for t in prepared["tokens"]))
    os.environ.update(
        BENCH_VOTE_TOKENS=str(tokens_file), BENCH_VOTE_PATH=vote_path, BENCH_WRK_THREADS="2"
    )

    def check_votes():
        counts = _answer_of(COUNT_CHECK, prepared["proposal"], env)
        counts["exact"] = counts["counter"] == counts["votes"] == counts["links_used"]
        return counts

    from run import PGBENCH_SCRIPT, PGBENCH_SETUP, PROPOSALS, UNITS

    return {
        "guarantee_path": guarantee,
        "scale": f"{UNITS} units with guarantees, {VOTE_TOKENS} vote tokens",
        "flows": [
            ("guarantee page (GET)", "wrk", guarantee),
            ("search /sok/?q=förskola (GET)", "wrk", "/sok/?q=" + urllib.parse.quote("förskola")),
            ("feedback submit (GET form + POST)", "python", submit_feedback),
            (
                "vote confirmation (GET + POST)",
                "wrk",
                {
                    "path": vote_path,
                    "script": BENCH / "vote_flow.lua",
                    # Two requests per vote: rows report votes per second.
                    "per_request": 0.5,
                    "check": check_votes,
                },
            ),
        ],
        "db_bound": ("vote confirmation (GET + POST)",),
        "cleanup": lambda: tokens_file.unlink(missing_ok=True),
        "pgbench": (
            PGBENCH_SETUP.format(proposals=PROPOSALS),
            PGBENCH_SCRIPT.format(proposals=PROPOSALS),
        ),
    }
