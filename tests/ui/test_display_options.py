"""High contrast and "Lower the screen" (from the Menu), for this visit only."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from tests.ui.conftest import current_screen, find, screenshot, tap, visible_items
from tests.ui.test_accessibility import interactive_items
from tests.ui.test_text_size import cut_off_texts


def _to_dashboard(qtbot, app) -> None:
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=3000)


def _menu(qtbot, app, entry: str) -> None:
    tap(qtbot, app, "toolbar_menu")
    tap(qtbot, app, entry)
    tap(qtbot, app, "menuClose")
    qtbot.waitUntil(lambda: find(app.window, "menuClose") is None, timeout=3000)


def test_high_contrast_and_a_lowered_screen_last_for_the_visit(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _to_dashboard(qtbot, app)
    usual_background = app.window.color().name()

    _menu(qtbot, app, "menuHighContrast")
    assert app.display.property("highContrast")
    qtbot.waitUntil(lambda: app.window.color().name() == "#ffffff", timeout=2000)
    assert usual_background != "#ffffff"
    screenshot(app.window, "display-01-high-contrast")

    _menu(qtbot, app, "menuLowered")
    assert app.display.property("lowered")
    qtbot.waitUntil(lambda: find(app.window, "loweredBand") is not None, timeout=2000)
    qtbot.wait(100)
    screenshot(app.window, "display-02-lowered")
    # Everything a finger needs is in the bottom two-thirds; nothing is cut off there.
    top_third = app.window.height() / 3
    for item in interactive_items(app.window):
        y = item.mapToScene(QPointF(0, 0)).y()
        assert y >= top_third - 1, f"{item.objectName()} at y={y:.0f}"
    assert cut_off_texts(app.window) == []

    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, "booking_classes")
    qtbot.waitUntil(lambda: find(app.window, "classCard0") is not None, timeout=5000)
    qtbot.waitUntil(lambda: current_screen(app) == "classesScreen", timeout=3000)
    screenshot(app.window, "display-03-lowered-classes")
    assert cut_off_texts(app.window) == []

    # The next family gets the usual screen.
    app.idle.set_timeouts(0.2, 1)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=8000)
    assert not app.display.property("highContrast")
    assert not app.display.property("lowered")
    assert app.window.color().name() == usual_background
    assert not any(item.objectName() == "loweredBand" for item in visible_items(app.window))
