"""What happens around a follow-up's state change: who is told, and the admin log.

Each function runs the model's change and, in the same transaction, queues the mail
(outbox/mail.py: stored with the change, delivered after commit) and writes Wagtail's log.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from home.models import MunicipalitySettings
from home.resident_input import absolute_url
from outbox.mail import queue_mail

from .models import YearlyFollowUp

PUBLISH_PERMISSION = "followup.publish_yearlyfollowup"
CHANGE_PERMISSION = "followup.change_yearlyfollowup"


def _policy():
    return policy_registry.get_by_type(YearlyFollowUp)


def _staff_with(permission):
    users = get_user_model().objects.with_perm(permission, include_superusers=False)
    return users.filter(is_active=True).exclude(email="").order_by("pk")


def reviewer_addresses():
    """Those who review and publish follow-ups; the municipality's address if none has one."""
    addresses = list(dict.fromkeys(_staff_with(PUBLISH_PERMISSION).values_list("email", flat=True)))
    if not addresses:
        municipality = MunicipalitySettings.objects.first()
        if municipality and municipality.email:
            addresses.append(municipality.email)
    return addresses


def unit_addresses(unit):
    """The unit: its own address and the staff who enter its follow-ups (the policy's units)."""
    addresses = [unit.email] if unit.email else []
    reviewers = set(_staff_with(PUBLISH_PERMISSION).values_list("pk", flat=True))
    policy = _policy()
    for user in _staff_with(CHANGE_PERMISSION).exclude(pk__in=reviewers):
        if policy.units_for(user).filter(pk=unit.pk).exists():
            addresses.append(user.email)
    return list(dict.fromkeys(addresses))


def admin_url(follow_up):
    return absolute_url(
        reverse("wagtailsnippets_followup_yearlyfollowup:edit", args=[follow_up.pk])
    )


def public_url(follow_up):
    return absolute_url(follow_up.unit.url + "#sa-gick-det") if follow_up.unit.url else ""


def tell_reviewers(follow_up, by):
    """Marked ready for review: every reviewer is told, in the transaction that saved it."""
    subject = _("Årsuppföljning att granska: %(unit)s %(year)s") % {
        "unit": follow_up.unit.title,
        "year": follow_up.year,
    }
    context = {"follow_up": follow_up, "by": by, "url": admin_url(follow_up)}
    for address in reviewer_addresses():
        queue_mail(address, subject, "followup/mail/ready_for_review.txt", context)
    log(follow_up, "followup.ready_for_review", user=by)


def publish(follow_up, by):
    with transaction.atomic():
        first = follow_up.publish()
        subject = (
            _("Årsuppföljningen %(year)s är publicerad: %(unit)s")
            if first
            else _("Årsuppföljningen %(year)s är rättad och publicerad igen: %(unit)s")
        ) % {"unit": follow_up.unit.title, "year": follow_up.year}
        context = {
            "follow_up": follow_up,
            "first": first,
            "by": by,
            "public_url": public_url(follow_up),
        }
        for address in unit_addresses(follow_up.unit):
            queue_mail(address, subject, "followup/mail/published.txt", context)
        log(follow_up, "wagtail.publish", user=by)
    return first


def unpublish(follow_up, by):
    with transaction.atomic():
        follow_up.unpublish()
        log(follow_up, "wagtail.unpublish", user=by)
