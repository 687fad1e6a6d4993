"""How a voter proves who they are. Pluggable, so that e-ID can join e-mail.

The voting code knows only this interface. `PROPOSAL_VOTE_VERIFIERS` lists dotted paths of
Verifier classes; each is offered on an open proposal's page. A verifier:

- renders its part of the vote form (`template_name`, given `form` from `get_form`);
- `begin(request, proposal)`: starts verification after the resident pressed its button.
  The e-mail verifier mails a confirmation link; an e-ID verifier (BankID or Freja through
  OIDC) would redirect to the identity provider;
- `callback(request, proposal)`: where the resident comes back (the mailed link, or the OIDC
  redirect URI `/e-forslag/<id>/rosta/<key>/`). When the identity is proven it calls
  `self.complete(...)`, which records the vote through `Proposal.record_vote`.

An e-ID verifier is therefore one more class and one more line in the setting; the voting code
and URLs stay as they are.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.resident_input import ResidentEmailField, absolute_url
from outbox.mail import queue_mail

from .canonical import canonical_email, mail_domain, source_network, voter_hash
from .models import BlockedDomain, Confirmation, Proposal, TokenError, VotingClosed

DEFAULT_VERIFIERS = ["proposals.identity.EmailVerifier"]


@dataclass(frozen=True)
class VoteOutcome:
    counted: bool
    message: str


class Verifier(ABC):
    key = ""  # in URLs and on the stored vote; letters only
    label = ""  # the button, in Swedish
    template_name = "proposals/verifiers/button.html"

    def get_form(self, data=None):
        return None

    @abstractmethod
    def begin(self, request, proposal):
        """Start verifying a voter: answer the form post (send a mail, redirect to e-ID)."""

    @abstractmethod
    def callback(self, request, proposal):
        """The voter returns verified (a mailed link, an OIDC redirect): count the vote."""

    def callback_url(self, proposal):
        return reverse("proposals:vote_callback", args=[proposal.pk, self.key])

    def complete(self, request, proposal, subject, *, notify=False, email="", domain=""):
        """Count a vote for a proven identity. `subject` is the verifier's stable id for the
        person (a canonical e-mail address, a personal identity number ...); only its keyed
        hash is stored."""
        return self.record(
            proposal,
            voter_hash(self.key, subject),
            notify=notify,
            email=email,
            network=source_network(request.META.get("REMOTE_ADDR")),
            domain=domain,
        )

    def record(self, proposal, hashed, *, notify, email, network, domain):
        try:
            vote = Proposal.record_vote(
                proposal.pk,
                hashed,
                verifier=self.key,
                notify=notify,
                email=email,
                network=network,
                domain=domain,
            )
        except VotingClosed:
            return VoteOutcome(False, gettext("Röstningen är avslutad. Din röst räknades inte."))
        if vote is None:
            return VoteOutcome(False, gettext("Du har redan röstat på det här förslaget."))
        return VoteOutcome(True, gettext("Tack! Din röst är registrerad."))

    def render_outcome(self, request, proposal, outcome):
        return render(
            request,
            "proposals/vote_done.html",
            {"proposal": proposal, "outcome": outcome},
            status=200 if outcome.counted else 409,
        )


class VoteEmailForm(forms.Form):
    email = ResidentEmailField(
        label=_("Din e-postadress"),
        max_length=254,
        help_text=_("Vi skickar en länk som du använder för att bekräfta din röst."),
    )
    notify = forms.BooleanField(
        label=_("Meddela mig när förslaget får ett beslut"),
        required=False,
        help_text=_("Då sparar vi din adress tills förslaget är besvarat, sedan raderas den."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        if BlockedDomain.blocks(email):
            raise forms.ValidationError(
                gettext("Adresser från den här e-posttjänsten kan inte användas. Ange en annan.")
            )
        return email


class EmailVerifier(Verifier):
    key = "epost"
    label = _("Rösta med e-post")
    template_name = "proposals/verifiers/email.html"

    def get_form(self, data=None):
        return VoteEmailForm(data, prefix="epost")

    def begin(self, request, proposal):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return None  # the proposal page shows the form again with its errors
        email = form.cleaned_data["email"]
        notify = form.cleaned_data["notify"]
        with transaction.atomic():
            _confirmation, token = Confirmation.issue(
                Confirmation.Kind.VOTE,
                proposal,
                voter_hash=voter_hash(self.key, canonical_email(email)),
                verifier=self.key,
                notify=notify,
                email=email if notify else "",
                network=source_network(request.META.get("REMOTE_ADDR")),
                mail_domain=mail_domain(email),
            )
            queue_mail(
                email,
                gettext("Bekräfta din röst på e-förslaget"),
                "proposals/mail/confirm_vote.txt",
                {
                    "proposal": proposal,
                    "link": absolute_url(self.callback_url(proposal) + "?t=" + token),
                },
            )
        return redirect(reverse("proposals:vote_sent", args=[proposal.pk]))

    def callback(self, request, proposal):
        token = request.GET.get("t", "")
        if request.method != "POST":
            # A GET only shows the button: mail scanners follow links (e-petitions #1661).
            try:
                Confirmation.verify(Confirmation.Kind.VOTE, token, proposal.pk)
            except TokenError as error:
                return render_token_error(request, proposal, str(error))
            return render(
                request, "proposals/confirm_vote.html", {"proposal": proposal, "token": token}
            )
        with transaction.atomic():
            try:
                confirmation = Confirmation.redeem(Confirmation.Kind.VOTE, token, proposal.pk)
            except TokenError as error:
                return render_token_error(request, proposal, str(error))
            outcome = self.record(
                proposal,
                confirmation.voter_hash,
                notify=confirmation.notify,
                email=confirmation.email,
                network=confirmation.network,
                domain=confirmation.mail_domain,
            )
        return self.render_outcome(request, proposal, outcome)


def render_token_error(request, proposal, message):
    return render(
        request,
        "proposals/token_error.html",
        {"proposal": proposal, "message": message},
        status=400,
    )


def verifiers():
    paths = getattr(settings, "PROPOSAL_VOTE_VERIFIERS", DEFAULT_VERIFIERS)
    return [import_string(path)() for path in paths]


def get_verifier(key):
    for verifier in verifiers():
        if verifier.key == key:
            return verifier
    return None
