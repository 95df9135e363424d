"""Booking and paying at the kiosk, end to end against the real portal: enroll -> cart (held
seats, countdown) -> pay by card -> confirmation; declined card then eCheck; waitlist with
nothing to pay; a hold that runs out; no card numbers left on the kiosk."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from sqlalchemy import select

from portal.models import Charge, Enrollment, Family, Payment, Student
from portal.services import catalog as portal_catalog
from tests.ui.conftest import (
    current_screen,
    find,
    log_in_as_marge,
    screenshot,
    tap,
    type_into,
    visible_items,
)


def all_texts_on_screen(app) -> str:
    """The words of the visible items (the banner of the screen now showing)."""
    return "\n".join(
        str(item.property("text"))
        for item in visible_items(app.window)
        if isinstance(item.property("text"), str)
    )


def _open_class_for_first_student(qtbot, app, *, with_openings: bool = True) -> str:
    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, "booking_classes")
    qtbot.waitUntil(lambda: current_screen(app) == "classesScreen", timeout=3000)
    tap(qtbot, app, "filterStudent0")
    if with_openings:
        tap(qtbot, app, "filterOpenings")
    qtbot.waitUntil(lambda: find(app.window, "classCard0") is not None, timeout=3000)
    tap(qtbot, app, "classCard0")
    qtbot.waitUntil(lambda: current_screen(app) == "classDetailScreen", timeout=3000)
    return str(find(app.window, "classTitle").property("text"))


def _simpson_student_names(portal) -> list[str]:
    with portal.session_factory() as s:
        family = s.scalars(select(Family).where(Family.name == "Simpson")).first()
        return [
            st.first_name for st in s.scalars(select(Student).where(Student.family_id == family.id))
        ]


def test_enroll_pay_by_card_and_see_the_confirmation(qtbot, portal, make_kiosk, tmp_path):
    data_dir = tmp_path / "kiosk"
    app = make_kiosk(portal.url, data_dir=data_dir)
    log_in_as_marge(qtbot, app)
    qtbot.waitUntil(lambda: len(app.cart.property("comingUp")) > 0, timeout=10000)
    screenshot(app.window, "70-dashboard-coming-up")

    title = _open_class_for_first_student(qtbot, app)
    tap(qtbot, app, "enrollStudent0")
    tap(qtbot, app, "startDate1")  # the second meeting: start next week
    start_text = str(find(app.window, "startDate1").property("text")).split(", ")[-1]
    screenshot(app.window, "71-class-enroll")
    tap(qtbot, app, "enroll")
    qtbot.waitUntil(lambda: current_screen(app) == "cartScreen", timeout=10000)
    qtbot.waitUntil(lambda: find(app.window, "holdCountdown") is not None, timeout=5000)
    assert app.cart.property("count") == 1
    screenshot(app.window, "72-cart")

    tap(qtbot, app, "cartCheckout")
    qtbot.waitUntil(lambda: current_screen(app) == "paymentScreen", timeout=3000)
    screenshot(app.window, "73-payment")
    if find(app.window, "useCredit") is not None and app.payments.property("creditCents") > 0:
        tap(qtbot, app, "useCredit")  # keep the credit for later: pay it all by card
    tap(qtbot, app, "methodKeyed")
    type_into(qtbot, app, "cardNumber", "4242 4242 4242 4242")
    type_into(qtbot, app, "cardExpiry", "12/30")
    type_into(qtbot, app, "cardCvv", "123")
    type_into(qtbot, app, "cardZip", "62704")
    tap(qtbot, app, "paySubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "orderConfirmedScreen", timeout=15000)
    line = find(app.window, "orderLine0").property("text")
    assert title in line and "Enrolled" in line
    assert start_text in line  # "from Dec 7": the start date the family chose
    screenshot(app.window, "74-order-confirmed")

    with portal.session_factory() as s:
        enrolled = s.scalars(select(Enrollment).where(Enrollment.status == "enrolled")).all()
        assert any(e.class_offering.name == title for e in enrolled if e.class_offering)
    # Nothing of the card is left on the kiosk: no number, no security code, in any file.
    app.shutdown()
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert b"4242424242424242" not in content, path.name
            assert b"4242 4242 4242 4242" not in content, path.name


def test_declined_card_then_echeck_pays_the_balance_once(qtbot, portal, make_kiosk, tmp_path):
    data_dir = tmp_path / "kiosk"
    app = make_kiosk(portal.url, data_dir=data_dir)
    log_in_as_marge(qtbot, app)
    tap(qtbot, app, "balanceNotice")
    qtbot.waitUntil(lambda: current_screen(app) == "accountPaymentsScreen", timeout=5000)
    qtbot.waitUntil(lambda: len(app.payments.property("charges")) > 0, timeout=10000)
    # Due dates read like every other date ("Sun, Dec 13"), not "2026-12-13".
    dues = [c["dueText"] for c in app.payments.property("charges") if c["dueText"]]
    spoken = re.compile(r"[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}")
    assert dues and all(spoken.fullmatch(d) for d in dues), dues
    screenshot(app.window, "75-account-payments")
    tap(qtbot, app, "payAll")
    qtbot.waitUntil(lambda: current_screen(app) == "paymentScreen", timeout=3000)
    tap(qtbot, app, "testCard_declined")
    qtbot.waitUntil(lambda: "declined" in app.payments.property("message"), timeout=15000)
    screenshot(app.window, "76-payment-declined")
    assert current_screen(app) == "paymentScreen"

    # The sentence belongs to that attempt: a new Pay screen starts clean...
    tap(qtbot, app, "toolbarBack")
    qtbot.waitUntil(lambda: current_screen(app) == "accountPaymentsScreen", timeout=5000)
    tap(qtbot, app, "payAll")
    qtbot.waitUntil(lambda: current_screen(app) == "paymentScreen", timeout=3000)
    qtbot.waitUntil(lambda: not app.payments.property("busy"), timeout=10000)
    assert "was declined" not in all_texts_on_screen(app)
    tap(qtbot, app, "testCard_declined")
    qtbot.waitUntil(lambda: "declined" in app.payments.property("message"), timeout=15000)
    # ...and so does another way to pay.
    tap(qtbot, app, "methodEcheck")
    qtbot.waitUntil(lambda: app.payments.property("message") == "", timeout=3000)
    assert "was declined" not in all_texts_on_screen(app)
    type_into(qtbot, app, "echeckHolder", "Marge Simpson")
    type_into(qtbot, app, "echeckRouting", "110000000")
    type_into(qtbot, app, "echeckAccount", "000123456789")
    tap(qtbot, app, "paySubmit")
    qtbot.waitUntil(lambda: current_screen(app) == "receiptScreen", timeout=15000)
    assert app.payments.property("receipt")["receiptNumber"]
    # The portal's words for the account paid with: its type and last four digits.
    assert app.payments.property("receipt")["method"] == "Checking •••• 6789"
    screenshot(app.window, "77-receipt")

    with portal.session_factory() as s:
        family = s.scalars(select(Family).where(Family.name == "Simpson")).first()
        open_charges = s.scalars(
            select(Charge).where(Charge.family_id == family.id, Charge.paid.is_(False))
        ).all()
        payments = s.scalars(select(Payment).where(Payment.family_id == family.id)).all()
    assert open_charges == []
    approved = [p for p in payments if p.status == "approved"]
    assert len(approved) == 1  # the decline recorded nothing, the eCheck paid once
    # Nothing of the bank account is left on the kiosk, in any file it wrote.
    app.shutdown()
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            # (The routing number is the bank's public code, not a secret; the account is.)
            assert b"000123456789" not in content, path.name


def test_full_class_offers_the_waitlist_and_confirms_with_nothing_to_pay(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, "booking_classes")
    qtbot.waitUntil(lambda: current_screen(app) == "classesScreen", timeout=3000)
    tap(qtbot, app, "filterStudent0")
    qtbot.waitUntil(lambda: find(app.window, "classCard0") is not None, timeout=3000)
    model = app.catalog.property("classes")
    openings_role, class_id_role = Qt.ItemDataRole.UserRole + 7, Qt.ItemDataRole.UserRole
    full_row = next(
        (
            row
            for row in range(model.rowCount())
            if "waitlist" in str(model.data(model.index(row), openings_role)).lower()
        ),
        None,
    )
    if full_row is None:
        # Make one: fill a class the first student can take and let it keep a waitlist.
        class_id = model.data(model.index(0), class_id_role)
        with portal.session_factory.begin() as s:
            cls = portal_catalog.update_class(s, class_id, allow_waitlist=True)
            cls.enrolled = cls.capacity
        with qtbot.waitSignal(app.kiosk.syncFinished, timeout=10000):
            app.kiosk.syncNow()
        full_row = 0
    tap(qtbot, app, f"classCard{full_row}")
    qtbot.waitUntil(lambda: current_screen(app) == "classDetailScreen", timeout=3000)
    assert find(app.window, "enroll").property("text") == "Join the Waitlist"
    tap(qtbot, app, "enrollStudent0")
    tap(qtbot, app, "enroll")
    qtbot.waitUntil(lambda: current_screen(app) == "cartScreen", timeout=10000)
    assert app.cart.property("totalCents") == 0
    tap(qtbot, app, "cartCheckout")
    qtbot.waitUntil(lambda: current_screen(app) == "orderConfirmedScreen", timeout=10000)
    assert "waitlist" in find(app.window, "orderLine0").property("text").lower()


def test_a_hold_that_runs_out_lets_the_seat_go_and_says_so(qtbot, portal, make_kiosk):
    with portal.session_factory.begin() as s:
        portal_catalog.update_settings(s, "demo", cart_hold_seconds=3)
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)
    _open_class_for_first_student(qtbot, app)
    tap(qtbot, app, "enrollStudent0")
    tap(qtbot, app, "enroll")
    qtbot.waitUntil(lambda: current_screen(app) == "cartScreen", timeout=10000)
    qtbot.waitUntil(lambda: find(app.window, "noticeText") is not None, timeout=15000)
    assert "hold ran out" in find(app.window, "noticeText").property("text")
    screenshot(app.window, "78-hold-expired")
    qtbot.waitUntil(lambda: app.cart.property("count") == 0, timeout=5000)


def test_students_are_the_familys_own(portal):
    assert len(_simpson_student_names(portal)) == 3


def test_appointment_party_product_and_gift_card_into_one_cart(qtbot, portal, make_kiosk):
    app = make_kiosk(portal.url)
    log_in_as_marge(qtbot, app)

    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, "booking_appointments")
    qtbot.waitUntil(lambda: current_screen(app) == "appointmentsScreen", timeout=3000)
    types = app.catalog.property("appointmentTypes")
    tap(qtbot, app, f"apptType{types[0]['typeId']}")
    qtbot.waitUntil(lambda: find(app.window, "apptCoach0") is not None, timeout=10000)
    tap(qtbot, app, "apptCoach0")
    tap(qtbot, app, "apptSlot0")
    tap(qtbot, app, "apptStudent0")
    screenshot(app.window, "80-appointments")
    tap(qtbot, app, "apptAdd")
    qtbot.waitUntil(lambda: current_screen(app) == "cartScreen", timeout=10000)
    assert app.cart.property("count") == 1

    tap(qtbot, app, "toolbar_booking")
    tap(qtbot, app, "booking_parties")
    qtbot.waitUntil(lambda: current_screen(app) == "partiesScreen", timeout=3000)
    packages = app.catalog.property("partyPackages")
    tap(qtbot, app, f"partyPackage{packages[0]['packageId']}")
    qtbot.waitUntil(lambda: find(app.window, "partyDay0") is not None, timeout=10000)
    tap(qtbot, app, "partyDay0")
    tap(qtbot, app, "partyTime0")
    tap(qtbot, app, "partyStudent0")
    screenshot(app.window, "81-parties")
    tap(qtbot, app, "partyAdd")
    qtbot.waitUntil(lambda: app.cart.property("count") == 2, timeout=10000)

    tap(qtbot, app, "toolbar_pro_shop")
    qtbot.waitUntil(lambda: current_screen(app) == "proShopScreen", timeout=3000)
    tap(qtbot, app, "productAdd0")
    qtbot.waitUntil(lambda: app.cart.property("count") == 3, timeout=10000)

    tap(qtbot, app, "toolbar_more")
    tap(qtbot, app, "more_gift_cards")
    qtbot.waitUntil(lambda: current_screen(app) == "giftCardScreen", timeout=3000)
    type_into(qtbot, app, "giftName", "Milhouse")
    type_into(qtbot, app, "giftEmail", "milhouse@")
    tap(qtbot, app, "giftAdd")
    qtbot.waitUntil(lambda: find(app.window, "giftEmailError") is not None, timeout=3000)
    type_into(qtbot, app, "giftEmail", "milhouse@example.com")
    tap(qtbot, app, "giftAdd")
    qtbot.waitUntil(lambda: app.cart.property("count") == 4, timeout=10000)
    qtbot.waitUntil(lambda: current_screen(app) == "cartScreen", timeout=5000)
    screenshot(app.window, "82-cart-four-kinds")

    tap(qtbot, app, "cartCheckout")
    qtbot.waitUntil(lambda: current_screen(app) == "paymentScreen", timeout=3000)
    tap(qtbot, app, "testCard_approved")
    qtbot.waitUntil(lambda: current_screen(app) == "orderConfirmedScreen", timeout=15000)
    assert len(app.cart.property("lastOrder")["lines"]) == 4


def test_payment_cut_off_by_a_crash_is_finished_at_restart_and_told_at_next_login(
    qtbot, portal, make_kiosk, tmp_path
):
    from kiosk.outbox import OutboxSender

    data_dir = tmp_path / "crash"
    first = make_kiosk(portal.url, data_dir=data_dir)
    log_in_as_marge(qtbot, first)
    with portal.session_factory() as s:
        family_id = s.scalars(select(Family.id).where(Family.name == "Simpson")).first()
    # The kiosk wrote the payment to its outbox, then died before sending it (a crash: no
    # logout, so the family's token is still valid on the portal).
    visit = first.session._session  # the core's FamilySession behind the bridge
    card = first.client.tokenize(
        {
            "type": "card",
            "number": "4242424242424242",
            "expMonth": 12,
            "expYear": 2030,
            "cvv": "123",
            "zip": "62704",
            "holderName": "Marge Simpson",
        },
        token=visit.token,
    )["token"]
    token = visit.end_now()  # a crash: nobody revokes it at shutdown
    OutboxSender(first.client, first.session_factory).enqueue(
        "payment",
        "family/payments",
        {"chargeIds": None, "applyCreditCents": 0, "token": card},
        token,
        family_id,
    )
    first.shutdown()

    app = make_kiosk(portal.url, data_dir=data_dir)  # the supervisor restarts it
    qtbot.waitUntil(lambda: current_screen(app) == "landingScreen", timeout=20000)

    def payments_of_family() -> list:
        with portal.session_factory() as s:  # a new read each time (WAL snapshots)
            return s.scalars(select(Payment).where(Payment.family_id == family_id)).all()

    def outbox_states() -> list[str]:
        return [item["state"] for item in OutboxSender(app.client, app.session_factory).status()]

    # The portal commits the payment a moment before the kiosk hears back and records it.
    qtbot.waitUntil(lambda: outbox_states() == ["delivered"], timeout=20000)
    assert len(payments_of_family()) == 1

    log_in_as_marge(qtbot, app)
    qtbot.waitUntil(lambda: find(app.window, "noticeText") is not None, timeout=10000)
    assert "went through" in find(app.window, "noticeText").property("text")
    screenshot(app.window, "79-earlier-payment-notice")
