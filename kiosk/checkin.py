"""Self check-in at the lobby kiosk (docs/checkin-contract.md): find the family without a
password, show today's classes, check the children in with one tap.

Nothing here is kept beyond the check-in: first names with a last initial, class names and a
short-lived check-in token, in memory only.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.api.answers import (
    CheckInFamilyAnswer,
    CheckInResultAnswer,
    IdentifiedAnswer,
    read,
)
from kiosk.api.client import PortalClient
from kiosk.i18n import _
from kiosk.validation import phone_digits

METHODS = ("phone", "pin", "card")

# A scanner reads the same card several times while it is held over the glass; the repeats
# within this many seconds are one scan.
REPEAT_SCAN_SECONDS = 5.0


def identify_problem(method: str, value: str) -> str | None:
    """One sentence for what the family typed, or None when it can be looked up."""
    value = value.strip()
    if method == "phone":
        digits = phone_digits(value)
        if not digits:
            return _("Please enter your phone number.")
        if len(digits) < 10:
            return _("Please enter the whole phone number, with the area code.")
        if len(digits) > 10:
            return _("That phone number has too many digits.")
        return None
    if method == "pin":
        if not value:
            return _("Please enter your check-in PIN.")
        if not re.fullmatch(r"[0-9]{4,6}", value):
            return _("Your check-in PIN has 4 to 6 digits.")
        return None
    if method == "card":
        if not value or len(value) > 64 or not value.isprintable():
            return _("That card could not be read. Please scan it again.")
        return None
    return _("Please choose how to find your family.")


@dataclass(frozen=True)
class CheckInClass:
    class_id: int
    name: str
    start_time: str  # "15:30", facility time
    end_time: str
    opens_at: str
    status: str  # open | too_early | closed | checked_in
    tardy: bool
    via: str  # enrollment | punch_pass
    openings: int | None
    checked_in_at: str | None

    @property
    def can_check_in(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class CheckInStudent:
    student_id: int
    display_name: str  # "Bart S."
    punches_left: int | None
    classes: tuple[CheckInClass, ...]


@dataclass(frozen=True)
class CheckInFamily:
    token: str
    family_name: str
    blocked: bool
    message: str
    students: tuple[CheckInStudent, ...]


@dataclass(frozen=True)
class CheckedIn:
    student_id: int
    class_id: int
    display_name: str
    class_name: str
    tardy: bool
    checked_in_at: str
    punches_left: int | None


@dataclass(frozen=True)
class CheckInResult:
    checked_in: tuple[CheckedIn, ...]
    message: str


Selection = frozenset[tuple[int, int]]  # (student id, class id)


def default_selection(family: CheckInFamily) -> Selection:
    """Every student's open enrolled classes: one tap checks the whole family in. A punch-pass
    drop-in is a choice (it uses a punch), so it waits for a tap of its own."""
    return frozenset(
        (student.student_id, cls.class_id)
        for student in family.students
        for cls in student.classes
        if cls.can_check_in and cls.via == "enrollment"
    )


def _family(answer: CheckInFamilyAnswer) -> CheckInFamily:
    return CheckInFamily(
        token=answer.check_in_token,
        family_name=answer.family_name,
        blocked=answer.blocked,
        message=answer.message,
        students=tuple(
            CheckInStudent(
                student_id=s.student_id,
                display_name=s.display_name,
                punches_left=s.punches_left,
                classes=tuple(
                    CheckInClass(
                        class_id=c.class_id,
                        name=c.name,
                        start_time=c.start_time,
                        end_time=c.end_time,
                        opens_at=c.opens_at,
                        status=c.status or "closed",
                        tardy=c.tardy,
                        via=c.via or "enrollment",
                        openings=c.openings,
                        checked_in_at=c.checked_in_at or None,
                    )
                    for c in s.classes
                ),
            )
            for s in answer.students
        ),
    )


class ScanGuard:
    """Turns a scanner's repeated reads of one card into one scan."""

    def __init__(
        self, window_s: float = REPEAT_SCAN_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._window = window_s
        self._clock = clock
        self._last: tuple[str, float] | None = None

    def accept(self, code: str) -> bool:
        code = code.strip().upper()
        now = self._clock()
        if self._last is not None and self._last[0] == code and now - self._last[1] < self._window:
            self._last = (code, now)  # a card held over the scanner keeps being one scan
            return False
        self._last = (code, now)
        return True

    def forget(self) -> None:
        self._last = None


class CheckInService:
    """Blocking calls for the UI's Worker."""

    def __init__(self, client: PortalClient, device_id: str) -> None:
        self._client = client
        self._device_id = device_id
        # The key of a check-in that has not been answered yet: tapping again after a dropped
        # connection sends the same key, so the portal records it once.
        self._pending: tuple[str, Selection, str] | None = None

    def identify(self, method: str, value: str) -> list[CheckInFamily]:
        value = value.strip()
        if method == "phone":
            value = phone_digits(value)
        data = self._client.checkin_identify(method, value, self._device_id)
        return [_family(f) for f in read(IdentifiedAnswer, data).families]

    def check_in(self, family: CheckInFamily, selection: Selection, method: str) -> CheckInResult:
        items = sorted(selection)
        if self._pending is not None and self._pending[:2] == (family.token, selection):
            key = self._pending[2]
        else:
            key = str(uuid.uuid4())
            self._pending = (family.token, selection, key)
        body = {
            "checkInToken": family.token,
            "items": [{"studentId": s, "classId": c} for s, c in items],
            "method": method,
            "deviceId": self._device_id,  # the portal checks the token was issued to this kiosk
        }
        answer = read(CheckInResultAnswer, self._client.checkin(body, idempotency_key=key))
        self._pending = None
        return CheckInResult(
            checked_in=tuple(
                CheckedIn(
                    student_id=item.student_id,
                    class_id=item.class_id,
                    display_name=item.display_name,
                    class_name=item.class_name,
                    tardy=item.tardy,
                    checked_in_at=item.checked_in_at,
                    punches_left=item.punches_left,
                )
                for item in answer.checked_in
            ),
            message=answer.message,
        )

    def forget(self) -> None:
        self._pending = None
