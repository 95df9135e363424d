"""Password and PIN hashing with Argon2id (parameters at or above the OWASP minimum), and keyed
digests of short secrets that must be looked up (check-in PINs, card codes)."""

from __future__ import annotations

import functools
import hashlib
import hmac
import os

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.low_level import Type

# OWASP Password Storage Cheat Sheet minimum for Argon2id: m=19 MiB, t=2, p=1.
ARGON2_TIME_COST = 2
ARGON2_MEMORY_COST_KIB = 19456
ARGON2_PARALLELISM = 1

_hasher = PasswordHasher(
    time_cost=ARGON2_TIME_COST,
    memory_cost=ARGON2_MEMORY_COST_KIB,
    parallelism=ARGON2_PARALLELISM,
    hash_len=32,
    salt_len=16,
    type=Type.ID,
)


def hash_password(password: str) -> str:
    """Return an encoded Argon2id hash (`$argon2id$v=19$m=19456,t=2,p=1$...`)."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when `password` matches; a malformed hash is a mismatch, never an exception."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than the current ones."""
    return _hasher.check_needs_rehash(password_hash)


# The portal's secret key ("pepper") for lookup digests. It lives outside the database, so a
# copy of the database alone does not reveal a 4-digit PIN. Changing it makes every stored
# check-in PIN and card code unusable (they are set again at the front desk).
SECRET_KEY_ENV = "PORTAL_SECRET_KEY"
# Used when PORTAL_SECRET_KEY is not set: fine for the demo and tests, not for production.
DEVELOPMENT_SECRET_KEY = "lobby-kiosk-development-secret-key"


def configured_secret_key() -> str:
    """PORTAL_SECRET_KEY, or "" when it is not set (`python -m portal` then refuses to start
    outside demo mode)."""
    return os.environ.get(SECRET_KEY_ENV, "").strip()


@functools.cache
def _secret_key() -> bytes:
    return (configured_secret_key() or DEVELOPMENT_SECRET_KEY).encode()


def lookup_digest(purpose: str, organisation_id: int, value: str) -> str:
    """HMAC-SHA256 (hex) of a short secret under the portal's secret key: the same value gives
    the same digest (so it can be found with an index), and a short value cannot be guessed
    from the digest without the key. `purpose` keeps a PIN and a card code apart."""
    message = f"{purpose}:{organisation_id}:{value}".encode("utf-8", "surrogatepass")
    return hmac.new(_secret_key(), message, hashlib.sha256).hexdigest()
