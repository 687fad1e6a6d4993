"""What a resident is told when their case arrives: words that fit the kind, and a reply
promised only to someone we can reach.

The same text is on the receipt page and in the receipt mail, with a copy of what was sent.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Kind


@dataclass(frozen=True)
class ReceiptWords:
    heading: Promise
    text: Promise
    subject: Promise  # of the receipt mail; %(reference)s is the case's reference
    yours: Promise  # the kind as the resident's own: "ditt klagomål", named in every reply


WORDS = {
    Kind.OPINION: ReceiptWords(
        _("Tack för din synpunkt"),
        _("Vi läser alla synpunkter och använder dem när vi utvecklar verksamheten."),
        _("Vi har tagit emot din synpunkt %(reference)s"),
        _("din synpunkt"),
    ),
    Kind.COMPLAINT: ReceiptWords(
        _("Vi har tagit emot ditt klagomål"),
        _(
            "Den som ansvarar för verksamheten går igenom det du skrivit, tar reda på vad "
            "som hänt och rättar till det som blivit fel."
        ),
        _("Vi har tagit emot ditt klagomål %(reference)s"),
        _("ditt klagomål"),
    ),
    Kind.PRAISE: ReceiptWords(
        _("Tack för ditt beröm"),
        _("Vi för vidare ditt beröm till dem det gäller."),
        _("Vi har tagit emot ditt beröm %(reference)s"),
        _("ditt beröm"),
    ),
    Kind.SUGGESTION: ReceiptWords(
        _("Tack för ditt förslag"),
        _("Vi går igenom ditt förslag och ser om vi kan genomföra det."),
        _("Vi har tagit emot ditt förslag %(reference)s"),
        _("ditt förslag"),
    ),
}


def words_for(case):
    return WORDS.get(case.kind, WORDS[Kind.OPINION])


def reply_possible(case):
    """We can answer only someone who is not anonymous and told us how to reach them."""
    return not case.anonymous and case.has_contact


def receipt_context(case, tracking_url):
    """What the receipt page and the receipt mail show."""
    return {
        "case": case,
        "tracking_url": tracking_url,
        "words": words_for(case),
        "reply_possible": reply_possible(case),
    }
