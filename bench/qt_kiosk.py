"""The real kiosk window in a benchmark process: built like main.py builds it (full screen on a
1920 x 1080 offscreen screen, software renderer), driven with real taps and keys, timed by the
window's frameSwapped signal."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Q_ARG,
    QCoreApplication,
    QEvent,
    QEventLoop,
    QMetaObject,
    QObject,
    QPoint,
    QPointF,
    Qt,
    QTimer,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.config import load_settings
from ui.app import KioskApp, build_kiosk, prepare_environment

from .common import (
    DEMO_EMAIL,
    DEMO_PASSWORD,
    Context,
    PortalProcess,
    copy_kiosk_dir,
    copy_sqlite,
    rss_mb,
)

UNREACHABLE = "http://127.0.0.1:9"


def application() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        prepare_environment()
        app = QGuiApplication(sys.argv[:1])
    assert isinstance(app, QGuiApplication)
    return app


# ----- waiting without sleeping ---------------------------------------------------------------


def wait_until(
    predicate: Callable[[], object], timeout: float = 10.0, what: str = "", poll_ms: int = 2
) -> None:
    """Run the event loop until `predicate()` is true; TimeoutError after `timeout` seconds."""
    if predicate():
        return
    loop = QEventLoop()
    deadline = time.monotonic() + timeout
    outcome = {"ok": False}

    def check() -> None:
        if predicate():
            outcome["ok"] = True
            loop.quit()
        elif time.monotonic() > deadline:
            loop.quit()

    timer = QTimer()
    timer.setInterval(poll_ms)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if not outcome["ok"]:
        raise TimeoutError(f"waited {timeout:g} s for {what or predicate}")


def pump(seconds: float) -> None:
    """Let the event loop run for a while (animations, images, queued signals)."""
    deadline = time.monotonic() + seconds
    wait_until(lambda: time.monotonic() >= deadline, timeout=seconds + 5, poll_ms=5)


def run_for(seconds: float) -> None:
    """Run the event loop for `seconds` without polling (nothing of ours runs meanwhile)."""
    loop = QEventLoop()
    QTimer.singleShot(max(int(seconds * 1000), 0), loop.quit)
    loop.exec()


def wait_signal(signal: Any, timeout: float, what: str) -> None:
    """Run the event loop until `signal` is emitted, without polling."""
    loop = QEventLoop()
    fired = {"yes": False}

    def on_signal(*_args: Any) -> None:
        fired["yes"] = True
        loop.quit()

    signal.connect(on_signal)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(int(timeout * 1000))
    try:
        loop.exec()
    finally:
        timer.stop()
        signal.disconnect(on_signal)
    if not fired["yes"]:
        raise TimeoutError(f"waited {timeout:g} s for {what}")


def invoke(target: QObject, method: str, *args: Any) -> None:
    """Call a QML function (its parameters are untyped, i.e. QVariant)."""
    QMetaObject.invokeMethod(target, method, *[Q_ARG("QVariant", a) for a in args])


# ----- finding items as a person sees them ------------------------------------------------------


def visible_items(window: QQuickWindow) -> Iterator[QQuickItem]:
    pending = [window.contentItem()]
    while pending:
        item = pending.pop()
        if not item.isVisible() or item.opacity() == 0:
            continue
        yield item
        pending.extend(item.childItems())


def find(window: QQuickWindow, name: str) -> QQuickItem | None:
    return next((item for item in visible_items(window) if item.objectName() == name), None)


def find_any(window: QQuickWindow, name: str) -> QQuickItem | None:
    """The item with this objectName, visible or not."""
    pending = [window.contentItem()]
    while pending:
        item = pending.pop()
        if item.objectName() == name:
            return item
        pending.extend(item.childItems())
    return None


# ----- frames ---------------------------------------------------------------------------------


class FrameClock:
    """Timestamps (perf_counter) of every frame the window swaps, and how long each frame took
    to make (from `beforeFrameBegin` to its swap: events, animations, polish, sync, render).
    Two Python calls per frame and nothing else: every Python call on the GUI thread needs the
    GIL, which a busy background thread holds for up to the switch interval (5 ms)."""

    def __init__(self, window: QQuickWindow) -> None:
        self.window = window
        self.swaps: list[float] = []
        self.work: list[float] = []  # seconds; work[i] belongs to swaps[i]
        self._begun = 0.0
        self.on_swap: Callable[[float], None] | None = None
        window.beforeFrameBegin.connect(self._on_begin, Qt.ConnectionType.DirectConnection)
        window.frameSwapped.connect(self._on_swapped, Qt.ConnectionType.DirectConnection)

    def _on_begin(self) -> None:
        self._begun = time.perf_counter()

    def _on_swapped(self) -> None:
        now = time.perf_counter()
        self.swaps.append(now)
        self.work.append(now - self._begun if self._begun else 0.0)
        if self.on_swap is not None:
            self.on_swap(now)

    @property
    def count(self) -> int:
        return len(self.swaps)

    def next_frame(self, timeout: float = 5.0) -> float:
        """Ask for a frame and wait for it; its swap time."""
        before = self.count
        self.window.update()
        wait_until(lambda: self.count > before, timeout, "a frame")
        return self.swaps[before]

    def frame_after(
        self, action: Callable[[], None], condition: Callable[[], bool], timeout: float = 10.0
    ) -> float:
        """Seconds from the start of `action()` to the first frame swapped while `condition()`
        holds (checked right at each swap, also for frames swapped during the action)."""
        seen: list[float] = []

        def on_swap(now: float) -> None:
            if not seen and condition():
                seen.append(now)

        self.on_swap = on_swap
        try:
            started = time.perf_counter()
            action()
            self.window.update()  # an idle window renders only when asked
            wait_until(lambda: bool(seen), timeout, "the frame", poll_ms=1)
        finally:
            self.on_swap = None
        return seen[0] - started


# ----- the kiosk under test -------------------------------------------------------------------


class Kiosk:
    """A KioskApp on a copy of a warm cache, full screen, with helpers to drive it."""

    def __init__(self, app: KioskApp) -> None:
        self.app = app
        self.window = app.window
        self.frames = FrameClock(app.window)

    # -- state
    def screen(self) -> str:
        """The screen on top once settled ("" while a transition runs)."""
        if self.window.property("navigating"):
            return ""
        return str(self.window.property("currentScreen") or "")

    def top(self) -> str:
        """The screen on top, settled or not."""
        return str(self.window.property("currentScreen") or "")

    def popup(self, name: str) -> QObject:
        found = self.window.findChild(QObject, name)
        if found is None:
            raise LookupError(f"no object {name!r}")
        return found

    def wait_screen(self, name: str, timeout: float = 10.0) -> None:
        wait_until(lambda: self.screen() == name, timeout, f"screen {name}", poll_ms=5)

    def settle(self, quiet: float = 0.05) -> None:
        """No transition running, then a little more for bindings, images and the last frame."""
        wait_until(lambda: not self.window.property("navigating"), 10.0, "transitions", poll_ms=5)
        pump(quiet)

    def navigate(self, screen: str, params: dict[str, Any] | None = None) -> None:
        invoke(self.window, "navigate", screen, params or {})

    # -- taps
    def centre(self, name: str) -> QPoint | None:
        """The middle of the named item once it is visible, inside the window and not moving."""
        if self.window.property("navigating"):
            return None
        item = find(self.window, name)
        if item is None:
            return None
        top_left = item.mapToScene(QPointF(0, 0))
        if (
            top_left.x() < 0
            or top_left.y() < 0
            or top_left.x() + item.width() > self.window.width() + 1
            or top_left.y() + item.height() > self.window.height() + 1
        ):
            return None
        return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()

    def settled_centre(self, name: str, timeout: float = 10.0) -> QPoint:
        seen: list[QPoint | None] = []

        def settled() -> bool:
            seen.append(self.centre(name))
            return len(seen) >= 2 and seen[-1] is not None and seen[-1] == seen[-2]

        wait_until(settled, timeout, f"{name} to settle", poll_ms=20)
        point = seen[-1]
        assert point is not None
        return point

    def click(self, point: QPoint) -> None:
        QTest.mouseClick(
            self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
        )

    def tap(self, name: str) -> None:
        self.click(self.settled_centre(name))

    def timed_tap(self, name: str, arrived: Callable[[], bool], timeout: float = 10.0) -> float:
        """Tap the named item; milliseconds from the tap to the first frame swapped once
        `arrived()` holds."""
        point = self.settled_centre(name)
        return self.frames.frame_after(lambda: self.click(point), arrived, timeout) * 1000

    # -- visits
    def log_in(self, email: str = DEMO_EMAIL, password: str = DEMO_PASSWORD) -> None:
        self.app.session.logIn(email, password)
        wait_until(lambda: bool(self.app.session.property("familyChosen")), 30.0, "the login")

    def begin_visit(self) -> None:
        """From the landing page to the dashboard, the way a family does."""
        self.wait_screen("landingScreen")
        self.tap("clickToBegin")
        if self.app.kiosk.property("showWelcomeInfo"):
            wait_until(lambda: find(self.window, "welcomeContinue") is not None, 5.0, "welcome")
            self.tap("welcomeContinue")
        self.wait_screen("dashboardScreen")

    def end_visit(self) -> None:
        self.app.visit.end("")
        self.wait_screen("landingScreen")


def rss_after_gc() -> float:
    """RSS once Python's garbage and Qt's deferred deletions are gone."""
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()
    return rss_mb()


@contextmanager
def kiosk_session(
    ctx: Context,
    *,
    warm: Path | None = None,
    portal_db: Path | None = None,
    online: bool = True,
    **overrides: Any,
) -> Iterator[Kiosk]:
    """The kiosk on a copy of a warm cache (the big catalog by default), talking to a portal
    process on a copy of the matching database, or to nobody when not `online`."""
    warm = warm or ctx.warm_big
    portal_db = portal_db or ctx.big_db
    data_dir = copy_kiosk_dir(warm, ctx.work / "kiosk")
    with ExitStack() as stack:
        url = UNREACHABLE
        if online:
            db = copy_sqlite(portal_db, ctx.work / "portal.sqlite3")
            portal = PortalProcess(f"sqlite:///{db}", ctx.work / "portal.log")
            url = portal.start()
            stack.callback(portal.stop)
        application()
        settings = load_settings(
            None,
            env={},
            portal_url=url,
            account="demo",
            data_dir=data_dir,
            idle_timeout_s=86_400,  # a benchmark is no visit: never time out mid-run
            **overrides,
        )
        app = build_kiosk(settings, kiosk_mode=True)
        stack.callback(app.shutdown)
        kiosk = Kiosk(app)
        app.window.showFullScreen()
        kiosk.wait_screen("landingScreen", timeout=30)
        if online:  # the first sync (nothing new) is done before anything is measured
            wait_until(lambda: not app.kiosk.property("syncing"), 30.0, "the first sync")
        kiosk.settle(0.3)
        yield kiosk
