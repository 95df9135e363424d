"""Registration day at the kiosk: when the portal turns a checkout away for being overloaded
(429 with Retry-After), the kiosk retries, then says the portal's sentence on the cart screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from portal.api.overload import OVERLOADED_MESSAGE
from portal.models import ClassOffering
from tests.reliability.harness import create_families, kiosk_client
from tests.reliability.overload import overloaded, popular_classes, restart_with
from tests.ui.conftest import current_screen, find, log_in_as_marge, screenshot, tap


def _cart_with_a_waitlist_line(qtbot, portal, app) -> int:
    """A full class for Marge's first student, joined on its waitlist: nothing to pay, so the
    cart's Confirm checks out from the cart screen itself."""
    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, "booking_classes")
    qtbot.waitUntil(lambda: current_screen(app) == "classesScreen", timeout=3000)
    tap(qtbot, app, "filterStudent0")
    qtbot.waitUntil(lambda: find(app.window, "classCard0") is not None, timeout=3000)
    class_id = app.catalog.property("classes").data(
        app.catalog.property("classes").index(0), Qt.ItemDataRole.UserRole
    )
    with portal.session_factory.begin() as s:
        cls = s.scalars(select(ClassOffering).where(ClassOffering.id == class_id)).one()
        cls.allow_waitlist = True
        cls.enrolled = cls.capacity
    with qtbot.waitSignal(app.kiosk.syncFinished, timeout=10000):
        app.kiosk.syncNow()
    tap(qtbot, app, "classCard0")
    qtbot.waitUntil(lambda: current_screen(app) == "classDetailScreen", timeout=3000)
    tap(qtbot, app, "enrollStudent0")
    tap(qtbot, app, "enroll")
    qtbot.waitUntil(lambda: current_screen(app) == "cartScreen", timeout=10000)
    assert app.cart.property("totalCents") == 0
    return int(class_id)


def _banner(app) -> str:
    """The cart screen's message banner, as shown ("" while it is hidden)."""
    banner = find(app.window, "cartMessage")
    return str(banner.property("text")) if banner is not None else ""


def test_an_overloaded_portal_is_said_in_a_sentence_on_the_cart_screen(qtbot, portal, make_kiosk):
    restart_with(
        portal, overload_slots=1, overload_wait_seconds=0.05, overload_retry_after_seconds=1
    )
    with kiosk_client(portal.url, portal.account) as direct:
        (other,) = create_families(direct, 1, tag="rush")
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    waitlisted = _cart_with_a_waitlist_line(qtbot, portal, app)
    class_id = next(iter(popular_classes(portal, 1, 5, exclude=(waitlisted,))))

    with overloaded(portal, other, class_id):  # another family holds the one slot
        tap(qtbot, app, "cartCheckout")  # "Confirm": tried 4 times, 1 s apart at least
        qtbot.waitUntil(lambda: _banner(app) == OVERLOADED_MESSAGE, timeout=8000)
        screenshot(app.window, "79-cart-overloaded")
    assert current_screen(app) == "cartScreen" and app.cart.property("count") == 1

    tap(qtbot, app, "cartCheckout")  # once it is quiet, the same tap goes through
    qtbot.waitUntil(lambda: current_screen(app) == "orderConfirmedScreen", timeout=10000)
