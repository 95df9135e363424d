"""A family at the kiosk: landing, Learn More, Tap to Begin, Welcome Info, Dashboard, News."""

from __future__ import annotations

from pathlib import Path

import requests

from tests.portal.helpers import HTTP_TIMEOUT_S
from tests.ui.conftest import (
    centre_on_screen,
    current_screen,
    find,
    screenshot,
    tap,
    visible_names,
)


def _portal_news_titles(portal) -> list[str]:
    page = requests.get(
        f"{portal.url}/api/v1/demo/sync/changes",
        params={"after": 0, "limit": 1000},
        timeout=HTTP_TIMEOUT_S,
    ).json()
    return [
        c["data"]["title"] for c in page["changes"] if c["entity"] == "news" and c["op"] == "upsert"
    ]


def _wait_for_landing(qtbot, app) -> None:
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    # The headline shows once the first announcement's words are bound.
    qtbot.waitUntil(
        lambda: find(app.window, "landingHeadline").property("text") != "", timeout=5000
    )


def _begin_visit(qtbot, app) -> None:
    _wait_for_landing(qtbot, app)
    tap(qtbot, app, "clickToBegin")
    qtbot.waitUntil(lambda: find(app.window, "welcomeContinue") is not None, timeout=3000)
    tap(qtbot, app, "welcomeContinue")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=3000)


def test_family_walks_from_landing_to_news(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _wait_for_landing(qtbot, app)
    titles = _portal_news_titles(portal)
    assert find(app.window, "landingHeadline").property("text") in titles
    # Pictures are downloaded into the kiosk's media cache and shown from there.
    qtbot.waitUntil(lambda: app.news.get(0).get("imageUrl", "").startswith("file:"), timeout=10000)
    qtbot.waitUntil(
        lambda: (
            find(app.window, "landingImage0") is not None
            and find(app.window, "landingImage0").property("loaded")
        ),
        timeout=10000,
    )
    screenshot(app.window, "01-landing")

    headline = find(app.window, "landingHeadline").property("text")
    tap(qtbot, app, "learnMore")
    qtbot.waitUntil(lambda: find(app.window, "newsPopupTitle") is not None, timeout=3000)
    assert find(app.window, "newsPopupTitle").property("text") == headline
    screenshot(app.window, "02-learn-more")
    tap(qtbot, app, "newsPopupClose")
    qtbot.waitUntil(lambda: find(app.window, "newsPopupTitle") is None, timeout=3000)

    tap(qtbot, app, "clickToBegin")
    qtbot.waitUntil(lambda: find(app.window, "welcomeContinue") is not None, timeout=3000)
    screenshot(app.window, "03-welcome-info")
    tap(qtbot, app, "welcomeContinue")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=3000)
    qtbot.waitUntil(lambda: find(app.window, "tile_news") is not None, timeout=3000)
    screenshot(app.window, "04-dashboard")
    assert visible_names(app.window, "tile_") == sorted(
        f"tile_{key}"
        for key in (
            "check_in",
            "booking",
            "my_account",
            "news",
            "pro_shop",
            "create_account",
            "log_in",
            "welcome_info",
            "find_class",
        )
    )
    assert find(app.window, "toolbar_cart") is not None

    tap(qtbot, app, "tile_news")
    qtbot.waitUntil(lambda: current_screen(app) == "newsScreen", timeout=3000)
    qtbot.waitUntil(lambda: find(app.window, "newsItem0") is not None, timeout=3000)
    assert app.news.rowCount() == len(titles)
    screenshot(app.window, "05-news")

    first_title = app.news.get(0)["title"]
    tap(qtbot, app, "newsItem0")
    qtbot.waitUntil(lambda: current_screen(app) == "newsDetailScreen", timeout=3000)
    qtbot.waitUntil(lambda: find(app.window, "newsDetailTitle") is not None, timeout=3000)
    assert find(app.window, "newsDetailTitle").property("text") == first_title
    screenshot(app.window, "06-news-detail")

    tap(qtbot, app, "toolbarBack")
    qtbot.waitUntil(lambda: current_screen(app) == "newsScreen", timeout=3000)
    tap(qtbot, app, "toolbarHome")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=3000)


def test_booking_menu_and_the_menu_drawer(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _begin_visit(qtbot, app)

    tap(qtbot, app, "tile_booking")
    qtbot.waitUntil(lambda: current_screen(app) == "bookingScreen", timeout=3000)
    qtbot.waitUntil(lambda: find(app.window, "booking_classes") is not None, timeout=3000)
    menu = visible_names(app.window, "booking_")
    assert "booking_appointments" in menu and "booking_parties" in menu
    assert len([name for name in menu if name.startswith("booking_camps")]) >= 2
    screenshot(app.window, "07-booking-menu")

    tap(qtbot, app, "booking_appointments")
    qtbot.waitUntil(lambda: current_screen(app) == "appointmentsScreen", timeout=3000)

    tap(qtbot, app, "toolbar_menu")
    qtbot.waitUntil(lambda: centre_on_screen(app.window, "menu_home") is not None, timeout=3000)
    screenshot(app.window, "09-menu")
    tap(qtbot, app, "menu_landing")
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=3000)


def test_optional_items_disappear_when_the_organisation_turns_them_off(qtbot, portal, make_kiosk):
    from portal.services import catalog

    with portal.session_factory() as session:
        for feature in (
            "proShop",
            "welcomeInfo",
            "findTheRightClass",
            "appointments",
            "parties",
            "checkIn",
        ):
            catalog.set_feature(session, "demo", feature, False)
        session.commit()

    app = make_kiosk(portal.url)
    _wait_for_landing(qtbot, app)
    assert find(app.window, "landingCheckIn") is None  # no Check In without the setting
    tap(qtbot, app, "clickToBegin")
    # No Welcome Info pop-up: straight to the dashboard.
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=3000)
    tiles = visible_names(app.window, "tile_")
    assert "tile_pro_shop" not in tiles
    assert "tile_welcome_info" not in tiles
    assert "tile_find_class" not in tiles
    assert "tile_check_in" not in tiles
    assert "tile_booking" in tiles and "tile_log_in" in tiles
    assert find(app.window, "toolbar_pro_shop") is None
    screenshot(app.window, "10-dashboard-features-off")

    tap(qtbot, app, "tile_booking")
    qtbot.waitUntil(lambda: current_screen(app) == "bookingScreen", timeout=3000)
    menu = visible_names(app.window, "booking_")
    assert "booking_classes" in menu
    assert "booking_appointments" not in menu and "booking_parties" not in menu


def test_a_change_on_the_portal_reaches_the_screen_after_sync(qtbot, portal, make_kiosk):
    from sqlalchemy import select

    from portal.models import News
    from portal.services import catalog

    app = make_kiosk(portal.url)
    _wait_for_landing(qtbot, app)
    with portal.session_factory() as session:
        news_id = session.scalars(select(News.id).order_by(News.id)).first()
        catalog.update_news(session, news_id, title="Gym closed Thursday for Thanksgiving")
        session.commit()
    with qtbot.waitSignal(app.kiosk.syncFinished, timeout=10000):
        app.kiosk.syncNow()
    qtbot.waitUntil(
        lambda: any(
            app.news.get(i)["title"] == "Gym closed Thursday for Thanksgiving"
            for i in range(app.news.rowCount())
        ),
        timeout=5000,
    )


def test_first_start_without_portal_tells_staff_and_recovers(qtbot, portal, make_kiosk, tmp_path):
    url = portal.url
    portal.stop()
    app = make_kiosk(url, data_dir=tmp_path / "fresh")
    qtbot.waitUntil(
        lambda: (
            find(app.window, "startupProblem") is not None
            and find(app.window, "startupProblem").property("text") != ""
        ),
        timeout=20000,
    )
    assert "cannot reach" in find(app.window, "startupProblem").property("text")
    screenshot(app.window, "11-first-start-offline")


def test_portal_down_at_start_uses_the_cache_and_shows_offline(qtbot, portal, make_kiosk, tmp_path):
    data_dir = tmp_path / "cached"
    first = make_kiosk(portal.url, data_dir=data_dir)
    _wait_for_landing(qtbot, first)
    first.shutdown()

    url = portal.url
    portal.stop()
    app = make_kiosk(url, data_dir=data_dir)
    _wait_for_landing(qtbot, app)
    qtbot.waitUntil(lambda: find(app.window, "offlineBadge") is not None, timeout=20000)
    screenshot(app.window, "12-landing-offline")


def test_idle_visit_warns_then_returns_to_the_landing_page(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _begin_visit(qtbot, app)
    tap(qtbot, app, "tile_news")
    qtbot.waitUntil(lambda: current_screen(app) == "newsScreen", timeout=3000)

    app.idle.set_timeouts(0.2, 2)  # the demo's 90 s + 15 s, shortened for the test
    qtbot.waitUntil(lambda: find(app.window, "idleStillHere") is not None, timeout=5000)
    assert "start over" in find(app.window, "idleCountdown").property("text")
    screenshot(app.window, "13-idle-warning")
    # "I'm still here" keeps the visit where it was.
    tap(qtbot, app, "idleStillHere")
    qtbot.waitUntil(lambda: find(app.window, "idleStillHere") is None, timeout=3000)
    assert current_screen(app) == "newsScreen"

    # No answer: back to the landing page, the visit's screens gone.
    qtbot.waitUntil(lambda: find(app.window, "idleStillHere") is not None, timeout=5000)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=5000)
    assert find(app.window, "newsList") is None
    assert not app.idle.property("armed")


def test_kiosk_mode_cannot_be_closed_from_the_screen(qtbot, portal, make_kiosk):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app = make_kiosk(portal.url, kiosk_mode=True)
    _begin_visit(qtbot, app)
    assert app.window.flags() & Qt.WindowType.FramelessWindowHint
    app.window.close()  # what Alt+F4 or the window manager's close asks for
    QTest.keyClick(app.window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(app.window, Qt.Key.Key_Escape)
    QTest.keyClick(app.window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(app.window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=3000)
    assert app.window.isVisible()


def test_portal_lost_mid_visit_pauses_login_and_comes_back(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _begin_visit(qtbot, app)
    tap(qtbot, app, "tile_log_in")
    tap(qtbot, app, "loginYes")

    portal.stop()
    with qtbot.waitSignal(app.kiosk.syncFinished, timeout=30000):
        app.kiosk.syncNow()
    qtbot.waitUntil(lambda: find(app.window, "offlineNotice") is not None, timeout=5000)
    assert find(app.window, "offlineBadge") is not None
    assert not find(app.window, "loginSubmit").property("enabled")
    screenshot(app.window, "14-offline-login-paused")
    # Browsing still works from the cache.
    tap(qtbot, app, "toolbar_news")
    qtbot.waitUntil(lambda: find(app.window, "newsItem0") is not None, timeout=3000)

    portal.start()
    with qtbot.waitSignal(app.kiosk.syncFinished, timeout=30000):
        app.kiosk.syncNow()
    qtbot.waitUntil(lambda: find(app.window, "offlineBadge") is None, timeout=5000)


def test_menu_shows_the_mobile_app_as_qr_codes(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _begin_visit(qtbot, app)
    tap(qtbot, app, "toolbar_menu")
    tap(qtbot, app, "menu_mobile_app")
    qtbot.waitUntil(lambda: find(app.window, "qrCode0") is not None, timeout=3000)
    qtbot.waitUntil(lambda: find(app.window, "qrCode0").property("paintedWidth") > 0, timeout=3000)
    codes = app.kiosk.mobileAppCodes()
    assert len(codes) == 2
    for code in codes:
        svg = Path(code["imageUrl"].removeprefix("file://"))
        assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    screenshot(app.window, "15-mobile-app-qr")
