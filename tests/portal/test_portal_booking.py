"""The cart and its seat holds (docs/booking-contract.md), over real HTTP."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.models import Camp, CartItem, Product
from tests.clock_helpers import facility_today, now
from tests.portal.booking_helpers import (
    Shopper,
    class_row,
    expire_holds,
    feed_latest,
    find_class,
    latest_class_record,
    new_family,
    open_seats,
    set_class,
    simpson,
)
from tests.portal.helpers import V1


def _camp_id(portal, name: str) -> int:
    with portal.session_factory() as session:
        return session.scalars(select(Camp.id).where(Camp.name == name).order_by(Camp.id)).first()


def _product_id(portal, sku: str) -> int:
    with portal.session_factory() as session:
        return session.scalars(
            select(Product.id).where(Product.sku == sku).order_by(Product.id)
        ).first()


def _first_slot(api, type_id: int = 1) -> dict:
    slots = api.get(f"{V1}/appointments/slots", params={"locationId": 1, "typeId": type_id})
    assert slots.status_code == 200, slots.text
    return next(s for s in slots.json()["slots"] if s["available"])


def _first_party_time(api) -> tuple[str, str]:
    days = api.get(f"{V1}/parties/availability", params={"locationId": 1}).json()["days"]
    return days[0]["date"], days[0]["times"][0]


@pytest.mark.calendar
def test_add_each_kind_to_the_cart(api, portal):
    marge = simpson(api)
    lisa, bart = marge.student_id("Lisa"), marge.student_id("Bart")
    tumbling = find_class(portal, "Tumbling 1", "Tue")
    open_seats(portal, tumbling, 3)
    slot = _first_slot(api)
    party_day, party_time = _first_party_time(api)
    bodies = [
        {
            "kind": "class",
            "classId": tumbling,
            "studentId": lisa,
            "startDate": str(facility_today()),
        },
        {"kind": "camp", "campId": _camp_id(portal, "Summer Camp: Circus Week"), "studentId": bart},
        {"kind": "appointment", "slotId": slot["id"], "studentId": lisa},
        {
            "kind": "party",
            "packageId": 1,
            "date": party_day,
            "startTime": party_time,
            "guestOfHonorStudentId": bart,
        },
        {"kind": "product", "productId": _product_id(portal, "BTL-24"), "quantity": 2},
        {
            "kind": "giftcard",
            "amountCents": 2500,
            "recipientEmail": "milhouse@example.com",
            "recipientName": "Milhouse Van Houten",
            "message": "Happy birthday!",
        },
    ]
    for body in bodies:
        cart = marge.add_ok(body)
    items = {item["kind"]: item for item in cart["items"]}
    assert list(items) == ["class", "camp", "appointment", "party", "product", "giftcard"]

    lesson = items["class"]
    assert lesson["title"] == "Tumbling 1" and lesson["studentName"] == "Lisa"
    assert lesson["subtitle"] == "Tue 4:30 PM – 5:30 PM"
    assert date.fromisoformat(lesson["startDate"]).weekday() == 1  # the first Tuesday
    assert lesson["priceCents"] == class_row(portal, tumbling).tuition_cents
    assert lesson["feeCents"] == 0  # the Simpsons paid this year's registration fee
    assert items["camp"]["priceCents"] == 29500 and len(items["camp"]["days"]) == 5
    assert items["appointment"]["startDate"] == slot["date"]
    assert items["appointment"]["subtitle"].endswith(f"with {slot['staffName']}")
    assert items["party"]["studentName"] == "Bart" and items["party"]["priceCents"] == 27500
    assert items["product"]["quantity"] == 2 and items["product"]["priceCents"] == 2 * 1200
    assert items["giftcard"]["priceCents"] == 2500 and items["giftcard"]["studentId"] is None
    for kind in ("class", "camp", "appointment", "party"):
        assert items[kind]["holdExpiresAt"] is not None and items[kind]["waitlist"] is False
    for kind in ("product", "giftcard"):
        assert items[kind]["holdExpiresAt"] is None

    subtotal = sum(item["priceCents"] for item in cart["items"])
    assert cart["subtotalCents"] == subtotal
    assert cart["taxCents"] == round(2400 * 0.0725)  # the ProShop's 7.25 %
    assert cart["totalCents"] == subtotal + cart["taxCents"]
    assert cart["creditAvailableCents"] == 2000
    held = datetime.fromisoformat(cart["holdExpiresAt"].replace("Z", "+00:00"))
    assert timedelta(seconds=540) < held - now() <= timedelta(seconds=600)
    assert marge.cart()["items"] == cart["items"]

    # The held appointment slot and party time are no longer offered to anyone.
    slots = api.get(f"{V1}/appointments/slots", params={"locationId": 1, "typeId": 1}).json()
    assert next(s for s in slots["slots"] if s["id"] == slot["id"])["available"] is False
    days = api.get(f"{V1}/parties/availability", params={"locationId": 1}).json()["days"]
    assert party_time not in next((d["times"] for d in days if d["date"] == party_day), [])

    # Adding the same product again adds to the line.
    cart = marge.add_ok({"kind": "product", "productId": _product_id(portal, "BTL-24")})
    assert [i["quantity"] for i in cart["items"] if i["kind"] == "product"] == [3]


def test_a_hold_lowers_openings_in_the_feed_and_removing_releases_it(api, portal):
    marge = simpson(api)
    tumbling = find_class(portal, "Tumbling 1", "Tue")
    open_seats(portal, tumbling, 3)
    cursor = feed_latest(api)
    cart = marge.add_ok(
        {"kind": "class", "classId": tumbling, "studentId": marge.student_id("Lisa")}
    )
    record = latest_class_record(api, tumbling, cursor)
    assert record is not None and record["openings"] == 2
    cursor = feed_latest(api)

    removed = marge.remove(cart["items"][0]["id"])
    assert removed.status_code == 200 and removed.json()["items"] == []
    record = latest_class_record(api, tumbling, cursor)
    assert record is not None and record["openings"] == 3
    again = marge.remove(cart["items"][0]["id"])
    assert again.status_code == 404
    assert again.json() == {"message": "That item is no longer in your cart."}


def test_an_expired_hold_gives_the_seat_back_and_is_reported_once(api, portal):
    marge = simpson(api)
    tumbling = find_class(portal, "Tumbling 1", "Tue")
    open_seats(portal, tumbling, 1)
    marge.add_ok({"kind": "class", "classId": tumbling, "studentId": marge.student_id("Lisa")})
    marge.add_ok({"kind": "product", "productId": _product_id(portal, "BTL-24")})
    assert class_row(portal, tumbling).openings == 0
    cursor = feed_latest(api)

    expire_holds(portal)
    # Any kiosk reading the feed sees the seat come back, before the family looks again.
    record = latest_class_record(api, tumbling, cursor)
    assert record is not None and record["openings"] == 1
    assert class_row(portal, tumbling).held_seats == 0

    cart = marge.cart()
    assert [i["kind"] for i in cart["items"]] == ["product"]
    assert cart["expired"] == [{"title": "Tumbling 1", "studentName": "Lisa"}]
    assert cart["holdExpiresAt"] is None
    assert marge.cart()["expired"] == []  # reported once


@pytest.mark.calendar
def test_eligibility_refusals(api, portal):
    marge = simpson(api)
    lisa, maggie = marge.student_id("Lisa"), marge.student_id("Maggie")
    tumbling = find_class(portal, "Tumbling 1", "Tue")
    open_seats(portal, tumbling, 3)

    def refused(body, status, reason):
        response = marge.add(body)
        assert response.status_code == status, response.text
        assert response.json()["reason"] == reason, response.text
        return response.json()["message"]

    too_young = {"kind": "class", "classId": tumbling, "studentId": maggie}
    assert refused(too_young, 400, "age") == "Maggie is 2; this class is for ages 6 to 17."
    camp = {"kind": "camp", "campId": _camp_id(portal, "Summer Camp: Circus Week")}
    assert (
        refused({**camp, "studentId": maggie}, 400, "age")
        == "Maggie is 2; this camp is for ages 5 to 12."
    )

    beginner = find_class(portal, "Girls Beginner", "Mon")  # Lisa's class, Mon 4:30 PM
    assert (
        refused({"kind": "class", "classId": beginner, "studentId": lisa}, 409, "already_enrolled")
        == "Lisa is already enrolled in this class."
    )
    marge.add_ok({"kind": "class", "classId": tumbling, "studentId": lisa})
    assert (
        refused({"kind": "class", "classId": tumbling, "studentId": lisa}, 409, "already_enrolled")
        == "Lisa already has this class in your cart."
    )

    boys = find_class(portal, "Boys Beginner", "Mon")  # Mon 5:00 PM, overlaps Lisa's class
    open_seats(portal, boys, 2)
    assert (
        refused({"kind": "class", "classId": boys, "studentId": lisa}, 409, "time_conflict")
        == "Lisa already has a class at that time (Mon 4:30 PM)."
    )

    saturday = find_class(portal, "Tumbling 1", "Sat")
    open_seats(portal, saturday, 2)
    opens = facility_today() + timedelta(days=20)
    set_class(portal, saturday, reg_start=opens)
    assert (
        refused(
            {"kind": "class", "classId": saturday, "studentId": lisa}, 400, "registration_closed"
        )
        == f"Registration for this class opens on {opens:%b} {opens.day}."
    )
    set_class(portal, saturday, reg_start=None, reg_end=facility_today() - timedelta(days=1))
    assert (
        refused(
            {"kind": "class", "classId": saturday, "studentId": lisa}, 400, "registration_closed"
        )
        == "Registration for this class has closed."
    )

    # Another family's student, and a class that does not exist, are simply not found.
    _token, _family, (stranger,) = new_family(portal, "Wiggum")
    other = marge.add({"kind": "class", "classId": tumbling, "studentId": stranger})
    assert other.status_code == 404
    assert other.json()["message"] == "We could not find that student in your family."
    missing = marge.add({"kind": "class", "classId": 999999, "studentId": lisa})
    assert (
        missing.status_code == 404 and missing.json()["message"] == "We could not find that class."
    )
    form = marge.add({"kind": "class"})
    assert form.status_code == 400
    assert {e["field"] for e in form.json()["errors"]} == {"classId", "studentId"}


def test_a_full_class_offers_the_waitlist_and_can_be_joined(api, portal):
    marge = simpson(api)
    lisa = marge.student_id("Lisa")
    full = find_class(portal, "Tumbling 1", "Sat")
    open_seats(portal, full, 0)
    set_class(portal, full, allow_waitlist=True)
    body = {"kind": "class", "classId": full, "studentId": lisa}
    offer = marge.add(body)
    assert offer.status_code == 409
    assert offer.json() == {
        "message": "That class is full. Join the waitlist?",
        "reason": "full",
        "waitlist": True,
    }
    cart = marge.add_ok({**body, "waitlist": True})
    (line,) = cart["items"]
    assert line["waitlist"] is True and line["holdExpiresAt"] is None and line["priceCents"] == 0
    assert cart["totalCents"] == 0

    closed = find_class(portal, "Girls Advanced Beginner", "Thu")
    open_seats(portal, closed, 0)
    set_class(portal, closed, allow_waitlist=False)
    no_list = marge.add({"kind": "class", "classId": closed, "studentId": lisa, "waitlist": True})
    assert no_list.status_code == 409
    assert no_list.json() == {"message": "That class is full.", "reason": "full", "waitlist": False}


def test_the_refusal_is_replayed_for_its_key(api, portal):
    marge = simpson(api)
    full = find_class(portal, "Tumbling 1", "Sat")
    open_seats(portal, full, 0)
    body = {"kind": "class", "classId": full, "studentId": marge.student_id("Lisa")}
    first = marge.add(body, idem="add-1")
    open_seats(portal, full, 2)
    again = marge.add(body, idem="add-1")
    assert again.status_code == 409 and again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert marge.add(body, idem="add-2").status_code == 201  # a new attempt, a new key
    assert marge.add({**body, "waitlist": True}, idem="add-2").status_code == 409  # other body


@pytest.mark.calendar
def test_camp_days_products_and_gift_cards_are_checked(api, portal):
    marge = simpson(api)
    bart = marge.student_id("Bart")
    winter = _camp_id(portal, "Winter Break Camp")
    with portal.session_factory() as session:
        days = session.get(Camp, winter).days
    cart = marge.add_ok({"kind": "camp", "campId": winter, "studentId": bart, "days": days[:2]})
    (line,) = cart["items"]
    assert line["days"] == days[:2] and line["priceCents"] == 2 * 6500
    bad_day = marge.add(
        {"kind": "camp", "campId": winter, "studentId": bart, "days": ["2001-01-01"]}
    )
    assert bad_day.status_code == 400 and bad_day.json()["errors"][0]["field"] == "days"
    circus = _camp_id(portal, "Summer Camp: Circus Week")
    with portal.session_factory() as session:
        circus_days = session.get(Camp, circus).days
    whole_week = marge.add(
        {"kind": "camp", "campId": circus, "studentId": bart, "days": circus_days[:1]}
    )
    assert whole_week.status_code == 400
    assert whole_week.json()["errors"][0]["message"] == "This camp is booked for all of its days."

    sold_out = marge.add({"kind": "product", "productId": _product_id(portal, "BAG-DUFFEL")})
    assert sold_out.status_code == 409
    assert sold_out.json() == {"message": "Sorry, that is sold out.", "reason": "out_of_stock"}

    gift = marge.add({"kind": "giftcard", "amountCents": 100, "recipientEmail": "nope"})
    assert gift.status_code == 400
    fields = {e["field"] for e in gift.json()["errors"]}
    assert fields == {"recipientEmail"}  # the rule on the address comes first
    gift = marge.add({"kind": "giftcard", "amountCents": 100})
    assert {e["field"] for e in gift.json()["errors"]} == {
        "amountCents",
        "recipientEmail",
        "recipientName",
    }


@pytest.mark.calendar
def test_appointment_and_party_holds_are_exclusive(api, portal):
    marge = simpson(api)
    token, _family, (todd,) = new_family(portal, "Flanders", (("Todd", 7),))
    ned = Shopper(api, token)
    slot = _first_slot(api)
    marge.add_ok(
        {"kind": "appointment", "slotId": slot["id"], "studentId": marge.student_id("Lisa")}
    )
    taken = ned.add({"kind": "appointment", "slotId": slot["id"], "studentId": todd})
    assert taken.status_code == 409 and taken.json()["reason"] == "unavailable"
    party_day, party_time = _first_party_time(api)
    party = {"kind": "party", "packageId": 1, "date": party_day, "startTime": party_time}
    marge.add_ok({**party, "guestOfHonorStudentId": marge.student_id("Bart")})
    again = ned.add({**party, "guestOfHonorStudentId": todd})
    assert again.status_code == 409 and again.json()["reason"] == "unavailable"
    unknown = ned.add({"kind": "appointment", "slotId": "1-1-20000101-1000", "studentId": todd})
    assert unknown.status_code == 404

    # Once Marge's holds lapse, both are Ned's to take.
    with portal.session_factory() as session:
        marge_family = session.scalars(
            select(CartItem.family_id).where(CartItem.kind == "appointment")
        ).first()
    expire_holds(portal, marge_family)
    assert (
        ned.add({"kind": "appointment", "slotId": slot["id"], "studentId": todd}).status_code == 201
    )
    assert ned.add({**party, "guestOfHonorStudentId": todd}).status_code == 201
