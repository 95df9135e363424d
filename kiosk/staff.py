"""Front-desk staff at the kiosk: PIN sign-in, finding a family, helping them, the fallback PIN.

Staff mode is a visit of its own: memory only, ended by idle time-out like a family's.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.low_level import Type
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.answers import (
    AuditAnswer,
    CheckInAlertsAnswer,
    FamilySearchAnswer,
    KiosksAnswer,
    PairingCodeAnswer,
    RosterAnswer,
    SecurityAlertsAnswer,
    StaffLoginAnswer,
    read,
)
from kiosk.api.client import PortalClient
from kiosk.api.errors import (
    BadRequest,
    PortalError,
    PortalUnavailable,
    ServerError,
    UnknownAccount,
    ValidationError,
)
from kiosk.cache.db import write_session
from kiosk.cache.models import StaffPinVerifier
from kiosk.clock import utcnow
from kiosk.i18n import _

log = logging.getLogger(__name__)

SEARCH_MAX = 100  # characters in a staff family search, as the portal allows

# scrypt parameters for the local fallback PIN (stdlib, memory-hard; ~50 ms here).
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def hash_local_pin(pin: str) -> str:
    """What goes in the settings file as `staff_pin_hash`: `scrypt$<salt>$<hash>`."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def verify_local_pin(pin: str, stored: str | None) -> bool:
    if not stored or not pin:
        return False
    try:
        scheme, salt_b64, hash_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            pin.encode(),
            salt=base64.b64decode(salt_b64),
            **_SCRYPT,
        )
        return hmac.compare_digest(digest, base64.b64decode(hash_b64))
    except (ValueError, TypeError):
        return False


# Staff PINs the portal accepted here open the kiosk's own panel offline for this long after
# their last online sign-in (a PIN changed or removed on the portal stops working offline then,
# or at once when the portal next refuses it here).
OFFLINE_PIN_LIFETIME = timedelta(days=30)
# The portal's own throttle, kept by the kiosk while it signs staff in without the portal.
OFFLINE_MAX_FAILURES = 5
OFFLINE_LOCKOUT_S = 15 * 60

# Argon2id at the OWASP minimum, as the portal hashes PINs (~50 ms a try): a copy of the cache
# does not give the PINs away for free.
_pin_hasher = PasswordHasher(
    time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16, type=Type.ID
)


def _pin_matches(verifier: str, pin: str) -> bool:
    try:
        return _pin_hasher.verify(verifier, pin)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class StaffMember:
    id: int
    first_name: str
    last_name: str

    @property
    def display_name(self) -> str:
        """First name and last initial: enough on a shared screen."""
        if not self.last_name:
            return self.first_name
        return f"{self.first_name} {self.last_name[:1]}."


@dataclass(frozen=True)
class FamilyMatch:
    family_id: int
    name: str
    suspended: bool
    guardians: tuple[str, ...]
    students: tuple[str, ...]
    contact: str
    balance_due_cents: int
    outstanding_policies: int
    check_in_blocks: tuple[str, ...] = ()  # suspended | policies | balance


@dataclass(frozen=True)
class RosterStudent:
    name: str
    checked_in: bool
    tardy: bool
    checked_in_at: str  # "15:12", facility time; empty until checked in
    drop_in: bool


@dataclass(frozen=True)
class RosterClass:
    name: str
    start_time: str
    end_time: str
    location: str
    students: tuple[RosterStudent, ...]

    @property
    def checked_in_count(self) -> int:
        return sum(1 for s in self.students if s.checked_in)


@dataclass(frozen=True)
class CheckInAlert:
    at: str
    family_id: int
    family_name: str
    reasons: tuple[str, ...]
    detail: str


class StaffSignInFailed(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class OfflineStaffPins:
    """Staff PINs the portal accepted at this kiosk, kept as Argon2id hashes in the cache, so
    the same staff can still reach the kiosk's settings, sync status and exit when the portal
    cannot answer (down, unreachable, or the kiosk set up with a wrong account).

    Learned at each online sign-in, never sent anywhere; a PIN the portal refuses is forgotten
    at once, and one not used online for OFFLINE_PIN_LIFETIME no longer works offline.
    Blocking (Argon2 is slow on purpose): the UI calls it through its Worker."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def remember(self, member: StaffMember, pin: str) -> None:
        verifier = _pin_hasher.hash(pin)
        with write_session(self._session_factory) as session:
            for row in session.scalars(select(StaffPinVerifier)):
                # The portal says this PIN is `member`'s now: anyone else's copy is stale.
                if row.staff_id != member.id and _pin_matches(row.verifier, pin):
                    session.delete(row)
            session.merge(
                StaffPinVerifier(
                    staff_id=member.id,
                    first_name=member.first_name,
                    last_name=member.last_name,
                    verifier=verifier,
                    learned_at=utcnow(),
                )
            )

    def forget(self, pin: str) -> None:
        """The portal refused this PIN: it no longer opens anything here either."""
        with write_session(self._session_factory) as session:
            for row in session.scalars(select(StaffPinVerifier)):
                if _pin_matches(row.verifier, pin):
                    session.delete(row)

    def verify(self, pin: str) -> StaffMember | None:
        """Whose PIN this is, among those learned here and not expired; None for nobody."""
        oldest = utcnow() - OFFLINE_PIN_LIFETIME
        with self._session_factory() as session:
            rows = list(session.scalars(select(StaffPinVerifier)))
        found = None
        for row in rows:  # every row every time: how long it takes says nothing of who
            if _pin_matches(row.verifier, pin) and row.learned_at >= oldest and found is None:
                found = StaffMember(row.staff_id, row.first_name, row.last_name)
        return found

    def count(self) -> int:
        with self._session_factory() as session:
            return len(list(session.scalars(select(StaffPinVerifier.staff_id))))


@dataclass(frozen=True)
class EnrolledKiosk:
    kiosk_id: int
    name: str
    last_seen_at: str
    revoked: bool
    this_kiosk: bool


class StaffSession:
    """Blocking calls for the UI's Worker."""

    def __init__(
        self,
        client: PortalClient,
        device_id: str,
        fallback_pin_hash: str | None,
        *,
        offline_pins: OfflineStaffPins | None = None,
        portal_reachable: Callable[[], bool] = lambda: True,
    ) -> None:
        self._client = client
        self._device_id = device_id
        self._fallback_hash = fallback_pin_hash
        self._offline_pins = offline_pins
        self._portal_reachable = portal_reachable
        self.member: StaffMember | None = None
        self.offline_only = False  # signed in without the portal: settings, sync and exit only
        self._token: str | None = None
        self._create_key: str | None = None
        self._offline_failures: list[float] = []  # time.monotonic() of wrong PINs offline

    @property
    def signed_in(self) -> bool:
        return self.member is not None

    def set_fallback_hash(self, value: str | None) -> None:
        self._fallback_hash = value

    def sign_in(self, pin: str) -> StaffMember:
        if not pin.isdigit() or not 4 <= len(pin) <= 8:
            raise StaffSignInFailed(_("Please enter your 4 to 8 digit PIN."))
        if not self._portal_reachable():
            return self._sign_in_offline(pin)  # at once: no waiting on a portal known to be gone
        try:
            data = self._client.staff_login(pin, self._device_id)
        except (PortalUnavailable, ServerError, UnknownAccount) as exc:
            # No portal to ask (or not the right one: the kiosk is not set up yet): the
            # kiosk's own panel is what staff need to put that right.
            log.info("staff sign-in without the portal (%s)", type(exc).__name__)
            return self._sign_in_offline(pin)
        except PortalError as exc:
            if exc.status == 401 and self._offline_pins is not None:
                self._offline_pins.forget(pin)
            raise StaffSignInFailed(exc.message) from exc
        answer = read(StaffLoginAnswer, data)
        self._token = answer.token
        self.offline_only = False
        self.member = StaffMember(answer.staff.id, answer.staff.first_name, answer.staff.last_name)
        if self._offline_pins is not None and self.member.id:
            try:
                self._offline_pins.remember(self.member, pin)
            except Exception as exc:  # the sign-in worked; offline access waits for the next one
                log.warning("could not keep the staff PIN for offline use: %s", type(exc).__name__)
        return self.member

    def _sign_in_offline(self, pin: str) -> StaffMember:
        """A PIN the portal accepted here before, or the kiosk's own fallback PIN: the kiosk's
        settings, sync status and exit, nothing of any family."""
        now = time.monotonic()
        self._offline_failures = [t for t in self._offline_failures if now - t < OFFLINE_LOCKOUT_S]
        if len(self._offline_failures) >= OFFLINE_MAX_FAILURES:
            raise StaffSignInFailed(_("Too many tries. Please wait 15 minutes or ask a manager."))
        member = self._offline_pins.verify(pin) if self._offline_pins is not None else None
        if member is None and verify_local_pin(pin, self._fallback_hash):
            member = StaffMember(0, _("Kiosk admin"), "")
        if member is None:
            self._offline_failures.append(now)
            raise StaffSignInFailed(
                _(
                    "The portal can't be reached, so only a PIN that has worked at this kiosk "
                    "before can open it. Please try again."
                )
            )
        self._token = None
        self.member = member
        self.offline_only = True
        return member

    def search(self, query: str) -> list[FamilyMatch]:
        query = query.strip()
        # The portal's own rule (docs/staff-contract.md), said before the request: a search
        # cannot carry control characters or broken text, and a very long one would not even
        # fit in the address.
        if len(query) > SEARCH_MAX or not query.isprintable():
            raise BadRequest(
                _("Please type a name, phone number or email (at most 100 characters)."), 400
            )
        answer = read(FamilySearchAnswer, self._client.staff_search(self._require_token(), query))
        return [
            FamilyMatch(
                family_id=f.family_id,
                name=f.name,
                suspended=f.suspended,
                guardians=tuple(f"{g.first_name} {g.last_name}".strip() for g in f.guardians),
                students=tuple(s.first_name for s in f.students),
                contact=" · ".join(x for x in (f.guardians[0].phone, f.guardians[0].email) if x)
                if f.guardians
                else "",
                balance_due_cents=f.balance_due_cents,
                outstanding_policies=f.outstanding_policies,
                check_in_blocks=tuple(f.check_in_blocks),
            )
            for f in answer.families
        ]

    def assist(self, family_id: int) -> dict[str, Any]:
        """A family token for this family, on the staff member's name (the portal audits it)."""
        return self._client.staff_assist(self._require_token(), family_id)

    def quick_create(
        self, guardian: dict[str, str], students: list[dict[str, str]]
    ) -> dict[str, Any]:
        body = {"guardian": guardian, "students": students}
        if self._create_key is None:
            self._create_key = str(uuid.uuid4())
        try:
            result = self._client.staff_quick_create(
                self._require_token(), body, idempotency_key=self._create_key
            )
        except ValidationError:
            self._create_key = None  # a corrected form is a new request
            raise
        self._create_key = None
        return result

    def checkin_roster(self) -> list[RosterClass]:
        """Today's classes with who is expected and who has checked in."""
        answer = read(RosterAnswer, self._client.staff_checkin_roster(self._require_token()))
        return [
            RosterClass(
                name=c.name,
                start_time=c.start_time,
                end_time=c.end_time,
                location=c.location,
                students=tuple(
                    RosterStudent(
                        name=s.name,
                        checked_in=s.status == "checked_in",
                        tardy=s.tardy,
                        checked_in_at=s.checked_in_at,
                        drop_in=s.via == "punch_pass",
                    )
                    for s in c.students
                ),
            )
            for c in answer.classes
        ]

    def checkin_alerts(self) -> list[CheckInAlert]:
        """Families the kiosk sent to the front desk today, and why (never shown to them)."""
        data = self._client.staff_checkin_alerts(self._require_token())
        return [
            CheckInAlert(
                at=a.at,
                family_id=a.family_id,
                family_name=a.family_name,
                reasons=tuple(a.reasons),
                detail=a.detail,
            )
            for a in read(CheckInAlertsAnswer, data).alerts
        ]

    def audit(self, family_id: int | None = None) -> list[dict[str, Any]]:
        """The audit log as the portal's fields (checked: each entry has its outcome)."""
        answer = read(AuditAnswer, self._client.staff_audit(self._require_token(), family_id))
        return [entry.model_dump(by_alias=True) for entry in answer.entries]

    # ----- enrolled kiosks (docs/staff-contract.md, "Kiosks") ----------------------------------

    def kiosks(self) -> list[EnrolledKiosk]:
        answer = read(KiosksAnswer, self._client.staff_kiosks(self._require_token()))
        return [
            EnrolledKiosk(
                kiosk_id=k.id,
                name=k.name,
                last_seen_at=k.last_seen_at,
                revoked=k.revoked,
                this_kiosk=k.this_kiosk,
            )
            for k in answer.kiosks
        ]

    def pairing_code(self) -> str:
        """A single-use code that enrolls one more kiosk (valid 15 minutes)."""
        return read(PairingCodeAnswer, self._client.staff_pairing_code(self._require_token())).code

    def rename_kiosk(self, kiosk_id: int, name: str) -> None:
        self._client.staff_rename_kiosk(self._require_token(), kiosk_id, name)

    def revoke_kiosk(self, kiosk_id: int) -> None:
        self._client.staff_revoke_kiosk(self._require_token(), kiosk_id)

    def security_alerts(self) -> list[str]:
        data = self._client.staff_security_alerts(self._require_token())
        return [a.message for a in read(SecurityAlertsAnswer, data).alerts]

    def _require_token(self) -> str:
        if not self._token:
            raise StaffSignInFailed(_("Please sign in with your staff PIN again."))
        return self._token

    def end(self) -> str | None:
        """Forget the staff member at once; returns the token to revoke in the background."""
        token, self._token = self._token, None
        self.member = None
        self.offline_only = False
        self._create_key = None
        return token

    def revoke(self, token: str) -> None:
        try:
            self._client.staff_logout(token)
        except PortalError as exc:
            log.info("staff logout could not reach the portal: %s", type(exc).__name__)
