"""Fixtures for driving the real kiosk window (offscreen) against the real portal on loopback."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, QPointF, Qt
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.config import load_settings
from ui.app import KioskApp, build_kiosk, prepare_environment

prepare_environment()

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screens"


def visible_items(window: QQuickWindow) -> Iterator[QQuickItem]:
    """Every item a person could see, walking the visual tree (screens, pop-ups, drawers)."""
    pending = [window.contentItem()]
    while pending:
        item = pending.pop()
        if not item.isVisible() or item.opacity() == 0:
            continue
        yield item
        pending.extend(item.childItems())


def find(window: QQuickWindow, name: str) -> QQuickItem | None:
    """The visible item with this objectName, or None."""
    return next((item for item in visible_items(window) if item.objectName() == name), None)


def visible_names(window: QQuickWindow, prefix: str) -> list[str]:
    return sorted(
        {i.objectName() for i in visible_items(window) if i.objectName().startswith(prefix)}
    )


def _uncovered_bottom(window: QQuickWindow) -> float:
    """Where the on-screen keyboard starts (or the window's bottom when it is closed)."""
    panel = find(window, "inputPanel")
    if panel is not None and panel.property("active"):
        return panel.mapToScene(QPointF(0, 0)).y()
    return float(window.height())


def _form_scroll(item: QQuickItem) -> QQuickItem | None:
    parent = item.parentItem()
    while parent is not None and parent.objectName() != "formScroll":
        parent = parent.parentItem()
    return parent


def _scroll_into_view(window: QQuickWindow, item: QQuickItem) -> None:
    """What a person does with a finger: scroll the form until the item shows."""
    scroll = _form_scroll(item)
    if scroll is not None:
        QMetaObject.invokeMethod(scroll, "ensureVisible", Q_ARG("QVariant", item))


def centre_on_screen(window: QQuickWindow, name: str):
    """The scene point at the middle of the item, once it is enabled, has settled inside the
    window and nothing (the on-screen keyboard) covers it."""
    if window.property("navigating"):
        return None
    item = find(window, name)
    if item is None or not item.isEnabled():
        return None  # not there yet, or greyed out (still loading): a person waits for it
    top_left = item.mapToScene(QPointF(0, 0))
    if top_left.x() < 0 or top_left.y() < 0 or top_left.x() + item.width() > window.width() + 1:
        return None  # still sliding in (a drawer, a screen transition)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    scroll = _form_scroll(item)
    if scroll is not None:  # scrolled out of the form's view, above or below
        view_top = scroll.mapToScene(QPointF(0, 0)).y()
        view_bottom = view_top + scroll.height()
        if not view_top <= centre.y() <= view_bottom:
            _scroll_into_view(window, item)
            return None
    if centre.y() >= _uncovered_bottom(window) and item.objectName() != "inputPanel":
        _scroll_into_view(window, item)
        return None
    return centre.toPoint()


def tap(qtbot, app: KioskApp, name: str, timeout: int = 5000) -> None:
    """A finger on the middle of the named item (a real press and release in the window), as soon
    as a person could see it: visible, settled, inside the window."""
    seen: list = []

    def settled() -> bool:
        # The same spot on two looks in a row: layouts and scrolling have finished moving it.
        seen.append(centre_on_screen(app.window, name))
        return len(seen) >= 2 and seen[-1] is not None and seen[-1] == seen[-2]

    try:
        qtbot.waitUntil(settled, timeout=timeout)
    except Exception as exc:
        # Say what a person would have seen, so a failure far away (CI) can be understood.
        shot = screenshot(app.window, f"failed-tap-{name}")
        raise AssertionError(
            f"could not tap {name!r}: last looks {seen[-3:]}, screen {current_screen(app)!r}, "
            f"navigating {app.window.property('navigating')!r}, "
            f"open pop-ups {open_popups(app.window)}, picture {shot}"
        ) from exc
    centre = seen[-1]
    QTest.mouseClick(app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)


def open_popups(window: QQuickWindow) -> list[str]:
    """The pop-ups and drawers showing now, by objectName (or type when unnamed)."""
    return [
        str(obj.objectName() or obj.metaObject().className())
        for obj in window.findChildren(QObject)
        if obj.inherits("QQuickPopup") and obj.property("visible")
    ]


def screenshot(window: QQuickWindow, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    window.grabWindow().save(str(path))
    return path


def current_screen(app: KioskApp) -> str:
    """The screen on top once it has settled ("" while a transition runs)."""
    if app.window.property("navigating"):
        return ""
    return str(app.window.property("currentScreen") or "")


@pytest.fixture
def make_kiosk(qapp, tmp_path) -> Iterator:
    """Builds kiosks on a data dir of their own; each one is shut down after the test."""
    built: list[KioskApp] = []

    def _make(
        portal_url: str,
        account: str = "demo",
        data_dir: Path | None = None,
        kiosk_mode: bool = False,
        **overrides,
    ) -> KioskApp:
        settings = load_settings(
            None,
            env={},
            portal_url=portal_url,
            account=account,
            data_dir=data_dir or tmp_path / "kiosk",
            **overrides,
        )
        app = build_kiosk(settings, kiosk_mode=kiosk_mode)
        app.window.resize(1920, 1080)
        app.window.show()
        built.append(app)
        return app

    yield _make
    for app in built:
        app.shutdown()


def type_into(qtbot, app: KioskApp, field: str, text: str) -> None:
    """Tap a FormField's input and type key by key, as a keyboard would (replacing its text)."""
    tap(qtbot, app, f"{field}Input")
    item = find(app.window, f"{field}Input")
    try:
        qtbot.waitUntil(lambda: item.hasActiveFocus(), timeout=3000)
    except Exception:
        focus = app.window.activeFocusItem()
        screenshot(app.window, f"failed-focus-{field}")
        raise AssertionError(
            f"{field} did not take the focus; {focus.objectName() if focus else None} has it, "
            f"item at {item.mapToScene(QPointF(0, 0))}"
        ) from None
    QTest.keyClick(app.window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(app.window, Qt.Key.Key_Backspace)
    for ch in text:
        QTest.keyClick(app.window, ch)


def field_text(app: KioskApp, field: str) -> str:
    item = find(app.window, f"{field}Input")
    assert item is not None, f"no field {field!r} on screen"
    return str(item.property("text"))


def field_error(app: KioskApp, field: str) -> str:
    item = find(app.window, f"{field}Error")
    return str(item.property("text")) if item is not None else ""


def all_texts(app: KioskApp) -> str:
    """Every word of every item in the window (visible or not), for privacy checks."""
    words = []
    pending = [app.window.contentItem()]
    while pending:
        item = pending.pop()
        for prop in ("text", "title", "placeholderText"):
            value = item.property(prop)
            if isinstance(value, str) and value:
                words.append(value)
        pending.extend(item.childItems())
    return "\n".join(words)


def fill_in_login(qtbot, app: KioskApp, email: str, password: str) -> None:
    """From the landing page to the login form with the email and password typed, as a
    parent does; the test taps loginSubmit itself."""
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    tap(qtbot, app, "tile_log_in")
    tap(qtbot, app, "loginYes")
    type_into(qtbot, app, "loginEmail", email)
    type_into(qtbot, app, "loginPassword", password)
