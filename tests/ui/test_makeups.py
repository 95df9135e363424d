"""Absences, makeups and "tell me when a spot opens" in the real window against the real portal
(docs/absences-contract.md): marge marks Lisa absent from Coming Up!, sees the credit in My
Account, books a Saturday makeup with it and Coming Up! shows both; a full class is watched,
a seat opens, the mail arrives once and the alert shows at the next login."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from sqlalchemy import select

from portal.models import MailMessage
from portal.seed import DEMO_EMAIL_SIMPSON
from portal.services import catalog as portal_catalog
from tests.ui.conftest import current_screen, find, log_in_as_marge, screenshot, settle, tap

THURSDAY = "2026-12-10"  # the suite's today is Wed Dec 9 (tests/conftest.py)
SATURDAY = "2026-12-12"


def _event_index(app, **wanted) -> int | None:
    for index, event in enumerate(app.cart.property("comingUp")):
        if all(event.get(key) == value for key, value in wanted.items()):
            return index
    return None


def test_marge_marks_lisa_absent_and_books_a_saturday_makeup(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    qtbot.waitUntil(
        lambda: _event_index(app, title="Tumbling 2", iso=THURSDAY) is not None, timeout=10000
    )
    row = _event_index(app, title="Tumbling 2", iso=THURSDAY, canMarkAbsent=True)
    assert row is not None
    assert find(app.window, f"takeBack{row}") is None  # nothing to take back yet
    tap(qtbot, app, f"markAbsent{row}")
    # The success panel: who is absent from what and when, and the credit it earned.
    qtbot.waitUntil(lambda: current_screen(app) == "absenceMarkedScreen", timeout=10000)
    assert find(app.window, "absenceMarkedTitle").property("text") == "Lisa is marked absent."
    details = find(app.window, "absenceMarkedDetails").property("text")
    assert details == "Tumbling 2 · Thu, Dec 10 · 6:30 PM", details
    assert find(app.window, "absenceMarkedCredit").property("text") == (
        "A makeup credit was added to your account. Use it from My Account."
    )
    mark = find(app.window, "successMark")
    assert abs(mark.mapToScene(QPointF(mark.width() / 2, 0)).x() - app.window.width() / 2) < 4
    settle(qtbot, app.window)
    screenshot(app.window, "89-absence-marked")
    app.window.resize(1080, 1920)
    settle(qtbot, app.window)
    screenshot(app.window, "89b-absence-marked-portrait")
    app.window.resize(1920, 1080)
    # Done: back on the dashboard, where Coming Up! says it too.
    tap(qtbot, app, "absenceDone")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=5000)
    qtbot.waitUntil(
        lambda: (
            _event_index(app, iso=THURSDAY, statusText="Absent — makeup credit earned") is not None
        ),
        timeout=10000,
    )
    screenshot(app.window, "90-coming-up-absent")

    tap(qtbot, app, "tile_my_account")
    qtbot.waitUntil(lambda: current_screen(app) == "myAccountScreen", timeout=5000)
    qtbot.waitUntil(lambda: find(app.window, "useMakeupCredit0") is not None, timeout=10000)
    title = find(app.window, "creditTitle0").property("text")
    assert title == "Lisa — missed Tumbling 2 on Thu, Dec 10"
    assert find(app.window, "creditStatus0").property("text") == "Expires Sun, Feb 7"
    screenshot(app.window, "91-my-account-credit")

    tap(qtbot, app, "useMakeupCredit0")
    qtbot.waitUntil(lambda: current_screen(app) == "makeupScreen", timeout=5000)
    qtbot.waitUntil(lambda: len(app.cart.property("makeupOptions")) > 0, timeout=10000)
    options = app.cart.property("makeupOptions")
    saturday = next(
        i for i, o in enumerate(options) if o["iso"] == SATURDAY and o["title"] == "Tumbling 2"
    )
    screenshot(app.window, "92-makeup-options")
    tap(qtbot, app, f"makeupOption{saturday}")
    # Booked: the success panel says what and when, centred, with one big Done.
    qtbot.waitUntil(lambda: find(app.window, "makeupBookedTitle") is not None, timeout=10000)
    details = find(app.window, "makeupBookedDetails").property("text")
    assert details.startswith("Tumbling 2 · Sat, Dec 12"), details
    mark = find(app.window, "successMark")
    centre = mark.mapToScene(QPointF(mark.width() / 2, 0)).x()
    assert abs(centre - app.window.width() / 2) < 4
    screenshot(app.window, "92b-makeup-booked")
    tap(qtbot, app, "makeupDone")
    qtbot.waitUntil(lambda: current_screen(app) == "dashboardScreen", timeout=10000)
    qtbot.waitUntil(
        lambda: _event_index(app, iso=SATURDAY, status="makeup") is not None, timeout=10000
    )
    made_up = _event_index(app, iso=SATURDAY, status="makeup")
    assert find(app.window, f"comingUpStatus{made_up}").property("text") == "Makeup class"
    absent = _event_index(app, iso=THURSDAY, title="Tumbling 2")
    assert find(app.window, f"comingUpStatus{absent}").property("text") == (
        "Absent — makeup credit earned"
    )
    screenshot(app.window, "93-coming-up-absent-and-makeup")


def test_a_watched_full_class_mails_once_and_alerts_at_the_next_login(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, "booking_classes")
    qtbot.waitUntil(lambda: current_screen(app) == "classesScreen", timeout=3000)
    tap(qtbot, app, "filterStudent0")
    qtbot.waitUntil(lambda: find(app.window, "classCard0") is not None, timeout=3000)
    model = app.catalog.property("classes")
    class_id = model.data(model.index(0), Qt.ItemDataRole.UserRole)
    with portal.session_factory.begin() as s:
        cls = portal_catalog.update_class(s, class_id, allow_waitlist=True)
        cls.enrolled = cls.capacity - cls.held_seats
    with qtbot.waitSignal(app.kiosk.syncFinished, timeout=10000):
        app.kiosk.syncNow()
    tap(qtbot, app, "classCard0")
    qtbot.waitUntil(lambda: current_screen(app) == "classDetailScreen", timeout=3000)
    assert find(app.window, "watchClass").property("enabled") is False  # choose who first
    tap(qtbot, app, "enrollStudent0")
    tap(qtbot, app, "watchClass")
    qtbot.waitUntil(lambda: not app.cart.property("busy"), timeout=10000)
    assert app.cart.property("message") == ""
    qtbot.waitUntil(lambda: find(app.window, "watchNotice") is not None, timeout=10000)
    assert find(app.window, "watchNotice").property("text") == "We'll email you when a spot opens."
    screenshot(app.window, "94-class-watch")

    # Staff add a seat: the class had no room and now has one.
    with portal.session_factory.begin() as s:
        cls = portal_catalog.update_class(s, class_id, capacity=cls.capacity + 1)

    def spot_mails() -> list[MailMessage]:
        with portal.session_factory() as s:
            return list(s.scalars(select(MailMessage).where(MailMessage.kind == "spot_opened")))

    mails = spot_mails()
    assert [m.to_address for m in mails] == [DEMO_EMAIL_SIMPSON]

    tap(qtbot, app, "toolbar_menu")
    tap(qtbot, app, "menu_log_out")
    log_in_as_marge(qtbot, app)
    qtbot.waitUntil(lambda: len(app.cart.property("alerts")) == 1, timeout=10000)
    assert app.cart.property("alerts")[0].startswith("A spot opened in ")
    screenshot(app.window, "95-dashboard-spot-alert")
    tap(qtbot, app, "dismissAlerts")
    qtbot.waitUntil(lambda: find(app.window, "dismissAlerts") is None, timeout=5000)
    assert len(spot_mails()) == 1  # once
