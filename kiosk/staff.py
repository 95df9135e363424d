"""Front-desk staff at the kiosk: PIN sign-in, finding a family, helping them, the fallback PIN.

Staff mode is a visit of its own: memory only, ended by idle time-out like a family's.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from kiosk.api.client import PortalClient
from kiosk.api.errors import BadRequest, PortalError, PortalUnavailable, ValidationError
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


class StaffSession:
    """Blocking calls for the UI's Worker."""

    def __init__(self, client: PortalClient, device_id: str, fallback_pin_hash: str | None) -> None:
        self._client = client
        self._device_id = device_id
        self._fallback_hash = fallback_pin_hash
        self.member: StaffMember | None = None
        self.offline_only = False  # signed in with the fallback PIN: settings and exit only
        self._token: str | None = None
        self._create_key: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.member is not None

    def set_fallback_hash(self, value: str | None) -> None:
        self._fallback_hash = value

    def sign_in(self, pin: str) -> StaffMember:
        if not pin.isdigit() or not 4 <= len(pin) <= 8:
            raise StaffSignInFailed(_("Please enter your 4 to 8 digit PIN."))
        try:
            data = self._client.staff_login(pin, self._device_id)
        except PortalUnavailable:
            # The portal is away: the kiosk's own fallback PIN opens the kiosk's settings only.
            if verify_local_pin(pin, self._fallback_hash):
                self.member = StaffMember(0, _("Kiosk admin"), "")
                self.offline_only = True
                return self.member
            raise
        except PortalError as exc:
            raise StaffSignInFailed(exc.message) from exc
        staff = data.get("staff") or {}
        self._token = str(data["token"])
        self.offline_only = False
        self.member = StaffMember(
            int(staff.get("id") or 0),
            str(staff.get("firstName") or ""),
            str(staff.get("lastName") or ""),
        )
        return self.member

    def search(self, query: str) -> list[FamilyMatch]:
        query = query.strip()
        # The portal's own rule (docs/staff-contract.md), said before the request: a search
        # cannot carry control characters or broken text, and a very long one would not even
        # fit in the address.
        if len(query) > SEARCH_MAX or not query.isprintable():
            raise BadRequest(
                _("Please type a name, phone number or email (at most 100 characters)."), 400
            )
        data = self._client.staff_search(self._require_token(), query)
        matches = []
        for f in data.get("families") or []:
            guardians = f.get("guardians") or []
            matches.append(
                FamilyMatch(
                    family_id=int(f["familyId"]),
                    name=str(f.get("name") or ""),
                    suspended=bool(f.get("suspended")),
                    guardians=tuple(
                        f"{g.get('firstName', '')} {g.get('lastName', '')}".strip()
                        for g in guardians
                    ),
                    students=tuple(str(s.get("firstName") or "") for s in f.get("students") or []),
                    contact=" · ".join(
                        x
                        for x in (guardians[0].get("phone", ""), guardians[0].get("email", ""))
                        if x
                    )
                    if guardians
                    else "",
                    balance_due_cents=int(f.get("balanceDueCents") or 0),
                    outstanding_policies=int(f.get("outstandingPolicies") or 0),
                    check_in_blocks=tuple(str(r) for r in f.get("checkInBlocks") or []),
                )
            )
        return matches

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
        data = self._client.staff_checkin_roster(self._require_token())
        return [
            RosterClass(
                name=str(c.get("name") or ""),
                start_time=str(c.get("startTime") or ""),
                end_time=str(c.get("endTime") or ""),
                location=str(c.get("location") or ""),
                students=tuple(
                    RosterStudent(
                        name=str(s.get("name") or ""),
                        checked_in=s.get("status") == "checked_in",
                        tardy=bool(s.get("tardy")),
                        checked_in_at=str(s.get("checkedInAt") or ""),
                        drop_in=s.get("via") == "punch_pass",
                    )
                    for s in c.get("students") or []
                ),
            )
            for c in data.get("classes") or []
        ]

    def checkin_alerts(self) -> list[CheckInAlert]:
        """Families the kiosk sent to the front desk today, and why (never shown to them)."""
        data = self._client.staff_checkin_alerts(self._require_token())
        return [
            CheckInAlert(
                at=str(a.get("at") or ""),
                family_id=int(a.get("familyId") or 0),
                family_name=str(a.get("familyName") or ""),
                reasons=tuple(str(r) for r in a.get("reasons") or []),
                detail=str(a.get("detail") or ""),
            )
            for a in data.get("alerts") or []
        ]

    def audit(self, family_id: int | None = None) -> list[dict[str, Any]]:
        return list(self._client.staff_audit(self._require_token(), family_id).get("entries") or [])

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
