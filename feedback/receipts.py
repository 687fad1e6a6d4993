"""What a resident is told when their case arrives: words that fit the kind, a reply promised
only to someone we can reach, and for a broken promise what the guarantee promises then.

The same text is on the receipt page and in the receipt mail, with a copy of what was sent.
Both are written in the case's language (the caller renders them under it).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guarantees.languages import commitment_title, shown, translations_of
from home.models import MunicipalitySettings

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


@dataclass(frozen=True)
class Signature:
    """Who a letter to a resident is from: the unit (its name, contact person, phone and
    address), or the municipality for a case about no particular unit."""

    name: str
    person: str = ""
    phone: str = ""
    email: str = ""

    @property
    def reach(self):
        """Phone and address on one line, as far as they are known."""
        return " · ".join(part for part in (self.phone, self.email) if part)


def unit_as_read(case):
    """The case's unit as the resident reads it: its live translation in the active language,
    else the Swedish page; None for a case about no particular unit."""
    return case.unit.localized if case.unit is not None else None


def signature_for(case):
    unit = unit_as_read(case)
    if unit is not None:
        return Signature(unit.display_name, unit.contact_person, unit.phone, unit.email)
    municipality = MunicipalitySettings.objects.first()
    if municipality is None:
        return Signature("")
    return Signature(municipality.name, "", municipality.phone, municipality.email)


def guarantee_url(case):
    """The path of the guarantee the case is about, in the language active now when it has
    been translated into it; "" for a case about no particular unit or an unpublished unit."""
    if case.unit is None or not case.unit.live:
        return ""
    return case.unit.localized.get_url() or ""


def promise_in_reader_language(case):
    """The promise the case names, as the resident read it (guarantees/languages.py): its
    translation while the commitment still says what the case copied, else the Swedish."""
    commitment = case.commitment
    if not case.promise:
        return shown("")
    if commitment is None or commitment.title != case.promise:
        return shown(case.promise)
    return commitment_title(commitment, translations_of([commitment]))


@dataclass(frozen=True)
class RemedyAsRead:
    """What the guarantee promises when a promise is broken, as the case keeps it, in the
    words of the guarantee the resident read (the names follow `Feedback`'s remedy fields, so
    feedback/includes/remedy.html reads either)."""

    remedy: str
    remedy_contact: str
    remedy_contact_days: int | None
    remedy_contact_by: object
    remedy_compensation: str


REMEDY_TEXTS = ("remedy", "remedy_contact", "remedy_compensation")


def remedy_in_reader_language(case):
    """The case's copy of the remedy, in the active language: the unit's live translation
    while the Swedish guarantee still says what the case copied, else the copy itself (the
    rule of `promise_in_reader_language`)."""
    texts = {name: getattr(case, name) for name in REMEDY_TEXTS}
    unit = case.unit
    if unit is not None and all(getattr(unit, name) == texts[name] for name in REMEDY_TEXTS):
        translated = unit.localized
        if translated.pk != unit.pk:
            texts = {name: getattr(translated, name) or texts[name] for name in REMEDY_TEXTS}
    return RemedyAsRead(
        remedy_contact_days=case.remedy_contact_days,
        remedy_contact_by=case.remedy_contact_by,
        **texts,
    )


def receipt_context(case, tracking_url):
    """What the receipt page and the receipt mail show."""
    return {
        "case": case,
        "tracking_url": tracking_url,
        "words": words_for(case),
        "reply_possible": reply_possible(case),
        "broken_promise": case.is_broken_promise,
        "promise": promise_in_reader_language(case),
        "remedy": remedy_in_reader_language(case),
        "unit": unit_as_read(case),
        "guarantee_url": guarantee_url(case),
        "signature": signature_for(case),
    }
