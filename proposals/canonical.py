"""Who is a voter: the canonical form of an e-mail address and its keyed hash.

Like alphagov/e-petitions' Signature#normalized_email: one person, one vote, whatever the
spelling. Only the keyed hash is kept for uniqueness, so the table of votes does not reveal
who voted even to someone who reads the database (the key is derived from SECRET_KEY).
"""

import ipaddress

from django.utils.crypto import salted_hmac

# Providers that deliver mail for "j.doe" and "jdoe" to the same inbox.
DOTLESS_DOMAINS = {"gmail.com"}
DOMAIN_ALIASES = {"googlemail.com": "gmail.com"}


def canonical_email(address):
    """Lowercase, no surrounding space, no +tag, no dots where the provider ignores them."""
    address = (address or "").strip().lower()
    local, _, domain = address.rpartition("@")
    domain = DOMAIN_ALIASES.get(domain, domain)
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        local = local.replace(".", "")
    return f"{local}@{domain}"


def mail_domain(address):
    domain = (address or "").strip().lower().rpartition("@")[2]
    return DOMAIN_ALIASES.get(domain, domain)


# Frozen: the app lived at feedback/proposals/ when the first hashes were stored. Changing
# this salt would let everyone who already voted vote again.
VOTER_HASH_SALT = "feedback.proposals.voter"


def voter_hash(kind, subject):
    """HMAC-SHA256 of an identity, keyed by a key derived from SECRET_KEY.

    `kind` names the verifier ("email", "bankid" ...), so identities from different
    verifiers never collide by accident.
    """
    return salted_hmac(VOTER_HASH_SALT, f"{kind}:{subject}", algorithm="sha256").hexdigest()


def source_network(ip):
    """The /24 (IPv4) or /48 (IPv6) network of a client; the full address is never stored."""
    try:
        address = ipaddress.ip_address((ip or "").strip())
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))
