"""Future absences, makeup credits and bookings, and "tell me when a spot opens"
(docs/absences-contract.md), through the real portal over HTTP."""

from __future__ import annotations

import threading
import uuid
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from portal.models import ClassOffering, Enrollment, MakeupBooking, MakeupCredit, Student
from portal.seed import DEMO_EMAIL_FLANDERS, DEMO_EMAIL_SIMPSON
from tests.portal.booking_helpers import (
    Shopper,
    class_row,
    expire_holds,
    find_class,
    new_family,
    open_seats,
    set_class,
    simpson,
)
from tests.portal.helpers import accept_outstanding_policies, feed, mailbox, token_for
from tests.portal.staff_helpers import assisted_token, audit, family_id, staff_token

THURSDAY = "2026-12-10"  # the demo's "today" is Wed Dec 9, 3:00 PM (tests/conftest.py)
NEXT_THURSDAY = "2026-12-17"
SATURDAY = "2026-12-12"


def _weekly(portal: Any) -> int:
    return find_class(portal, "Tumbling 2", "Thu")


def _saturday(portal: Any) -> int:
    return find_class(portal, "Tumbling 2", "Sat")


def _mark(shopper: Shopper, student: int, class_id: int, *dates: str) -> httpx.Response:
    body = {"studentId": student, "classId": class_id, "dates": list(dates)}
    return shopper.post("/family/absences", body, str(uuid.uuid4()))


def _coming_up(shopper: Shopper) -> list[dict[str, Any]]:
    response = shopper.get("/family/coming-up", days=14, limit=100)
    assert response.status_code == 200, response.text
    return list(response.json()["events"])


def _ned(api: httpx.Client) -> Shopper:
    ned = Shopper(api, token_for(api, DEMO_EMAIL_FLANDERS))
    accept_outstanding_policies(api, ned.headers)
    return ned


def _spot_mails(api: httpx.Client, to: str) -> list[dict[str, Any]]:
    return [m for m in mailbox(api) if m["to"] == to and "spot opened" in m["subject"].lower()]


def test_marge_marks_lisa_absent_earns_a_credit_and_books_a_saturday_makeup(api, portal):
    marge = simpson(api)
    lisa = marge.student_id("Lisa")
    weekly = _weekly(portal)
    thursday = next(
        e for e in _coming_up(marge) if e["classId"] == weekly and e["date"] == THURSDAY
    )
    assert thursday["canMarkAbsent"] and thursday["status"] == "scheduled"

    response = _mark(marge, lisa, weekly, THURSDAY)
    assert response.status_code == 201, response.text
    assert response.json()["creditsEarned"] == 1
    absent = next(e for e in _coming_up(marge) if e["classId"] == weekly and e["date"] == THURSDAY)
    assert absent["status"] == "absent" and absent["creditEarned"] and absent["canTakeBack"]

    # Every kiosk learns: the class record in the feed carries the freed seat of that date.
    record = next(
        c for c in feed(api)["changes"] if c["entity"] == "class" and c["id"] == str(weekly)
    )
    assert record["data"]["openings"] == 0
    assert record["data"]["dateOpenings"] == {THURSDAY: 1}

    makeups = marge.get("/family/makeups").json()
    credit = makeups["credits"][0]
    assert credit["status"] == "available" and credit["studentName"] == "Lisa"
    assert credit["absenceDate"] == THURSDAY and credit["expiresOn"] == "2027-02-07"

    options = marge.get("/family/makeups/options", creditId=credit["id"]).json()["options"]
    saturday = _saturday(portal)
    assert any(o["classId"] == saturday and o["date"] == SATURDAY for o in options)
    assert all(o["classId"] != weekly for o in options)  # not a class she is already in
    seats_before = class_row(portal, saturday).openings_on(date.fromisoformat(SATURDAY))

    booked = marge.post(
        "/family/makeups",
        {"creditId": credit["id"], "classId": saturday, "date": SATURDAY},
        str(uuid.uuid4()),
    )
    assert booked.status_code == 201, booked.text
    assert booked.json()["className"] == "Tumbling 2"
    assert class_row(portal, saturday).openings_on(date.fromisoformat(SATURDAY)) == (
        seats_before - 1
    )
    events = _coming_up(marge)
    assert any(e["status"] == "makeup" and e["date"] == SATURDAY for e in events)
    assert any(e["status"] == "absent" and e["date"] == THURSDAY for e in events)
    assert marge.get("/family/makeups").json()["credits"][0]["status"] == "used"

    again = marge.post(
        "/family/makeups",
        {"creditId": credit["id"], "classId": saturday, "date": "2026-12-19"},
        str(uuid.uuid4()),
    )
    assert again.status_code == 409 and again.json()["reason"] == "credit_used"
    # The absence whose credit was used cannot be taken back.
    taken = marge.api.delete(
        f"/api/v1/demo/family/absences/{absent['absenceId']}", headers=marge.headers
    )
    assert taken.status_code == 409 and taken.json()["reason"] == "credit_used"


def test_refusals_are_one_sentence(api, portal):
    marge = simpson(api)
    lisa, bart = marge.student_id("Lisa"), marge.student_id("Bart")
    weekly = _weekly(portal)
    not_a_meeting = _mark(marge, lisa, weekly, "2026-12-11")
    assert not_a_meeting.status_code == 400
    assert not_a_meeting.json()["message"] == "The class does not meet on Fri, Dec 11."
    not_enrolled = _mark(marge, bart, weekly, THURSDAY)
    assert not_enrolled.status_code == 409
    assert not_enrolled.json()["message"] == "Bart is not enrolled in this class."
    assert _mark(marge, lisa, weekly, THURSDAY).status_code == 201
    twice = _mark(marge, lisa, weekly, THURSDAY)
    assert twice.status_code == 409
    assert twice.json()["message"] == "Lisa is already marked absent for Thu, Dec 10."
    bad = marge.post("/family/absences", {"studentId": lisa, "classId": weekly, "dates": []})
    assert bad.status_code == 400


@pytest.mark.clock("2026-12-10T17:00-06:00")
def test_the_cutoff_closes_marking_an_absence(api, portal):
    marge = simpson(api)
    late = _mark(marge, marge.student_id("Lisa"), _weekly(portal), THURSDAY)
    assert late.status_code == 400 and late.json()["reason"] == "cutoff"
    assert late.json()["message"] == (
        "It is too late to mark Lisa absent for Thu, Dec 10. Please call the front desk."
    )
    events = [e for e in _coming_up(simpson(api)) if e["date"] == THURSDAY]
    assert events and not any(e["canMarkAbsent"] for e in events if e["classId"] == _weekly(portal))


def test_take_back_while_the_seat_is_free_and_refused_once_it_is_used(api, portal):
    marge = simpson(api)
    lisa, weekly = marge.student_id("Lisa"), _weekly(portal)
    absence = _mark(marge, lisa, weekly, THURSDAY).json()["absences"][0]
    back = api.delete(f"/api/v1/demo/family/absences/{absence['id']}", headers=marge.headers)
    assert back.status_code == 200, back.text
    assert marge.get("/family/makeups").json()["credits"] == []  # the credit went with it
    assert class_row(portal, weekly).openings_on(date.fromisoformat(THURSDAY)) == 0

    absence = _mark(marge, lisa, weekly, THURSDAY).json()["absences"][0]
    # Another family's student takes Lisa's freed seat with a makeup credit.
    other = _family_with_credit(portal, api, "Hibbert")
    taken = other.post(
        "/family/makeups",
        {"creditId": other.credit, "classId": weekly, "date": THURSDAY},
        str(uuid.uuid4()),
    )
    assert taken.status_code == 201, taken.text
    refused = api.delete(f"/api/v1/demo/family/absences/{absence['id']}", headers=marge.headers)
    assert refused.status_code == 409 and refused.json()["reason"] == "seat_taken"
    assert refused.json()["message"] == (
        "Lisa's seat on Thu, Dec 10 has been given to someone else, "
        "so the absence cannot be taken back."
    )


class _CreditHolder(Shopper):
    credit: int


def _family_with_credit(portal: Any, api: httpx.Client, name: str) -> _CreditHolder:
    """A family whose student holds a makeup credit earned in the Saturday class of the same
    level (made in the database: the race needs twenty quickly)."""
    token, family, students = new_family(portal, name, (("Sam", 9),))
    source = find_class(portal, "Tumbling 2", "Sat")
    with portal.session_factory.begin() as session:
        student = session.get(Student, students[0])
        assert student is not None
        credit = MakeupCredit(
            organisation_id=student.organisation_id,
            family_id=family,
            student_id=student.id,
            class_id=source,
            absence_day=date(2026, 12, 8),
            expires_on=date(2027, 2, 1),
        )
        session.add(credit)
        session.flush()
        credit_id = credit.id
    holder = _CreditHolder(api, token)
    holder.credit = credit_id
    return holder


def test_twenty_families_race_for_one_freed_makeup_seat(api, portal):
    portal.stop()
    portal.settings_overrides["overload_wait_seconds"] = 60
    portal.start()
    marge = simpson(api)
    weekly = _weekly(portal)
    assert _mark(marge, marge.student_id("Lisa"), weekly, THURSDAY).status_code == 201
    holders = [_family_with_credit(portal, api, f"Racer{i}") for i in range(20)]
    barrier = threading.Barrier(len(holders))
    results: list[Any] = [None] * len(holders)

    def run(index: int) -> None:
        holder = holders[index]
        with httpx.Client(base_url=portal.url, timeout=60) as client:
            shopper = Shopper(client, holder.headers["Authorization"].split()[1])
            barrier.wait()
            try:
                results[index] = shopper.post(
                    "/family/makeups",
                    {"creditId": holder.credit, "classId": weekly, "date": THURSDAY},
                    str(uuid.uuid4()),
                )
            except Exception as exc:  # reported below
                results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(holders))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    statuses = sorted(r.status_code for r in results)
    assert statuses == [201] + [409] * 19, [getattr(r, "text", r) for r in results]
    full = next(r for r in results if r.status_code == 409).json()
    assert full["reason"] == "full"
    assert full["message"] == "That class is full on Thu, Dec 10. Please choose another date."
    with portal.session_factory() as session:
        booked = session.scalar(
            select(func.count())
            .select_from(MakeupBooking)
            .where(MakeupBooking.class_id == weekly, MakeupBooking.day == date(2026, 12, 10))
        )
        assert booked == 1
        assert session.get(ClassOffering, weekly).openings_on(date(2026, 12, 10)) == 0


def test_ned_watches_a_full_class_and_is_mailed_once_when_a_seat_opens(api, portal):
    ned = _ned(api)
    rod = ned.student_id("Rod")
    weekly = _weekly(portal)
    watch = ned.post("/family/watches", {"classId": weekly, "studentId": rod}, str(uuid.uuid4()))
    assert watch.status_code == 201, watch.text
    twice = ned.post("/family/watches", {"classId": weekly, "studentId": rod}, str(uuid.uuid4()))
    assert twice.status_code == 409 and twice.json()["reason"] == "already_watching"
    roomy = ned.post(
        "/family/watches", {"classId": _saturday(portal), "studentId": rod}, str(uuid.uuid4())
    )
    assert roomy.status_code == 409
    assert roomy.json()["message"] == "Rod can book this class now: it has room."
    assert _spot_mails(api, DEMO_EMAIL_FLANDERS) == []

    marge = simpson(api)
    lisa = marge.student_id("Lisa")
    assert _mark(marge, lisa, weekly, THURSDAY, NEXT_THURSDAY).status_code == 201
    mails = _spot_mails(api, DEMO_EMAIL_FLANDERS)
    assert len(mails) == 1, mails
    assert mails[0]["subject"] == "A spot opened in Tumbling 2"
    assert "Thu, Dec 10" in mails[0]["body"] and f"/classes/{weekly}" in mails[0]["body"]
    assert DEMO_EMAIL_SIMPSON not in {m["to"] for m in mailbox(api) if "spot" in m["subject"]}

    alerts = ned.get("/family/alerts").json()["alerts"]
    assert [a["message"] for a in alerts] == ["A spot opened in Tumbling 2 on Thu, Dec 10 for Rod."]
    seen = ned.post("/family/alerts/seen", {"watchIds": [alerts[0]["watchId"]]})
    assert seen.status_code == 200 and seen.json()["alerts"] == []
    assert ned.get("/family/alerts").json()["alerts"] == []

    stopped = api.delete(f"/api/v1/demo/family/watches/{watch.json()['id']}", headers=ned.headers)
    assert stopped.status_code == 200 and stopped.json()["watches"] == []


def test_a_drop_tells_every_watcher_first_watcher_first(api, portal):
    weekly = _weekly(portal)
    ned = _ned(api)
    first = ned.post(
        "/family/watches", {"classId": weekly, "studentId": ned.student_id("Rod")}, "w-ned"
    )
    assert first.status_code == 201
    token, _family, students = new_family(portal, "Wiggum", (("Ralph", 8),))
    wiggum = Shopper(api, token)
    second = wiggum.post("/family/watches", {"classId": weekly, "studentId": students[0]}, "w-2")
    assert second.status_code == 201

    # Another family drops: the class's enrolled count goes down by one.
    with portal.session_factory.begin() as session:
        cls = session.get(ClassOffering, weekly)
        dropped = session.scalars(
            select(Enrollment).where(Enrollment.class_id == weekly).limit(1)
        ).first()
        if dropped is not None:
            session.delete(dropped)
        cls.enrolled -= 1
    spot = [m for m in mailbox(api) if "spot opened" in m["subject"].lower()]
    assert len(spot) == 2
    assert min(spot, key=lambda m: m["id"])["to"] == DEMO_EMAIL_FLANDERS
    assert "1 spot is free in the class now." in spot[0]["body"]

    # Full again, then a capacity change opens a seat: told again, once each.
    set_class(portal, weekly, enrolled=class_row(portal, weekly).capacity)
    set_class(portal, weekly, capacity=class_row(portal, weekly).capacity + 1)
    assert len([m for m in mailbox(api) if "spot opened" in m["subject"].lower()]) == 4


def test_a_watch_ends_when_the_student_is_enrolled(api, portal):
    weekly = _weekly(portal)
    ned = _ned(api)
    rod = ned.student_id("Rod")
    assert (
        ned.post("/family/watches", {"classId": weekly, "studentId": rod}, "w").status_code == 201
    )
    with portal.session_factory.begin() as session:
        student = session.get(Student, rod)
        assert student is not None
        session.add(
            Enrollment(organisation_id=student.organisation_id, student_id=rod, class_id=weekly)
        )
    assert ned.get("/family/watches").json()["watches"] == []


def test_staff_can_mark_an_absence_for_a_family_and_the_audit_records_it(api, portal):
    staff = staff_token(api)
    family = family_id(portal, "Simpson")
    assisted = Shopper(api, assisted_token(api, staff, family))
    lisa = assisted.student_id("Lisa")
    assert _mark(assisted, lisa, _weekly(portal), THURSDAY).status_code == 201
    actions = [e["action"] for e in audit(api, staff, familyId=family)]
    assert "POST /family/absences" in actions


def test_absences_off_earn_no_credit(api, portal):
    from portal.models import OrganisationSettings

    with portal.session_factory.begin() as session:
        settings = session.scalars(select(OrganisationSettings)).one()
        settings.makeups_enabled = False
    marge = simpson(api)
    response = _mark(marge, marge.student_id("Lisa"), _weekly(portal), THURSDAY)
    assert response.status_code == 201 and response.json()["creditsEarned"] == 0
    settings_record = next(c for c in feed(api)["changes"] if c["entity"] == "settings")
    assert settings_record["data"]["makeupsEnabled"] is False


def test_an_expired_cart_hold_tells_the_watchers(api, portal):
    saturday = _saturday(portal)
    open_seats(portal, saturday, 1)
    token, _family, students = new_family(portal, "Holder", (("Kim", 9),))
    holder = Shopper(api, token)
    held = holder.add({"kind": "class", "classId": saturday, "studentId": students[0]})
    assert held.status_code == 201, held.text
    assert class_row(portal, saturday).openings == 0
    ned = _ned(api)
    watch = ned.post("/family/watches", {"classId": saturday, "studentId": ned.student_id("Rod")})
    assert watch.status_code == 201, watch.text
    assert _spot_mails(api, DEMO_EMAIL_FLANDERS) == []

    expire_holds(portal)
    assert holder.cart()["expired"]  # the sweep let the seat go
    mails = _spot_mails(api, DEMO_EMAIL_FLANDERS)
    assert len(mails) == 1 and "1 spot is free in the class now." in mails[0]["body"]


def test_a_makeup_on_the_last_free_seat_of_a_date_keeps_an_enrollment_out(api, portal):
    """An ongoing seat must be free on every meeting: a makeup took the only one of Sat."""
    saturday = _saturday(portal)
    open_seats(portal, saturday, 1)
    marge = simpson(api)
    assert _mark(marge, marge.student_id("Lisa"), _weekly(portal), THURSDAY).status_code == 201
    credit = marge.get("/family/makeups").json()["credits"][0]["id"]
    booked = marge.post(
        "/family/makeups",
        {"creditId": credit, "classId": saturday, "date": SATURDAY},
        str(uuid.uuid4()),
    )
    assert booked.status_code == 201, booked.text
    token, _family, students = new_family(portal, "Late", (("Pat", 9),))
    late = Shopper(api, token)
    refused = late.add({"kind": "class", "classId": saturday, "studentId": students[0]})
    assert refused.status_code == 409 and refused.json()["reason"] == "full"
