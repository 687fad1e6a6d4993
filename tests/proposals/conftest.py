import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from proposals.canonical import canonical_email, voter_hash
from proposals.models import Proposal, Status

_n = itertools.count(1)


def build_proposal(status=Status.OPEN, votes=0, **fields):
    now = timezone.now()
    values = {
        "title": f"Fler parkbänkar längs ån {next(_n)}",
        "body": "Det behövs fler bänkar så att äldre kan vila under promenaden.",
        "display_name": "Karin i Ängsby",
        "proposer_email": "karin@example.se",
        "status": status,
        "threshold": 50,
    }
    if status in (Status.OPEN, Status.CLOSED, Status.AT_COMMITTEE, Status.ANSWERED):
        values["opens_at"] = now - timedelta(days=10)
        values["closes_at"] = now + timedelta(days=80)
    values.update(fields)
    if votes:
        values["status"] = Status.OPEN  # votes are only taken while open
    proposal = Proposal.objects.create(**values)
    for i in range(votes):
        Proposal.record_vote(proposal.pk, voter_hash("epost", canonical_email(f"v{i}@example.se")))
    if votes and status != Status.OPEN:
        Proposal.objects.filter(pk=proposal.pk).update(status=status)
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def make_proposal(db):
    return build_proposal


def votes_from(proposal, count, voter, *, network="", domain=""):
    """`count` votes on `proposal` by voters "<voter>0", "<voter>1", ... from one network and
    mail domain, as the traffic view and the invalidation group them."""
    for i in range(count):
        Proposal.record_vote(
            proposal.pk, voter_hash("epost", f"{voter}{i}"), network=network, domain=domain
        )


@pytest.fixture
def moderator(db, django_user_model):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Moderatorer för e-förslag")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="moderate_proposal"),
    )
    user = django_user_model.objects.create_user("moderator", "mod@example.se", "pw")
    user.groups.add(group)
    return user


@pytest.fixture
def committee_clerk(db, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("namnd", "namnd@example.se", "pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="answer_proposal"),
    )
    return user


def mailed_link(message):
    for line in message.body.splitlines():
        if line.startswith("http"):
            return line.strip()
    raise AssertionError(f"no link in {message.body!r}")


def path_of(link):
    from urllib.parse import urlsplit

    parts = urlsplit(link)
    return parts.path + ("?" + parts.query if parts.query else "")


class CommitClient:
    """A test client whose requests run their on-commit callbacks (mail delivery), as a
    real request's committed transaction would, inside the test's transaction."""

    def __new__(cls, *args, **kwargs):
        from django.test import Client, TestCase

        class _Client(Client):
            def request(self, **request):
                with TestCase.captureOnCommitCallbacks(execute=True):
                    return super().request(**request)

        return _Client(*args, **kwargs)


@pytest.fixture
def client():
    return CommitClient()


@pytest.fixture
def committed():
    """Run on-commit callbacks of model calls made inside `with committed():`."""
    from django.test import TestCase

    return lambda: TestCase.captureOnCommitCallbacks(execute=True)
