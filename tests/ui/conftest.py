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
from portal.seed import DEMO_EMAIL_SIMPSON, DEMO_PASSWORD
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


def _covered_by_a_popup(window: QQuickWindow, item: QQuickItem) -> bool:
    """Whether a modal pop-up or drawer (opening, open or still sliding away) lies over the item:
    a press there lands on the pop-up's shade, not on the item."""
    for popup in window.findChildren(QObject):
        if not popup.inherits("QQuickPopup") or not popup.property("visible"):
            continue
        if not popup.property("modal"):
            continue
        content = popup.property("contentItem")
        frame = content.parentItem() if content is not None else None
        ancestor = item
        while ancestor is not None and ancestor is not frame:
            ancestor = ancestor.parentItem()
        if ancestor is None:
            return True
    return False


def centre_on_screen(window: QQuickWindow, name: str):
    """The scene point at the middle of the item, once it is enabled, has settled inside the
    window and nothing (a pop-up, a drawer sliding away, the on-screen keyboard) covers it."""
    if window.property("navigating"):
        return None
    item = find(window, name)
    if item is None or not item.isEnabled():
        return None  # not there yet, or greyed out (still loading): a person waits for it
    if _covered_by_a_popup(window, item):
        return None  # a person waits for the drawer to slide away
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    scroll = _form_scroll(item)
    if scroll is not None:  # scrolled out of the form's view, above (even off the window) or below
        view_top = scroll.mapToScene(QPointF(0, 0)).y()
        view_bottom = view_top + scroll.height()
        if not view_top <= centre.y() <= view_bottom:
            _scroll_into_view(window, item)
            return None
    top_left = item.mapToScene(QPointF(0, 0))
    if top_left.x() < 0 or top_left.y() < 0 or top_left.x() + item.width() > window.width() + 1:
        return None  # still sliding in (a drawer, a screen transition)
    if centre.y() >= _uncovered_bottom(window) and item.objectName() != "inputPanel":
        _scroll_into_view(window, item)
        return None
    return centre.toPoint()


def next_frame(qtbot, window: QQuickWindow) -> None:
    """Until the window has drawn one more frame: layouts, bindings and scrolling that were
    pending are done then (Qt Quick polishes items just before it draws)."""
    with qtbot.waitSignal(window.frameSwapped, timeout=2000, raising=False):
        window.update()


def tap(qtbot, app: KioskApp, name: str, timeout: int = 5000) -> None:
    """A finger on the middle of the named item (a real press and release in the window), as soon
    as a person could see it: visible, settled, inside the window."""
    seen: list = []

    def settled() -> bool:
        # The same spot before and after a frame is drawn: layouts and scrolling have finished
        # moving it (two looks between frames would both see where it was).
        before = centre_on_screen(app.window, name)
        if before is None:
            seen.append(None)
            return False
        next_frame(qtbot, app.window)
        seen.append(centre_on_screen(app.window, name))
        return seen[-1] == before

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


def _layout(window: QQuickWindow) -> tuple:
    """Where every named item is, in the scene."""
    looks = []
    for item in visible_items(window):
        if item.objectName():
            top_left = item.mapToScene(QPointF(0, 0))
            looks.append(
                (
                    item.objectName(),
                    round(top_left.x()),
                    round(top_left.y()),
                    round(item.width()),
                    round(item.height()),
                )
            )
    return tuple(looks)


def settle(qtbot, window: QQuickWindow, timeout: int = 5000) -> None:
    """Until the screen has slid in and nothing moves any more (layouts, pop-ups, fades)."""
    looks: list[tuple] = []

    def still() -> bool:
        if window.property("navigating"):
            looks.clear()
            return False
        looks.append(_layout(window))
        next_frame(qtbot, window)
        return len(looks) >= 2 and looks[-1] == looks[-2] == _layout(window)

    qtbot.waitUntil(still, timeout=timeout)


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


# `make test` runs several UI tests at once beside the other suites, on two cores that may be busy
# with other work too: every wait gets this many times the time it names. A wait ends as soon as
# its condition holds, so this costs a passing test nothing; it only stops a slow machine from
# failing a test that would pass.
WAIT_SCALE = float(os.environ.get("KIOSK_TEST_WAIT_SCALE", "3"))


@pytest.fixture
def qtbot(qtbot):
    """pytest-qt's qtbot whose waits allow WAIT_SCALE times their timeout."""
    wait_until, wait_signal = qtbot.waitUntil, qtbot.waitSignal

    def scaled_wait_until(callback, *, timeout: int = 5000):
        return wait_until(callback, timeout=int(timeout * WAIT_SCALE))

    def scaled_wait_signal(signal=None, *, timeout: int = 5000, **kwargs):
        return wait_signal(signal, timeout=int(timeout * WAIT_SCALE), **kwargs)

    qtbot.waitUntil = scaled_wait_until
    qtbot.waitSignal = scaled_wait_signal
    return qtbot


def _pairing_code_for(request: pytest.FixtureRequest, portal_url: str) -> str | None:
    """A pairing code from the test's own portal, when the kiosk is built for it: a kiosk in a
    test is enrolled as `make run`'s is (tests of an unenrolled kiosk pass pairing_code="")."""
    for name in ("portal", "shared_portal"):
        if name in request.fixturenames:
            embedded = request.getfixturevalue(name)
            if embedded.url == portal_url:
                return str(embedded.pairing_code())
    return None


@pytest.fixture
def make_kiosk(qapp, tmp_path, request) -> Iterator:
    """Builds kiosks on a data dir of their own, enrolled with the test's portal; each one is
    shut down after the test."""
    built: list[KioskApp] = []

    def _make(
        portal_url: str,
        account: str = "demo",
        data_dir: Path | None = None,
        kiosk_mode: bool = False,
        **overrides,
    ) -> KioskApp:
        if "pairing_code" not in overrides:
            overrides["pairing_code"] = _pairing_code_for(request, portal_url)
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
    type_text(qtbot, app, f"{field}Input", text)


def type_text(qtbot, app: KioskApp, name: str, text: str) -> None:
    """Tap the text field `name` and type key by key, as a keyboard would (replacing its
    text): what a person does, not a property set behind the field's back."""
    tap(qtbot, app, name)
    item = find(app.window, name)
    try:
        qtbot.waitUntil(lambda: item.hasActiveFocus(), timeout=3000)
    except Exception:
        focus = app.window.activeFocusItem()
        screenshot(app.window, f"failed-focus-{name}")
        raise AssertionError(
            f"{name} did not take the focus; {focus.objectName() if focus else None} has it, "
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


def log_in_as_marge(qtbot, app: KioskApp) -> None:
    """From the landing page to the dashboard as Marge Simpson (the demo's family), by taps
    and keys."""
    fill_in_login(qtbot, app, DEMO_EMAIL_SIMPSON, DEMO_PASSWORD)
    tap(qtbot, app, "loginSubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
