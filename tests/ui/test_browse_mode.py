"""Browse mode: the kiosk on an iClassPro account's public catalog (a fixture account over real
HTTP on loopback). Families browse; log in, booking and paying continue on their phone by QR."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from tests.iclasspro_fixture import IClassProFixture, iclasspro_account
from tests.ui.conftest import current_screen, find, open_popups, screenshot, tap, type_into


@pytest.fixture
def account() -> Iterator[IClassProFixture]:
    with iclasspro_account() as fixture:
        yield fixture


def _browse_kiosk(make_kiosk, account: IClassProFixture, **overrides):
    return make_kiosk(
        account.url,
        account=overrides.pop("account_name", account.account_name),
        source="iclasspro",
        requests_per_minute=600,
        **overrides,
    )


def _problem(app) -> str:
    return str(app.kiosk.property("problem"))


def test_families_browse_and_finish_on_their_phone(qtbot, make_kiosk, account):
    app = _browse_kiosk(
        make_kiosk,
        account,
        slides=[{"title": "Open gym every Friday", "text": "Drop in from 6 PM."}],
    )
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    titles = [app.news.get(row)["title"] for row in range(app.news.rowCount())]
    assert "Open gym every Friday" in titles  # the kiosk's own slide, from its settings

    tap(qtbot, app, "clickToBegin")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=3000)
    tiles = list(app.kiosk.property("dashboardTiles"))
    assert "booking" in tiles and "pro_shop" in tiles and "find_class" in tiles
    assert "news" in tiles  # the kiosk's own slide is the news
    for needs_system in ("my_account", "create_account", "check_in"):
        assert needs_system not in tiles
    toolbar = list(app.kiosk.property("toolbarButtons"))
    assert "cart" not in toolbar and "my_account" not in toolbar
    assert find(app.window, "tile_my_account") is None
    screenshot(app.window, "browse-10-dashboard")

    tap(qtbot, app, "tile_booking")
    tap(qtbot, app, "booking_classes")
    qtbot.waitUntil(lambda: find(app.window, "classCard0") is not None, timeout=3000)
    assert app.catalog.property("classes").rowCount() == 3  # the malformed one is left out
    tap(qtbot, app, "classCard0")
    qtbot.waitUntil(lambda: current_screen(app) == "classDetailScreen", timeout=3000)
    enroll = find(app.window, "enroll")
    assert enroll.property("text") == "Enroll on Your Phone"
    screenshot(app.window, "browse-20-class")

    tap(qtbot, app, "enroll")
    qtbot.waitUntil(lambda: "handoffPopup" in open_popups(app.window), timeout=3000)
    assert current_screen(app) == "classDetailScreen"  # no login form in browse mode
    address = find(app.window, "handoffAddress").property("text")
    assert address.startswith("portal.iclasspro.com/tumbletown/class-details/")
    qr = Path(QUrl(find(app.window, "handoffQr").property("source")).toLocalFile())
    assert qr.is_file() and qr.read_bytes().startswith(b"\x89PNG")
    assert find(app.window, "handoffQr").property("width") >= 400  # a phone reads it from afar
    screenshot(app.window, "browse-30-handoff")
    tap(qtbot, app, "handoffClose")
    qtbot.waitUntil(lambda: "handoffPopup" not in open_popups(app.window), timeout=3000)

    tap(qtbot, app, "toolbar_pro_shop")
    qtbot.waitUntil(lambda: current_screen(app) == "proShopScreen", timeout=3000)
    assert find(app.window, "productAdd0").property("text") == "Buy on Your Phone"
    screenshot(app.window, "browse-40-proshop")
    tap(qtbot, app, "productAdd0")
    qtbot.waitUntil(lambda: "handoffPopup" in open_popups(app.window), timeout=3000)
    assert find(app.window, "handoffAddress").property("text").endswith("tumbletown/pro-shop")


def test_without_slides_there_is_no_empty_news_corner(qtbot, make_kiosk, account):
    app = _browse_kiosk(make_kiosk, account)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    screenshot(app.window, "browse-05-landing-no-news")
    assert "news" not in list(app.kiosk.property("dashboardTiles"))
    assert "news" not in list(app.kiosk.property("toolbarButtons"))


def test_an_unknown_account_gets_its_own_sentence(qtbot, make_kiosk, account):
    app = _browse_kiosk(make_kiosk, account, account_name="tumbletwon")
    qtbot.waitUntil(lambda: _problem(app) != "", timeout=20000)
    assert _problem(app) == (
        "iClassPro does not know the account name 'tumbletwon' — check the kiosk settings."
    )
    assert find(app.window, "startupProblem").property("text") == _problem(app)
    assert app.kiosk.property("online") is True  # the server answered: not a network problem
    screenshot(app.window, "browse-50-unknown-account")


def test_a_sign_in_gated_account_is_told_apart(qtbot, make_kiosk, account):
    account.sign_in_required = True
    app = _browse_kiosk(make_kiosk, account)
    qtbot.waitUntil(lambda: _problem(app) != "", timeout=20000)
    assert "only to families who sign in" in _problem(app)
    assert "iClassPro does not know" not in _problem(app)


def test_an_unreachable_account_says_the_network_sentence(qtbot, make_kiosk, account):
    url = account.url
    account.close()  # nothing answers there any more
    app = make_kiosk(url, account="tumbletown", source="iclasspro", request_timeout_s=2)
    qtbot.waitUntil(lambda: _problem(app) != "", timeout=30000)
    assert "cannot reach" in _problem(app)
    assert app.kiosk.property("online") is False


def test_staff_keep_announcements_and_switch_the_kiosk_to_browse_mode(
    qtbot, portal, make_kiosk, tmp_path
):
    from tests.ui.test_staff import _enter_pin, _long_press_logo, _staff_pin

    app = make_kiosk(portal.url, data_dir=tmp_path / "k")
    _long_press_logo(qtbot, app)
    _enter_pin(qtbot, app, _staff_pin(portal))
    qtbot.waitUntil(lambda: current_screen(app) == "staffPanelScreen", timeout=10000)
    tap(qtbot, app, "staffTab1")
    # The demo portal's open API is an iClassPro-shaped source too.
    assert app.kiosk.property("browseMode") is False
    tap(qtbot, app, "sourceIClassPro")
    tap(qtbot, app, "settingSaveSource")
    qtbot.waitUntil(lambda: app.kiosk.property("browseMode") is True, timeout=3000)
    # the portal's news goes with its catalog: the open API has none
    qtbot.waitUntil(lambda: app.kiosk.property("ready") and app.news.rowCount() == 0, timeout=30000)
    assert "my_account" not in list(app.kiosk.property("dashboardTiles"))
    assert tomllib.loads((tmp_path / "k" / "kiosk.toml").read_text())["source"] == "iclasspro"

    type_into(qtbot, app, "slideTitle", "Open gym every Friday")
    type_into(qtbot, app, "slideText", "Drop in from 6 PM.")
    type_into(qtbot, app, "slideImage", str(tmp_path / "missing.png"))
    tap(qtbot, app, "slideAdd")
    qtbot.waitUntil(lambda: find(app.window, "slideImageError") is not None, timeout=3000)
    assert "is not a file on this kiosk" in find(app.window, "slideImageError").property("text")
    assert find(app.window, "slideTitleInput").property("text") == "Open gym every Friday"

    picture = tmp_path / "open-gym.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>')
    type_into(qtbot, app, "slideImage", str(picture))
    tap(qtbot, app, "slideAdd")
    qtbot.waitUntil(lambda: app.news.rowCount() == 1, timeout=3000)
    titles = [app.news.get(row)["title"] for row in range(app.news.rowCount())]
    assert titles[-1] == "Open gym every Friday"
    saved = tomllib.loads((tmp_path / "k" / "kiosk.toml").read_text())
    assert saved["slides"] == [
        {"title": "Open gym every Friday", "text": "Drop in from 6 PM.", "image": str(picture)}
    ]
    qtbot.waitUntil(lambda: find(app.window, "slideRemove0") is not None, timeout=3000)
    qtbot.waitUntil(lambda: find(app.window, "inputPanel") is None, timeout=3000)  # keyboard gone
    screenshot(app.window, "browse-60-staff-announcements")


def test_a_camp_is_read_here_and_booked_on_the_phone(qtbot, make_kiosk, account):
    app = _browse_kiosk(make_kiosk, account)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "tile_booking")
    tap(qtbot, app, "booking_camps_3")
    qtbot.waitUntil(lambda: find(app.window, "campCard0") is not None, timeout=3000)
    tap(qtbot, app, "campCard0")
    qtbot.waitUntil(lambda: current_screen(app) == "campDetailScreen", timeout=3000)
    # choosing days belongs to booking, which happens on the phone
    assert find(app.window, "campAllDays") is None
    assert find(app.window, "campAdd").property("text") == "Book on Your Phone"
    tap(qtbot, app, "campAdd")
    qtbot.waitUntil(lambda: "handoffPopup" in open_popups(app.window), timeout=3000)
    assert find(app.window, "handoffAddress").property("text") == (
        "portal.iclasspro.com/tumbletown/camp-details/501"
    )
