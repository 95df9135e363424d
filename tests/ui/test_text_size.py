"""Larger text ("A A"): no words are cut off. `cut_off_texts` is one of the checks the walk over
every screen (tests/ui/test_every_screen.py) runs in both languages at both sizes; here, the
landing page's and the toolbar's top row at their fullest (offline, Spanish, larger text)."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem, QQuickWindow

from tests.ui.conftest import current_screen, find, screenshot, settle, tap, visible_items


def _inherits(item: QQuickItem, name: str) -> bool:
    # In C++ (see tests/ui/test_accessibility.py): PySide miscounts the None at the chain's end.
    return item.inherits(name)


def _box(item: QQuickItem) -> tuple[float, float, float, float]:
    top_left = item.mapToScene(QPointF(0, 0))
    return top_left.x(), top_left.y(), item.width(), item.height()


def _enclosing_control(item: QQuickItem) -> QQuickItem | None:
    """The button, tile, card or pop-up the words are drawn on; None inside a scrolling list,
    where words may rightly be scrolled out of sight."""
    node = _parent(item)
    while node is not None:
        if _inherits(node, "QQuickFlickable"):
            return None
        if _inherits(node, "QQuickControl"):
            return node
        node = _parent(node)
    return None


def _parent(node: QQuickItem) -> QQuickItem | None:
    """None at the window's root item, without asking it (PySide then loses a reference to
    None: see tests/ui/test_accessibility.py keeping_none)."""
    return None if node.inherits("QQuickRootItem") else node.parentItem()


def _within(item: QQuickItem, root: QQuickItem) -> bool:
    node: QQuickItem | None = item
    while node is not None:
        if node is root:
            return True
        node = _parent(node)
    return False


def cut_off_texts(window: QQuickWindow, root: QQuickItem | None = None) -> list[str]:
    """Text items a person cannot read whole: elided or past their line limit (`truncated`,
    which is how a NoWrap line that does not fit shows), lines wider than the room they were
    given (a NoWrap line without elide, a word longer than a wrapped line), or words past the
    window's edge, or below the bottom of the button, tile or card they are drawn on. Only
    under `root` when given (the pop-up on top)."""
    problems = []
    for item in visible_items(window):
        if not _inherits(item, "QQuickText") or not item.property("text"):
            continue
        if root is not None and not _within(item, root):
            continue
        text = str(item.property("text")).replace("\n", " ")[:60]
        left, top, _width, height = _box(item)
        control = _enclosing_control(item)
        if item.property("truncated"):
            problems.append(f"cut off: {text!r}")
        elif item.property("contentWidth") > item.width() + 1:
            problems.append(f"wider than its room ({item.width():.0f} px): {text!r}")
        elif left + min(item.width(), item.property("implicitWidth")) > window.width() + 1:
            problems.append(f"past the window's edge: {text!r}")
        elif control is not None:
            _x, control_top, _w, control_height = _box(control)
            bottom = top + max(height, item.property("contentHeight"))
            if bottom > control_top + control_height + 2:
                problems.append(
                    f"below the bottom of its {control.objectName() or 'control'} "
                    f"by {bottom - control_top - control_height:.0f} px: {text!r}"
                )
    return problems


def test_offline_badge_language_and_text_size_never_cover_the_name(
    qtbot, portal, make_kiosk, tmp_path
):
    """The landing page's top row at its fullest: offline, Spanish, larger text."""
    data_dir = tmp_path / "cached"
    first = make_kiosk(portal.url, data_dir=data_dir)
    qtbot.waitUntil(lambda: current_screen(first) == "landingScreen", timeout=20000)
    first.shutdown()
    url = portal.url
    portal.stop()
    app = make_kiosk(url, data_dir=data_dir)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    qtbot.waitUntil(lambda: find(app.window, "offlineBadge") is not None, timeout=20000)
    tap(qtbot, app, "landingLanguage")
    tap(qtbot, app, "landingTextSize")
    qtbot.waitUntil(lambda: app.display.property("largeText"), timeout=2000)
    settle(qtbot, app.window)
    screenshot(app.window, "text-es-1.5x-landing-offline")

    name = find(app.window, "landingOrgName")
    name_x, name_y, name_w, name_h = _box(name)
    for other in (
        "offlineBadge",
        "landingLanguage",
        "landingTextSize",
        "landingHighContrast",
        "landingLowered",
    ):
        x, y, w, h = _box(find(app.window, other))
        assert x + w <= app.window.width(), other
        overlaps = name_x < x + w and x < name_x + name_w and name_y < y + h and y < name_y + name_h
        assert not overlaps, f"the organisation's name runs under {other}"
    assert cut_off_texts(app.window) == []

    # The toolbar at its fullest too: Back, every section, the badge, language and text size.
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    tap(qtbot, app, "toolbar_news")
    qtbot.waitUntil(lambda: current_screen(app) == "newsScreen", timeout=3000)
    settle(qtbot, app.window)
    screenshot(app.window, "text-es-1.5x-toolbar-offline")
    for item in visible_items(app.window):
        if item.objectName().startswith("toolbar") or item.objectName() == "offlineBadge":
            x, _y, w, _h = _box(item)
            assert x >= 0 and x + w <= app.window.width() + 1, item.objectName()
    assert cut_off_texts(app.window) == []
