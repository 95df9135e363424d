"""Coming Up! and My Account's schedule show what was just booked, without logging out and in."""

from __future__ import annotations

from portal.seed import DEMO_EMAIL_SIMPSON, DEMO_PASSWORD
from tests.ui.conftest import (
    current_screen,
    fill_in_login,
    find,
    screenshot,
    tap,
    type_into,
    visible_names,
)


def _schedule_texts(app) -> list[str]:
    return [
        str(find(app.window, name).property("text"))
        for name in visible_names(app.window, "comingUpTitle")
    ]


def test_a_class_just_paid_for_shows_in_coming_up_and_in_my_account(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    fill_in_login(qtbot, app, DEMO_EMAIL_SIMPSON, DEMO_PASSWORD)
    tap(qtbot, app, "loginSubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    qtbot.waitUntil(lambda: len(app.cart.property("comingUp")) > 0, timeout=10000)
    before = {e["title"] for e in app.cart.property("comingUp")}

    # A class none of the family's events is already for, starting at its next meeting.
    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, "booking_classes")
    qtbot.waitUntil(lambda: current_screen(app) == "classesScreen", timeout=3000)
    tap(qtbot, app, "filterStudent0")
    tap(qtbot, app, "filterOpenings")
    qtbot.waitUntil(lambda: find(app.window, "classCard0") is not None, timeout=3000)
    card = next(
        name
        for name in visible_names(app.window, "classCard")
        if not any(title in str(find(app.window, name).property("text")) for title in before)
    )
    tap(qtbot, app, card)
    qtbot.waitUntil(lambda: current_screen(app) == "classDetailScreen", timeout=3000)
    title = str(find(app.window, "classTitle").property("text"))
    assert title not in before
    tap(qtbot, app, "enrollStudent0")
    tap(qtbot, app, "startDate0")
    tap(qtbot, app, "enroll")
    qtbot.waitUntil(lambda: current_screen(app) == "cartScreen", timeout=10000)
    tap(qtbot, app, "cartCheckout")
    qtbot.waitUntil(lambda: current_screen(app) == "paymentScreen", timeout=3000)
    tap(qtbot, app, "methodKeyed")
    type_into(qtbot, app, "cardNumber", "4242 4242 4242 4242")
    type_into(qtbot, app, "cardExpiry", "12/30")
    type_into(qtbot, app, "cardCvv", "123")
    type_into(qtbot, app, "cardZip", "62704")
    tap(qtbot, app, "paySubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "orderConfirmedScreen", timeout=15000)

    tap(qtbot, app, "orderDone")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=5000)
    qtbot.waitUntil(
        lambda: any(
            title in str(find(app.window, n).property("text"))
            for n in visible_names(app.window, "comingUpTitle")
        ),
        timeout=10000,
    )
    screenshot(app.window, "75-dashboard-coming-up-after-booking")

    tap(qtbot, app, "tile_my_account")
    qtbot.waitUntil(lambda: current_screen(app) == "myAccountScreen", timeout=5000)
    qtbot.waitUntil(lambda: any(title in t for t in _schedule_texts(app)), timeout=10000)
    screenshot(app.window, "76-my-account-schedule")
