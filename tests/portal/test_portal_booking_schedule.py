"""Coming Up, appointment slots and party times (docs/booking-contract.md)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.models import ClassCancellation, Staff
from portal.seed import CLOSURE_REASON, PARTY_START_TIMES
from tests.clock_helpers import facility_today
from tests.portal.booking_helpers import simpson
from tests.portal.helpers import V1, bearer


@pytest.mark.calendar
def test_coming_up_is_soonest_first_with_cancellations_marked(api, portal):
    marge = simpson(api)
    response = marge.get("/family/coming-up", days=30, limit=100)
    assert response.status_code == 200, response.text
    events = response.json()["events"]
    keys = [(e["date"], e["startTime"]) for e in events]
    assert keys == sorted(keys)
    assert {e["kind"] for e in events} == {"class", "appointment", "party"}
    assert {e["studentName"] for e in events} == {"Lisa", "Bart", "Maggie"}
    assert set(events[0]) == {
        "date",
        "startTime",
        "endTime",
        "kind",
        "title",
        "studentName",
        "location",
        "cancelled",
        "note",
        # docs/absences-contract.md
        "classId",
        "studentId",
        "status",
        "absenceId",
        "creditEarned",
        "canMarkAbsent",
        "canTakeBack",
    }
    today = facility_today()
    assert all(today - timedelta(days=1) <= date.fromisoformat(e["date"]) for e in events)
    assert all(date.fromisoformat(e["date"]) <= today + timedelta(days=30) for e in events)

    with portal.session_factory() as session:
        recorded = {
            (c.class_id, c.day.isoformat(), c.reason)
            for c in session.scalars(select(ClassCancellation))
        }
    marked = [e for e in events if e["cancelled"]]
    assert {(e["classId"], e["date"], e["note"]) for e in marked} <= recorded
    # The two one-off cancellations (the meetings of the holiday closure are cancelled too).
    one_off = [e for e in marked if e["note"] != CLOSURE_REASON]
    assert {e["date"] for e in one_off} == {d for _c, d, r in recorded if r != CLOSURE_REASON}
    assert len(one_off) == 2 and {e["title"] for e in one_off} == {"Girls Beginner", "Ninja Rookie"}
    assert all(e["note"] for e in marked)
    lesson = next(e for e in events if e["kind"] == "appointment")
    assert lesson["title"] == "Private Lesson (30 min)" and lesson["studentName"] == "Lisa"
    party = next(e for e in events if e["kind"] == "party")
    assert party["title"] == "Ninja Warrior Party" and party["location"] == "Main Street"

    limited = marge.get("/family/coming-up", days=30, limit=3).json()["events"]
    assert limited == events[:3]
    week = marge.get("/family/coming-up", days=7).json()["events"]
    assert week == [e for e in events if date.fromisoformat(e["date"]) < today + timedelta(7)][:15]
    for bad in ({"days": 0}, {"days": 1000}, {"limit": 0}, {"limit": "many"}):
        assert marge.get("/family/coming-up", **bad).status_code == 400
    assert api.get(f"{V1}/family/coming-up").status_code == 401


@pytest.mark.calendar
def test_appointment_slots_come_from_availability_minus_bookings(api, portal):
    with portal.session_factory() as session:
        coaches = {s.id: s.full_name for s in session.scalars(select(Staff))}
    response = api.get(f"{V1}/appointments/slots", params={"locationId": 1, "typeId": 1})
    assert response.status_code == 200, response.text
    slots = response.json()["slots"]
    assert slots and {s["staffName"] for s in slots} <= set(coaches.values())
    assert {s["staffName"] for s in slots} == {"Carla Mendez", "Jasmine Carter", "Marcus Lee"}
    first = slots[0]
    assert set(first) == {
        "id",
        "typeId",
        "staffId",
        "staffName",
        "date",
        "startTime",
        "endTime",
        "available",
    }
    assert all(s["typeId"] == 1 for s in slots)
    # 30-minute slots inside the coaches' windows; the seeded lessons are taken.
    taken = [s for s in slots if not s["available"]]
    assert len(taken) == 2
    assert {(s["staffName"], s["startTime"]) for s in taken} == {
        ("Carla Mendez", "10:30"),
        ("Jasmine Carter", "13:00"),
    }
    keys = [(s["date"], s["startTime"], s["staffName"]) for s in slots]
    assert keys == sorted(keys)

    hour = api.get(f"{V1}/appointments/slots", params={"locationId": 1, "typeId": 2}).json()
    # A 60-minute lesson overlapping a booked half hour is not available either.
    carla_taken = next(s for s in taken if s["staffName"] == "Carla Mendez")
    overlapping = [
        s
        for s in hour["slots"]
        if s["date"] == carla_taken["date"] and s["staffName"] == "Carla Mendez"
    ]
    assert [s["available"] for s in overlapping] == [False, True]

    start = facility_today() + timedelta(days=3)
    window = api.get(
        f"{V1}/appointments/slots",
        params={"locationId": 1, "typeId": 1, "from": str(start), "to": str(start)},
    ).json()["slots"]
    assert all(s["date"] == str(start) for s in window)

    for params, status in (
        ({"locationId": 1}, 400),
        ({"locationId": 1, "typeId": "x"}, 400),
        ({"locationId": 1, "typeId": 1, "from": "2026-02-30"}, 400),
        ({"locationId": 1, "typeId": 1, "from": str(start), "to": str(start - timedelta(1))}, 400),
        ({"locationId": 1, "typeId": 1, "to": str(facility_today() + timedelta(days=200))}, 400),
        ({"locationId": 2, "typeId": 1}, 404),  # type 1 is offered at location 1
        ({"locationId": 99, "typeId": 1}, 404),
    ):
        bad = api.get(f"{V1}/appointments/slots", params=params)
        assert bad.status_code == status, (params, bad.text)
        assert set(bad.json()) == {"message"}


@pytest.mark.calendar
def test_party_availability_is_weekend_times_minus_booked_parties(api, portal):
    response = api.get(f"{V1}/parties/availability", params={"locationId": 1})
    assert response.status_code == 200, response.text
    days = response.json()["days"]
    assert days
    for day in days:
        weekday = date.fromisoformat(day["date"]).weekday()
        assert weekday in (5, 6)
        assert set(day["times"]) <= set(PARTY_START_TIMES) and day["times"] == sorted(day["times"])
    # The Simpsons' and the Flanders' seeded parties take two times of the first open Saturday
    # (today's times that have passed are left out too).
    taken = [
        (d["date"], len(PARTY_START_TIMES) - len(d["times"]))
        for d in days
        if date.fromisoformat(d["date"]) > facility_today()
        and len(d["times"]) < len(PARTY_START_TIMES)
    ]
    assert len(taken) == 1 and taken[0][1] == 2, days
    # The open API's party dates agree.
    open_days = api.get("/api/open/v1/demo/parties/create/1").json()["data"]["availableDays"]
    far = api.get(
        f"{V1}/parties/availability",
        params={
            "locationId": 1,
            "from": str(facility_today()),
            "to": str(facility_today() + timedelta(days=61)),
        },
    ).json()["days"]
    assert open_days == [d["date"] for d in far]

    marge = simpson(api)
    target = days[0]
    marge.add_ok(
        {
            "kind": "party",
            "packageId": 1,
            "date": target["date"],
            "startTime": target["times"][0],
            "guestOfHonorStudentId": marge.student_id("Lisa"),
        }
    )
    again = api.get(f"{V1}/parties/availability", params={"locationId": 1}).json()["days"]
    now_free = next((d["times"] for d in again if d["date"] == target["date"]), [])
    assert target["times"][0] not in now_free
    assert api.get(f"{V1}/parties/availability", params={"locationId": 99}).status_code == 404
    assert api.get(f"{V1}/parties/availability").status_code == 400
    token_only = api.get(
        f"{V1}/parties/availability", params={"locationId": 1}, headers=bearer("x")
    )
    assert token_only.status_code == 200  # public: a token is neither needed nor checked
