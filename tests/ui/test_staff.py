"""Front-desk staff at the kiosk: the hidden gesture, the PIN pad, helping a walk-in (audited on
the portal), quick-create, kiosk settings, sync status, the demo mailbox, the offline fallback."""

from __future__ import annotations

import tomllib

import requests
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtTest import QTest

from kiosk.staff import hash_local_pin
from tests.portal.helpers import HTTP_TIMEOUT_S, enrolled_credential, kiosk_headers
from tests.ui.conftest import (
    current_screen,
    find,
    open_popups,
    screenshot,
    tap,
    type_into,
    type_text,
)


def _staff_pin(portal) -> str:
    from portal.seed import DEMO_STAFF_PINS

    return next(iter(DEMO_STAFF_PINS))


def _long_press_logo(qtbot, app) -> None:
    """Three seconds on the logo, as staff would hold it (a real press, then the release)."""
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    area = find(app.window, "staffGesture")
    centre = area.mapToScene(QPointF(area.width() / 2, area.height() / 2)).toPoint()
    QTest.mousePress(app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    qtbot.waitUntil(lambda: find(app.window, "pinKey_1") is not None, timeout=6000)
    QTest.mouseRelease(
        app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
    )


def _enter_pin(qtbot, app, pin: str) -> None:
    for digit in pin:
        tap(qtbot, app, f"pinKey_{digit}")
    tap(qtbot, app, "pinKey_OK")


def whole_in_view(app, name: str) -> bool:
    """Whether all of the named item in the staff panel's list of families shows: inside what
    the page and the list show, not under the toolbar and not under the on-screen keyboard."""
    item = find(app.window, name)
    if item is None:
        return False
    seen = _scene_box(app, "staffPage").intersected(_scene_box(app, "staffMatches"))
    keyboard = find(app.window, "inputPanel")
    if keyboard is not None:
        seen.setBottom(min(seen.bottom(), keyboard.mapToScene(QPointF(0, 0)).y()))
    return seen.adjusted(-1, -1, 1, 1).contains(_scene_box(app, name))


def test_a_quick_tap_on_the_logo_does_nothing(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    tap(qtbot, app, "staffGesture")
    assert find(app.window, "pinKey_1") is None


def test_staff_helps_a_walk_in_and_every_action_is_audited(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _long_press_logo(qtbot, app)
    screenshot(app.window, "60-staff-pin")
    _enter_pin(qtbot, app, "0000")
    qtbot.waitUntil(lambda: find(app.window, "staffPinMessage") is not None, timeout=10000)
    assert "didn't work" in find(app.window, "staffPinMessage").property("text")
    # The wrong PIN is gone from the pad: the right one, typed straight after, works.
    qtbot.waitUntil(lambda: find(app.window, "staffPinDots").property("text").strip() == "")
    _enter_pin(qtbot, app, _staff_pin(portal))
    qtbot.waitUntil(lambda: current_screen(app) == "staffPanelScreen", timeout=10000)

    # Typed key by key, then Enter on the keyboard: the search runs and the keyboard goes.
    type_text(qtbot, app, "staffSearch", "simpson")
    QTest.keyClick(app.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: find(app.window, "inputPanel") is None, timeout=3000)
    assert not find(app.window, "staffSearch").hasActiveFocus()
    qtbot.waitUntil(lambda: whole_in_view(app, "staffAssist0"), timeout=10000)
    screenshot(app.window, "61-staff-search")
    matches = app.staff.property("matches")
    simpson = next(i for i, m in enumerate(matches) if m["name"] == "Simpson")
    # Back in the field to search again, the keyboard up: the families found stay above it.
    tap(qtbot, app, "staffSearch")
    qtbot.waitUntil(lambda: find(app.window, "inputPanel") is not None, timeout=3000)
    qtbot.waitUntil(lambda: whole_in_view(app, f"staffAssist{simpson}"), timeout=3000)
    screenshot(app.window, "61-staff-search-keyboard-up")
    tap(qtbot, app, f"staffAssist{simpson}")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    qtbot.waitUntil(lambda: find(app.window, "staffAssistingBanner") is not None, timeout=3000)
    assert "Staff assisting" in find(app.window, "staffAssistingBanner").childItems()[0].property(
        "text"
    )
    screenshot(app.window, "62-staff-assisting")

    tap(qtbot, app, "tile_my_account")
    qtbot.waitUntil(lambda: current_screen(app) == "myAccountScreen", timeout=10000)
    # The portal wrote an audit entry with the staff member's name for each call.
    desk = kiosk_headers(enrolled_credential(portal, "Back office"))
    login = requests.post(
        f"{portal.url}/api/v1/demo/staff/login",
        json={"pin": _staff_pin(portal), "deviceId": "test"},
        headers=desk,
        timeout=HTTP_TIMEOUT_S,
    ).json()
    audit = requests.get(
        f"{portal.url}/api/v1/demo/staff/audit",
        headers={"Authorization": f"Bearer {login['token']}", **desk},
        timeout=HTTP_TIMEOUT_S,
    ).json()["entries"]
    actions = [e["action"] for e in audit]
    assert any("GET /family" in a for a in actions), actions
    family_calls = [e for e in audit if "/family" in e["action"]]
    assert family_calls and all(e["staffName"] for e in family_calls)


def test_staff_settings_are_validated_saved_and_applied(qtbot, portal, make_kiosk, tmp_path):
    app = make_kiosk(portal.url, data_dir=tmp_path / "k")
    _long_press_logo(qtbot, app)
    _enter_pin(qtbot, app, _staff_pin(portal))
    qtbot.waitUntil(lambda: current_screen(app) == "staffPanelScreen", timeout=10000)
    tap(qtbot, app, "staffTab1")
    type_into(qtbot, app, "settingPortalUrl", "not a url")
    tap(qtbot, app, "settingSave")
    qtbot.waitUntil(lambda: find(app.window, "settingPortalUrlError") is not None, timeout=3000)
    assert "not a web address" in find(app.window, "settingPortalUrlError").property("text")
    assert find(app.window, "settingPortalUrlInput").property("text") == "not a url"  # kept
    assert find(app.window, "settingAccountInput").property("text") == "demo"  # nothing lost
    screenshot(app.window, "63-staff-settings-error")

    type_into(qtbot, app, "settingPortalUrl", portal.url)
    type_into(qtbot, app, "settingIdle", "120")
    tap(qtbot, app, "settingSave")
    qtbot.waitUntil(lambda: "Saved" in app.staff.property("message"), timeout=3000)
    saved = tomllib.loads((tmp_path / "k" / "kiosk.toml").read_text())
    assert saved["idle_timeout_s"] == 120
    assert app.idle._idle_ms == 120_000  # applied without a restart

    tap(qtbot, app, "staffTab2")
    qtbot.waitUntil(lambda: find(app.window, "syncStatusText") is not None, timeout=3000)
    assert "cursor" in find(app.window, "syncStatusText").property("text")
    screenshot(app.window, "64-staff-sync-status")

    # A family asked for a reset code a moment ago; staff can read it in the demo mailbox.
    requests.post(
        f"{portal.url}/api/v1/demo/auth/forgot-password",
        json={"email": "marge@example.com"},
        timeout=HTTP_TIMEOUT_S,
    )
    tap(qtbot, app, "staffTab3")
    qtbot.waitUntil(lambda: len(app.staff.property("mailbox")) > 0, timeout=5000)
    assert "marge@example.com" in app.staff.property("mailbox")[0]["to"]
    screenshot(app.window, "65-staff-mailbox")


def test_fallback_pin_opens_settings_only_while_the_portal_is_away(
    qtbot, portal, make_kiosk, tmp_path
):
    data_dir = tmp_path / "fallback"
    first = make_kiosk(portal.url, data_dir=data_dir)
    qtbot.waitUntil(lambda: current_screen(first) == "landingScreen", timeout=20000)
    first.shutdown()
    url = portal.url
    portal.stop()
    app = make_kiosk(url, data_dir=data_dir, staff_pin_hash=hash_local_pin("97531"))
    _long_press_logo(qtbot, app)
    _enter_pin(qtbot, app, "97531")
    qtbot.waitUntil(lambda: current_screen(app) == "staffPanelScreen", timeout=30000)
    assert app.staff.property("offlineOnly")
    assert not find(app.window, "staffTab0").property("enabled")  # no family help offline
    assert find(app.window, "settingPortalUrlInput") is not None
    screenshot(app.window, "66-staff-fallback")


def test_exit_kiosk_is_the_only_way_out(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url, kiosk_mode=True)
    _long_press_logo(qtbot, app)
    _enter_pin(qtbot, app, _staff_pin(portal))
    qtbot.waitUntil(lambda: current_screen(app) == "staffPanelScreen", timeout=10000)
    # Exit stands well apart from Sign out, and asks first: one slip does not end the kiosk.
    exit_box = _scene_box(app, "staffExit")
    sign_out_box = _scene_box(app, "staffSignOut")
    assert sign_out_box.left() - exit_box.right() >= 48, (exit_box, sign_out_box)
    tap(qtbot, app, "staffExit")
    qtbot.waitUntil(lambda: "Close the kiosk" in _confirm_text(app), timeout=3000)
    screenshot(app.window, "67-staff-exit-confirm")
    tap(qtbot, app, "confirmNo")
    qtbot.waitUntil(lambda: "staffExitConfirm" not in open_popups(app.window), timeout=3000)
    assert not app.window.property("exitAllowed") and current_screen(app) == "staffPanelScreen"

    tap(qtbot, app, "staffExit")
    with qtbot.waitSignal(app.staff.exitRequested, timeout=3000):
        tap(qtbot, app, "confirmYes")
    assert app.window.property("exitAllowed")


def _scene_box(app, name: str) -> QRectF:
    item = find(app.window, name)
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def _confirm_text(app) -> str:
    item = find(app.window, "confirmText")
    return str(item.property("text")) if item is not None else ""


def test_staff_enroll_rename_and_revoke_kiosks_from_the_panel(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _long_press_logo(qtbot, app)
    _enter_pin(qtbot, app, _staff_pin(portal))
    qtbot.waitUntil(lambda: current_screen(app) == "staffPanelScreen", timeout=10000)
    tap(qtbot, app, "staffTab5")
    qtbot.waitUntil(lambda: find(app.window, "kioskName0") is not None, timeout=10000)
    assert find(app.window, "kioskState0").property("text") == "this kiosk"
    assert find(app.window, "kioskRevoke0") is None  # a kiosk does not revoke itself

    tap(qtbot, app, "kioskPairingCode")
    qtbot.waitUntil(lambda: app.staff.property("pairingCode") != "", timeout=10000)
    code = app.staff.property("pairingCode")
    assert code in find(app.window, "kioskPairingCodeText").property("text")
    # The code enrolls a second kiosk (as it would at that kiosk's first start).
    enrolled = requests.post(
        f"{portal.url}/api/v1/demo/kiosks/enroll",
        json={"pairingCode": code, "name": "Side door"},
        timeout=HTTP_TIMEOUT_S,
    )
    assert enrolled.status_code == 201, enrolled.text
    tap(qtbot, app, "staffTab5")
    qtbot.waitUntil(lambda: len(app.staff.property("kiosks")) == 2, timeout=10000)
    side = next(i for i, k in enumerate(app.staff.property("kiosks")) if k["name"] == "Side door")
    type_text(qtbot, app, f"kioskName{side}", "Side entrance")
    tap(qtbot, app, f"kioskRename{side}")
    qtbot.waitUntil(
        lambda: any(k["name"] == "Side entrance" for k in app.staff.property("kiosks")),
        timeout=10000,
    )
    side = next(
        i for i, k in enumerate(app.staff.property("kiosks")) if k["name"] == "Side entrance"
    )
    screenshot(app.window, "66-staff-kiosks")
    tap(qtbot, app, f"kioskRevoke{side}")
    qtbot.waitUntil(lambda: any(k["revoked"] for k in app.staff.property("kiosks")), timeout=10000)
    # The revoked kiosk's credential stops working at once.
    refused = requests.get(
        f"{portal.url}/api/v1/demo/kiosks/me",
        headers={"X-Kiosk-Credential": enrolled.json()["credential"]},
        timeout=HTTP_TIMEOUT_S,
    )
    assert refused.status_code == 401
    screenshot(app.window, "67-staff-kiosk-revoked")
