"""Self check-in as QML sees it: the keypad entry, the family's students and today's classes,
the check-in tap and the confirmation. Everything goes at `reset()` (the end of the visit)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.api.errors import AuthFailed, Conflict, PortalError, PortalUnavailable, RateLimited
from kiosk.catalog_view import clock_text
from kiosk.checkin import (
    CheckInClass,
    CheckInFamily,
    CheckInResult,
    CheckInService,
    ScanGuard,
    Selection,
    default_selection,
    identify_problem,
)
from kiosk.validation import phone_digits

from .formats import with_time
from .qml_types import QVariantList
from .worker import RunsVisitActions, VisitActions, Worker

log = logging.getLogger(__name__)

_MAX_ENTRY = {"phone": 11, "pin": 6}


def _phone_shown(digits: str) -> str:
    """What the keypad's display shows while a number is typed: (217) 555-0101."""
    if len(digits) == 11 and digits.startswith("1"):
        return "1 " + _phone_shown(digits[1:])
    if len(digits) <= 3:
        return digits
    if len(digits) <= 6:
        return f"({digits[:3]}) {digits[3:]}"
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


class CheckInBridge(QObject, RunsVisitActions):
    policiesRequired = Signal()  # the portal wants the policies accepted first
    stateChanged = Signal()
    busyChanged = Signal()

    def __init__(self, service: CheckInService, worker: Worker, parent: QObject | None = None):
        super().__init__(parent)
        self._service = service
        self._actions = VisitActions(worker)
        self._scans = ScanGuard()
        self._clear()

    def _clear(self) -> None:
        self._stage = "identify"  # identify | chooseFamily | students | blocked | done
        self._method = "phone"
        self._entry = ""
        self._error = ""
        # Which error is shown, told apart by what happened, not by its sentence.
        self._error_kind = ""
        self._used_method = "phone"
        self._lookup: tuple[str, str] | None = None  # what found the family, to refresh its view
        self._families: list[CheckInFamily] = []
        self._family: CheckInFamily | None = None
        self._selection: Selection = frozenset()
        self._result: CheckInResult | None = None

    # ----- plumbing ---------------------------------------------------------------------------

    def _action_started(self) -> None:
        self._error = self._error_kind = ""
        self.stateChanged.emit()

    def _on_error(self, error: Exception) -> None:
        # Told apart by what happened (an unknown outcome is a lost connection too).
        self._error_kind = "unreachable" if isinstance(error, PortalUnavailable) else "refused"
        if isinstance(error, PortalUnavailable):
            self._error = self.tr(
                "Check-in can't reach our system right now. Please see the front desk."
            )
        elif isinstance(error, AuthFailed):
            # The check-in token lapsed while the family was choosing: start again.
            self._error = error.message
            self._stage, self._family, self._families = "identify", None, []
        elif isinstance(error, Conflict) and self._lookup is not None:
            # Something changed since the list was shown (a class filled up): show it again.
            self._error = error.message
            method, value = self._lookup
            self._actions.quietly(
                lambda: self._service.identify(method, value), self._refresh_family
            )
        elif isinstance(error, RateLimited | PortalError):
            self._error = error.message
        else:
            log.error("unexpected check-in error: %s", type(error).__name__)
            self._error = self.tr("Something went wrong. Please see the front desk.")

    def _refresh_family(self, families: list[CheckInFamily]) -> None:
        if self._family is None:
            return
        for family in families:
            if family.family_name == self._family.family_name:
                self._show(family)
        self.stateChanged.emit()

    # ----- finding the family -----------------------------------------------------------------

    @Slot(str)
    def setMethod(self, method: str) -> None:
        if method != self._method:
            self._method, self._entry, self._error = method, "", ""
            self.stateChanged.emit()

    @Slot(str)
    def press(self, key: str) -> None:
        """A keypad key: a digit, "back" or "clear"."""
        if key == "back":
            self._entry = self._entry[:-1]
        elif key == "clear":
            self._entry = ""
        elif key.isdigit() and len(self._entry) < _MAX_ENTRY.get(self._method, 11):
            self._entry += key
        self._error = ""
        self.stateChanged.emit()

    @Slot()
    def connectionBack(self) -> None:
        """The portal answers again: "can't reach our system" is no longer true."""
        if self._error_kind == "unreachable":
            self._error = self._error_kind = ""
            self.stateChanged.emit()

    @Slot()
    def submit(self) -> None:
        self._find(self._method, self._entry)

    @Slot(str)
    def scanned(self, code: str) -> None:
        """A family card read by the scanner (it types the code and Enter), on any step."""
        code = code.strip()
        if not code or self._actions.busy or not self._scans.accept(code):
            return
        self._find("card", code)

    def _find(self, method: str, value: str) -> None:
        problem = identify_problem(method, value)
        if problem:
            self._error, self._error_kind = problem, "input"
            self.stateChanged.emit()
            return
        if method == "phone":
            value = phone_digits(value)

        def done(families: list[CheckInFamily]) -> None:
            self._entry = ""
            self._used_method = method
            self._lookup = (method, value)
            self._result = None
            if len(families) == 1:
                self._show(families[0])
            else:
                self._families, self._family, self._stage = families, None, "chooseFamily"

        self._run(lambda: self._service.identify(method, value), done)

    def _show(self, family: CheckInFamily) -> None:
        self._family = family
        self._selection = default_selection(family)
        self._stage = "blocked" if family.blocked else "students"

    @Slot(int)
    def chooseFamily(self, index: int) -> None:
        if 0 <= index < len(self._families):
            self._show(self._families[index])
            self.stateChanged.emit()

    # ----- checking in ------------------------------------------------------------------------

    @Slot(int, int)
    def toggle(self, student_id: int, class_id: int) -> None:
        item = (student_id, class_id)
        cls = self._class(student_id, class_id)
        if cls is None or not cls.can_check_in:
            return
        if item in self._selection:
            self._selection = self._selection - {item}
        else:
            # One class at a time per student: choosing a drop-in replaces their other choice.
            self._selection = frozenset(i for i in self._selection if i[0] != student_id) | {item}
        self._error = ""
        self.stateChanged.emit()

    @Slot()
    def checkIn(self) -> None:
        family, selection = self._family, self._selection
        if family is None:
            return
        if not selection:
            self._error, self._error_kind = self.tr("Tap a class to check in to."), "input"
            self.stateChanged.emit()
            return

        def done(result: CheckInResult) -> None:
            self._result = result
            self._stage = "done"

        self._run(lambda: self._service.check_in(family, selection, self._used_method), done)

    @Slot()
    def reset(self) -> None:
        """The end of the visit: nothing of this family stays in memory or on screen."""
        self._actions.forget()
        self._service.forget()
        self._scans.forget()
        self._clear()
        self.busyChanged.emit()
        self.stateChanged.emit()

    # ----- what QML shows ---------------------------------------------------------------------

    def _class(self, student_id: int, class_id: int) -> CheckInClass | None:
        for student in self._family.students if self._family else ():
            if student.student_id == student_id:
                for cls in student.classes:
                    if cls.class_id == class_id:
                        return cls
        return None

    def _status_text(self, cls: CheckInClass, punches_left: int | None) -> str:
        if cls.status == "checked_in":
            return with_time(self.tr("Checked in at %1"), clock_text(cls.checked_in_at or ""))
        if cls.status == "too_early" and cls.via == "punch_pass":
            return with_time(
                self.tr("Drop-in with your punch pass; check-in opens at %1"),
                clock_text(cls.opens_at),
            )
        if cls.status == "too_early":
            return with_time(self.tr("Check-in opens at %1"), clock_text(cls.opens_at))
        if cls.status == "closed":
            return self.tr("Check-in has closed for this class")
        if cls.via == "punch_pass":
            return self.tr("Drop in with your punch pass (%1 left)").replace(
                "%1", str(punches_left or 0)
            )
        if cls.tardy:
            return with_time(self.tr("Late — class started at %1"), clock_text(cls.start_time))
        return self.tr("Ready to check in")

    def _students(self) -> list[dict[str, Any]]:
        rows = []
        for student in self._family.students if self._family else ():
            rows.append(
                {
                    "studentId": student.student_id,
                    "name": student.display_name,
                    "classes": [
                        {
                            "classId": cls.class_id,
                            "name": cls.name,
                            "time": f"{clock_text(cls.start_time)} – {clock_text(cls.end_time)}",
                            "status": cls.status,
                            "statusText": self._status_text(cls, student.punches_left),
                            "tardy": cls.tardy,
                            "dropIn": cls.via == "punch_pass",
                            "canCheckIn": cls.can_check_in,
                            "selected": (student.student_id, cls.class_id) in self._selection,
                        }
                        for cls in student.classes
                    ],
                }
            )
        return rows

    def _done_rows(self) -> list[dict[str, Any]]:
        rows = []
        for item in self._result.checked_in if self._result else ():
            notes = []
            if item.tardy:
                notes.append(self.tr("late"))
            cls = self._class(item.student_id, item.class_id)
            if item.punches_left is not None and cls is not None and cls.via == "punch_pass":
                notes.append(self.tr("%1 punches left").replace("%1", str(item.punches_left)))
            rows.append(
                {
                    "name": item.display_name,
                    "className": item.class_name,
                    "note": " · ".join(notes),
                }
            )
        return rows

    def _entry_text(self) -> str:
        if self._method == "pin":
            return "•" * len(self._entry)
        return _phone_shown(self._entry)

    def _nothing_to_do(self) -> bool:
        return self._family is not None and not any(
            cls.can_check_in for s in self._family.students for cls in s.classes
        )

    busy = Property(bool, lambda self: self._actions.busy, notify=busyChanged)
    stage = Property(str, lambda self: self._stage, notify=stateChanged)
    method = Property(str, lambda self: self._method, notify=stateChanged)
    entryText = Property(str, _entry_text, notify=stateChanged)
    entryLength = Property(int, lambda self: len(self._entry), notify=stateChanged)
    error = Property(str, lambda self: self._error, notify=stateChanged)
    familyNames = Property(
        QVariantList, lambda self: [f.family_name for f in self._families], notify=stateChanged
    )
    blockedMessage = Property(
        str, lambda self: self._family.message if self._family else "", notify=stateChanged
    )
    students = Property(QVariantList, _students, notify=stateChanged)
    selectedCount = Property(int, lambda self: len(self._selection), notify=stateChanged)
    nothingToCheckIn = Property(bool, _nothing_to_do, notify=stateChanged)
    checkedIn = Property(QVariantList, _done_rows, notify=stateChanged)
