"""What anyone may read about a case through Open311: its state and the municipality's reply.

Never the resident's message, name, e-mail or phone: the message is left out whole (residents
write their phone numbers and their children's names in it), and the resident's own contact
details are struck from the reply, in case a handler greeted them by name.
"""

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import Status

from .catalog import Service, code_of

REDACTED = "[…]"
OPEN, CLOSED = "open", "closed"


def open311_status(case):
    return CLOSED if case.status == Status.CLOSED else OPEN


def _variants(case):
    """The resident's contact details as they may appear in a letter."""
    values = [case.email, case.name, *case.name.split()]
    digits = re.sub(r"\D", "", case.phone or "")
    patterns = [re.escape(value) for value in values if len(value.strip()) >= 2]
    if len(digits) >= 5:
        patterns.append(r"[\s-]*".join(digits))
    return sorted(patterns, key=len, reverse=True)


def public_reply(case):
    text = case.reply or ""
    patterns = _variants(case)
    if text and patterns:
        text = re.sub("|".join(patterns), REDACTED, text, flags=re.IGNORECASE)
    return text


def _iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _end_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def as_request(case, municipality_name):
    """One case in GeoReport v2's service request shape; fields we never give are null."""
    service = Service(kind=case.kind, unit=case.unit)
    updated = max(
        moment for moment in (case.received_at, case.replied_at, case.closed_at) if moment
    )
    return {
        "service_request_id": case.reference,
        "status": open311_status(case),
        "status_notes": public_reply(case) or None,
        "service_name": service.name,
        "service_code": code_of(case),
        "description": None,
        "agency_responsible": case.unit.title if case.unit else municipality_name,
        "service_notice": _("Svar senast %(date)s.") % {"date": case.deadline.isoformat()},
        "requested_datetime": _iso(case.received_at),
        "updated_datetime": _iso(updated),
        "expected_datetime": _iso(_end_of(case.deadline)),
        "address": None,
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }
