"""What bench/run.py measures against the running site, and the pgbench vote transaction."""

import json
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


def prepare_flows(base, env):

    prepared = json.loads(
        subprocess.run(
            [sys.executable, "-c", PREPARE, str(VOTE_TOKENS)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    guarantee = prepared["guarantee"]
    tokens = iter(prepared["tokens"])
    vote_path = f"/e-forslag/{prepared['proposal']}/rosta/epost/"

    def csrf(session, path):
        response = session.get(base + path, timeout=10)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)
        # Production marks the cookies Secure; on plain loopback HTTP the client would not
        # send them back, so hand them over explicitly.
        cookies = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
        session.headers["Cookie"] = cookies
        return response.text, token

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

    def confirm_vote(session, worker, n):
        token = next(tokens)
        path = f"{vote_path}?t={urllib.parse.quote(token)}"
        _, csrf_token = csrf(session, path)
        response = session.post(
            base + path,
            {"csrfmiddlewaretoken": csrf_token},
            headers={"Referer": base + path},
            allow_redirects=False,
            timeout=10,
        )
        return response.status_code < 400

    from run import PGBENCH_SCRIPT, PGBENCH_SETUP, PROPOSALS, UNITS

    return {
        "guarantee_path": guarantee,
        "scale": f"{UNITS} units with guarantees, {VOTE_TOKENS} vote tokens",
        "flows": [
            ("guarantee page (GET)", "wrk", guarantee),
            ("search /sok/?q=förskola (GET)", "wrk", "/sok/?q=" + urllib.parse.quote("förskola")),
            ("feedback submit (GET form + POST)", "python", submit_feedback),
            ("vote confirmation (GET + POST)", "python", confirm_vote),
        ],
        "db_bound": ("vote confirmation (GET + POST)",),
        "pgbench": (
            PGBENCH_SETUP.format(proposals=PROPOSALS),
            PGBENCH_SCRIPT.format(proposals=PROPOSALS),
        ),
    }
