"""Residents sign an act (a vote, a proposal, a nomination) with e-legitimation.

They do not log in: `begin` sends them to the e-ID broker, the broker sends them back to
`identity:resident_return`, which hands the answer to the page that asked (`return_to`), and
that page calls `complete`, which answers who they are. The personal identity number exists
only inside `complete`: it is hashed there and never stored, logged, cached or put in a
session.
"""

import logging
import re
import time
from dataclasses import dataclass

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from django.conf import settings
from django.urls import reverse
from django.utils.crypto import salted_hmac
from joserfc.errors import JoseError

from home.resident_input import absolute_url

from . import errors, oidc
from .errors import SignInFailed

logger = logging.getLogger(__name__)

PENDING = "identity.resident"  # in the session: state -> what the sign-in is for
KEEP_PENDING = 5  # sign-ins started and not finished, per session
SUBJECT_SALT = "identity.resident.subject"


@dataclass(frozen=True)
class ResidentIdentity:
    subject_hash: str  # keyed hash of the personal identity number
    assurance: str  # the level of assurance (`acr`) the sign-in met
    display_name: str  # the name the provider gave; the resident chooses what is shown


def offered():
    return oidc.configured("resident")


def accepted_levels():
    return oidc.config("resident").get("ACR", "").split()


def subject_hash(personal_number):
    """HMAC-SHA256 of a personal identity number (its 12 digits) under IDENTITY_HASH_KEY,
    derived from SECRET_KEY when unset: the same key discipline as voters' e-mail hashes."""
    digits = re.sub(r"\D", "", personal_number)
    if len(digits) == 10:  # the short form; a broker sends 12 digits, a few send 10
        digits = ("19" if int(digits[:2]) > int(time.strftime("%y")) else "20") + digits
    key = settings.IDENTITY_HASH_KEY or None
    return salted_hmac(SUBJECT_SALT, digits, secret=key, algorithm="sha256").hexdigest()


def begin(request, purpose, return_to):
    """The URL of the broker's sign-in for `purpose`; the answer goes to `return_to`."""
    client = oidc.client("resident")
    redirect_uri = absolute_url(reverse("identity:resident_return"))
    # Each act is signed anew: the broker asks again even if it remembers the person.
    extra = {"prompt": "login"}
    if accepted_levels():
        extra["acr_values"] = " ".join(accepted_levels())
    try:
        step = client.create_authorization_url(redirect_uri, **extra)
    except (requests.RequestException, ValueError) as error:
        logger.warning("e-ID broker unavailable at begin: %s", type(error).__name__)
        raise SignInFailed(errors.UNAVAILABLE, status=503, reason="unavailable") from error
    client.save_authorize_data(request, redirect_uri=redirect_uri, **step)
    pending = dict(request.session.get(PENDING, {}))
    while len(pending) >= KEEP_PENDING:
        pending.pop(min(pending, key=lambda state: pending[state]["started"]))
    pending[step["state"]] = {"purpose": purpose, "return_to": return_to, "started": time.time()}
    request.session[PENDING] = pending
    return step["url"]


def return_to(request):
    """Where the broker's answer (its `state`) is awaited, or None for an unknown state."""
    pending = request.session.get(PENDING, {}).get(request.GET.get("state", ""))
    return pending["return_to"] if pending else None


def complete(request, purpose, way_back):
    """The resident is back from the broker: who they are, or SignInFailed.

    `way_back` is the page where they may try again. Every answer is checked before anything
    is returned: the state is this session's and this purpose's, the sign-in is fresh, the code
    is exchanged once with PKCE, the ID token is valid for us, and the level of assurance is
    the one required.
    """
    state = request.GET.get("state", "")
    pending = dict(request.session.get(PENDING, {}))
    started = pending.pop(state, None)
    request.session[PENDING] = pending
    if started is None or started["purpose"] != purpose:
        raise _failed(errors.WRONG_STATE, way_back, "state")
    error = request.GET.get("error")
    if error:
        oidc.client("resident").framework.clear_state_data(request.session, state)
        message = errors.CANCELLED if error == "access_denied" else errors.REFUSED
        raise _failed(message, way_back, f"provider:{error[:40]}")
    if time.time() - started["started"] > settings.IDENTITY_SIGN_IN_SECONDS:
        oidc.client("resident").framework.clear_state_data(request.session, state)
        raise _failed(errors.TIMED_OUT, way_back, "timeout")
    claims = _claims(request, way_back)
    levels = accepted_levels()
    if levels and claims.get("acr") not in levels:
        raise _failed(errors.ASSURANCE_TOO_LOW, way_back, "acr", status=403)
    number = str(claims.get(oidc.config("resident").get("ID_CLAIM", "")) or "")
    if not re.fullmatch(r"\d{6}(\d{2})?[-+]?\d{4}", number):
        raise _failed(errors.NO_IDENTITY_NUMBER, way_back, "no-number")
    name = str(claims.get(oidc.config("resident").get("NAME_CLAIM", "name")) or "")[:200]
    return ResidentIdentity(
        subject_hash=subject_hash(number), assurance=claims["acr"] or "", display_name=name
    )


def _claims(request, way_back):
    """The ID token's claims, with the UserInfo endpoint's where the token has not all."""
    client = oidc.client("resident")
    try:
        token = client.authorize_access_token(request)
        claims = dict(token.get("userinfo") or {})
        if not claims:
            raise _failed(errors.TOKEN_INVALID, way_back, "no-id-token")
        if oidc.config("resident").get("ID_CLAIM") not in claims:
            info = client.userinfo(token=token)
            if info.get("sub") != claims.get("sub"):
                raise _failed(errors.TOKEN_INVALID, way_back, "userinfo-sub")
            claims = {**info, **claims}
        return claims
    except MismatchingStateError as error:
        raise _failed(errors.WRONG_STATE, way_back, "state") from error
    except OAuthError as error:
        message = errors.WRONG_STATE if error.error == "invalid_grant" else errors.REFUSED
        raise _failed(message, way_back, f"token:{error.error}") from error
    except JoseError as error:
        raise _failed(errors.TOKEN_INVALID, way_back, f"id-token:{error.error}") from error
    except requests.RequestException as error:
        raise _failed(errors.UNAVAILABLE, way_back, "unavailable", status=503) from error


def _failed(message, way_back, reason, status=400):
    logger.warning("resident sign-in failed: %s", reason)
    return SignInFailed(message, return_to=way_back, status=status, reason=reason)
