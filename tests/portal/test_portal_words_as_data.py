"""The portal sends data and codes the kiosk words in the visitor's language, and the
organisation's own texts in Spanish where it wrote them (issue #16), over real HTTP."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from tests.clock_helpers import facility_today
from tests.portal.booking_helpers import (
    Shopper,
    find_class,
    new_family,
    open_seats,
    set_class,
    simpson,
)
from tests.portal.helpers import feed, open_get
from tests.portal.test_portal_booking import _camp_id, _first_party_time, _first_slot, _product_id


def _records(api, entity: str) -> list[dict]:
    """The newest record of each `entity` id in the whole change feed."""
    found: dict[str, dict] = {}
    cursor = 0
    while True:
        page = feed(api, after=cursor, limit=1000)
        for change in page["changes"]:
            if change["entity"] == entity and change["data"] is not None:
                found[change["id"]] = change["data"]
        cursor = page["cursor"]
        if not page["hasMore"]:
            return list(found.values())


def _add_one_of_each(api, portal, marge: Shopper) -> tuple[dict[str, dict], dict, str]:
    lisa, bart = marge.student_id("Lisa"), marge.student_id("Bart")
    tumbling = find_class(portal, "Tumbling 1", "Tue")
    open_seats(portal, tumbling, 3)
    slot = _first_slot(api)
    party_day, party_time = _first_party_time(api)
    start = str(facility_today())
    for body in (
        {"kind": "class", "classId": tumbling, "studentId": lisa, "startDate": start},
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
        },
    ):
        cart = marge.add_ok(body)
    return {item["kind"]: item for item in cart["items"]}, slot, party_time


@pytest.mark.calendar
def test_cart_lines_carry_when_as_data_beside_the_old_english(api, portal):
    marge = simpson(api)
    items, slot, party_time = _add_one_of_each(api, portal, marge)

    lesson = items["class"]
    assert lesson["subtitle"] == "Tue 4:30 PM – 5:30 PM"  # kept for old kiosks
    when = lesson["whenData"]
    assert when["weekly"] == [{"dayNumber": 3, "startTime": "16:30", "endTime": "17:30"}]
    assert when["startDate"] == lesson["startDate"]
    assert date.fromisoformat(when["startDate"]).weekday() == 1

    camp = items["camp"]["whenData"]
    assert camp["days"] == items["camp"]["days"] and camp["campDays"] == 5
    assert (camp["startTime"], camp["endTime"]) == ("09:00", "15:00")

    appointment = items["appointment"]["whenData"]
    assert appointment["date"] == slot["date"] and appointment["staffName"] == slot["staffName"]
    assert appointment["startTime"] == slot["startTime"]

    party = items["party"]["whenData"]
    assert party["startTime"] == party_time and party["date"] == items["party"]["startDate"]
    assert items["product"]["whenData"]["quantity"] == 2
    gift = items["giftcard"]["whenData"]
    assert gift["recipientName"] == "Milhouse Van Houten"
    assert gift["recipientEmail"] == "milhouse@example.com"
    # Nothing English in the data: times are HH:MM, days are numbers.
    assert "PM" not in str([item["whenData"] for item in items.values()])


@pytest.mark.calendar
def test_order_lines_carry_when_as_data(api, portal):
    marge = simpson(api)
    full = find_class(portal, "Tumbling 1", "Sat")
    open_seats(portal, full, 0)
    marge.add_ok(
        {"kind": "class", "classId": full, "studentId": marge.student_id("Lisa"), "waitlist": True}
    )
    response = marge.checkout(None)
    assert response.status_code == 200, response.text
    (item,) = response.json()["items"]
    assert item["when"].startswith("Saturdays")  # kept for old kiosks
    weekly = item["whenData"]["weekly"]
    assert [slot["dayNumber"] for slot in weekly] == [7]
    assert all(len(slot["startTime"]) == 5 and ":" in slot["startTime"] for slot in weekly)


def test_opening_hours_carry_day_numbers(api, portal):
    (main, *_rest) = sorted(_records(api, "location"), key=lambda loc: loc["sortOrder"])
    assert [(h["days"], h["dayNumbers"]) for h in main["hours"]] == [
        ("Mon-Fri", [2, 3, 4, 5, 6]),
        ("Sat", [7]),
        ("Sun", [1]),
    ]


def test_the_organisations_texts_carry_their_spanish(api, portal):
    news = _records(api, "news")
    assert news and all(set(n["translations"]["es"]) == {"title", "summary", "body"} for n in news)
    closed = next(n for n in news if n["title"] == "Closed for the Holidays")
    assert closed["translations"]["es"]["title"] == "Cerrado por las fiestas"
    assert "diciembre" in closed["translations"]["es"]["summary"]

    menu = _records(api, "booking_menu")
    classes = next(m for m in menu if m["target"] == "classes")
    assert classes["translations"] == {
        "es": {"title": "Clases", "subTitle": "Clases semanales para todas las edades y niveles"}
    }

    lesson = next(c for c in _records(api, "class") if c["name"] == "Tumbling 1")
    spanish = lesson["translations"]["es"]["description"]
    assert "minutos por semana" in spanish and spanish.startswith("<p><strong>Tumbling 1")

    circus = next(c for c in _records(api, "camp") if c["name"] == "Summer Camp: Circus Week")
    assert "manualidades" in circus["translations"]["es"]["description"]


def test_the_iclasspro_shaped_catalog_keeps_its_shape(api, portal):
    """Outside clients read /api/open: its classes keep the 12-hour strings, no new fields."""
    response = open_get(api, "/classes", locationId=1, limit=1)
    assert response.status_code == 200, response.text
    (item,) = response.json()["data"]
    assert "translations" not in item and "whenData" not in item
    assert item["schedule"][0]["startTime"].endswith(("AM", "PM"))


def test_the_openapi_document_describes_the_new_fields(api, portal):
    schemas = api.get("/openapi.json").json()["components"]["schemas"]
    assert "whenData" in schemas["CartItemOut"]["properties"]
    assert "whenData" in schemas["OrderItemOut"]["properties"]
    assert set(schemas["WhenData"]["properties"]) >= {"weekly", "days", "startTime", "staffName"}
    assert "dayNumbers" in schemas["OpeningHours"]["properties"]
    for name in ("NewsData", "BookingMenuData", "ClassData"):
        assert "translations" in schemas[name]["properties"], name


def test_the_portals_own_fee_and_tax_labels_come_with_codes(api, portal):
    marge = simpson(api)
    charges = marge.get("/family/charges")
    assert charges.status_code == 200, charges.text
    kinds = {c["kind"] for c in charges.json()["charges"]}
    assert "registration_fee" in kinds and "" not in kinds

    token, _family, (kid,) = new_family(portal, "Muntz", (("Nelson", 10),))
    nelson = Shopper(api, token)
    tumbling = find_class(portal, "Tumbling 1", "Tue")
    open_seats(portal, tumbling, 3)
    (line,) = nelson.add_ok({"kind": "class", "classId": tumbling, "studentId": kid})["items"]
    assert line["feeCents"] == 2500 and line["feeKind"] == "registration_fee"
    assert line["feeLabel"] == "Annual registration fee"  # kept for old kiosks


# ----- charges, payments and dated refusals (issue #16, the rest) ---------------------------


def test_charges_and_payments_carry_data_and_codes_beside_the_old_english(api, portal):
    marge = simpson(api)
    seeded = {c["kind"]: c for c in marge.get("/family/charges").json()["charges"]}
    tuition = seeded["tuition"]
    assert tuition["description"].startswith("Tuition ")  # kept for old kiosks
    data = tuition["descriptionData"]
    assert (data["studentName"], data["itemName"]) == ("Lisa", "Girls Beginner")
    assert data["month"] == facility_today().month
    assert not any(seeded["registration_fee"]["descriptionData"].values())  # its kind says it

    quote = marge.get("/family/payments/quote", chargeIds=tuition["id"], useCredit="false")
    assert quote.status_code == 200, quote.text
    (line,) = quote.json()["lines"]
    assert line["descriptionData"] == data

    by_card = marge.pay({"chargeIds": [tuition["id"]], "token": marge.card()})
    assert by_card.status_code == 200, by_card.text
    assert by_card.json()["methodKind"] == "card"
    assert by_card.json()["charges"][0]["descriptionData"] == data

    fee = seeded["registration_fee"]
    by_credit = marge.pay({"chargeIds": [fee["id"]], "applyCreditCents": fee["amountCents"]})
    assert by_credit.status_code == 200, by_credit.text
    assert (by_credit.json()["method"], by_credit.json()["methodKind"]) == (
        "Account credit",  # kept for old kiosks
        "credit",
    )
    history = marge.get("/family/payments").json()["payments"]
    assert [(p["method"], p["methodKind"]) for p in history] == [
        ("Account credit", "credit"),
        (by_card.json()["method"], "card"),
    ]


def test_refusals_with_a_date_carry_a_code_and_the_date(api, portal):
    marge = simpson(api)
    lisa = marge.student_id("Lisa")
    saturday = find_class(portal, "Tumbling 1", "Sat")
    open_seats(portal, saturday, 2)
    opens = facility_today() + timedelta(days=20)
    set_class(portal, saturday, reg_start=opens)
    refused = marge.add({"kind": "class", "classId": saturday, "studentId": lisa})
    assert refused.status_code == 400, refused.text
    body = refused.json()
    assert body["message"] == f"Registration for this class opens on {opens:%b} {opens.day}."
    assert body["reason"] == "registration_closed"  # as before
    assert body["messageCode"] == "registration_opens"
    assert body["messageData"] == {"date": opens.isoformat(), "what": "class"}

    weekly = find_class(portal, "Tumbling 2", "Thu")
    mark = {"studentId": lisa, "classId": weekly, "dates": ["2026-12-11"]}
    not_a_meeting = marge.post("/family/absences", mark, str(uuid.uuid4())).json()
    assert not_a_meeting["message"] == "The class does not meet on Fri, Dec 11."
    assert not_a_meeting["messageCode"] == "not_a_meeting"
    assert not_a_meeting["messageData"] == {"date": "2026-12-11"}
    mark["dates"] = ["2026-12-10"]
    assert marge.post("/family/absences", mark, str(uuid.uuid4())).status_code == 201
    twice = marge.post("/family/absences", mark, str(uuid.uuid4())).json()
    assert twice["message"] == "Lisa is already marked absent for Thu, Dec 10."
    assert (twice["messageCode"], twice["messageData"]) == (
        "already_absent",
        {"date": "2026-12-10", "studentName": "Lisa"},
    )


def test_the_openapi_document_describes_the_charge_and_payment_data(api, portal):
    schemas = api.get("/openapi.json").json()["components"]["schemas"]
    for name in ("ChargeOut", "QuoteLineOut"):
        assert "descriptionData" in schemas[name]["properties"], name
    assert set(schemas["DescriptionData"]["properties"]) == {
        "studentName",
        "itemName",
        "month",
        "date",
        "recipientName",
    }
    for name in ("PaymentOut", "PaymentResult"):
        assert "methodKind" in schemas[name]["properties"], name
