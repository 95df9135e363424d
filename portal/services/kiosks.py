"""Enrolled kiosks: pairing codes, device credentials, the list staff manage (issue #17).

A kiosk is enrolled once by staff: the portal issues a short-lived, single-use pairing code (from
the staff panel of an enrolled kiosk, or `python -m portal enroll-kiosk` for the first one); the
kiosk trades it for a device credential, keeps it in its data directory and sends it on every
call (`X-Kiosk-Credential`). Kiosk-only calls (staff PIN sign-in, self check-in) need one, and
their throttles count per enrolled kiosk, which a caller cannot make up.

The credential is 256 random bits; only its SHA-256 is stored (like a bearer token). A pairing
code is 12 characters from a 30-letter alphabet (about 59 bits) that lives 15 minutes: not worth
guessing. It is stored as a keyed digest (portal.core.security.lookup_digest).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.core.security import lookup_digest
from portal.models import Kiosk, KioskPairingCode, Location, Organisation, as_utc, utcnow
from portal.services.errors import FieldError, FormError, NotFound, Unauthorized

PAIRING_TTL = timedelta(minutes=15)
# No 0/O, 1/I/L or U: a code is read off one screen and typed on another.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
CODE_LENGTH = 12
MAX_NAME = 100
# Writing "last seen" on every call would make every read a write; once a minute is enough.
SEEN_EVERY = timedelta(minutes=1)
CREDENTIAL_PREFIX = "kc_"

NOT_ENROLLED = "This kiosk is not enrolled. Please ask staff to enroll it with a pairing code."
WRONG_CODE = "That pairing code is not right or has expired. Please ask staff for a new one."
NAME_MISSING = "Please give the kiosk a name."
NAME_TOO_LONG = f"Please use at most {MAX_NAME} characters."
KIOSK_NOT_FOUND = "We could not find that kiosk."
UNKNOWN_LOCATION = "We could not find that location."


class KioskNotEnrolled(Unauthorized):
    """401 on a kiosk-only call without a valid, unrevoked device credential."""

    def __init__(self) -> None:
        super().__init__(NOT_ENROLLED)


@dataclass(frozen=True)
class PairingCode:
    code: str
    expires_at: datetime


@dataclass(frozen=True)
class Enrolled:
    kiosk: Kiosk
    credential: str


def _digest(code: str, organisation_id: int) -> str:
    return lookup_digest("kiosk-pairing", organisation_id, code)


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def credential_hash(credential: str) -> str:
    return hashlib.sha256(credential.encode("utf-8", "surrogatepass")).hexdigest()


def new_pairing_code(
    session: Session,
    organisation: Organisation,
    *,
    location_id: int | None,
    created_by: str,
    now: datetime | None = None,
) -> PairingCode:
    """A fresh single-use code (the caller commits); shown as XXXX-XXXX-XXXX."""
    now = now or utcnow()
    if location_id is not None:
        location = session.get(Location, location_id)
        if location is None or location.organisation_id != organisation.id:
            raise NotFound(UNKNOWN_LOCATION)
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    row = KioskPairingCode(
        organisation_id=organisation.id,
        location_id=location_id,
        code_digest=_digest(raw, organisation.id),
        created_by=created_by[:200],
        created_at=now,
        expires_at=now + PAIRING_TTL,
    )
    session.add(row)
    session.flush()
    shown = "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))
    return PairingCode(shown, row.expires_at)


def _clean_name(name: str, field: str = "name") -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise FormError.one(field, NAME_MISSING)
    if len(cleaned) > MAX_NAME or not cleaned.isprintable():
        raise FormError.one(field, NAME_TOO_LONG)
    return cleaned


def enroll(
    session: Session,
    organisation: Organisation,
    *,
    code: str,
    name: str,
    now: datetime | None = None,
) -> Enrolled:
    """Trade a pairing code for a device credential (the caller commits). A wrong, used or
    expired code is a 400 on `pairingCode`, whichever it was."""
    now = now or utcnow()
    name = _clean_name(name)
    raw = normalise_code(code)
    row = None
    if len(raw) == CODE_LENGTH:
        row = session.scalars(
            select(KioskPairingCode)
            .where(KioskPairingCode.code_digest == _digest(raw, organisation.id))
            .with_for_update()
        ).first()
    expires = as_utc(row.expires_at) if row is not None else None
    if row is None or row.used_at is not None or expires is None or expires <= now:
        raise FormError(WRONG_CODE, errors=[FieldError("pairingCode", WRONG_CODE)])
    row.used_at = now
    credential = CREDENTIAL_PREFIX + secrets.token_urlsafe(32)
    kiosk = Kiosk(
        organisation_id=organisation.id,
        location_id=row.location_id,
        name=name,
        credential_hash=credential_hash(credential),
        enrolled_by=row.created_by,
        created_at=now,
        last_seen_at=now,
    )
    session.add(kiosk)
    session.flush()
    return Enrolled(kiosk, credential)


def authenticate(
    session: Session,
    organisation: Organisation,
    credential: str | None,
    now: datetime | None = None,
) -> Kiosk | None:
    """The enrolled, unrevoked kiosk of this organisation holding `credential`, else None."""
    if not credential or len(credential) > 200 or not credential.startswith(CREDENTIAL_PREFIX):
        return None
    digest = credential_hash(credential)
    kiosk = session.scalars(select(Kiosk).where(Kiosk.credential_hash == digest)).first()
    if (
        kiosk is None
        or not hmac.compare_digest(kiosk.credential_hash, digest)
        or kiosk.organisation_id != organisation.id
        or kiosk.revoked_at is not None
    ):
        return None
    now = now or utcnow()
    seen = as_utc(kiosk.last_seen_at)
    if seen is None or now - seen > SEEN_EVERY:
        kiosk.last_seen_at = now
        session.commit()  # seen even when the call it came with is then refused
    return kiosk


def kiosks(session: Session, organisation: Organisation) -> list[Kiosk]:
    return list(
        session.scalars(
            select(Kiosk)
            .where(Kiosk.organisation_id == organisation.id)
            .order_by(Kiosk.revoked_at.is_not(None), Kiosk.name, Kiosk.id)
        )
    )


def _kiosk(session: Session, organisation: Organisation, kiosk_id: int) -> Kiosk:
    kiosk = session.get(Kiosk, kiosk_id)
    if kiosk is None or kiosk.organisation_id != organisation.id:
        raise NotFound(KIOSK_NOT_FOUND)
    return kiosk


def rename(session: Session, organisation: Organisation, kiosk_id: int, name: str) -> Kiosk:
    kiosk = _kiosk(session, organisation, kiosk_id)
    kiosk.name = _clean_name(name)
    return kiosk


def revoke(
    session: Session, organisation: Organisation, kiosk_id: int, now: datetime | None = None
) -> Kiosk:
    """The kiosk's credential stops working at once (the caller commits); revoking twice is
    the same as once."""
    kiosk = _kiosk(session, organisation, kiosk_id)
    if kiosk.revoked_at is None:
        kiosk.revoked_at = now or utcnow()
    return kiosk
