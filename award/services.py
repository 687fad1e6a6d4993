"""What happens around a nomination's state change: who is told, and the admin log.

Each function runs the model's change (which locks, checks and saves) and, in the same
transaction, queues the mail (outbox/mail.py) and writes Wagtail's log. Views call these.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.log_actions import log

from outbox.mail import queue_mail

from .models import Nomination


@transaction.atomic
def nominate(*, category, unit, reason, email, canonical):
    """Store a nomination and mail a link that confirms it. Raises TransitionError."""
    nomination, token = Nomination.submit(
        category=category, unit=unit, reason=reason, email=email, canonical=canonical
    )
    link = f"{settings.WAGTAILADMIN_BASE_URL}{reverse('award:confirm')}?t={token}"
    queue_mail(
        email,
        gettext("Bekräfta din nominering till kvalitetspriset"),
        "award/mail/confirm.txt",
        {"nomination": nomination, "link": link},
    )
    return nomination


def nominate_signed(*, category, unit, reason, email, canonical, signer_hash):
    """Store a nomination signed with e-ID; no link to confirm. Raises TransitionError."""
    return Nomination.submit_signed(
        category=category,
        unit=unit,
        reason=reason,
        email=email,
        canonical=canonical,
        signer_hash=signer_hash,
    )


def confirm(token):
    """Raises TokenError when the link cannot be used."""
    return Nomination.confirm(token)


@transaction.atomic
def shortlist(nomination, by):
    nomination.shortlist()
    log(nomination, "award.shortlist", user=by)


@transaction.atomic
def choose_winner(nomination, by, *, motivation):
    """The finalist wins its category; everyone who nominated in the category hears of it."""
    nomination.choose_as_winner(motivation)
    log(nomination, "award.winner", user=by)
    context = {
        "nomination": nomination,
        "link": f"{settings.WAGTAILADMIN_BASE_URL}{nomination.round.get_absolute_url()}",
    }
    subject = gettext("Kvalitetspriset %(year)s: juryn har bestämt") % {
        "year": nomination.round.year
    }
    for email in nomination.nominators_of_category():
        queue_mail(email, subject, "award/mail/decided.txt", context)
