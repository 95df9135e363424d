"""Staff can always recover the kiosk, and a lost portal shows in seconds (issue #15, items 7
and 8): the real window offscreen, the real portal over HTTP, stopped and started again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.staff import hash_local_pin
from portal.seed import DEMO_EMAIL_SIMPSON, DEMO_PASSWORD, DEMO_STAFF_PINS
from tests.heartbeat_rule import HEARTBEAT_WAIT_S, NOTICED_WITHIN_S, noticed_within_s
from tests.ui.conftest import current_screen, fill_in_login, find, screenshot, tap, type_into
from tests.ui.test_staff import _enter_pin, _long_press_logo

PIN = next(iter(DEMO_STAFF_PINS))


def _offline_shown(app) -> bool:
    notice = find(app.window, "offlineNotice")
    return not app.kiosk.property("online") and notice is not None


def test_a_pin_that_worked_here_opens_the_panel_while_the_portal_is_down(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _long_press_logo(qtbot, app)
    _enter_pin(qtbot, app, PIN)  # online: the kiosk learns the PIN
    qtbot.waitUntil(lambda: current_screen(app) == "staffPanelScreen", timeout=10000)
    tap(qtbot, app, "staffSignOut")
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=10000)

    portal.stop()
    qtbot.waitUntil(lambda: not app.kiosk.property("online"), timeout=NOTICED_WITHIN_S * 1000)
    _long_press_logo(qtbot, app)
    _enter_pin(qtbot, app, "0000")
    qtbot.waitUntil(lambda: find(app.window, "staffPinMessage") is not None, timeout=10000)
    assert "only a PIN that has worked" in find(app.window, "staffPinMessage").property("text")
    qtbot.waitUntil(lambda: find(app.window, "staffPinDots").property("text").strip() == "")
    _enter_pin(qtbot, app, PIN)
    qtbot.waitUntil(lambda: current_screen(app) == "staffPanelScreen", timeout=10000)
    assert app.staff.property("offlineOnly")
    assert "Priya" in app.staff.property("staffName")
    assert find(app.window, "staffOfflineNote") is not None
    assert not find(app.window, "staffTab0").property("enabled")  # nothing of any family
    assert find(app.window, "settingPortalUrlInput") is not None
    screenshot(app.window, "68-staff-offline-panel")
    tap(qtbot, app, "staffTab2")
    qtbot.waitUntil(lambda: "offline" in find(app.window, "syncStatusText").property("text"))
    assert find(app.window, "staffExit") is not None
    screenshot(app.window, "69-staff-offline-sync-status")


def test_a_kiosk_that_is_not_ready_offers_staff_the_way_to_its_settings(
    qtbot, portal, make_kiosk, tmp_path
):
    app = make_kiosk(portal.url, account="no-such-gym", staff_pin_hash=hash_local_pin("97531"))
    qtbot.waitUntil(lambda: find(app.window, "startupStaff") is not None, timeout=20000)
    assert "account name" in find(app.window, "startupProblem").property("text")
    screenshot(app.window, "70-not-ready-staff-button")
    tap(qtbot, app, "startupStaff")
    qtbot.waitUntil(lambda: find(app.window, "pinKey_1") is not None, timeout=5000)
    _enter_pin(qtbot, app, "97531")
    qtbot.waitUntil(lambda: current_screen(app) == "staffPanelScreen", timeout=10000)
    qtbot.waitUntil(lambda: find(app.window, "settingAccountInput") is not None, timeout=5000)
    screenshot(app.window, "71-not-ready-staff-settings")

    # Staff put the account right: the kiosk gets ready and, after Sign out, families can begin.
    type_into(qtbot, app, "settingAccount", "demo")
    tap(qtbot, app, "settingSave")
    qtbot.waitUntil(lambda: app.kiosk.property("ready"), timeout=30000)
    tap(qtbot, app, "staffSignOut")
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=10000)
    assert find(app.window, "startupStaff") is None


def test_offline_is_noticed_within_seconds_and_a_login_then_fails_at_once(
    qtbot, portal, make_kiosk
):
    app = make_kiosk(portal.url, sync_interval_s=600)  # no sync would notice for ten minutes
    # The rule without a stopwatch: the heartbeat this kiosk runs, from its settings, notices
    # within ten seconds...
    assert app.heartbeat.interval_s == app.settings.heartbeat_interval_s
    assert noticed_within_s(app.settings.heartbeat_interval_s) <= NOTICED_WITHIN_S
    fill_in_login(qtbot, app, DEMO_EMAIL_SIMPSON, DEMO_PASSWORD)
    assert find(app.window, "offlineNotice") is None

    # ... and it does notice: the login form says so, long before any sync could.
    portal.stop()
    qtbot.waitUntil(lambda: _offline_shown(app), timeout=HEARTBEAT_WAIT_S * 1000)
    assert not find(app.window, "loginSubmit").property("enabled")
    screenshot(app.window, "72-login-offline")

    # Enter on the password field still asks to log in: the answer comes in words (at once:
    # one quick try, no back-off; counted in tests/kiosk/test_kiosk_client_transport.py).
    QTest.keyClick(app.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "can't reach" in app.session.property("message"), timeout=5000)
    assert not app.session.property("loggedIn")
    screenshot(app.window, "73-login-offline-sentence")

    portal.start()
    qtbot.waitUntil(lambda: app.kiosk.property("online"), timeout=NOTICED_WITHIN_S * 1000)
    qtbot.waitUntil(lambda: find(app.window, "loginSubmit").property("enabled"), timeout=5000)
