"""Live availability for Appointments and Parties: open slots and free party times (network,
so off the GUI thread); the catalog parts (types, packages) come from the cache."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.api.client import PortalClient
from kiosk.api.errors import PortalError
from kiosk.catalog_view import clock_text
from kiosk.clock import clock

from .formats import format_date
from .qml_types import QVariantList
from .worker import Worker

log = logging.getLogger(__name__)

# How far ahead a family can book from the kiosk.
LOOK_AHEAD_DAYS = 21


class ScheduleBridge(QObject):
    stateChanged = Signal()

    def __init__(
        self,
        client: PortalClient,
        location_id: Callable[[], int | None],
        worker: Worker,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._location_id = location_id
        self._worker = worker
        self._busy = False
        self._message = ""
        self._slots: list[dict[str, Any]] = []
        self._party_days: list[dict[str, Any]] = []
        self._generation = 0  # answers from a visit that has ended are dropped

    def _fetch(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self._busy = True
        self._message = ""
        self.stateChanged.emit()
        generation = self._generation

        def finished(outcome: Any) -> None:
            if generation != self._generation:
                return
            self._busy = False
            if isinstance(outcome, PortalError):
                self._message = outcome.message
            elif isinstance(outcome, Exception):
                log.error("availability failed: %s", type(outcome).__name__)
                self._message = self.tr("We couldn't load the times. Please try again.")
            else:
                on_done(outcome)
            self.stateChanged.emit()

        self._worker.submit(work, finished, finished)

    @Slot(int)
    def loadAppointmentSlots(self, type_id: int) -> None:
        location_id = self._location_id()
        if location_id is None:
            return
        start = clock.today()
        end = start + timedelta(days=LOOK_AHEAD_DAYS)

        def done(data: dict[str, Any]) -> None:
            self._slots = [
                {
                    "slotId": str(s["id"]),
                    "staffName": str(s.get("staffName") or ""),
                    "dateText": format_date(date.fromisoformat(str(s["date"]))),
                    "timeText": clock_text(str(s.get("startTime") or "")),
                }
                for s in data.get("slots") or []
                if s.get("available")
            ]
            if not self._slots:
                self._message = self.tr(
                    "No open times in the next three weeks. Please ask at the front desk."
                )

        self._fetch(
            lambda: self._client.appointment_slots(
                location_id, type_id, start.isoformat(), end.isoformat()
            ),
            done,
        )

    @Slot()
    def loadPartyDays(self) -> None:
        location_id = self._location_id()
        if location_id is None:
            return
        start = clock.today() + timedelta(days=1)
        end = start + timedelta(days=LOOK_AHEAD_DAYS * 2)

        def done(data: dict[str, Any]) -> None:
            self._party_days = [
                {
                    "iso": str(d["date"]),
                    "dateText": format_date(date.fromisoformat(str(d["date"]))),
                    "times": [{"value": t, "text": clock_text(t)} for t in d.get("times") or []],
                }
                for d in data.get("days") or []
                if d.get("times")
            ]

        self._fetch(
            lambda: self._client.party_availability(
                location_id, start.isoformat(), end.isoformat()
            ),
            done,
        )

    @Slot()
    def wipe(self) -> None:
        """The visit ended: the times it looked at go, and any answer still on its way."""
        self._generation += 1
        self._busy = False
        self._message = ""
        self._slots, self._party_days = [], []
        self.stateChanged.emit()

    def _staff_names(self) -> list[str]:
        return sorted({s["staffName"] for s in self._slots})

    busy = Property(bool, lambda self: self._busy, notify=stateChanged)
    message = Property(str, lambda self: self._message, notify=stateChanged)
    slots = Property(QVariantList, lambda self: self._slots, notify=stateChanged)
    staffNames = Property(QVariantList, _staff_names, notify=stateChanged)
    partyDays = Property(QVariantList, lambda self: self._party_days, notify=stateChanged)
