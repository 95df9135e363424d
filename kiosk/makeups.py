"""Absences, makeup credits and bookings, and "tell me when a spot opens"
(docs/absences-contract.md). The family's own data: memory only, like kiosk.cart.

Each write carries its own Idempotency-Key, kept across the client's retries, so a dropped
answer never marks twice or spends a credit twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from kiosk.api.client import PortalClient
from kiosk.api.errors import PortalError
from kiosk.cart import refusal_of

T = TypeVar("T")


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class MakeupCredit:
    id: int
    student_name: str
    class_name: str
    absence_day: date
    expires_on: date
    status: str  # available | used | expired


@dataclass(frozen=True)
class MakeupOption:
    class_id: int
    class_name: str
    day: date
    start_time: str
    end_time: str
    location: str
    open_seats: int


@dataclass(frozen=True)
class SpotAlert:
    watch_id: int
    message: str


class MakeupService:
    """Blocking calls for the UI's Worker."""

    def __init__(self, client: PortalClient) -> None:
        self._client = client

    @staticmethod
    def _refusing(call: Callable[[], T]) -> T:
        """The portal's one-sentence refusals become BookingRefused."""
        try:
            return call()
        except PortalError as exc:
            refusal = refusal_of(exc)
            if refusal is not None:
                raise refusal from exc
            raise

    def mark_absent(self, student_id: int, class_id: int, day: date) -> int:
        """Marks one meeting; returns how many makeup credits it earned (0 or 1)."""
        body = {"studentId": student_id, "classId": class_id, "dates": [day.isoformat()]}
        key = str(uuid.uuid4())
        data = self._refusing(lambda: self._client.mark_absent(body, idempotency_key=key))
        return int(data.get("creditsEarned") or 0)

    def take_back(self, absence_id: int) -> None:
        self._refusing(lambda: self._client.take_back_absence(absence_id))

    def credits(self) -> list[MakeupCredit]:
        data = self._client.makeups()
        found = []
        for c in data.get("credits") or []:
            absence, expires = _day(c.get("absenceDate")), _day(c.get("expiresOn"))
            if absence is None or expires is None:
                continue
            found.append(
                MakeupCredit(
                    id=int(c["id"]),
                    student_name=str(c.get("studentName") or ""),
                    class_name=str(c.get("className") or ""),
                    absence_day=absence,
                    expires_on=expires,
                    status=str(c.get("status") or ""),
                )
            )
        return found

    def options(self, credit_id: int) -> list[MakeupOption]:
        data = self._refusing(lambda: self._client.makeup_options(credit_id))
        found = []
        for o in data.get("options") or []:
            day = _day(o.get("date"))
            if day is None:
                continue
            found.append(
                MakeupOption(
                    class_id=int(o["classId"]),
                    class_name=str(o.get("className") or ""),
                    day=day,
                    start_time=str(o.get("startTime") or ""),
                    end_time=str(o.get("endTime") or ""),
                    location=str(o.get("location") or ""),
                    open_seats=int(o.get("openSeats") or 0),
                )
            )
        return found

    def book(self, credit_id: int, class_id: int, day: date) -> None:
        body = {"creditId": credit_id, "classId": class_id, "date": day.isoformat()}
        key = str(uuid.uuid4())
        self._refusing(lambda: self._client.book_makeup(body, idempotency_key=key))

    def watch(self, class_id: int, student_id: int) -> None:
        body = {"classId": class_id, "studentId": student_id}
        key = str(uuid.uuid4())
        self._refusing(lambda: self._client.watch_class(body, idempotency_key=key))

    def alerts(self) -> list[SpotAlert]:
        data = self._client.alerts()
        return [
            SpotAlert(watch_id=int(a["watchId"]), message=str(a.get("message") or ""))
            for a in data.get("alerts") or []
            if isinstance(a, dict) and "watchId" in a
        ]

    def alerts_seen(self, watch_ids: list[int]) -> None:
        self._client.alerts_seen(watch_ids)
