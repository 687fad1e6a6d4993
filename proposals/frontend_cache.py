"""What a proposal's change alters on the cached site (home/frontend_cache.py, the helper):
its page, the list and the open data. Every change of what the public sees is recorded as a
ProposalEvent (status, edit, invalidated votes, area), so the event is what purges.

Vote counts are not purged vote by vote: proposal pages are cached for one short interval
(PROPOSAL_CACHE_SECONDS), and the page says so.
"""

from django.db.models.signals import post_save
from django.urls import reverse

from home.frontend_cache import purge_after_commit

PROPOSAL_CACHE_SECONDS = 60


def public_paths():
    return [
        reverse("proposals:list"),
        reverse("proposals:export_json"),
        reverse("proposals:export_csv"),
    ]


def _event_saved(sender, instance, created, **kwargs):
    if created:
        detail = reverse("proposals:detail", args=[instance.proposal_id])
        purge_after_commit(paths=[detail, *public_paths()])


def connect():
    from .models import ProposalEvent

    post_save.connect(_event_saved, sender=ProposalEvent, dispatch_uid="purge-proposal")
