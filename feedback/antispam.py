"""Spam protection without third parties: a honeypot, ALTCHA proof-of-work, and a rate limit.

The ALTCHA challenge (the `altcha` library's v1 scheme: find n with sha256(salt + n) = challenge)
is created here, signed with an HMAC key derived from SECRET_KEY, and tied to the form's one-time
key, so a solved challenge cannot be replayed on another form. The solver is our own small script
(static/feedback/altcha-solver.js, crypto.subtle), served from our own origin.

Without JavaScript no proof can be computed, so a form without a proof is accepted and guarded
by the honeypot and the per-client rate limit only; a proof that is present must be valid.
"""

import datetime
import hashlib
import hmac
import json

from altcha import create_challenge_v1, extract_params_v1, verify_solution_v1
from django.conf import settings
from django.utils import timezone

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
