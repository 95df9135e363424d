"""The visit: one owner ends it, in a fixed order, so nothing of one family is left for the next.

A visit runs from "Tap to Begin" (or a check-in, or a staff member's PIN) until the family logs
out, walks away (the idle time-out), declines the policies, reaches the visit's time cap or loses
its session. Whatever ends it, `VisitBridge.end` does the same things in the same order, and QML
only puts the screen back (`ended`): the stack, the pop-ups and the forms go with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)


class _Wipes(Protocol):
    def wipe(self) -> None: ...


class VisitBridge(QObject):
    ended = Signal(str)  # the screen goes back to the start; a sentence to show, or ""

    def __init__(
        self,
        *,
        session: QObject,
        cart: _Wipes,
        payments: _Wipes,
        schedule: _Wipes,
        staff_sign_out: Callable[[], None],
        checkin_reset: Callable[[], None],
        clear_filters: Callable[[], None],
        home_location: Callable[[], None],
        language_reset: Callable[[], None],
        display_reset: Callable[[], None],
        clear_clipboard: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._steps: list[tuple[str, Callable[[], None]]] = [
            # 1. The family: answers still on their way are dropped, the token is revoked in
            #    the background once the outbox has finished this visit's payments.
            ("family", session.wipe),  # type: ignore[attr-defined]
            # 2. What they were doing: cart, payment forms and receipts, appointment and party
            #    times, staff help, a check-in, the class filters, the location they chose.
            ("cart", cart.wipe),
            ("payments", payments.wipe),
            ("times", schedule.wipe),
            ("staff", staff_sign_out),
            ("check-in", checkin_reset),
            ("filters", clear_filters),
            ("location", home_location),
            # 3. How the screen looked for them, and anything they copied.
            ("language", language_reset),
            ("display", display_reset),
            ("clipboard", clear_clipboard),
        ]
        self._active = False

    @property
    def active(self) -> bool:
        return self._active

    @Slot()
    def begin(self) -> None:
        """Someone started using the kiosk (nothing to set up: each part starts empty)."""
        self._active = True

    @Slot(str)
    def end(self, reason: str = "") -> None:
        """End the visit whatever ended it; every step runs even if one fails."""
        self._active = False
        for name, step in self._steps:
            try:
                step()
            except Exception:  # one broken step must not leave the rest of the family behind
                log.exception("ending the visit: the %s step failed", name)
        self.ended.emit(reason)

    @Slot()
    def requirePolicies(self) -> None:
        """The portal says policies are outstanding (a new version, a new student's release):
        read them again and show them, nothing else."""
        self._session.reloadPolicies()  # type: ignore[attr-defined]
