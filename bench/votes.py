"""How fast confirmed votes are counted: through HTTP, the vote transaction alone, and pgbench.

Run against a throwaway PostgreSQL:

    bin/with-postgres .venv/bin/python bench/votes.py [--http N] [--direct N] [--seconds S]

It migrates the database DATABASE_URL points at, then measures, one client at a time:

1. HTTP: a resident's whole vote through Django's handler (POST the e-mail, which stores a
   single-use confirmation and queues the mail; POST the confirm button, which records the
   vote), and the confirm step alone;
2. `Proposal.record_vote` alone: the insert under the unique constraint and the counter
   update in one transaction;
3. pgbench running the equivalent SQL transaction (INSERT ... ON CONFLICT DO NOTHING; UPDATE
   the counter) on the same server: the ceiling for this transaction on this machine.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def setup():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def make_proposal(title):
    from datetime import timedelta

    from django.utils import timezone

    from proposals.models import Proposal, Status

    now = timezone.now()
    return Proposal.objects.create(
        title=title,
        body="Benchmark",
        display_name="Bench",
        proposer_email="bench@example.se",
        status=Status.OPEN,
        opens_at=now,
        closes_at=now + timedelta(days=90),
        threshold=50,
    )


def bench_http(n):
    from django.core import mail
    from django.test import Client, override_settings

    from proposals.models import Confirmation, Proposal

    proposal = make_proposal("HTTP benchmark")
    client = Client(REMOTE_ADDR="192.0.2.10")
    with override_settings(RATELIMIT_ENABLE=False, ALLOWED_HOSTS=["*"]):
        started = time.perf_counter()
        for i in range(n):
            response = client.post(
                f"/e-forslag/{proposal.pk}/rosta/epost/start/",
                {"epost-email": f"http{i}@example.se"},
            )
            assert response.status_code == 302, response.status_code
            link = mail.outbox[-1].body.split("/e-forslag/", 1)[1].split()[0]
            response = client.post("/e-forslag/" + link)
            assert response.status_code == 200, response.status_code
        full = time.perf_counter() - started
        mail.outbox.clear()

        # The confirm step alone, with the confirmations issued beforehand.
        second = make_proposal("HTTP confirm benchmark")
        tokens = []
        from proposals.canonical import voter_hash

        for i in range(n):
            _c, token = Confirmation.issue(
                Confirmation.Kind.VOTE, second, voter_hash=voter_hash("epost", f"c{i}")
            )
            tokens.append(token)
        started = time.perf_counter()
        for token in tokens:
            response = client.post(f"/e-forslag/{second.pk}/rosta/epost/?t={token}")
            assert response.status_code == 200, response.status_code
        confirm = time.perf_counter() - started
    for p in (proposal, second):
        p.refresh_from_db()
        assert p.vote_count == n == Proposal.objects.get(pk=p.pk).votes.count()
    return n / full, n / confirm


def bench_direct(n):
    from proposals.canonical import voter_hash
    from proposals.models import Proposal

    proposal = make_proposal("record_vote benchmark")
    hashes = [voter_hash("epost", f"direct{i}@example.se") for i in range(n)]
    started = time.perf_counter()
    for h in hashes:
        Proposal.record_vote(proposal.pk, h)
    elapsed = time.perf_counter() - started
    proposal.refresh_from_db()
    assert proposal.vote_count == n
    return n / elapsed


PGBENCH_SCRIPT = """\\set v random(1, 2000000000)
BEGIN;
INSERT INTO proposals_vote
  (proposal_id, voter_hash, verifier, notify, email, network, mail_domain, created_at)
  VALUES (:pid, md5(:v::text) || md5(random()::text), 'epost', false, '',
          '192.0.2.0/24', 'example.se', now())
  ON CONFLICT (proposal_id, voter_hash) DO NOTHING;
UPDATE proposals_proposal SET vote_count = vote_count + 1 WHERE id = :pid;
END;
"""


def find_pgbench():
    found = shutil.which("pgbench")
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin/pgbench"), reverse=True):
        return str(candidate)
    sys.exit("pgbench not found")


def bench_pgbench(seconds):
    proposal = make_proposal("pgbench benchmark")
    url = urlsplit(os.environ["DATABASE_URL"])
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write(PGBENCH_SCRIPT)
    try:
        result = subprocess.run(
            [
                find_pgbench(),
                "-n",
                "-c",
                "1",
                "-T",
                str(seconds),
                "-f",
                script.name,
                "-D",
                f"pid={proposal.pk}",
                "-h",
                url.hostname,
                "-p",
                str(url.port or 5432),
                "-U",
                url.username or "postgres",
                url.path.lstrip("/") or "postgres",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(script.name)
    for line in result.stdout.splitlines():
        if line.startswith("tps"):
            return float(line.split("=")[1].split()[0])
    sys.exit(result.stdout + result.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--http", type=int, default=300, help="votes through HTTP")
    parser.add_argument("--direct", type=int, default=2000, help="record_vote calls")
    parser.add_argument("--seconds", type=int, default=10, help="pgbench duration")
    args = parser.parse_args()
    setup()
    full, confirm = bench_http(args.http)
    direct = bench_direct(args.direct)
    pg = bench_pgbench(args.seconds)
    print(f"HTTP, whole vote (ask + confirm):  {full:8.1f} votes/s")
    print(f"HTTP, confirm step only:           {confirm:8.1f} votes/s")
    print(f"record_vote alone:                 {direct:8.1f} votes/s")
    print(f"pgbench, same SQL transaction:     {pg:8.1f} tps (1 client)")
    print(f"ratio pgbench / record_vote:       {pg / direct:8.1f}")
    print(f"ratio pgbench / HTTP confirm:      {pg / confirm:8.1f}")
    print(f"ratio pgbench / HTTP whole vote:   {pg / full:8.1f}")


if __name__ == "__main__":
    main()
