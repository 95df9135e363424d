"""A screen reader can name everything a family can tap, type into or scroll on the main screens."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtQuick import QQuickItem, QQuickWindow

from portal.seed import DEMO_EMAIL_SIMPSON, DEMO_PASSWORD
from tests.ui.conftest import current_screen, find, tap, type_into, visible_items

# Qt Quick types a finger uses: buttons of every kind (check boxes, chips, tiles, cards),
# text entry, pickers.
_INTERACTIVE_TYPES = (
    "QQuickAbstractButton",
    "QQuickTextInput",
    "QQuickTextEdit",
    "QQuickComboBox",
    "QQuickSpinBox",
    "QQuickSlider",
    "QQuickRangeSlider",
    "QQuickDial",
    "QQuickTumbler",
)


def _inherits(item: QQuickItem, names: tuple[str, ...]) -> bool:
    meta = item.metaObject()
    while meta is not None:
        if meta.className() in names:
            return True
        meta = meta.superClass()
    return False


def _scrollable(item: QQuickItem) -> bool:
    """A list or page a finger can drag: interactive, with more content than it shows."""
    if not _inherits(item, ("QQuickFlickable",)) or not item.property("interactive"):
        return False
    return (
        item.property("contentHeight") > item.height() + 1
        or item.property("contentWidth") > item.width() + 1
    )


def _interactive(item: QQuickItem) -> bool:
    if not item.isEnabled() or item.width() <= 0 or item.height() <= 0:
        return False
    if _inherits(item, ("QQuickTextInput", "QQuickTextEdit")) and item.property("readOnly"):
        return False  # shows text (a ComboBox's label, a read-only note): nothing to do with it
    return _inherits(item, _INTERACTIVE_TYPES) or _scrollable(item)


def _describe(item: QQuickItem) -> str:
    path = []
    node: QQuickItem | None = item
    while node is not None and len(path) < 6:
        path.append(node.objectName() or node.metaObject().className())
        node = node.parentItem()
    return " < ".join(path)


def interactive_items(window: QQuickWindow) -> list[QQuickItem]:
    return [item for item in visible_items(window) if _interactive(item)]


def unnamed_interactive_items(window: QQuickWindow) -> list[str]:
    """What a screen reader would announce with no name: tap targets, fields, scrolling lists."""
    problems = []
    for item in interactive_items(window):
        interface = QAccessible.queryAccessibleInterface(item)
        if interface is None:
            problems.append(_describe(item))
            continue
        name = interface.text(QAccessible.Text.Name).strip()
        if not name and interface.state().passwordEdit:
            # Qt never tells a screen reader a hidden-text field's name; its description says it.
            name = interface.text(QAccessible.Text.Description).strip()
        if not name:
            problems.append(_describe(item))
    return problems


@pytest.fixture
def screen_reader():
    """What an assistive technology switches on: Qt Quick Controls then name themselves."""
    QAccessible.setActive(True)
    yield
    QAccessible.setActive(False)


def _check(app, screen: str, seen: dict[str, list[str]]) -> None:
    # The walk found the screen's controls (a walk that finds nothing proves nothing).
    assert len(interactive_items(app.window)) >= 3, screen
    seen[screen] = unnamed_interactive_items(app.window)


def test_every_interactive_item_on_the_main_screens_has_a_name(
    qtbot, portal, make_kiosk, screen_reader
):
    app = make_kiosk(portal.url)
    seen: dict[str, list[str]] = {}
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    qtbot.waitUntil(lambda: find(app.window, "dot0") is not None, timeout=5000)
    _check(app, "landing", seen)

    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=3000)
    _check(app, "dashboard", seen)
    tap(qtbot, app, "toolbar_menu")
    qtbot.waitUntil(lambda: find(app.window, "menuClose") is not None, timeout=3000)
    _check(app, "menu", seen)
    tap(qtbot, app, "menuClose")
    qtbot.waitUntil(lambda: find(app.window, "menuClose") is None, timeout=3000)

    tap(qtbot, app, "tile_news")
    qtbot.waitUntil(lambda: find(app.window, "newsItem0") is not None, timeout=3000)
    _check(app, "news", seen)

    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, "booking_classes")
    qtbot.waitUntil(lambda: find(app.window, "classCard0") is not None, timeout=5000)
    _check(app, "classes", seen)
    tap(qtbot, app, "classCard0")
    qtbot.waitUntil(lambda: current_screen(app) == "classDetailScreen", timeout=3000)
    _check(app, "class detail", seen)

    tap(qtbot, app, "toolbarHome")
    tap(qtbot, app, "tile_log_in")
    qtbot.waitUntil(lambda: current_screen(app) == "loginScreen", timeout=3000)
    _check(app, "login question", seen)
    tap(qtbot, app, "loginNo")
    qtbot.waitUntil(lambda: current_screen(app) == "createAccountScreen", timeout=3000)
    _check(app, "create account", seen)
    tap(qtbot, app, "toolbarBack")
    qtbot.waitUntil(lambda: current_screen(app) == "loginScreen", timeout=3000)
    tap(qtbot, app, "loginYes")
    qtbot.waitUntil(lambda: find(app.window, "loginEmailInput") is not None, timeout=3000)
    _check(app, "login", seen)

    type_into(qtbot, app, "loginEmail", DEMO_EMAIL_SIMPSON)
    type_into(qtbot, app, "loginPassword", DEMO_PASSWORD)
    tap(qtbot, app, "loginSubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    tap(qtbot, app, "tile_my_account")
    qtbot.waitUntil(lambda: current_screen(app) == "myAccountScreen", timeout=3000)
    _check(app, "my account", seen)

    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, "booking_classes")
    tap(qtbot, app, "filterStudent0")
    tap(qtbot, app, "filterOpenings")
    qtbot.waitUntil(lambda: find(app.window, "classCard0") is not None, timeout=3000)
    tap(qtbot, app, "classCard0")
    tap(qtbot, app, "enrollStudent0")
    tap(qtbot, app, "enroll")
    qtbot.waitUntil(lambda: current_screen(app) == "cartScreen", timeout=10000)
    qtbot.waitUntil(lambda: find(app.window, "cartCheckout") is not None, timeout=5000)
    _check(app, "cart", seen)
    tap(qtbot, app, "cartCheckout")
    qtbot.waitUntil(lambda: current_screen(app) == "paymentScreen", timeout=3000)
    tap(qtbot, app, "methodKeyed")
    qtbot.waitUntil(lambda: find(app.window, "cardNumberInput") is not None, timeout=3000)
    _check(app, "payment", seen)

    unnamed = {screen: items for screen, items in seen.items() if items}
    assert not unnamed, "interactive items without an Accessible.name:\n" + "\n".join(
        f"{screen}: {item}" for screen, items in unnamed.items() for item in items
    )
