"""Spam protection without third parties: a honeypot, ALTCHA proof-of-work, and a rate limit.

Every public form that takes text from anyone (feedback, award nominations) subclasses
`ProtectedForm`, which carries the hidden fields and their checks.

The ALTCHA challenge (the `altcha` library's v1 scheme: find n with sha256(salt + n) = challenge)
is created here, signed with an HMAC key derived from SECRET_KEY, and tied to the form's one-time
key, so a solved challenge cannot be replayed on another form. The solver is our own small script
(feedback/static/feedback/altcha-solver.js, crypto.subtle), served from our own origin.

Without JavaScript no proof can be computed, so a form without a proof is accepted and guarded
by the honeypot and the per-client rate limit only; a proof that is present must be valid.
"""

import datetime
import hashlib
import hmac
import json
import re
import secrets

from altcha import create_challenge_v1, extract_params_v1, verify_solution_v1
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .resident_input import ResidentForm

CHALLENGE_MAX_NUMBER = 20_000
CHALLENGE_LIFETIME = datetime.timedelta(hours=2)


def hmac_key():
    return hmac.new(
        settings.SECRET_KEY.encode(), b"feedback-altcha-challenge", hashlib.sha256
    ).hexdigest()


def challenge_json(form_key):
    challenge = create_challenge_v1(
        hmac_key=hmac_key(),
        max_number=CHALLENGE_MAX_NUMBER,
        expires=timezone.now() + CHALLENGE_LIFETIME,
        params={"form": form_key},
    )
    return json.dumps(challenge.to_dict())


def proof_is_valid(payload, form_key):
    """True when `payload` (base64 JSON from the solver) solves a challenge for this form."""
    if not payload or len(payload) > 2000:
        return False
    try:
        ok, _error = verify_solution_v1(payload, hmac_key(), check_expires=True)
    except (ValueError, TypeError, KeyError, AttributeError):
        return False
    if not ok:
        return False
    try:
        import base64

        data = json.loads(base64.b64decode(payload).decode())
        return extract_params_v1(data).get("form") == [form_key]
    except (ValueError, TypeError, AttributeError):
        return False


FORM_KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class ProtectedForm(ResidentForm):
    """A public form with a honeypot, a one-time key and an optional ALTCHA proof.

    The one-time key also guards against double submits: what the form stores keeps it, and
    a copy sent again (a double click, Back and send) is shown the first copy's receipt.
    Its messages are the house's (`ResidentForm`).
    """

    website = forms.CharField(label=_("Lämna detta fält tomt"), required=False, max_length=200)
    form_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    altcha = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("form_key"):
            self.initial["form_key"] = secrets.token_urlsafe(24)

    @property
    def challenge(self):
        return challenge_json(self["form_key"].value() or "")

    def clean_form_key(self):
        key = self.cleaned_data["form_key"]
        if not FORM_KEY_PATTERN.match(key):
            raise forms.ValidationError(
                _("Formuläret har gått ut. Ladda om sidan och försök igen.")
            )
        return key

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Formuläret kunde inte skickas."))
        return ""

    def clean(self):
        data = super().clean()
        payload = data.get("altcha")
        if payload and not proof_is_valid(payload, data.get("form_key", "")):
            raise forms.ValidationError(
                _("Formuläret kunde inte kontrolleras. Ladda om sidan och försök igen.")
            )
        return data
