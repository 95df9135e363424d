"""Touch polish a family (or the desk) notices: the toolbar keeps every item in its place, Menu at
the upper left; dashboard rows are even and every tile has its picture; Coming Up! shows whole
entries and a touch-sized "More"; the lowered screen's off switch stays in reach; the landing
page's pills sit in even rows on solid backgrounds; staff "Sign out" stands apart from "Exit
kiosk" and quick-create's columns keep their width. Landscape 1920x1080 and portrait 1080x1920,
English and Spanish at 1.5x text. Screenshots: artifacts/screens/touch-*.png."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from portal.seed import DEMO_EMAIL_SIMPSON, DEMO_PASSWORD, DEMO_STAFF_PINS
from tests.ui.conftest import (
    current_screen,
    find,
    log_in_as_marge,
    next_frame,
    screenshot,
    settle,
    tap,
    type_into,
    type_text,
    visible_items,
)
from tests.ui.test_staff import whole_in_view
from tests.ui.test_text_size import cut_off_texts

LANDSCAPE = (1920, 1080)
PORTRAIT = (1080, 1920)
SIZES = {"landscape": LANDSCAPE, "portrait": PORTRAIT}
# Toolbar buttons (not the bar itself, nor who is logged in).
NOT_BUTTONS = {"toolbar", "toolbarWho", "toolbarStatus"}


def _rect(item: QQuickItem) -> QRectF:
    top_left = item.mapToScene(QPointF(0, 0))
    return QRectF(top_left.x(), top_left.y(), item.width(), item.height())


def _box(app, name: str) -> QRectF:
    item = find(app.window, name)
    assert item is not None, f"{name} is not on screen"
    return _rect(item)


def _resize(qtbot, app, size: tuple[int, int]) -> None:
    app.window.resize(*size)
    qtbot.waitUntil(lambda: (app.window.width(), app.window.height()) == size, timeout=3000)
    settle(qtbot, app.window)


def _language_and_size(qtbot, app, language: str, large: bool) -> None:
    app.language.setLanguage(language)
    app.display.setLargeText(large)
    qtbot.waitUntil(
        lambda: (
            app.language.property("language") == language
            and app.display.property("largeText") == large
        ),
        timeout=3000,
    )
    settle(qtbot, app.window)


def _toolbar_buttons(app) -> dict[str, QRectF]:
    return {
        item.objectName(): _rect(item)
        for item in visible_items(app.window)
        if item.objectName().startswith("toolbar") and item.objectName() not in NOT_BUTTONS
    }


def _toolbar_places(app) -> dict[str, tuple[int, int]]:
    return {name: (round(r.x()), round(r.y())) for name, r in _toolbar_buttons(app).items()}


def _check_toolbar_fits(app, where: str) -> None:
    """Menu first; nothing overlaps, nothing leaves the window; no word cut off in the bar."""
    buttons = _toolbar_buttons(app)
    assert "toolbar_menu" in buttons, f"{where}: no Menu in the toolbar"
    menu = buttons["toolbar_menu"]
    for name, r in buttons.items():
        assert r.x() >= -1 and r.right() <= app.window.width() + 1, f"{where}: {name} leaves"
        if name != "toolbar_menu":
            # Menu is the leftmost item of the top row (sections may start a second row).
            assert r.y() > menu.y() + 1 or r.x() > menu.x(), f"{where}: {name} left of Menu"
    names = sorted(buttons)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            overlap = buttons[first].intersected(buttons[second])
            assert overlap.isEmpty(), f"{where}: {first} overlaps {second}"
    bar = find(app.window, "toolbar")
    cut = [p for p in cut_off_texts(app.window, bar) if "Logged in" not in p]
    assert cut == [], f"{where}: {cut}"


def _begin_visit(qtbot, app) -> None:
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    tap(qtbot, app, "clickToBegin")
    tap(qtbot, app, "welcomeContinue")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)


def test_toolbar_keeps_every_item_in_its_place_with_menu_first(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _begin_visit(qtbot, app)
    home: dict[str, dict[str, tuple[int, int]]] = {}
    for label, size in SIZES.items():
        _resize(qtbot, app, size)
        screenshot(app.window, f"touch-toolbar-en-1x-{label}")
        _check_toolbar_fits(app, f"en 1x {label}")
        home[label] = _toolbar_places(app)
        assert "toolbarBack" not in home[label]

        # Back shows on a page further in: nothing else moves.
        tap(qtbot, app, "toolbar_news")
        qtbot.waitUntil(lambda: current_screen(app) == "newsScreen", timeout=5000)
        qtbot.waitUntil(lambda: find(app.window, "toolbarBack") is not None, timeout=3000)
        settle(qtbot, app.window)
        with_back = _toolbar_places(app)
        assert {k: v for k, v in with_back.items() if k != "toolbarBack"} == home[label], label
        _check_toolbar_fits(app, f"en 1x {label} with Back")
        tap(qtbot, app, "toolbarHome")
        qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=5000)

    # "Offline" shows: nothing moves either.
    portal.stop()
    app.kiosk.syncNow()
    qtbot.waitUntil(lambda: find(app.window, "offlineBadge") is not None, timeout=20000)
    for label, size in SIZES.items():
        _resize(qtbot, app, size)
        screenshot(app.window, f"touch-toolbar-en-1x-{label}-offline")
        assert _toolbar_places(app) == home[label], f"{label} offline"
        _check_toolbar_fits(app, f"en 1x {label} offline")

    # Spanish at 1.5x, offline, with Back: everything still fits, Menu first.
    _language_and_size(qtbot, app, "es", True)
    tap(qtbot, app, "toolbar_news")
    qtbot.waitUntil(lambda: current_screen(app) == "newsScreen", timeout=5000)
    for label, size in SIZES.items():
        _resize(qtbot, app, size)
        screenshot(app.window, f"touch-toolbar-es-1.5x-{label}-offline")
        _check_toolbar_fits(app, f"es 1.5x {label} offline")


def _tile_rows(app) -> list[list[str]]:
    tiles = {
        item.objectName(): _rect(item)
        for item in visible_items(app.window)
        if item.objectName().startswith("tile_")
    }
    rows: dict[int, list[str]] = {}
    for name, r in tiles.items():
        rows.setdefault(round(r.y()), []).append(name)
    return [sorted(rows[y], key=lambda n: tiles[n].x()) for y in sorted(rows)]


def _tile_has_picture(tile: QQuickItem) -> bool:
    pending = list(tile.childItems())
    while pending:
        item = pending.pop()
        if not item.isVisible():
            continue
        loaded = item.inherits("QQuickImage") and item.property("progress") == 1.0
        if loaded and str(item.property("source").toString()):
            inside = _rect(tile).contains(_rect(item))
            return inside and item.width() >= 32
        pending.extend(item.childItems())
    return False


def _check_dashboard(app, where: str) -> None:
    rows = _tile_rows(app)
    assert rows, f"{where}: no tiles"
    counts = [len(r) for r in rows]
    assert max(counts) - min(counts) <= 1, f"{where}: uneven rows {rows}"
    for row in rows:
        for name in row:
            assert _tile_has_picture(find(app.window, name)), f"{where}: {name} has no icon"


def _check_coming_up(qtbot, app, where: str) -> bool:
    """Whole entries only; a touch-sized "More" when some are not shown, which shows them.
    True when some were not shown (so "More" was tried)."""
    shown = _box(app, "comingUpList")
    entries = [
        item for item in visible_items(app.window) if item.objectName().startswith("comingUpRow")
    ]
    assert entries, f"{where}: no Coming Up! entries"
    below = []
    for entry in entries:
        r = _rect(entry)
        whole = r.top() >= shown.top() - 1 and r.bottom() <= shown.bottom() + 1
        gone = r.top() >= shown.bottom() - 1 or r.bottom() <= shown.top() + 1
        assert whole or gone, f"{where}: {entry.objectName()} is cut by the panel's edge"
        if r.top() >= shown.bottom() - 1:
            below.append(entry.objectName())
    below.sort(key=lambda name: int(name.removeprefix("comingUpRow")))
    more = find(app.window, "comingUpMore")
    if not below:
        return False
    assert more is not None, f"{where}: entries {below} below and no More"
    assert more.height() >= 64 and more.width() >= 64, where
    tap(qtbot, app, "comingUpMore")
    first_below = find(app.window, below[0])
    qtbot.waitUntil(
        lambda: abs(_rect(first_below).top() - _box(app, "comingUpList").top()) < 2,
        timeout=3000,
    )
    # "More" to the last page, then back to the first.
    listing = find(app.window, "comingUpList")
    for _page in range(len(entries)):
        if listing.property("contentY") == 0:
            break
        tap(qtbot, app, "comingUpMore")
        next_frame(qtbot, app.window)
    assert listing.property("contentY") == 0, where
    return True


def test_dashboard_rows_even_every_tile_with_its_icon_and_coming_up_whole(
    qtbot, portal, make_kiosk
):
    app = make_kiosk(portal.url)
    _begin_visit(qtbot, app)
    for language, large in (("en", False), ("es", True)):
        _language_and_size(qtbot, app, language, large)
        for label, size in SIZES.items():
            _resize(qtbot, app, size)
            where = f"logged out {language} {'1.5x' if large else '1x'} {label}"
            screenshot(app.window, f"touch-dashboard-{where.replace(' ', '-')}")
            _check_dashboard(app, where)
    _language_and_size(qtbot, app, "en", False)
    _resize(qtbot, app, LANDSCAPE)

    tap(qtbot, app, "tile_log_in")
    tap(qtbot, app, "loginYes")
    type_into(qtbot, app, "loginEmail", DEMO_EMAIL_SIMPSON)
    type_into(qtbot, app, "loginPassword", DEMO_PASSWORD)
    tap(qtbot, app, "loginSubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    qtbot.waitUntil(lambda: len(app.cart.property("comingUp")) > 0, timeout=10000)
    more_tried: list[bool] = []
    for language, large in (("en", False), ("es", True)):
        _language_and_size(qtbot, app, language, large)
        for label, size in SIZES.items():
            _resize(qtbot, app, size)
            where = f"logged in {language} {'1.5x' if large else '1x'} {label}"
            screenshot(app.window, f"touch-dashboard-{where.replace(' ', '-')}")
            _check_dashboard(app, where)
            more_tried.append(_check_coming_up(qtbot, app, where))
            # Who is logged in shows at 1.5x too.
            assert find(app.window, "toolbarWho") is not None, where
    # The Simpsons' month has more than one panel holds at some size: "More" was tried there.
    assert any(more_tried), "no size left a Coming Up! entry below the panel"


def _check_upright_dashboard(app, where: str) -> None:
    """Every tile whole in view without scrolling, above Coming Up! and clear of it, at least
    one whole Coming Up! entry under them, no word cut off, every target touch-sized."""
    window_bottom = app.window.height()
    area = find(app.window, "dashboardTiles")
    assert area is not None, f"{where}: no tiles"
    assert not area.property("interactive"), f"{where}: the tiles scroll"
    shown = _rect(area)
    coming_up = _box(app, "comingUp")
    tiles = [item for item in visible_items(app.window) if item.objectName().startswith("tile_")]
    assert len(tiles) >= 6, f"{where}: tiles {[t.objectName() for t in tiles]}"
    for tile in tiles:
        r = _rect(tile)
        name = tile.objectName()
        assert shown.contains(r.adjusted(1, 1, -1, -1)), f"{where}: {name} {r} not whole in {shown}"
        assert r.bottom() < coming_up.top(), f"{where}: {name} {r} reaches Coming Up! {coming_up}"
        assert r.height() >= 64 and r.width() >= 64, f"{where}: {name} is {r}"
        assert _tile_has_picture(tile), f"{where}: {name} has no icon"
    assert coming_up.bottom() <= window_bottom + 1, f"{where}: Coming Up! {coming_up} leaves"
    listing = _box(app, "comingUpList")
    first = find(app.window, "comingUpRow0")
    assert first is not None, f"{where}: no Coming Up! entry"
    entry = _rect(first)
    assert listing.contains(entry.adjusted(1, 1, -1, -1)), f"{where}: first entry {entry} cut"
    assert coming_up.contains(listing), f"{where}: Coming Up! list {listing} out of its panel"
    for name in ("comingUpMore", "markAbsent0"):
        button = find(app.window, name)
        if button is not None:
            assert button.height() >= 64 and button.width() >= 64, f"{where}: {name} too small"
            assert coming_up.contains(_rect(button)), f"{where}: {name} out of Coming Up!"
    cut = [p for p in cut_off_texts(app.window) if "Logged in" not in p]
    assert cut == [], f"{where}: {cut}"


def test_upright_dashboard_shows_every_tile_whole_above_a_coming_up_entry(
    qtbot, portal, make_kiosk
):
    """Portrait (a kiosk mounted upright), logged in: the tiles need no scrolling and Coming Up!
    keeps whole entries under them, in English and Spanish, at 1x and at 1.5x text."""
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    qtbot.waitUntil(lambda: len(app.cart.property("comingUp")) > 1, timeout=10000)
    _resize(qtbot, app, PORTRAIT)
    for language, large in (("es", True), ("en", True), ("en", False), ("es", False)):
        _language_and_size(qtbot, app, language, large)
        where = f"upright {language} {'1.5x' if large else '1x'}"
        screenshot(app.window, f"touch-dashboard-{where.replace(' ', '-')}")
        _check_upright_dashboard(app, where)
        _check_coming_up(qtbot, app, where)
    # Lying down again, the tiles keep their even rows and Coming Up! its whole entries.
    _resize(qtbot, app, LANDSCAPE)
    screenshot(app.window, "touch-dashboard-landscape-es-1x-after-upright")
    _check_dashboard(app, "landscape es 1x after upright")
    _check_coming_up(qtbot, app, "landscape es 1x after upright")
    # "Mark absent" (said on its own panel, then Done) adds a line and "Take back" to the
    # entry: the tiles still need no scrolling and the entry still shows whole.
    _resize(qtbot, app, PORTRAIT)
    _language_and_size(qtbot, app, "es", True)
    tap(qtbot, app, "markAbsent0")
    qtbot.waitUntil(lambda: current_screen(app) == "absenceMarkedScreen", timeout=10000)
    tap(qtbot, app, "absenceDone")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    qtbot.waitUntil(lambda: find(app.window, "takeBack0") is not None, timeout=10000)
    settle(qtbot, app.window)
    screenshot(app.window, "touch-dashboard-upright-es-1.5x-marked-absent")
    _check_upright_dashboard(app, "upright es 1.5x marked absent")


def test_the_lowered_screen_keeps_its_off_switch_in_reach(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _begin_visit(qtbot, app)
    tap(qtbot, app, "toolbar_menu")
    tap(qtbot, app, "menuLowered")
    qtbot.waitUntil(lambda: app.display.property("lowered"), timeout=3000)
    for language, large in (("en", False), ("es", True)):
        _language_and_size(qtbot, app, language, large)
        for label, size in SIZES.items():
            _resize(qtbot, app, size)
            where = f"{language} {'1.5x' if large else '1x'} {label}"
            screenshot(app.window, f"touch-menu-lowered-{where.replace(' ', '-')}")
            switch = _box(app, "menuLowered")
            assert switch.top() >= 0 and switch.bottom() <= app.window.height(), where
            assert switch.height() >= 64, where
    tap(qtbot, app, "menuLowered")
    qtbot.waitUntil(lambda: not app.display.property("lowered"), timeout=3000)


PILLS = ("landingLanguage", "landingTextSize", "landingHighContrast", "landingLowered")


def test_landing_pills_sit_in_even_rows_on_solid_ground(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)
    for language, large in (("en", False), ("es", True)):
        _language_and_size(qtbot, app, language, large)
        for label, size in SIZES.items():
            _resize(qtbot, app, size)
            where = f"{language} {'1.5x' if large else '1x'} {label}"
            screenshot(app.window, f"touch-landing-{where.replace(' ', '-')}")
            boxes = {name: _box(app, name) for name in PILLS}
            rows: dict[int, list[QRectF]] = {}
            for r in boxes.values():
                rows.setdefault(round(r.y()), []).append(r)
            assert sorted(len(r) for r in rows.values()) in ([2, 2], [4]), f"{where}: {rows}"
            # Columns line up: the same left edges and widths in every row.
            lefts = [sorted(round(r.x()) for r in row) for row in rows.values()]
            assert all(edge == lefts[0] for edge in lefts), f"{where}: ragged {lefts}"
            assert len({round(r.width()) for r in boxes.values()}) == 1, where
            for name, r in boxes.items():
                assert r.right() <= app.window.width() and r.x() >= 0, f"{where}: {name}"
                # A solid pill: nothing of the picture behind shows through the words.
                background = find(app.window, name).property("background")
                assert background.property("color").alphaF() == 1.0, f"{where}: {name}"
            name_box = _box(app, "landingOrgName")
            for name, r in boxes.items():
                assert not name_box.intersects(r), f"{where}: the name runs under {name}"
            # The announcement's words and Learn More stay clear of the buttons at the bottom.
            for words in ("learnMore", "landingHeadline"):
                for button in ("clickToBegin", "landingCheckIn"):
                    if find(app.window, button) is not None:
                        assert not _box(app, words).intersects(_box(app, button)), (
                            f"{where}: {button} covers {words}"
                        )


def _long_press_logo(qtbot, app) -> None:
    area = find(app.window, "staffGesture")
    centre = area.mapToScene(QPointF(area.width() / 2, area.height() / 2)).toPoint()
    QTest.mousePress(app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    qtbot.waitUntil(lambda: find(app.window, "pinKey_1") is not None, timeout=6000)
    QTest.mouseRelease(
        app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
    )


QUICK_FIELDS = (
    "quickFirstName",
    "quickLastName",
    "quickEmail",
    "quickPhone",
    "quickStudentFirst",
    "quickStudentBirth",
)


def test_staff_panel_sign_out_apart_and_quick_create_columns_steady(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    _begin_visit(qtbot, app)
    tap(qtbot, app, "toolbar_menu")
    tap(qtbot, app, "menuClose")
    qtbot.waitUntil(lambda: find(app.window, "menuClose") is None, timeout=5000)
    settle(qtbot, app.window)
    logged_out = _toolbar_places(app)

    app.visit.end("")
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=10000)
    settle(qtbot, app.window)
    _long_press_logo(qtbot, app)
    for digit in next(iter(DEMO_STAFF_PINS)):
        tap(qtbot, app, f"pinKey_{digit}")
    tap(qtbot, app, "pinKey_OK")
    qtbot.waitUntil(lambda: current_screen(app) == "staffPanelScreen", timeout=10000)

    for language, large in (("en", False), ("es", True)):
        _language_and_size(qtbot, app, language, large)
        for label, size in SIZES.items():
            _resize(qtbot, app, size)
            where = f"{language} {'1.5x' if large else '1x'} {label}"
            screenshot(app.window, f"touch-staff-{where.replace(' ', '-')}")
            exit_box, sign_out = _box(app, "staffExit"), _box(app, "staffSignOut")
            gap = max(sign_out.left() - exit_box.right(), exit_box.left() - sign_out.right())
            apart = max(gap, sign_out.top() - exit_box.bottom(), exit_box.top() - sign_out.bottom())
            assert apart >= 24, f"{where}: Sign out and Exit kiosk only {apart:.0f} px apart"

    tap(qtbot, app, "staffNewFamily")
    qtbot.waitUntil(lambda: find(app.window, "quickCreate") is not None, timeout=3000)
    for language, large in (("es", True), ("en", False)):
        _language_and_size(qtbot, app, language, large)
        for label, size in (("portrait", PORTRAIT), ("landscape", LANDSCAPE)):
            _resize(qtbot, app, size)
            where = f"{language} {'1.5x' if large else '1x'} {label}"
            screenshot(app.window, f"touch-staff-quick-create-{where.replace(' ', '-')}")
            boxes = {name: _box(app, name) for name in QUICK_FIELDS}
            widths = {name: round(r.width()) for name, r in boxes.items()}
            assert len(set(widths.values())) == 1, f"{where}: columns of different widths {widths}"
            for i, first in enumerate(QUICK_FIELDS):
                assert boxes[first].right() <= app.window.width(), f"{where}: {first} leaves"
                for second in QUICK_FIELDS[i + 1 :]:
                    assert not boxes[first].intersects(boxes[second]), f"{where}: {first}/{second}"
            form = find(app.window, "staffNewFamilyForm")
            assert cut_off_texts(app.window, form) == [], where
    empty = {name: round(_box(app, name).width()) for name in QUICK_FIELDS}
    type_into(qtbot, app, "quickEmail", "someone.with.a.long.address@example.com")
    type_into(qtbot, app, "quickFirstName", "Bartholomew")
    settle(qtbot, app.window)
    screenshot(app.window, "touch-staff-quick-create-typed")
    typed = {name: round(_box(app, name).width()) for name in QUICK_FIELDS}
    assert typed == empty, f"the columns moved as staff typed: {empty} -> {typed}"
    tap(qtbot, app, "staffNewFamily")
    QGuiApplication.inputMethod().hide()  # the keyboard's own "hide" key
    qtbot.waitUntil(lambda: not find(app.window, "inputPanel"), timeout=3000)

    # Helping a walk-in: typed key by key, then Find; the search runs and the keyboard goes.
    type_text(qtbot, app, "staffSearch", "simpson")
    tap(qtbot, app, "staffSearchGo")
    qtbot.waitUntil(lambda: find(app.window, "inputPanel") is None, timeout=3000)
    try:
        qtbot.waitUntil(lambda: whole_in_view(app, "staffAssist0"), timeout=10000)
    except Exception:
        raise AssertionError(
            f"{app.staff.property('message')!r} {screenshot(app.window, 'failed-assist')}"
        ) from None
    # Back in the field, the keyboard up: the first family found shows whole above it, in
    # portrait and in landscape (last: the toolbar is compared with the landscape one below).
    tap(qtbot, app, "staffSearch")
    qtbot.waitUntil(lambda: find(app.window, "inputPanel") is not None, timeout=3000)
    for label, size in (("portrait", PORTRAIT), ("landscape", LANDSCAPE)):
        _resize(qtbot, app, size)
        shot = screenshot(app.window, f"touch-staff-search-keyboard-up-{label}")
        assert find(app.window, "inputPanel") is not None, f"{label}: the keyboard went"
        assert whole_in_view(app, "staffAssist0"), f"{label}: the first family is hidden {shot}"
    matches = app.staff.property("matches")
    simpson = next(i for i, m in enumerate(matches) if m["name"] == "Simpson")
    tap(qtbot, app, f"staffAssist{simpson}")
    try:
        qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    except Exception:
        raise AssertionError(
            f"{current_screen(app)} {app.staff.property('message')!r} "
            f"{screenshot(app.window, 'failed-assist')}"
        ) from None
    qtbot.waitUntil(lambda: find(app.window, "staffAssistingBanner") is not None, timeout=5000)
    settle(qtbot, app.window)
    screenshot(app.window, "touch-toolbar-staff-assisting")
    assert _toolbar_places(app) == logged_out
    _check_toolbar_fits(app, "staff assisting")
