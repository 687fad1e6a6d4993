"""What happens around an e-proposal's state change: who is told, and what is kept.

Each function runs the model's state change (which locks, checks, saves and records the event)
and, in the same transaction, queues the mail. The mail is stored with the change and delivered
after commit (outbox/mail.py). Views call these; they never mail or open transactions themselves.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from home.resident_input import absolute_url
from home.transitions import TransitionError
from outbox.languages import current_language
from outbox.mail import queue_mail

from .canonical import source_network
from .models import Confirmation, Proposal, Vote


def _link(path, token):
    return absolute_url(f"{path}?t={token}")


def _tell_proposer(proposal):
    """The proposer hears of the new status, in the language they wrote the proposal in."""
    with translation.override(proposal.language):
        queue_mail(
            proposal.proposer_email,
            gettext("Ditt e-förslag: %(status)s") % {"status": proposal.get_status_display()},
            "proposals/mail/status_proposer.txt",
            {"proposal": proposal},
        )


def _tell_everyone_who_asked(proposal):
    """The proposer, and the voters who asked for news, hear of the new status: each voter in
    the language they voted in (`Vote.language`)."""
    _tell_proposer(proposal)
    context = {"proposal": proposal}
    voters = proposal.votes.valid().filter(notify=True).exclude(email="")
    for email, language in voters.order_by("language", "pk").values_list("email", "language"):
        with translation.override(language or settings.LANGUAGE_CODE):
            status = proposal.get_status_display()
            subject = gettext("E-förslaget du röstat på: %(status)s") % {"status": status}
            queue_mail(email, subject, "proposals/mail/status_voter.txt", context)


# The resident's side --------------------------------------------------------------------------


@transaction.atomic
def submit(*, title, body, service_area, display_name, email, language=None):
    """Store a new proposal and mail the proposer a link to confirm it. The proposal keeps
    the language it was written in (`language`, else the active one)."""
    proposal = Proposal.submit(
        title=title,
        body=body,
        service_area=service_area,
        display_name=display_name,
        proposer_email=email,
        language=language or current_language(),
    )
    _confirmation, token = Confirmation.issue(Confirmation.Kind.PROPOSAL, proposal)
    with translation.override(proposal.language):
        queue_mail(
            email,
            gettext("Bekräfta ditt e-förslag"),
            "proposals/mail/confirm_proposal.txt",
            {"proposal": proposal, "link": _link(reverse("proposals:confirm"), token)},
        )
    return proposal


@transaction.atomic
def submit_signed(*, title, body, service_area, display_name, email, language=None):
    """Store a proposal signed with e-ID: it waits for moderation, and the proposer is told."""
    proposal = Proposal.submit_signed(
        title=title,
        body=body,
        service_area=service_area,
        display_name=display_name,
        proposer_email=email,
        language=language or current_language(),
    )
    _tell_proposer(proposal)
    return proposal


@transaction.atomic
def confirm(token):
    """The proposer used the mailed link: the proposal waits for moderation.

    Raises TokenError (a bad link) or TransitionError (confirmed already)."""
    confirmation = Confirmation.redeem(Confirmation.Kind.PROPOSAL, token)
    confirmation.proposal.confirm_by_proposer()
    return confirmation.proposal


@transaction.atomic
def ask_to_confirm_vote(proposal, proof, remote_addr, callback_path):
    """Mail a one-time link that records the vote of `proof.identity` when used."""
    identity = proof.identity
    _confirmation, token = Confirmation.issue(
        Confirmation.Kind.VOTE,
        proposal,
        voter_hash=identity.voter_hash,
        verifier=identity.verifier,
        notify=bool(identity.notify_email),
        email=identity.notify_email,
        network=source_network(remote_addr),
        mail_domain=identity.mail_domain,
        language=current_language(),
    )
    queue_mail(
        proof.address,
        gettext("Bekräfta din röst på e-förslaget"),
        "proposals/mail/confirm_vote.txt",
        {"proposal": proposal, "link": _link(callback_path, token)},
    )


def vote_by_mailed_link(proposal_id, token):
    """Use a mailed vote link once: one SQL statement (spend the link, insert the vote, move
    the counter; `Proposal.record_mailed_vote`). Returns the vote's id. Raises TokenError or
    TransitionError (voting not open, or this person has voted already)."""
    return Proposal.record_mailed_vote(proposal_id, token)


def vote(proposal, identity, remote_addr):
    """Count the vote of an identity a verifier has proven: one person, one vote across the
    ways (`Proposal.record_eid_vote`). Returns (vote, taken_over); raises TransitionError."""
    return Proposal.record_eid_vote(
        proposal.pk,
        identity.voter_hash,
        email_hash=identity.email_hash,
        verifier=identity.verifier,
        notify=bool(identity.notify_email),
        email=identity.notify_email,
        network=source_network(remote_addr),
        domain=identity.mail_domain,
        language=current_language(),
    )


# Staff ---------------------------------------------------------------------------------------


@transaction.atomic
def publish(proposal, by):
    proposal.publish(actor=by)
    _tell_everyone_who_asked(proposal)


@transaction.atomic
def reject(proposal, by, *, reason, text="", duplicate_of=None):
    proposal.reject(reason, actor=by, text=text, duplicate_of=duplicate_of)
    _tell_everyone_who_asked(proposal)


@transaction.atomic
def close(proposal):
    proposal.close()
    _tell_everyone_who_asked(proposal)


def close_expired(now=None):
    """Close every proposal whose voting period has ended; each in its own transaction."""
    closed = []
    for proposal in Proposal.objects.expired(now).order_by("closes_at"):
        try:
            close(proposal)
        except TransitionError:
            continue  # closed by a concurrent run meanwhile
        closed.append(proposal)
    return closed


@transaction.atomic
def answer(proposal, by, *, decision, text, date=None):
    proposal.answer(decision, text, date=date, actor=by)
    _tell_everyone_who_asked(proposal)
    # Queued mail holds its own copy of each address; the votes need not keep them.
    proposal.forget_voter_addresses()


@transaction.atomic
def remove(proposal, by, *, reason):
    """Take a published proposal down; proposer and voters who asked are told why."""
    proposal.remove(reason, actor=by)
    _tell_everyone_who_asked(proposal)
    proposal.forget_voter_addresses()


def move_to_area(proposal, by, *, service_area):
    return proposal.move_to_area(service_area, actor=by)


def edit_for_personal_data(proposal, by, *, title, body, note):
    return proposal.edit_for_personal_data(title, body, note, actor=by)


def invalidate_votes(votes, by, note, criteria=None):
    return Vote.invalidate(votes, actor=by, note=note, criteria=criteria)


def restore_votes(invalidation, by):
    return invalidation.restore(actor=by)
