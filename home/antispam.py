"""Spam protection without third parties: a honeypot, ALTCHA proof-of-work, and a rate limit.

Every public form that takes text from anyone (feedback, award nominations) subclasses
`ProtectedForm`, which carries the hidden fields and their checks.

The ALTCHA challenge (the `altcha` library's v1 scheme: find n with sha256(salt + n) = challenge)
is created here, signed with an HMAC key derived from SECRET_KEY, and tied to the form's one-time
key, so a solved challenge cannot be replayed on another form. The solver is our own small script
(site/static/js/protected-form.js, crypto.subtle), served from our own origin.

Without JavaScript no proof can be computed, so a form without a proof is accepted and guarded
by the honeypot and the per-client rate limit only; a proof that is present must be valid.

A form on a page that a shared cache may hold (a guarantee) is rendered `cacheable`: without
key and challenge, which our script (site/static/js/protected-form.js) fetches from a small
no-store endpoint (`fresh_parts()`), so no two residents ever share a key. Without JavaScript
such a form arrives without a key: it is shown again, filled in and with a key of its own,
and the resident sends it once more (docs/caching.md).
"""

import base64
import datetime
import functools
import hashlib
import hmac
import json
import re
import secrets

from altcha import create_challenge_v1, extract_params_v1, verify_solution_v1
from django import forms
from django.conf import settings
from django.http import HttpResponseForbidden
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

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
        data = json.loads(base64.b64decode(payload).decode())
        return extract_params_v1(data).get("form") == [form_key]
    except (ValueError, TypeError, AttributeError):
        return False


FORM_KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def new_form_key():
    """A one-time key: random, kept nowhere until the form that carries it is stored."""
    return secrets.token_urlsafe(24)


def fresh_parts():
    """What a cached form lacks: its own one-time key and a spam challenge bound to it."""
    key = new_form_key()
    return {"key": key, "challenge": json.loads(challenge_json(key))}


class ProtectedForm(ResidentForm):
    """A public form with a honeypot, a one-time key and an optional ALTCHA proof.

    The one-time key also guards against double submits: what the form stores keeps it, and
    a copy sent again (a double click, Back and send) is shown the first copy's receipt.
    Its messages are the house's (`ResidentForm`).
    """

    website = forms.CharField(label=_("Lämna detta fält tomt"), required=False, max_length=200)
    form_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    altcha = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def __init__(self, *args, cacheable=False, **kwargs):
        super().__init__(*args, **kwargs)
        # A cacheable form carries nothing of one request: its script fetches key and challenge.
        self.cacheable = cacheable and not self.is_bound
        self.key_was_missing = False
        if self.is_bound and not self.data.get("form_key"):
            # Sent without a key (no JavaScript on a cached page): the form comes back filled
            # in with a key of its own, so that sending it again is guarded against doubles.
            self.data = self.data.copy()
            self.data["form_key"] = new_form_key()
            self.key_was_missing = True
        elif not self.is_bound and not self.cacheable and not self.initial.get("form_key"):
            self.initial["form_key"] = new_form_key()

    @property
    def challenge(self):
        if self.cacheable:
            return ""
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
        if self.key_was_missing:
            raise forms.ValidationError(
                _("Kontrollera dina uppgifter och tryck på Skicka en gång till."),
                code="confirm",
            )
        payload = data.get("altcha")
        if payload and not proof_is_valid(payload, data.get("form_key", "")):
            raise forms.ValidationError(
                _("Formuläret kunde inte kontrolleras. Ladda om sidan och försök igen.")
            )
        return data


def is_same_origin_post(request):
    """True unless the browser says the POST comes from another site.

    Browsers send Sec-Fetch-Site and Origin with every form POST; a client that sends neither
    is no browser a forger could use (docs/caching.md)."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if origin == f"{request.scheme}://{request.get_host()}":
        return True
    return origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", [])


def anonymous_form(view):
    """For residents' forms that act on nothing but what is typed into them (no session, no
    account): Django's CSRF token is replaced by the browser's own origin headers, so that the
    page holding the form can be cached for everyone. The threat analysis: docs/caching.md."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and not is_same_origin_post(request):
            return HttpResponseForbidden(
                render_to_string("403_csrf.html", request=request),
            )
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)
