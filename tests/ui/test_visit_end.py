"""The end of a visit, from every screen: a family walks away wherever they are, the idle
time-out ends the visit, and nothing of them is left for the next person — not on screen, not
in a bridge, not in the pop-ups, the stack or the clipboard, not in a file.

The visit is made as untidy as a family can make it (logged in, Spanish, larger text, high
contrast, the other location, class filters, something copied) before each screen is opened,
then nobody touches the kiosk until it is back at the start.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Q_ARG, QMetaObject
from PySide6.QtGui import QGuiApplication

from portal.seed import DEMO_EMAIL_SIMPSON, DEMO_PASSWORD
from tests.ui.conftest import all_texts, current_screen, find, open_popups, settle
from tests.ui.test_every_screen import screens_in_route_table

FAMILY_WORDS = ("Marge", "Simpson", "Bart", "Lisa", "$85.00", "555-0101", "marge@example.com")
SCREENS = sorted(screens_in_route_table())
# Three groups, so the UI lane's workers share them.
GROUPS = [SCREENS[i::3] for i in range(3)]


def _params(app, screen: str) -> dict:
    """What a screen is opened with when a family taps its way there."""
    if screen == "classDetail":
        model = app.catalog.property("classes")
        return {"classId": int(model.data(model.index(0, 0), 0x0100))}
    if screen == "payment":
        return {"purpose": "charges", "chargeIds": []}
    if screen == "editDetails":
        return {"mode": "guardian", "values": app.session.property("guardians")[0]}
    if screen == "comingSoon":
        return {"feature": "gift_cards"}
    return {}


def _untidy_visit(qtbot, app) -> None:
    app.session.logIn(DEMO_EMAIL_SIMPSON, DEMO_PASSWORD)
    qtbot.waitUntil(lambda: bool(app.session.property("familyChosen")), timeout=10000)
    qtbot.waitUntil(lambda: not app.session.property("busy"), timeout=10000)
    app.language.setLanguage("es")
    app.display.setLargeText(True)
    app.display.toggleHighContrast()
    home = app.catalog.property("location")["name"]
    other = next(
        loc["locationId"] for loc in app.catalog.property("locations") if loc["name"] != home
    )
    app.kiosk.switchLocation(other)
    qtbot.waitUntil(lambda: app.catalog.property("location")["name"] != home, timeout=5000)
    app.catalog.setQuery("Ninja")
    app.catalog.setOpeningsOnly(True)
    QGuiApplication.clipboard().setText(DEMO_EMAIL_SIMPSON)
    return home


@pytest.mark.parametrize("group", range(3), ids=lambda g: f"group{g}")
def test_the_idle_time_out_leaves_nothing_of_the_family_from_any_screen(
    qtbot, portal, make_kiosk, tmp_path, group
):
    data_dir = tmp_path / "kiosk"
    app = make_kiosk(portal.url, data_dir=data_dir)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    app.idle.set_timeouts(2, 1)  # the organisation's setting, short: nobody touches anything
    for screen in GROUPS[group]:
        home = _untidy_visit(qtbot, app)
        QMetaObject.invokeMethod(
            app.window,
            "navigate",
            Q_ARG("QVariant", screen),
            Q_ARG("QVariant", _params(app, screen)),
        )
        settle(qtbot, app.window)
        opened = current_screen(app)

        qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
        settle(qtbot, app.window)
        where = f"ended on {opened} (opened as {screen})"
        assert find(app.window, "stack").property("depth") == 1, where
        assert set(open_popups(app.window)) <= {"visitEndedPopup"}, where
        texts = all_texts(app)
        assert not [w for w in FAMILY_WORDS if w in texts], where
        # The bridges hold nothing of the family.
        assert not app.session.property("loggedIn") and app.session.property("students") == []
        assert app.session.property("guardianFirstName") == "", where
        assert app.cart.property("count") == 0 and app.cart.property("comingUp") == [], where
        assert app.payments.property("charges") == [] and app.payments.property("history") == []
        assert app.payments.property("receipt") == {}, where
        assert app.checkin.property("students") == [], where
        assert app.schedule.property("slots") == [], where
        # How the screen looked for them, and where they were, are the kiosk's own again.
        assert app.language.property("language") == "en", where
        assert not app.display.property("largeText") and not app.display.property("highContrast")
        assert app.catalog.property("location")["name"] == home, where
        assert app.catalog.property("query") == "" and not app.catalog.property("openingsOnly")
        assert QGuiApplication.clipboard().text() == "", where

    app.shutdown()
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for word in ("marge@example.com", "555-0101", "Marge"):
                assert word.encode() not in content, (path.name, word)
