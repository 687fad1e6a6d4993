"""Who is a voter: the canonical form of an e-mail address and its keyed hash.

Like alphagov/e-petitions' Signature#normalized_email: one person, one vote, whatever the
spelling. Only the keyed hash is kept for uniqueness, so the table of votes does not reveal
who voted even to someone who reads the database (the key is derived from SECRET_KEY).
"""

import ipaddress
import re
import unicodedata

from django.utils.crypto import salted_hmac

# Providers that deliver mail for "j.doe" and "jdoe" to the same inbox.
DOTLESS_DOMAINS = {"gmail.com"}
DOMAIN_ALIASES = {"googlemail.com": "gmail.com"}
_QUOTED_PAIR = re.compile(r"\\(.)")


def canonical_email(address):
    """One spelling per mailbox: lowercase, NFC, no surrounding space, no quotes around a
    local part, the domain in Unicode (punycode decoded), no +tag, no dots where the provider
    ignores them.

    Addresses that were canonical before quotes, IDNA and normal forms were handled come out
    unchanged, so the voter hashes already stored keep matching.
    """
    address = unicodedata.normalize("NFC", (address or "").strip()).lower()
    local, _, domain = address.rpartition("@")
    local = _unquoted(local)
    domain = canonical_domain(domain)
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        local = local.replace(".", "")
    return f"{local}@{domain}"


def _unquoted(local):
    """`"anna.x"` is the same local part as `anna.x` (RFC 5321 4.1.2): drop the quotes and
    the backslashes that escape inside them."""
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        return _QUOTED_PAIR.sub(r"\1", local[1:-1])
    return local


def canonical_domain(domain):
    """A domain once, however it was written: each punycode label (`xn--...`) decoded, then
    NFC and lowercase, without a trailing dot."""
    labels = []
    for label in unicodedata.normalize("NFC", domain.strip()).lower().rstrip(".").split("."):
        if label.startswith("xn--"):
            label = _from_punycode(label)
        labels.append(unicodedata.normalize("NFC", label).lower())
    domain = ".".join(labels)
    return DOMAIN_ALIASES.get(domain, domain)


def _from_punycode(label):
    """The Unicode of an A-label, or the label as it was when it is not one (an A-label
    decodes to non-ASCII and encodes back to itself)."""
    encoded = label[4:]
    try:
        decoded = encoded.encode("ascii").decode("punycode")
        if not decoded.isascii() and decoded.encode("punycode").decode("ascii") == encoded:
            return decoded
    except (UnicodeError, ValueError):
        pass
    return label


def mail_domain(address):
    return canonical_domain((address or "").strip().rpartition("@")[2])


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
