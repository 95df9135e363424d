"""The on-screen keyboard gives each field the keys it needs: "@" and ".com" for email, a digit
pad for PINs and card numbers, a dial pad for phones, "/" for dates (the kiosk's own layouts in
resources/keyboard/layouts, found through QT_VIRTUALKEYBOARD_LAYOUT_PATH)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from tests.ui.conftest import (
    current_screen,
    field_text,
    find,
    screenshot,
    tap,
    type_into,
    visible_items,
)

LETTERS = set("qwertyuiopasdfghjklzxcvbnm")


def _keys(app) -> dict[str, QQuickItem]:
    """The keys a person sees on the on-screen keyboard, by what they show."""
    panel = find(app.window, "inputPanel")
    if panel is None or not panel.property("active"):
        return {}
    keys: dict[str, QQuickItem] = {}
    for item in visible_items(app.window):
        shown = item.property("displayText")
        if not isinstance(shown, str) or not shown or item.width() <= 0:
            continue
        parent = item.parentItem()
        while parent is not None and parent is not panel:
            parent = parent.parentItem()
        if parent is panel:
            keys[shown] = item
    return keys


def _focus(qtbot, app, field: str) -> None:
    tap(qtbot, app, f"{field}Input")
    item = find(app.window, f"{field}Input")
    qtbot.waitUntil(lambda: item.hasActiveFocus(), timeout=3000)


def _wait_for_keys(qtbot, app, *shown: str) -> dict[str, QQuickItem]:
    qtbot.waitUntil(lambda: all(k in _keys(app) for k in shown), timeout=5000)
    return _keys(app)


def _press(qtbot, app, key: QQuickItem) -> None:
    centre = key.mapToScene(QPointF(key.width() / 2, key.height() / 2)).toPoint()
    QTest.mouseClick(app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)


def test_email_gets_at_and_dot_com_and_the_password_does_not(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    tap(qtbot, app, "tile_log_in")
    tap(qtbot, app, "loginYes")

    _focus(qtbot, app, "loginEmail")
    keys = _wait_for_keys(qtbot, app, "@", ".com", "q")
    screenshot(app.window, "keyboard-login-email")
    for shown in ("m", "@", ".com"):
        _press(qtbot, app, keys[shown])
    qtbot.waitUntil(lambda: field_text(app, "loginEmail") == "m@.com", timeout=3000)

    _focus(qtbot, app, "loginPassword")
    qtbot.waitUntil(lambda: "," in _keys(app), timeout=5000)
    assert "@" not in _keys(app) and ".com" not in _keys(app)
    assert "ñ" not in _keys(app)

    # In Spanish the letters have "ñ", and email still gets "@" and ".com".
    tap(qtbot, app, "toolbarLanguage")
    _focus(qtbot, app, "loginEmail")
    _wait_for_keys(qtbot, app, "ñ", "@", ".com")
    screenshot(app.window, "keyboard-login-email-es")


def test_show_password_is_a_large_toggle(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    tap(qtbot, app, "tile_log_in")
    tap(qtbot, app, "loginYes")
    type_into(qtbot, app, "loginPassword", "secret")
    password = find(app.window, "loginPasswordInput")
    assert password.property("displayText") != "secret"  # dots

    toggle = find(app.window, "loginShowPassword")
    assert toggle.height() >= 64 and toggle.width() >= 64
    tap(qtbot, app, "loginShowPassword")
    qtbot.waitUntil(lambda: password.property("displayText") == "secret", timeout=3000)
    screenshot(app.window, "login-show-password-on")
    tap(qtbot, app, "loginShowPassword")
    qtbot.waitUntil(lambda: password.property("displayText") != "secret", timeout=3000)


def test_phone_gets_a_dial_pad_and_birth_date_a_pad_with_a_slash(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    tap(qtbot, app, "tile_create_account")
    qtbot.waitUntil(lambda: current_screen(app) == "createAccountScreen", timeout=3000)

    _focus(qtbot, app, "createPhone")
    keys = _wait_for_keys(qtbot, app, *"0123456789")
    screenshot(app.window, "keyboard-create-phone")
    assert not LETTERS & set(keys), "a phone number gets no letter keys"
    for shown in "217":
        _press(qtbot, app, keys[shown])
    qtbot.waitUntil(lambda: field_text(app, "createPhone").endswith("217"), timeout=3000)

    _focus(qtbot, app, "createZip")
    keys = _wait_for_keys(qtbot, app, *"0123456789")
    assert not LETTERS & set(keys) and "-" not in keys, "a ZIP code gets digits only"

    _focus(qtbot, app, "createEmail")
    _wait_for_keys(qtbot, app, "@", ".com")

    type_into(qtbot, app, "createFirstName", "Edna")
    type_into(qtbot, app, "createLastName", "Krabappel")
    type_into(qtbot, app, "createEmail", "edna.k@example.com")
    type_into(qtbot, app, "createPhone", "217-555-0142")
    type_into(qtbot, app, "createLine1", "82 Evergreen Terrace")
    # With the keyboard up, tapping a field's label goes to its field, shown above the keyboard.
    tap(qtbot, app, "createCityLabel")
    city = find(app.window, "createCityInput")
    qtbot.waitUntil(lambda: city.hasActiveFocus(), timeout=3000)
    panel_top = find(app.window, "inputPanel").mapToScene(QPointF(0, 0)).y()
    qtbot.waitUntil(
        lambda: city.mapToScene(QPointF(0, city.height())).y() <= panel_top, timeout=3000
    )
    assert "q" in _keys(app), "the keyboard stays up"
    for ch in "Springfield":
        QTest.keyClick(app.window, ch)
    assert field_text(app, "createCity") == "Springfield"
    type_into(qtbot, app, "createState", "IL")
    type_into(qtbot, app, "createZip", "62704")
    tap(qtbot, app, "createNext")
    qtbot.waitUntil(lambda: find(app.window, "studentBirthDate0Input") is not None, timeout=3000)

    _focus(qtbot, app, "studentBirthDate0")
    keys = _wait_for_keys(qtbot, app, "/", *"0123456789")
    assert not LETTERS & set(keys), "a date gets no letter keys"
    screenshot(app.window, "keyboard-create-birth-date")

    # Gender: a row of large chips, one chosen at a time, instead of a drop-down list.
    chips = [f"studentGender0_{g}" for g in ("none", "female", "male")]
    for chip in chips:
        item = find(app.window, chip)
        assert item is not None and item.height() >= 64, chip
    tap(qtbot, app, "studentGender0_female")
    qtbot.waitUntil(lambda: find(app.window, chips[1]).property("selected"), timeout=3000)
    assert not find(app.window, chips[0]).property("selected")
    assert not find(app.window, chips[2]).property("selected")
    screenshot(app.window, "create-account-gender-chips")
    tap(qtbot, app, "studentGender0_male")
    qtbot.waitUntil(lambda: find(app.window, chips[2]).property("selected"), timeout=3000)
    assert not find(app.window, chips[1]).property("selected")
