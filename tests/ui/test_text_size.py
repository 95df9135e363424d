"""Larger text ("A A"): every screen reflows at 1.5 times the size; no words are cut off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem, QQuickWindow

from tests.ui.conftest import current_screen, find, screenshot, tap, visible_items


def _inherits(item: QQuickItem, name: str) -> bool:
    meta = item.metaObject()
    while meta is not None:
        if meta.className() == name:
            return True
        meta = meta.superClass()
    return False


def _box(item: QQuickItem) -> tuple[float, float, float, float]:
    top_left = item.mapToScene(QPointF(0, 0))
    return top_left.x(), top_left.y(), item.width(), item.height()


def _enclosing_control(item: QQuickItem) -> QQuickItem | None:
    """The button, tile, card or pop-up the words are drawn on; None inside a scrolling list,
    where words may rightly be scrolled out of sight."""
    node = item.parentItem()
    while node is not None:
        if _inherits(node, "QQuickFlickable"):
            return None
        if _inherits(node, "QQuickControl"):
            return node
        node = node.parentItem()
    return None


def cut_off_texts(window: QQuickWindow) -> list[str]:
    """Text items a person cannot read whole: elided or past their line limit (`truncated`,
    which is how a NoWrap line that does not fit shows), lines wider than the room they were
    given (a NoWrap line without elide, a word longer than a wrapped line), or words past the
    window's edge, or below the bottom of the button, tile or card they are drawn on."""
    problems = []
    for item in visible_items(window):
        if not _inherits(item, "QQuickText") or not item.property("text"):
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


@pytest.mark.parametrize(
    ("language", "large"),
    [("en", False), ("en", True), ("es", False), ("es", True)],
    ids=["en-1x", "en-1.5x", "es-1x", "es-1.5x"],
)
def test_main_screens_reflow_without_cutting_words(qtbot, portal, make_kiosk, language, large):
    app = make_kiosk(portal.url)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    if language == "es":
        tap(qtbot, app, "landingLanguage")
        qtbot.waitUntil(lambda: app.language.property("language") == "es", timeout=2000)
    if large:
        tap(qtbot, app, "landingTextSize")
        qtbot.waitUntil(lambda: app.display.property("largeText"), timeout=2000)
    size = "1.5x" if large else "1x"
    problems: dict[str, list[str]] = {}

    def check(screen: str) -> None:
        # Measure once the screen has slid in and its layouts have settled.
        qtbot.waitUntil(lambda: current_screen(app) != "", timeout=3000)
        qtbot.wait(100)
        screenshot(app.window, f"text-{language}-{size}-{screen}")
        problems[screen] = cut_off_texts(app.window)

    qtbot.waitUntil(
        lambda: find(app.window, "landingHeadline").property("text") != "", timeout=5000
    )
    check("landing")
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=3000)
    check("dashboard")
    tap(qtbot, app, "toolbar_news")
    qtbot.waitUntil(lambda: find(app.window, "newsItem0") is not None, timeout=3000)
    check("news")
    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, "booking_classes")
    qtbot.waitUntil(lambda: find(app.window, "classCard0") is not None, timeout=5000)
    check("classes")
    tap(qtbot, app, "toolbarHome")
    tap(qtbot, app, "tile_log_in")
    qtbot.waitUntil(lambda: current_screen(app) == "loginScreen", timeout=3000)
    check("login-question")
    tap(qtbot, app, "loginYes")
    qtbot.waitUntil(lambda: find(app.window, "loginSubmit") is not None, timeout=3000)
    check("login")

    found = {screen: items for screen, items in problems.items() if items}
    assert not found, "\n".join(
        f"{screen}: {item}" for screen, items in found.items() for item in items
    )


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
    qtbot.wait(100)
    screenshot(app.window, "text-es-1.5x-landing-offline")

    name = find(app.window, "landingOrgName")
    name_x, name_y, name_w, name_h = _box(name)
    for other in ("offlineBadge", "landingLanguage", "landingTextSize"):
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
    qtbot.wait(100)
    screenshot(app.window, "text-es-1.5x-toolbar-offline")
    for item in visible_items(app.window):
        if item.objectName().startswith("toolbar") or item.objectName() == "offlineBadge":
            x, _y, w, _h = _box(item)
            assert x >= 0 and x + w <= app.window.width() + 1, item.objectName()
    assert cut_off_texts(app.window) == []
