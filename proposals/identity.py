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
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.resident_input import ResidentEmailField, ResidentForm

from .canonical import canonical_email, mail_domain, voter_hash
from .models import BlockedDomain

DEFAULT_VERIFIERS = ["proposals.identity.EmailVerifier"]


class VerificationFailed(Exception):
    """The identity could not be proven; the message is for the resident, in Swedish."""


@dataclass(frozen=True)
class VerifiedIdentity:
    verifier: str  # the verifier's key
    subject: str  # the verifier's stable id for the person; only its keyed hash is stored
    notify_email: str = ""  # where to send news of the proposal, only if the voter asked
    mail_domain: str = ""

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
    template_name = "proposals/verifiers/button.html"

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


def verifiers():
    paths = getattr(settings, "PROPOSAL_VOTE_VERIFIERS", DEFAULT_VERIFIERS)
    return [import_string(path)() for path in paths]


def get_verifier(key):
    for verifier in verifiers():
        if verifier.key == key:
            return verifier
    return None
