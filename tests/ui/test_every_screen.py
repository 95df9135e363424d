"""Every screen of the kiosk, in English and Spanish, usual and 1.5x text, usual colours and high
contrast: no words cut off or clipped without a way to scroll, no overlapping tap targets, every
target at least 64 px with a role and a name for a screen reader.

"Every screen": each screen of the route table (kiosk/navigation.py; check-in at its first step,
the staff panel on each tab), with the landing page's, the visit's and the staff's pop-ups and
the menu.
One kiosk per combination walks them all. The four walks cover each language at each text size,
and high contrast in each language and at each size: en 1x, en 1.5x + high contrast,
es 1x + high contrast, es 1.5x. Screenshots: artifacts/screens/every-<combination>-<screen>.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Q_ARG, QMetaObject, QObject, QPointF, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest

from kiosk.navigation import ROUTES
from portal.seed import (
    DEMO_EMAIL_FLANDERS,
    DEMO_EMAIL_HOMER,
    DEMO_EMAIL_SIMPSON,
    DEMO_PASSWORD,
    DEMO_STAFF_PINS,
)
from tests.ui.conftest import (
    current_screen,
    find,
    open_popups,
    screenshot,
    settle,
    tap,
    type_into,
    visible_items,
)
from tests.ui.screen_checks import screen_problems

MAIN_QML = Path(__file__).resolve().parents[2] / "ui" / "qml" / "Main.qml"
STAFF_PIN = "246813"
assert STAFF_PIN in DEMO_STAFF_PINS


def screens_in_route_table() -> set[str]:
    """Every screen of kiosk/navigation.py's route table."""
    return {route.name for route in ROUTES}


class Walk:
    """One kiosk, one combination: goes to each screen, checks it, takes its picture."""

    def __init__(self, qtbot, app, language: str, large: bool, contrast: bool) -> None:
        self.qtbot = qtbot
        self.app = app
        self.language = language
        self.large = large
        self.contrast = contrast
        self.label = f"{language}-{'1.5x' if large else '1x'}{'-hc' if contrast else ''}"
        self.problems: dict[str, list[str]] = {}
        self.screens_seen: set[str] = set()

    # ----- getting around --------------------------------------------------------------------

    def tap(self, name: str, timeout: int = 5000) -> None:
        tap(self.qtbot, self.app, name, timeout=timeout)

    def wait_for(self, name: str, timeout: int = 5000) -> None:
        try:
            self.qtbot.waitUntil(lambda: find(self.app.window, name) is not None, timeout=timeout)
        except Exception as exc:
            shot = screenshot(self.app.window, f"failed-every-{self.label}-{name}")
            raise AssertionError(
                f"{name} did not show; on screen: {current_screen(self.app)!r}, "
                f"open pop-ups {open_popups(self.app.window)}, picture {shot}"
            ) from exc

    def wait_screen(self, name: str, timeout: int = 10000) -> None:
        try:
            self.qtbot.waitUntil(lambda: current_screen(self.app) == name, timeout=timeout)
        except Exception:
            screenshot(self.app.window, f"failed-every-{self.label}-{name}")
            raise AssertionError(
                f"{name} did not come; on screen: {current_screen(self.app)!r}, "
                f"payment message: {self.app.payments.property('message')!r}, "
                f"cart message: {self.app.cart.property('message')!r}, "
                f"fields: {self.app.payments.property('fieldErrors')!r}"
            ) from None

    def navigate(self, screen: str, params: dict | None = None) -> None:
        """Main.qml's one navigate() path, for screens a test reaches faster this way."""
        QMetaObject.invokeMethod(
            self.app.window,
            "navigate",
            Q_ARG("QVariant", screen),
            Q_ARG("QVariant", params or {}),
        )

    def open_section(self, key: str) -> None:
        QMetaObject.invokeMethod(self.app.window, "openSection", Q_ARG("QVariant", key))

    def apply_settings(self) -> None:
        """The family's choices again (the end of a visit puts the usual ones back)."""
        self.app.language.setLanguage(self.language)
        self.app.display.setLargeText(self.large)
        if bool(self.app.display.property("highContrast")) != self.contrast:
            self.app.display.toggleHighContrast()

    def begin_visit(self) -> None:
        """Tap to Begin, and Continue once the organisation's welcome has opened."""
        self.tap("clickToBegin")
        self.wait_for("welcomeContinue", timeout=10000)
        self.tap("welcomeContinue")

    def log_in(self, email: str) -> None:
        self.navigate("login")
        self.wait_screen("loginScreen")
        self.tap("loginYes")
        type_into(self.qtbot, self.app, "loginEmail", email)
        type_into(self.qtbot, self.app, "loginPassword", DEMO_PASSWORD)
        self.tap("loginSubmit")

    def log_out(self) -> None:
        self.tap("toolbar_menu")
        self.tap("menu_log_out")
        self.wait_screen("landingScreen")
        notice = find(self.app.window, "noticeOk")
        if notice is not None:
            self.tap("noticeOk")
        self.apply_settings()

    # ----- looking -----------------------------------------------------------------------------

    def settle(self) -> None:
        settle(self.qtbot, self.app.window)

    def check(self, name: str) -> None:
        self.settle()
        screen = current_screen(self.app)
        if screen:
            self.screens_seen.add(screen)
        screenshot(self.app.window, f"every-{self.label}-{name}")
        found = screen_problems(self.app.window)
        if found:
            self.problems[name] = found

    # ----- the walk --------------------------------------------------------------------------

    def landing(self) -> None:
        app = self.app
        self.wait_screen("landingScreen", timeout=20000)
        self.qtbot.waitUntil(
            lambda: find(app.window, "landingHeadline").property("text") != "", timeout=5000
        )
        if self.language == "es":
            self.tap("landingLanguage")
        if self.large:
            self.tap("landingTextSize")
        if self.contrast:
            self.tap("landingHighContrast")
        self.qtbot.waitUntil(
            lambda: (
                app.language.property("language") == self.language
                and app.display.property("largeText") == self.large
                and app.display.property("highContrast") == self.contrast
            ),
            timeout=3000,
        )
        self.check("landing")
        self.tap("learnMore")
        self.wait_for("newsPopupClose")
        self.check("landing-news")
        self.tap("newsPopupClose")
        self.qtbot.waitUntil(lambda: find(app.window, "newsPopupClose") is None, timeout=3000)

    def visit(self) -> None:
        """Everything before logging in."""
        app = self.app
        self.tap("clickToBegin")
        self.wait_for("welcomeContinue")
        self.check("welcome")
        self.tap("welcomeContinue")
        self.wait_screen("dashboardScreen")
        self.check("dashboard")

        self.tap("toolbar_menu")
        self.wait_for("menuClose")
        self.check("menu")
        self.tap("menuClose")
        self.qtbot.waitUntil(lambda: find(app.window, "menuClose") is None, timeout=3000)
        self.open_section("mobile_app")
        self.wait_for("mobileAppClose")
        self.check("mobile-app")
        self.tap("mobileAppClose")
        self.qtbot.waitUntil(lambda: find(app.window, "mobileAppClose") is None, timeout=3000)

        # Idle: "Are you still there?"
        app.idle.set_timeouts(0.2, 30)
        self.wait_for("idleStillHere")
        self.check("idle")
        app.idle.set_timeouts(3600, 30)
        self.tap("idleStillHere")
        self.qtbot.waitUntil(lambda: find(app.window, "idleStillHere") is None, timeout=3000)

        # Check-in, its first step: find the family by phone, PIN or card.
        self.navigate("checkIn")
        self.wait_screen("checkInScreen")
        self.check("checkIn-phone")
        self.tap("checkInMethod_pin")
        for key in "12":
            self.tap(f"key_{key}")
        self.check("checkIn-pin")
        self.tap("checkInMethod_card")
        self.check("checkIn-card")

        self.navigate("news")
        self.wait_for("newsItem0")
        self.check("news")
        self.tap("newsItem0")
        self.wait_screen("newsDetailScreen")
        self.check("newsDetail")

        self.navigate("booking")
        self.wait_screen("bookingScreen")
        self.check("booking")
        self.tap("booking_classes")
        self.wait_for("classCard0")
        self.check("classes")
        self.tap("classCard0")
        self.wait_screen("classDetailScreen")
        self.check("classDetail")

        self.navigate("booking")
        self.wait_screen("bookingScreen")
        camps = next(
            i.objectName()
            for i in visible_items(app.window)
            if i.objectName().startswith("booking_camps")
        )
        self.tap(camps)
        self.wait_for("campCard0")
        self.check("camps")
        self.tap("campCard0")
        self.wait_screen("campDetailScreen")
        self.check("campDetail")

        self.navigate("appointments")
        self.wait_screen("appointmentsScreen")
        self.check("appointments")
        self.navigate("parties")
        self.wait_screen("partiesScreen")
        self.check("parties")
        self.navigate("comingSoon", {"feature": "gift_cards"})
        self.wait_screen("comingSoonScreen")
        self.check("comingSoon")
        for screen in ("proShop", "staff", "location", "giftCard", "more"):
            self.navigate(screen)
            self.wait_screen(f"{screen}Screen")
            self.check(screen)

        self.navigate("findClass")
        self.wait_screen("findClassScreen")
        self.check("findClass-who")
        self.tap("findAge5")
        self.check("findClass-what")
        self.tap("findProgramAny")
        self.check("findClass-when")
        self.tap("findNext")
        self.check("findClass-where")
        self.tap("findNext")
        self.check("findClass-results")

        self.navigate("login")
        self.wait_screen("loginScreen")
        self.check("login-question")
        self.tap("loginNo")
        self.wait_screen("createAccountScreen")
        create = find(app.window, "createAccountScreen")
        for step in range(3):
            create.setProperty("step", step)  # each step's form, without filling the one before
            self.check(f"createAccount-{step + 1}")
            if step == 1:  # two students: each one's buttons say whose they are
                self.tap("addStudent")
                self.wait_for("studentFirstName1Input")
                self.check("createAccount-2-two-students")
        self.navigate("login")
        self.wait_screen("loginScreen")
        self.tap("loginYes")
        self.wait_for("loginSubmit")
        self.check("login")
        self.tap("loginSubmit")  # nothing typed: a sentence next to each field
        self.wait_for("loginEmailError")
        self.check("login-errors")
        self.tap("loginForgot")
        self.wait_screen("forgotPasswordScreen")
        self.check("forgotPassword")
        find(app.window, "forgotPasswordScreen").setProperty("codeSent", True)
        self.check("forgotPassword-code")

    def families(self) -> None:
        """A guardian with two families chooses one; a family with policies to accept."""
        self.log_in(DEMO_EMAIL_HOMER)
        self.wait_screen("chooseFamilyScreen")
        self.check("chooseFamily")
        self.tap("family0")
        self.wait_screen("dashboardScreen")
        self.log_out()

        self.begin_visit()
        self.log_in(DEMO_EMAIL_FLANDERS)
        self.wait_screen("policiesScreen")
        self.check("policies")
        self.tap("policyDecline")
        self.wait_screen("landingScreen")
        self.wait_for("noticeOk")
        self.check("landing-notice")
        self.tap("noticeOk")
        self.apply_settings()

    def family(self) -> None:
        """The Simpsons: their dashboard, account, payments, a booking paid for."""
        app = self.app
        self.begin_visit()
        self.log_in(DEMO_EMAIL_SIMPSON)
        self.wait_screen("dashboardScreen")
        self.qtbot.waitUntil(lambda: len(app.cart.property("comingUp")) > 0, timeout=10000)
        self.check("dashboard-family")
        # An absence marked from Coming Up! earns the makeup credit My Account offers.
        row = next(i for i, e in enumerate(app.cart.property("comingUp")) if e["canMarkAbsent"])
        self.tap(f"markAbsent{row}")
        self.wait_screen("absenceMarkedScreen")
        self.check("absenceMarked")
        self.tap("absenceDone")
        self.wait_screen("dashboardScreen")
        self.qtbot.waitUntil(lambda: app.cart.property("availableCredits") > 0, timeout=10000)
        self.check("dashboard-absent")

        self.navigate("myAccount")
        self.wait_screen("myAccountScreen")
        self.wait_for("useMakeupCredit0", timeout=10000)
        self.check("myAccount")
        self.tap("useMakeupCredit0")
        self.wait_screen("makeupScreen")
        self.wait_for("makeupOption0", timeout=10000)
        self.check("makeups")
        self.tap("toolbarBack")
        self.wait_screen("myAccountScreen")
        for button in ("editGuardian0", "editStudent0", "editContact", "addStudent"):
            self.tap(button)
            self.wait_screen("editDetailsScreen")
            self.check(f"editDetails-{button}")
            self.tap("editCancel")
            self.wait_screen("myAccountScreen")
        self.navigate("policyHistory")
        self.wait_screen("policyHistoryScreen")
        self.check("policyHistory")

        # Appointments and parties with a time chosen, and the family's children to pick from.
        self.navigate("appointments")
        self.wait_screen("appointmentsScreen")
        self.tap(f"apptType{app.catalog.property('appointmentTypes')[0]['typeId']}")
        self.wait_for("apptCoach0", timeout=10000)
        self.tap("apptCoach0")
        self.tap("apptSlot0")
        self.tap("apptStudent0")
        self.check("appointments-family")
        self.navigate("parties")
        self.wait_screen("partiesScreen")
        self.tap(f"partyPackage{app.catalog.property('partyPackages')[0]['packageId']}")
        self.wait_for("partyDay0", timeout=10000)
        self.tap("partyDay0")
        self.tap("partyTime0")
        self.tap("partyStudent0")
        self.check("parties-family")

        self.navigate("accountPayments")
        self.wait_screen("accountPaymentsScreen")
        self.qtbot.waitUntil(lambda: len(app.payments.property("charges")) > 0, timeout=10000)
        self.check("accountPayments")
        self.tap("payAll")
        self.wait_screen("paymentScreen")
        self.check("payment-reader")
        self.tap("methodKeyed")
        self.wait_for("cardNumberInput")
        self.check("payment-card")
        self.tap("methodEcheck")
        self.wait_for("echeckHolderInput")
        self.check("payment-echeck")
        self.tap("methodReader")
        self.tap("testCard_declined")
        self.qtbot.waitUntil(lambda: app.payments.property("message") != "", timeout=15000)
        self.check("payment-declined")
        self.tap("testCard_approved")
        self.wait_screen("receiptScreen", timeout=15000)
        self.check("receipt")

        self.navigate("classes")
        self.wait_screen("classesScreen")
        self.tap("filterStudent0")
        self.tap("filterOpenings")
        self.wait_for("classCard0")
        self.check("classes-family")
        self.tap("classCard0")
        self.wait_screen("classDetailScreen")
        self.tap("enrollStudent0")
        self.check("classDetail-family")
        self.tap("enroll")
        self.wait_screen("cartScreen")
        self.wait_for("cartCheckout")
        self.check("cart")
        self.tap("cartCheckout")
        self.wait_screen("paymentScreen")
        self.check("payment-checkout")
        self.tap("testCard_approved")
        self.wait_screen("orderConfirmedScreen", timeout=15000)
        self.check("orderConfirmed")
        self.log_out()

    def staff(self) -> None:
        """The PIN pad (a three-second press on the logo), then each tab of the staff panel."""
        app = self.app
        # The family's text size and colours came back with the log-out: press where the logo
        # is once the landing page has laid itself out again, as a person would.
        self.settle()
        area = find(app.window, "staffGesture")
        centre = area.mapToScene(QPointF(area.width() / 2, area.height() / 2)).toPoint()
        QTest.mousePress(
            app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
        )
        self.wait_for("pinKey_1", timeout=6000)
        QTest.mouseRelease(
            app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
        )
        self.check("staff-pin")
        for digit in STAFF_PIN:
            self.tap(f"pinKey_{digit}")
        self.tap("pinKey_OK")
        self.wait_screen("staffPanelScreen")
        self.apply_settings()
        tabs = sorted(
            {
                i.objectName()
                for i in visible_items(app.window)
                if re.fullmatch(r"staffTab\d+", i.objectName())
            }
        )
        assert len(tabs) >= 4, tabs
        for tab in tabs:
            self.tap(tab)
            self.check(f"staffPanel-{tab}")
            if tab == "staffTab0":
                self.tap("staffNewFamily")
                self.wait_for("quickCreate")
                self.check("staffPanel-new-family")
                self.tap("staffNewFamily")


COMBINATIONS = [
    pytest.param("en", False, False, id="en-1x"),
    pytest.param("en", True, True, id="en-1.5x-hc"),
    pytest.param("es", False, True, id="es-1x-hc"),
    pytest.param("es", True, False, id="es-1.5x"),
]


@pytest.mark.parametrize(("language", "large", "contrast"), COMBINATIONS)
def test_every_screen_reads_whole_and_every_target_is_named_and_apart(
    qtbot, portal, make_kiosk, language, large, contrast
):
    QAccessible.setActive(True)  # what a screen reader switches on: controls name themselves
    try:
        app = make_kiosk(portal.url)
        app.idle.set_timeouts(3600, 30)  # a long walk is not an idle visit
        walk = Walk(qtbot, app, language, large, contrast)
        walk.landing()
        walk.visit()
        walk.families()
        walk.family()
        walk.staff()
    finally:
        QAccessible.setActive(False)

    missing = {f"{name}Screen" for name in screens_in_route_table()} - walk.screens_seen
    assert not missing, f"the walk never reached {sorted(missing)}"
    assert not walk.problems, f"{walk.label}:\n" + "\n".join(
        f"{screen}: {problem}" for screen, items in walk.problems.items() for problem in items
    )


_TRIPS = b"""
import QtQuick
import QtQuick.Controls

ApplicationWindow {
    width: 900
    height: 600
    visible: true
    Button { objectName: "small"; x: 10; y: 10; width: 40; height: 40; text: "A" }
    Button { objectName: "first"; x: 100; y: 10; width: 100; height: 80; text: "One" }
    Button { objectName: "second"; x: 150; y: 40; width: 100; height: 80; text: "Two" }
    AbstractButton { objectName: "unnamed"; x: 300; y: 10; width: 80; height: 80 }
    Item {
        x: 400; y: 10; width: 120; height: 30; clip: true
        Text { width: 120; wrapMode: Text.WordWrap; text: "Clipped words that need two lines" }
    }
    Flickable {
        x: 10; y: 200; width: 200; height: 20; contentHeight: 20; clip: true
        Text {
            width: 200; wrapMode: Text.WordWrap; text: "Words in a list that cannot scroll to them"
        }
    }
    Text { x: 10; y: 400; width: 100; elide: Text.ElideRight; text: "An elided sentence" }
    Text {
        x: 300; y: 400; width: 100; height: 30; wrapMode: Text.WordWrap
        text: "Taller than the room it was given"
    }
}
"""


def test_the_checks_catch_what_a_family_would_trip_on(qtbot):
    """The walk proves something only if its checks see these: a small target, two that
    overlap, one without a name, words clipped, unreachable in a list, elided, overflowing."""
    from PySide6.QtQml import QQmlApplicationEngine

    QAccessible.setActive(True)
    engine = QQmlApplicationEngine()
    try:
        engine.loadData(_TRIPS)
        window = engine.rootObjects()[0]
        qtbot.waitExposed(window)
        found = "\n".join(screen_problems(window))
    finally:
        QAccessible.setActive(False)
        for root in engine.rootObjects():
            root.deleteLater()
    assert "smaller than 64 px (40 x 40): small" in found
    assert re.search(r"overlap: (first|second) .* and (first|second) ", found)
    assert "no Accessible.name: unnamed" in found
    assert "clipped by" in found and "Clipped words" in found
    assert "(no scrolling): 'Words in a list" in found
    assert "cut off: 'An elided sentence'" in found
    assert "taller than its room (30 px): 'Taller than" in found


_SCREEN_READER_TRIPS = b"""
import QtQuick
import QtQuick.Controls
import "components"

ApplicationWindow {
    width: 900
    height: 600
    visible: true
    Column {
        Button { objectName: "behind"; width: 200; height: 80; text: "Behind" }
    }
    BehindPopups {
        hidden: popup.opened
        shownWidth: 900
        shownHeight: 600
        Button { objectName: "shielded"; x: 300; width: 200; height: 80; text: "Shielded" }
    }
    Popup {
        id: popup
        objectName: "popup"
        modal: true
        x: 100; y: 150; width: 700; height: 400
        Column {
            spacing: 16
            Button { width: 200; height: 80; text: "Edit" }
            Button { width: 200; height: 80; text: "Edit" }
            TextField {
                width: 300; height: 80
                echoMode: TextInput.Password
                Accessible.name: "Password"
            }
            Text { text: "Words nobody reads out" }
        }
    }
    Component.onCompleted: popup.open()
}
"""


def test_the_checks_catch_what_a_screen_reader_would_trip_on(qtbot):
    """With a pop-up open: a button behind it a screen reader still reaches (and not one held
    by BehindPopups), two buttons with one name, a password field with no label to name it
    (Qt hides its own name), words no screen reader reads."""
    from PySide6.QtCore import QUrl
    from PySide6.QtQml import QQmlComponent, QQmlEngine

    QAccessible.setActive(True)
    engine = QQmlEngine()
    try:
        component = QQmlComponent(engine)
        component.setData(_SCREEN_READER_TRIPS, QUrl.fromLocalFile(str(MAIN_QML)))
        window = component.create()
        assert window is not None, component.errorString()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.findChild(QObject, "popup").property("opened"))
        found = "\n".join(screen_problems(window))
        window.deleteLater()
    finally:
        QAccessible.setActive(False)
    assert "reachable behind the pop-up: Button 'Behind'" in found
    assert "Shielded" not in found
    assert "2 buttons called 'Edit'" in found
    assert re.search(r"no Accessible.name: \w*TextField", found)
    assert "not read by a screen reader: 'Words nobody reads out'" in found
