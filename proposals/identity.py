"""How a voter proves who they are. Pluggable, so that e-ID can join e-mail.

A verifier only verifies; recording the vote, the transaction, mail and every page belong to the
app (proposals/services.py and proposals/views.py). `PROPOSAL_VOTE_VERIFIERS` lists dotted paths
of Verifier classes; each is offered on an open proposal's page. A verifier:

- renders its part of the vote form (`template_name`, given `form` from `get_form`);
- `begin(request, proposal)`: the resident pressed its button. It answers with the URL of an
  identity provider to send the resident to (BankID or Freja through OIDC), with `ProveByMail`
  when a one-time link mailed to an address proves the identity (the e-mail verifier; the app
  stores and mails the link), or with None when its form is invalid;
- `callback(request, proposal)`: where the resident comes back from the identity provider
  (`/e-forslag/<id>/rosta/<key>/`); it returns the `VerifiedIdentity` or raises
  `VerificationFailed` with a Swedish message.

An e-ID verifier is therefore one class and one more line in the setting.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.resident_input import ResidentEmailField, ResidentForm
from identity import resident

from .canonical import canonical_email, mail_domain, voter_hash
from .models import BlockedDomain, ProposalSettings, VoteWays

DEFAULT_VERIFIERS = ["proposals.identity.EmailVerifier", "proposals.identity.EidVerifier"]


class VerificationFailed(Exception):
    """The identity could not be proven; the message is for the resident, in Swedish."""


@dataclass(frozen=True)
class VerifiedIdentity:
    verifier: str  # the verifier's key
    subject: str  # the verifier's stable id for the person; only its keyed hash is stored
    notify_email: str = ""  # where to send news of the proposal, only if the voter asked
    mail_domain: str = ""
    email_hash: str = ""  # an e-ID voter's address as a mailed vote's voter hash

    @property
    def voter_hash(self):
        return voter_hash(self.verifier, self.subject)


@dataclass(frozen=True)
class ProveByMail:
    """`begin`'s answer when a one-time link mailed to `address` proves `identity`."""

    address: str
    identity: VerifiedIdentity


class Verifier(ABC):
    key = ""  # in URLs and on the stored vote; letters only
    label = ""  # the button, in Swedish
    verified_by = ""  # how the person was verified, for the page that says so
    template_name = "proposals/verifiers/button.html"

    @classmethod
    def available(cls):
        """Whether this way can be offered at all (its provider is configured)."""
        return True

    def get_form(self, data=None):
        return None

    @abstractmethod
    def begin(self, request, proposal):
        """Start verifying: a URL to redirect to, a ProveByMail, or None (invalid form)."""

    def callback(self, request, proposal):
        """The voter returns from the identity provider: their VerifiedIdentity."""
        raise VerificationFailed(gettext("Inloggningen kunde inte slutföras. Försök igen."))


class VoteEmailForm(ResidentForm):
    email = ResidentEmailField(
        label=_("Din e-postadress"),
        max_length=254,
        help_text=_("Vi skickar en länk som du använder för att bekräfta din röst."),
        validators=[BlockedDomain.refuse],
    )
    notify = forms.BooleanField(
        label=_("Meddela mig när förslaget får ett beslut"),
        required=False,
        help_text=_("Då sparar vi din adress tills förslaget är besvarat, sedan raderas den."),
    )


class EmailVerifier(Verifier):
    """Whoever can open a link mailed to an address is that address's owner."""

    key = "epost"
    label = _("Rösta med e-post")
    verified_by = _("Den är verifierad med e-post.")
    template_name = "proposals/verifiers/email.html"

    def get_form(self, data=None):
        return VoteEmailForm(data, prefix="epost")

    def begin(self, request, proposal):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return None
        email, notify = form.cleaned_data["email"], form.cleaned_data["notify"]
        identity = VerifiedIdentity(
            verifier=self.key,
            subject=canonical_email(email),
            notify_email=email if notify else "",
            mail_domain=mail_domain(email),
        )
        return ProveByMail(address=email, identity=identity)


class VoteEidForm(ResidentForm):
    """In "both" mode the e-ID voter also gives their address: a mailed vote from it is then
    recognised as the same person's (Proposal.record_eid_vote)."""

    email = ResidentEmailField(
        label=_("Din e-postadress"),
        max_length=254,
        help_text=_(
            "Om du redan har röstat med e-post räknas din röst bara en gång. Vi sparar inte "
            "adressen om du inte vill ha besked."
        ),
        validators=[BlockedDomain.refuse],
    )
    notify = forms.BooleanField(
        label=_("Meddela mig när förslaget får ett beslut"),
        required=False,
        help_text=_("Då sparar vi din adress tills förslaget är besvarat, sedan raderas den."),
    )

    def __init__(self, *args, email_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = email_required
        if not email_required:
            self.fields["email"].help_text = _("Behövs bara om du vill ha besked.")

    def clean(self):
        data = super().clean()
        if data.get("notify") and not data.get("email"):
            self.add_error("email", _("Skriv din e-postadress om du vill ha besked."))
        return data


class EidVerifier(Verifier):
    """The person signs the vote with e-legitimation at the municipality's e-ID broker
    (identity/resident.py): BankID, Freja or Sweden Connect through OpenID Connect."""

    key = "e-legitimation"
    label = _("Rösta med e-legitimation")
    verified_by = _("Den är verifierad med e-legitimation.")
    template_name = "proposals/verifiers/eid.html"

    @classmethod
    def available(cls):
        return resident.offered()

    def get_form(self, data=None):
        both = ProposalSettings.current().vote_ways == VoteWays.BOTH
        return VoteEidForm(data, prefix="eid", email_required=both)

    def _pending(self, proposal):
        return f"proposals.eid.{proposal.pk}"

    def begin(self, request, proposal):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return None
        email, notify = form.cleaned_data["email"], form.cleaned_data["notify"]
        # Until the resident is back: the address only as a mailed vote's hash, and itself
        # only if they asked for news.
        request.session[self._pending(proposal)] = {
            "email_hash": voter_hash(EmailVerifier.key, canonical_email(email)) if email else "",
            "notify_email": email if notify else "",
            "mail_domain": mail_domain(email) if email else "",
        }
        return resident.begin(
            request,
            purpose=f"vote:{proposal.pk}",
            return_to=reverse("proposals:vote_callback", args=[proposal.pk, self.key]),
        )

    def callback(self, request, proposal):
        """Raises SignInFailed (the identity page renders it) when the sign-in failed."""
        # What the form gave is used once, whether the sign-in succeeds or not.
        pending = request.session.pop(self._pending(proposal), None) or {}
        person = resident.complete(
            request, purpose=f"vote:{proposal.pk}", way_back=proposal.get_absolute_url()
        )
        return VerifiedIdentity(
            verifier=self.key,
            subject=person.subject_hash,
            notify_email=pending.get("notify_email", ""),
            mail_domain=pending.get("mail_domain", ""),
            email_hash=pending.get("email_hash", ""),
        )


WAYS = {VoteWays.EMAIL: {EmailVerifier.key}, VoteWays.EID: {EidVerifier.key}}


def configured_verifiers():
    """The verifier classes the deployment lists (PROPOSAL_VOTE_VERIFIERS)."""
    paths = getattr(settings, "PROPOSAL_VOTE_VERIFIERS", DEFAULT_VERIFIERS)
    return [import_string(path) for path in paths]


def verifiers():
    """The ways to vote offered now: those listed, allowed by the site setting, available."""
    allowed = WAYS.get(ProposalSettings.current().vote_ways)
    return [
        cls()
        for cls in configured_verifiers()
        if cls.available() and (allowed is None or cls.key in allowed)
    ]


def is_configured(key):
    """A verifier of `key` is listed, whatever the site setting offers today: a link mailed
    while e-mail was offered keeps its word after a switch to e-ID only, and the mailed vote's
    hot path reads no settings row."""
    return any(cls.key == key for cls in configured_verifiers())


def get_verifier(key):
    for verifier in verifiers():
        if verifier.key == key:
            return verifier
    return None
