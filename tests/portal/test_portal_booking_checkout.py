"""Checkout (docs/booking-contract.md): one transaction, paid through the payments service."""

from __future__ import annotations

from sqlalchemy import select

from portal.models import (
    Charge,
    Enrollment,
    GiftCard,
    IdempotencyRecord,
    MailMessage,
    Order,
    Payment,
    Product,
)
from tests.portal.booking_helpers import (
    DECLINED,
    PROCESSOR_ERROR,
    Shopper,
    class_row,
    count,
    expire_holds,
    feed_latest,
    find_class,
    latest_class_record,
    new_family,
    open_seats,
    simpson,
)
from tests.portal.helpers import mailbox


def _tumbling(portal, seats: int = 3) -> int:
    class_id = find_class(portal, "Tumbling 1", "Tue")
    open_seats(portal, class_id, seats)
    return class_id


def test_a_waitlist_only_checkout_needs_no_payment(api, portal):
    marge = simpson(api)
    full = find_class(portal, "Tumbling 1", "Sat")
    open_seats(portal, full, 0)
    before = class_row(portal, full).waitlist_count
    marge.add_ok(
        {"kind": "class", "classId": full, "studentId": marge.student_id("Lisa"), "waitlist": True}
    )
    cursor = feed_latest(api)
    response = marge.checkout(None)
    assert response.status_code == 200, response.text
    order = response.json()
    assert order["status"] == "confirmed"
    assert order["totalCents"] == 0 and order["paidCents"] == 0
    (item,) = order["items"]
    assert item["result"] == "waitlisted" and item["waitlistPosition"] == before + 1
    assert item["studentName"] == "Lisa" and item["when"].startswith("Saturdays")
    assert order["receiptEmail"] == "m***@example.com"
    assert marge.cart()["items"] == []
    record = latest_class_record(api, full, cursor)
    assert record is not None and record["waitlistCount"] == before + 1
    assert count(portal, Payment) == 0
    receipt = mailbox(api)[0]
    assert receipt["to"] == "marge@example.com" and "on the waitlist (position" in receipt["body"]


def test_checkout_with_a_card_enrolls_charges_pays_and_mails(api, portal):
    marge = simpson(api)
    tumbling = _tumbling(portal)
    with portal.session_factory() as session:
        bottle = session.scalars(select(Product).where(Product.sku == "BTL-24")).first()
        stock = bottle.inventory_count
    marge.add_ok({"kind": "class", "classId": tumbling, "studentId": marge.student_id("Lisa")})
    marge.add_ok({"kind": "product", "productId": bottle.id, "quantity": 2})
    marge.add_ok(
        {
            "kind": "giftcard",
            "amountCents": 5000,
            "recipientEmail": "milhouse@example.com",
            "recipientName": "Milhouse Van Houten",
            "message": "Have fun!",
        }
    )
    cart = marge.cart()
    total = cart["totalCents"]
    tuition = class_row(portal, tumbling).tuition_cents
    assert total == tuition + 2400 + 174 + 5000
    enrolled_before = class_row(portal, tumbling).enrolled
    cursor = feed_latest(api)

    token = marge.card()
    response = marge.checkout({"token": token, "applyCreditCents": 2000})
    assert response.status_code == 200, response.text
    order = response.json()
    assert order["totalCents"] == total and order["paidCents"] == total
    assert [(i["kind"], i["result"]) for i in order["items"]] == [
        ("class", "enrolled"),
        ("product", "purchased"),
        ("giftcard", "purchased"),
    ]
    assert order["items"][0]["when"].startswith("Tuesdays 4:30 PM from ")

    cls = class_row(portal, tumbling)
    assert cls.enrolled == enrolled_before + 1 and cls.held_seats == 0
    record = latest_class_record(api, tumbling, cursor)
    assert record is not None and record["enrolled"] == enrolled_before + 1
    with portal.session_factory() as session:
        assert session.get(Product, bottle.id).inventory_count == stock - 2
        charges = session.scalars(select(Charge).where(Charge.kind != "other")).all()
        new = [c for c in charges if c.description.startswith(("Tuition – Lisa", "Springfield"))]
        assert new and all(c.paid for c in new)
        (payment,) = session.scalars(select(Payment)).all()
        assert payment.amount_cents == total and payment.credit_applied_cents == 2000
        assert payment.method == "Visa •••• 4242"
        (order_row,) = session.scalars(select(Order)).all()
        assert order_row.payment_id == payment.id and order_row.id == order["orderId"]
        (gift,) = session.scalars(select(GiftCard)).all()
        assert gift.amount_cents == 5000 and gift.recipient_email == "milhouse@example.com"
    assert marge.cart()["items"] == []
    assert marge.family()["creditBalanceCents"] == 0

    mails = mailbox(api)
    to_milhouse = next(m for m in mails if m["to"] == "milhouse@example.com")
    assert gift.code in to_milhouse["body"] and "Have fun!" in to_milhouse["body"]
    receipt = next(m for m in mails if m["to"] == "marge@example.com")
    assert "Tumbling 1 – Lisa" in receipt["body"] and "Visa •••• 4242" in receipt["body"]
    assert "4242424242424242" not in receipt["body"]

    history = marge.get("/family/payments").json()["payments"]
    assert history[0]["amountCents"] == total and history[0]["creditAppliedCents"] == 2000
    assert history[0]["receiptNumber"] == f"R-{payment.id:06d}"
    coming = marge.get("/family/coming-up", days=14, limit=100).json()["events"]
    assert any(e["title"] == "Tumbling 1" and e["studentName"] == "Lisa" for e in coming)


def test_a_declined_card_rolls_everything_back_and_keeps_the_cart(api, portal):
    marge = simpson(api)
    tumbling = _tumbling(portal)
    marge.add_ok({"kind": "class", "classId": tumbling, "studentId": marge.student_id("Lisa")})
    cart = marge.cart()
    bad = marge.card(DECLINED)
    declined = marge.checkout({"token": bad, "applyCreditCents": 0}, idem="pay-1")
    assert declined.status_code == 402
    assert declined.json() == {
        "message": "Your card was declined. Please try another card or payment method.",
        "reason": "declined",
    }
    assert marge.cart()["items"] == cart["items"]  # same lines, same holds
    assert class_row(portal, tumbling).held_seats == 1
    assert count(portal, Enrollment, Enrollment.class_id == tumbling) == 0
    assert count(portal, Payment) == 0 and count(portal, Order) == 0
    assert count(portal, MailMessage, MailMessage.kind == "receipt") == 0

    replay = marge.checkout({"token": bad, "applyCreditCents": 0}, idem="pay-1")
    assert replay.status_code == 402 and replay.json() == declined.json()
    assert replay.headers.get("Idempotent-Replayed") == "true"

    good = marge.checkout({"token": marge.card(), "applyCreditCents": 0}, idem="pay-2")
    assert good.status_code == 200, good.text
    assert count(portal, Enrollment, Enrollment.class_id == tumbling) == 1


def test_a_processor_error_is_not_stored_and_the_same_key_can_retry(api, portal):
    marge = simpson(api)
    marge.add_ok(
        {"kind": "class", "classId": _tumbling(portal), "studentId": marge.student_id("Lisa")}
    )
    broken = marge.card(PROCESSOR_ERROR)
    first = marge.checkout({"token": broken, "applyCreditCents": 0}, idem="retry-me")
    assert first.status_code == 402
    assert first.json() == {
        "message": "We couldn't reach the card processor. Please try again.",
        "reason": "processor_error",
    }
    assert count(portal, IdempotencyRecord, IdempotencyRecord.key == "retry-me") == 0
    again = marge.checkout({"token": broken, "applyCreditCents": 0}, idem="retry-me")
    assert again.status_code == 402 and "Idempotent-Replayed" not in again.headers


def test_money_due_needs_a_payment(api, portal):
    marge = simpson(api)
    marge.add_ok(
        {"kind": "class", "classId": _tumbling(portal), "studentId": marge.student_id("Lisa")}
    )
    none = marge.checkout(None, idem="k1")
    assert none.status_code == 402
    assert none.json() == {"message": "Please choose how to pay.", "reason": "payment_required"}
    short = marge.checkout({"token": None, "applyCreditCents": 2000}, idem="k2")
    assert short.status_code == 402 and short.json()["reason"] == "payment_required"
    too_much = marge.checkout({"token": None, "applyCreditCents": 5000}, idem="k3")
    assert too_much.status_code == 400
    assert too_much.json()["errors"] == [
        {"field": "payment.applyCreditCents", "message": "You have $20.00 of credit to use."}
    ]
    # Not stored: the same key goes through once a way to pay is given.
    paid = marge.checkout({"token": marge.card(), "applyCreditCents": 0}, idem="k1")
    assert paid.status_code == 200, paid.text
    no_key = marge.post("/family/cart/checkout", {"payment": None})
    assert no_key.status_code == 400
    assert no_key.json()["message"] == "This request needs an Idempotency-Key header."


def test_credit_alone_can_cover_a_checkout(api, portal):
    marge = simpson(api)
    with portal.session_factory() as session:
        bottle = session.scalars(select(Product).where(Product.sku == "BTL-24")).first()
    cart = marge.add_ok({"kind": "product", "productId": bottle.id})
    assert cart["totalCents"] == 1200 + 87
    response = marge.checkout({"token": None, "applyCreditCents": 2000})
    assert response.status_code == 200, response.text
    assert response.json()["paidCents"] == 1287
    assert marge.family()["creditBalanceCents"] == 2000 - 1287
    (payment,) = marge.get("/family/payments").json()["payments"]
    assert payment["method"] == "Account credit" and payment["creditAppliedCents"] == 1287


def test_the_same_key_replays_the_order_and_creates_nothing_twice(api, portal):
    marge = simpson(api)
    tumbling = _tumbling(portal)
    marge.add_ok({"kind": "class", "classId": tumbling, "studentId": marge.student_id("Lisa")})
    payment = {"token": marge.card(), "applyCreditCents": 0}
    first = marge.checkout(payment, idem="order-1")
    assert first.status_code == 200, first.text
    second = marge.checkout(payment, idem="order-1")
    assert second.status_code == 200 and second.json() == first.json()
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert count(portal, Order) == 1 and count(portal, Payment) == 1
    assert count(portal, Enrollment, Enrollment.class_id == tumbling) == 1
    assert count(portal, MailMessage, MailMessage.kind == "receipt") == 1
    other = marge.checkout({**payment, "applyCreditCents": 100}, idem="order-1")
    assert other.status_code == 409
    assert other.json()["message"] == "This request was already sent with different details."


def test_a_lapsed_hold_is_rechecked_at_checkout(api, portal):
    marge = simpson(api)
    tumbling = _tumbling(portal, seats=1)
    marge.add_ok({"kind": "class", "classId": tumbling, "studentId": marge.student_id("Lisa")})
    expire_holds(portal)
    # Still room: the seat is booked anyway.
    done = marge.checkout({"token": marge.card(), "applyCreditCents": 0})
    assert done.status_code == 200, done.text

    saturday = find_class(portal, "Tumbling 1", "Sat")
    open_seats(portal, saturday, 1)
    marge.add_ok({"kind": "class", "classId": saturday, "studentId": marge.student_id("Bart")})
    expire_holds(portal)
    token, _family, (kid,) = new_family(portal, "Wiggum", (("Ralph", 8),))
    ralph = Shopper(api, token)
    ralph.add_ok({"kind": "class", "classId": saturday, "studentId": kid})  # takes the seat
    gone = marge.checkout({"token": marge.card(), "applyCreditCents": 0})
    assert gone.status_code == 409
    body = gone.json()
    assert body["message"] == "Tumbling 1 filled up while it was in your cart."
    assert body["reason"] == "full" and body["waitlist"] is True
    assert class_row(portal, saturday).enrolled + class_row(portal, saturday).held_seats <= (
        class_row(portal, saturday).capacity
    )


def test_a_new_family_pays_the_registration_fee_once(api, portal):
    token, _family, (kid,) = new_family(portal, "Muntz", (("Nelson", 10),))
    nelson = Shopper(api, token)
    tumbling = _tumbling(portal)
    saturday = find_class(portal, "Tumbling 1", "Sat")
    open_seats(portal, saturday, 2)
    cart = nelson.add_ok({"kind": "class", "classId": tumbling, "studentId": kid})
    cart = nelson.add_ok({"kind": "class", "classId": saturday, "studentId": kid})
    assert [i["feeCents"] for i in cart["items"]] == [2500, 0]
    assert cart["items"][0]["feeLabel"] == "Annual registration fee"
    assert cart["feesCents"] == 2500
    order = nelson.checkout({"token": nelson.card(), "applyCreditCents": 0})
    assert order.status_code == 200, order.text
    assert order.json()["totalCents"] == cart["totalCents"]
    later = find_class(portal, "Tumbling 2", "Sat")
    open_seats(portal, later, 1)
    cart = nelson.add_ok({"kind": "class", "classId": later, "studentId": kid})
    assert cart["items"][0]["feeCents"] == 0 and cart["feesCents"] == 0
