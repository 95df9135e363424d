"""Runs kiosk/ calls off the GUI thread and reports back on the GUI thread by signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kiosk.api.errors import PoliciesRequired

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; a queued signal carries the outcome back to it."""

    finished = Signal(object, object, object)  # callback, result, error


class _Job(QRunnable):
    def __init__(
        self,
        fn: Callable[[], Any],
        relay: _Relay,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[Exception], None] | None,
    ) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self._on_done = on_done
        self._on_error = on_error

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # reported to the GUI thread, which turns it into a sentence
            self._relay.finished.emit(self._on_error, None, exc)
        else:
            self._relay.finished.emit(self._on_done, result, None)


class Worker(QObject):
    """A small pool (network and cache work) whose results arrive as GUI-thread callbacks."""

    busyChanged = Signal()

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._running = 0

    @property
    def busy(self) -> bool:
        return self._running > 0

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._running += 1
        self.busyChanged.emit()
        self._pool.start(_Job(fn, self._relay, on_done, on_error))

    @Slot(object, object, object)
    def _on_finished(
        self, callback: Callable[[Any], None] | None, result: Any, error: Exception | None
    ) -> None:
        self._running -= 1
        self.busyChanged.emit()
        if error is not None and callback is None:
            log.error("background job failed: %s", type(error).__name__)
            return
        if callback is not None:
            callback(error if error is not None else result)

    def wait_for_done(self, msecs: int = 30000) -> bool:
        """Used at shutdown so no job writes to the cache after it is closed."""
        return self._pool.waitForDone(msecs)


class VisitActions:
    """One action at a time for a bridge of the visit (family, cart, payments, staff), run
    off the GUI thread. Answers that arrive after the visit ended (`forget`) are dropped, so
    nothing of a finished visit comes back onto the screen."""

    def __init__(self, worker: Worker) -> None:
        self._worker = worker
        self._busy = False
        self._generation = 0

    @property
    def busy(self) -> bool:
        return self._busy

    def run(self, work: Callable[[], Any], finished: Callable[[Any], None]) -> bool:
        """Start `work` unless another action is running; `finished` gets the result or the
        exception, on the GUI thread. False when it did not start."""
        if self._busy:
            return False
        self._busy = True
        generation = self._generation

        def settle(outcome: Any) -> None:
            if generation != self._generation:
                return
            self._busy = False
            finished(outcome)

        self._worker.submit(work, settle, settle)
        return True

    def quietly(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """Background reading that must not block a tap and whose failure says nothing."""
        generation = self._generation

        def settle(outcome: Any) -> None:
            if generation == self._generation and not isinstance(outcome, Exception):
                on_done(outcome)

        self._worker.submit(work, settle, settle)

    def forget(self) -> None:
        self._generation += 1
        self._busy = False


class RunsVisitActions:
    """For a bridge of the visit (family, cart, payments, check-in, staff): `_run` starts one
    action off the GUI thread unless one is running; while it runs the bridge is busy and its
    old messages are gone; its answer goes to `on_done`, or its error to `_on_error` (which
    turns it into words); then the screen is told. The bridge (a QObject) provides
    `_actions`, the `busyChanged`, `stateChanged` and `policiesRequired` signals and the three
    hooks below. A refusal because policies are outstanding is not an error to word here: the
    visit shows the policies (`policiesRequired`, wired to VisitBridge.requirePolicies)."""

    _actions: VisitActions
    busyChanged: Any
    stateChanged: Any
    policiesRequired: Any

    def _run(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        def finished(outcome: Any) -> None:
            self.busyChanged.emit()
            if isinstance(outcome, PoliciesRequired):
                self.policiesRequired.emit()
            elif isinstance(outcome, Exception):
                self._on_error(outcome)
            else:
                on_done(outcome)
            self._action_ended()
            self.stateChanged.emit()

        if self._actions.run(work, finished):
            self._action_started()
            self.busyChanged.emit()

    def _action_started(self) -> None:
        """Clear what the last action said, and tell the screen."""
        raise NotImplementedError

    def _on_error(self, error: Exception) -> None:
        raise NotImplementedError

    def _action_ended(self) -> None:
        """Anything else that follows every action (nothing unless the bridge says)."""
