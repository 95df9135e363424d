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

from kiosk.api.answers import (
    AbsencesAnswer,
    MakeupOptionsAnswer,
    MakeupsAnswer,
    SpotAlertsAnswer,
    read,
)
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

    def __init__(self, client: PortalClient, token: Callable[[], str | None]) -> None:
        self._client = client
        self._token = token  # the visit's family token, asked at each call

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
        data = self._refusing(
            lambda: self._client.mark_absent(body, idempotency_key=key, token=self._token())
        )
        return read(AbsencesAnswer, data).credits_earned

    def take_back(self, absence_id: int) -> None:
        self._refusing(lambda: self._client.take_back_absence(absence_id, token=self._token()))

    def credits(self) -> list[MakeupCredit]:
        found = []
        for c in read(MakeupsAnswer, self._client.makeups(token=self._token())).credits:
            absence, expires = _day(c.absence_date), _day(c.expires_on)
            if absence is None or expires is None:
                continue
            found.append(
                MakeupCredit(
                    id=c.id,
                    student_name=c.student_name,
                    class_name=c.class_name,
                    absence_day=absence,
                    expires_on=expires,
                    status=c.status,
                )
            )
        return found

    def options(self, credit_id: int) -> list[MakeupOption]:
        data = self._refusing(lambda: self._client.makeup_options(credit_id, token=self._token()))
        found = []
        for o in read(MakeupOptionsAnswer, data).options:
            day = _day(o.date)
            if day is None:
                continue
            found.append(
                MakeupOption(
                    class_id=o.class_id,
                    class_name=o.class_name,
                    day=day,
                    start_time=o.start_time,
                    end_time=o.end_time,
                    location=o.location,
                    open_seats=o.open_seats,
                )
            )
        return found

    def book(self, credit_id: int, class_id: int, day: date) -> None:
        body = {"creditId": credit_id, "classId": class_id, "date": day.isoformat()}
        key = str(uuid.uuid4())
        self._refusing(
            lambda: self._client.book_makeup(body, idempotency_key=key, token=self._token())
        )

    def watch(self, class_id: int, student_id: int) -> None:
        body = {"classId": class_id, "studentId": student_id}
        key = str(uuid.uuid4())
        self._refusing(
            lambda: self._client.watch_class(body, idempotency_key=key, token=self._token())
        )

    def alerts(self) -> list[SpotAlert]:
        answer = read(SpotAlertsAnswer, self._client.alerts(token=self._token()))
        return [SpotAlert(watch_id=a.watch_id, message=a.message) for a in answer.alerts]

    def alerts_seen(self, watch_ids: list[int]) -> None:
        self._client.alerts_seen(watch_ids, token=self._token())
