"""High contrast and "Lower the screen" (from the Menu, and from the landing page before a
visit starts), for this visit only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QAccessible

from tests.ui.conftest import current_screen, find, screenshot, settle, tap, visible_items
from tests.ui.screen_checks import scene_rect, screen_problems
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
    settle(qtbot, app.window)
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


@pytest.mark.parametrize(
    ("language", "large"), [("en", False), ("es", True)], ids=["en-1x", "es-1.5x"]
)
def test_the_landing_page_offers_high_contrast_and_a_lowered_screen(
    qtbot, portal, make_kiosk, language, large
):
    """Before "Tap to Begin": a family with low vision, or in a wheelchair, needs these
    without finding the Menu first."""
    app = make_kiosk(portal.url)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    qtbot.waitUntil(
        lambda: find(app.window, "landingHeadline").property("text") != "", timeout=5000
    )
    if language == "es":
        tap(qtbot, app, "landingLanguage")
    if large:
        tap(qtbot, app, "landingTextSize")
    qtbot.waitUntil(lambda: app.display.property("largeText") == large, timeout=2000)
    label = f"{language}-{'1.5x' if large else '1x'}"
    usual_background = app.window.color().name()
    contrast = find(app.window, "landingHighContrast")
    usual_words = contrast.property("text")

    tap(qtbot, app, "landingHighContrast")
    qtbot.waitUntil(lambda: app.display.property("highContrast"), timeout=2000)
    qtbot.waitUntil(lambda: app.window.color().name() == "#ffffff", timeout=2000)
    assert usual_background != "#ffffff"
    assert contrast.property("text") != usual_words  # "Usual colours": the way back
    assert QAccessible.queryAccessibleInterface(contrast).state().checked
    screenshot(app.window, f"display-10-landing-high-contrast-{label}")

    tap(qtbot, app, "landingLowered")
    qtbot.waitUntil(lambda: app.display.property("lowered"), timeout=2000)
    qtbot.waitUntil(lambda: find(app.window, "loweredBand") is not None, timeout=2000)
    settle(qtbot, app.window)
    screenshot(app.window, f"display-11-landing-lowered-{label}")
    # Every button of the landing page (language, text size, these two, Learn More, the
    # announcements' dots, Tap to Begin) is in the bottom two-thirds, whole and apart.
    top_third = app.window.height() / 3
    targets = interactive_items(app.window)
    names = {item.objectName() for item in targets}
    assert {"clickToBegin", "learnMore", "landingLowered", "landingHighContrast"} <= names
    for item in targets:
        y = item.mapToScene(QPointF(0, 0)).y()
        assert y >= top_third - 1, f"{item.objectName()} at y={y:.0f}"
    assert screen_problems(app.window) == []
    # The announcement's words stay clear of the buttons above them.
    headline_top = scene_rect(find(app.window, "landingHeadline")).top()
    assert headline_top >= scene_rect(find(app.window, "landingLowered")).bottom()

    # Both last for the visit that starts here.
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=3000)
    assert app.display.property("highContrast") and app.display.property("lowered")
    assert find(app.window, "loweredBand") is not None

    # And the same buttons put the usual screen back.
    tap(qtbot, app, "toolbar_menu")
    tap(qtbot, app, "menu_landing")
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=5000)
    assert not app.display.property("lowered")  # a new visit: the usual screen
    tap(qtbot, app, "landingLowered")
    qtbot.waitUntil(lambda: app.display.property("lowered"), timeout=2000)
    tap(qtbot, app, "landingLowered")
    qtbot.waitUntil(lambda: not app.display.property("lowered"), timeout=2000)
    qtbot.waitUntil(lambda: find(app.window, "loweredBand") is None, timeout=2000)
