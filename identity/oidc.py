"""The two OpenID Connect registrations, each configured from the environment alone.

`resident`: the municipality's e-ID broker (BankID, Freja, Sweden Connect); `staff`: its own
provider (Entra ID, ADFS, Keycloak). Authlib's Django client does discovery, `state`, `nonce`,
PKCE (S256) and checks the ID token's signature, `iss`, `aud`, `exp` and `nonce`.
"""

import functools

from authlib.integrations.django_client import OAuth
from django.conf import settings

REGISTRATIONS = ("resident", "staff")


def config(name):
    return getattr(settings, f"IDENTITY_{name.upper()}", {}) or {}


def configured(name):
    """Whether the municipality has this provider; without it its buttons are not shown."""
    conf = config(name)
    return bool(conf.get("ISSUER") and conf.get("CLIENT_ID"))


def client(name):
    conf = config(name)
    return _client(
        name,
        conf["ISSUER"].rstrip("/"),
        conf["CLIENT_ID"],
        conf.get("CLIENT_SECRET", ""),
        conf.get("SCOPES", "openid"),
    )


@functools.lru_cache(maxsize=8)
def _client(name, issuer, client_id, client_secret, scopes):
    # One client per configuration: it keeps the provider's discovery document and keys.
    oauth = OAuth()
    return oauth.register(
        name=name,
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": scopes, "code_challenge_method": "S256", "timeout": 10},
    )
