"""Notices when nobody has touched the kiosk, warns with a countdown, then times the visit out."""

from __future__ import annotations

import time

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot

# Anything a person does at the screen counts as "still here".
_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class IdleMonitor(QObject):
    """Armed while a visit is in progress (any screen after the landing page)."""

    stateChanged = Signal()
    timedOut = Signal()

    def __init__(
        self, idle_seconds: int = 90, warning_seconds: int = 15, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._idle_ms = idle_seconds * 1000
        self._warning_seconds = warning_seconds
        self._armed = False
        self._warning = False
        self._seconds_left = warning_seconds
        self._last_input = time.monotonic()
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._on_idle)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)

    def set_timeouts(self, idle_seconds: float, warning_seconds: int) -> None:
        """New lengths; the time since the last touch still counts (a change of settings is
        not a person at the screen)."""
        idle_ms = int(idle_seconds * 1000)
        if (idle_ms, warning_seconds) == (self._idle_ms, self._warning_seconds):
            return
        self._idle_ms, self._warning_seconds = idle_ms, warning_seconds
        if self._armed and not self._warning:
            since_input_ms = int((time.monotonic() - self._last_input) * 1000)
            self._idle_timer.start(max(0, self._idle_ms - since_input_ms))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While the warning shows, only its own button ("I'm still here") keeps the visit going,
        # so a bump against the screen does not silently cancel the countdown.
        if self._armed and not self._warning and event.type() in _ACTIVITY:
            self._restart()
        return False

    def _restart(self) -> None:
        """A person did something: the idle time starts again from now."""
        self._last_input = time.monotonic()
        self._idle_timer.start(self._idle_ms)

    @Slot(bool)
    def setArmed(self, armed: bool) -> None:
        if armed == self._armed:
            return
        self._armed = armed
        self._clear_warning()
        if armed:
            self._restart()
        else:
            self._idle_timer.stop()
        self.stateChanged.emit()

    @Slot()
    def stillHere(self) -> None:
        self._clear_warning()
        if self._armed:
            self._restart()
        self.stateChanged.emit()

    def _clear_warning(self) -> None:
        self._tick.stop()
        self._warning = False
        self._seconds_left = self._warning_seconds

    def _on_idle(self) -> None:
        self._warning = True
        self._seconds_left = self._warning_seconds
        self._tick.start()
        self.stateChanged.emit()

    def _on_tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self._clear_warning()
            self._armed = False
            self.stateChanged.emit()
            self.timedOut.emit()
            return
        self.stateChanged.emit()

    armed = Property(bool, lambda self: self._armed, notify=stateChanged)
    warning = Property(bool, lambda self: self._warning, notify=stateChanged)
    secondsLeft = Property(int, lambda self: self._seconds_left, notify=stateChanged)
