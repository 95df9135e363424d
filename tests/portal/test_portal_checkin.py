"""Self check-in (docs/checkin-contract.md): identify by phone, PIN or card, the day's classes
and their window, exactly-once check-in, punch passes, blocks, throttling, the front desk."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import func, select, update

from portal import schemas
from portal.models import (
    Attendance,
    Charge,
    CheckInAlert,
    CheckInToken,
    ClassCancellation,
    ClassOffering,
    Enrollment,
    Family,
    Organisation,
    OrganisationSettings,
    Policy,
    PunchPass,
    as_utc,
)
from portal.seed import (
    CHECKIN_DAY_CLASSES,
    DEMO_CHECKIN_CARDS,
    DEMO_CHECKIN_PINS,
    DEMO_PUNCH_PASS_PUNCHES,
    seed_checkin_day,
)
from portal.services import accounts, checkin
from tests.clock_helpers import now
from tests.portal.booking_helpers import count
from tests.portal.checkin_helpers import (
    check_in,
    class_today,
    classes_of,
    facility_now,
    family_for,
    give_pass,
    identify,
    midday,
    punches_left,
    student_id,
)
from tests.portal.helpers import (
    HTTP_TIMEOUT_S,
    V1,
    bearer,
    enrolled_credential,
    field_errors,
    kiosk_headers,
)
from tests.portal.staff_helpers import family_id, search, staff_token

NOT_FOUND = "We couldn't find a family with that. Please try again or see the front desk."
SEE_DESK = "Please see the front desk."
TOO_LONG = "That took a little long. Please start again."
CLASS_KEYS = {
    "classId",
    "name",
    "startTime",
    "endTime",
    "opensAt",
    "closesAt",
    "status",
    "tardy",
    "via",
    "openings",
    "checkedInAt",
}


def _names(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [f["familyName"] for f in response.json()["families"]]


def _attendance(portal: Any, *where: Any) -> list[Attendance]:
    with portal.session_factory() as session:
        return list(session.scalars(select(Attendance).where(*where).order_by(Attendance.id)))


# --------------------------------------------------------------------------- identify


def test_identify_by_phone_ignores_punctuation_and_a_leading_1(api):
    for value in ("(217) 555-0101", "217.555.0101", "1-217-555-0101", "+1 (217) 555 0101"):
        assert _names(identify(api, "phone", value)) == ["Simpson"], value
    assert _names(identify(api, "phone", 2175550103)) == ["Flanders"]  # a number is fine too
    # Homer's number finds both of his families; each gets its own token.
    both = identify(api, "phone", "12175550102")
    assert _names(both) == ["Simpson", "Simpson (Grandpa)"]
    tokens = {f["checkInToken"] for f in both.json()["families"]}
    assert len(tokens) == 2 and all(len(t) >= 40 for t in tokens)
    for junk in ("217-555-01O1", "555-0101", "5550101", "2175550101 ext 2", "2" * 20):
        response = identify(api, "phone", junk)
        assert response.status_code == 404 and response.json() == {"message": NOT_FOUND}, junk


def test_identify_by_pin_and_by_card(api, portal):
    assert _names(identify(api, "pin", DEMO_CHECKIN_PINS["Simpson"])) == ["Simpson"]
    assert _names(identify(api, "pin", " 4321 ")) == ["Simpson"]
    for card in ("SGF-SIMPSON-01", "  sgf-simpson-01\n", "Sgf-Simpson-01\t"):
        assert _names(identify(api, "card", card)) == ["Simpson"], card
    assert _names(identify(api, "card", DEMO_CHECKIN_CARDS["Burns"])) == ["Burns"]
    for method, value in (
        ("pin", "43210"),
        ("pin", "432"),
        ("pin", "4321a"),
        ("pin", "٤٣٢١"),  # Arabic-Indic digits are not a PIN
        ("card", "SGF-SIMPSON-02"),
        ("card", "SGF-SIMPSON-01" + "X" * 60),
        ("card", "SGF-\x00SIMPSON-01"),
        ("phone", "4321"),
    ):
        response = identify(api, method, value)
        assert response.status_code == 404, (method, value, response.text)
        assert response.json() == {"message": NOT_FOUND}
    # The PIN and the card are kept as keyed digests, never as they are typed.
    with portal.session_factory() as session:
        simpson = session.scalars(select(Family).where(Family.name == "Simpson")).one()
        assert simpson.check_in_pin_hash is not None and len(simpson.check_in_pin_hash) == 64
        assert "4321" not in simpson.check_in_pin_hash
        assert simpson.check_in_pin_hash == checkin.pin_digest(simpson.organisation_id, "4321")
        assert simpson.card_code_hash == checkin.card_digest(
            simpson.organisation_id, "sgf-simpson-01"
        )


def test_a_pin_is_unique_in_the_organisation(portal):
    with portal.session_factory() as session:
        flanders = session.scalars(select(Family).where(Family.name == "Flanders")).one()
        with pytest.raises(checkin.Conflict):
            checkin.set_pin(session, flanders, DEMO_CHECKIN_PINS["Simpson"])
        with pytest.raises(ValueError):
            checkin.set_pin(session, flanders, "12")


def test_identify_answers_first_names_with_an_initial_and_nothing_else(api, portal):
    class_today(portal, 10)
    family = family_for(api)
    assert set(family) == {"checkInToken", "familyName", "blocked", "message", "students"}
    assert family["familyName"] == "Simpson" and family["blocked"] is False
    assert family["message"] is None
    assert [s["displayName"] for s in family["students"]] == ["Bart S.", "Lisa S.", "Maggie S."]
    for student in family["students"]:
        assert set(student) == {"studentId", "displayName", "punchesLeft", "classes"}
        assert all(set(c) == CLASS_KEYS for c in student["classes"])
    text = str(family)
    for private in ("marge", "Evergreen", "555", "birth", "Homer"):
        assert private not in text


def test_identify_refuses_bad_input_with_a_message(api, portal):
    for body, field in (
        ({"method": "pin", "value": ""}, "value"),
        ({"method": "pin", "value": "   "}, "value"),
        ({"method": "pin"}, "value"),
        ({"method": "pin", "value": None}, "value"),
        ({"method": "pin", "value": ["4321"]}, "value"),
        ({"method": "pin", "value": {"pin": "4321"}}, "value"),
        ({"method": "email", "value": "4321"}, "method"),
        ({"value": "4321"}, "method"),
        ({"method": 3, "value": "4321"}, "method"),
    ):
        response = api.post(f"{V1}/checkin/identify", json=body)
        assert response.status_code == 400, (body, response.text)
        assert response.json()["message"] and field in field_errors(response), body
    for raw in (b"not json", b"[]", b"null", b'"4321"'):
        response = api.post(
            f"{V1}/checkin/identify", content=raw, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400 and response.json()["message"], raw
    huge = identify(api, "card", "x" * 5000)
    assert huge.status_code == 404 and huge.json() == {"message": NOT_FOUND}
    surrogate = api.post(
        f"{V1}/checkin/identify",
        content=b'{"method": "card", "value": "\\ud800abc"}',
        headers={"Content-Type": "application/json"},
    )
    assert surrogate.status_code in (400, 404), surrogate.text
    unknown = api.post("/api/v1/nobody/checkin/identify", json={"method": "pin", "value": "4321"})
    assert unknown.status_code == 404 and "nobody" in unknown.json()["message"]


def test_failed_identifications_are_throttled_per_device(api, portal):
    device = "kiosk-throttle"  # a label only: the throttle counts the enrolled kiosk
    for attempt in range(9):
        assert identify(api, "pin", f"90{attempt:02d}", device).status_code == 404
    # Found ones never count: nine failures, any number of finds.
    for _ in range(3):
        assert identify(api, "pin", "4321", device).status_code == 200
    assert identify(api, "phone", "2175559999", device).status_code == 404  # the tenth
    throttled = identify(api, "pin", "4321", device)  # right, but refused before the look-up
    assert throttled.status_code == 429, throttled.text
    body = throttled.json()
    assert body["message"] == "Too many tries. Please see the front desk."
    assert 1 <= body["retryAfterSeconds"] <= 300
    assert throttled.headers["Retry-After"] == str(body["retryAfterSeconds"])
    assert identify(api, "card", "nope", device).status_code == 429
    # A new device id or forwarded address from the same kiosk changes nothing.
    assert identify(api, "pin", "4321", "kiosk-other").status_code == 429
    dodge = api.post(
        f"{V1}/checkin/identify",
        json={"method": "pin", "value": "4321", "deviceId": "kiosk-new"},
        headers={"X-Forwarded-For": "203.0.113.77"},
    )
    assert dodge.status_code == 429
    # Another enrolled kiosk is not held up by this one.
    other = kiosk_headers(enrolled_credential(portal, "Side door"))
    answered = api.post(
        f"{V1}/checkin/identify", json={"method": "pin", "value": "4321"}, headers=other
    )
    assert answered.status_code == 200, answered.text


def test_check_in_needs_an_enrolled_kiosk(unenrolled_api, api, portal):
    refused = unenrolled_api.post(
        f"{V1}/checkin/identify", json={"method": "pin", "value": "4321", "deviceId": "kiosk-1"}
    )
    assert refused.status_code == 401
    assert refused.json() == {
        "message": "This kiosk is not enrolled. Please ask staff to enroll it with a pairing code."
    }
    assert unenrolled_api.post(f"{V1}/checkin", json={}).status_code == 401
    made_up = unenrolled_api.post(
        f"{V1}/checkin/identify",
        json={"method": "pin", "value": "4321"},
        headers={"X-Kiosk-Credential": "kc_" + "A" * 43},
    )
    assert made_up.status_code == 401
    assert identify(api, "pin", "4321", "kiosk-1").status_code == 200


def test_throttle_frees_up_after_five_minutes(portal):
    with portal.session_factory() as session:
        org = session.scalars(select(Organisation)).one()
        start = now()

        def attempt(value: str, at: datetime) -> int:
            try:
                checkin.identify(
                    session,
                    org,
                    method="pin",
                    value=value,
                    device_id="",
                    client="c1",
                    device="ip 10.0.0.9",
                    now=at,
                )
            except checkin.ServiceError as error:
                return error.status_code
            return 200

        for i in range(10):
            assert attempt("0000", start + timedelta(seconds=i)) == 404
        assert attempt("4321", start + timedelta(seconds=30)) == 429
        # The first failure leaves the window 5 minutes after it was made.
        assert attempt("4321", start + timedelta(minutes=4, seconds=59)) == 429
        assert attempt("4321", start + timedelta(minutes=5)) == 200


# --------------------------------------------------------------------------- the window


def _class_at(portal: Any, day: date, start: str, students: tuple[str, ...] = ("Bart",)) -> int:
    """A class meeting every week on `day`'s weekday at `start` (no date range)."""
    with portal.session_factory.begin() as session:
        org = session.scalars(select(Organisation)).one()
        end = checkin.schedule.from_minutes(checkin.schedule.to_minutes(start) + 60)
        cls = ClassOffering(
            organisation_id=org.id,
            location_id=org.settings.default_location_id,
            name="Edge Class",
            schedule=[
                {
                    "dayNumber": checkin.schedule.day_number(day),
                    "startTime": start,
                    "endTime": end,
                }
            ],
            capacity=10,
        )
        session.add(cls)
        session.flush()
        for name in students:
            session.add(
                Enrollment(
                    organisation_id=org.id, student_id=student_id(portal, name), class_id=cls.id
                )
            )
        return int(cls.id)


def _at(portal: Any, day: date, hh_mm_ss: str) -> datetime:
    """A facility time on `day`, as the UTC instant the service takes."""
    with portal.session_factory() as session:
        zone = ZoneInfo(session.scalars(select(OrganisationSettings.timezone)).one())
    return datetime.combine(day, time.fromisoformat(hh_mm_ss), tzinfo=zone).astimezone(UTC)


def _view(portal: Any, now: datetime, value: str = "4321") -> dict[str, Any]:
    with portal.session_factory() as session:
        org = session.scalars(select(Organisation)).one()
        result = checkin.identify(
            session,
            org,
            method="pin",
            value=value,
            device_id="kiosk-edge",
            client=uuid.uuid4().hex,
            device="kiosk-edge",
            now=now,
        )
        session.commit()  # the caller owns the commit (the route's unit of work)
    return result.model_dump(by_alias=True)["families"][0]


def _service_check_in(portal: Any, token: str, items: list[tuple[int, int]], now: datetime) -> Any:
    request = schemas.CheckInRequest.model_validate(
        {"checkInToken": token, "items": [{"studentId": s, "classId": c} for s, c in items]}
    )
    with portal.session_factory() as session:
        org = session.scalars(select(Organisation)).one()
        try:
            result = checkin.check_in(session, org, request, now=now)
            session.commit()
        except checkin.ServiceError as error:
            session.rollback()
            return error
        return result


@pytest.mark.calendar
def test_the_window_opens_and_closes_exactly_at_its_edges(portal):
    day = date(2031, 3, 12)  # a Wednesday in a future term; the class meets on Wednesdays
    class_id = _class_at(portal, day, "15:30")

    def state(hh_mm_ss: str) -> tuple[str, bool]:
        found = classes_of(_view(portal, _at(portal, day, hh_mm_ss)), "Bart")[class_id]
        assert (found["opensAt"], found["closesAt"]) == ("15:00", "15:45")
        return found["status"], found["tardy"]

    assert state("14:59:59") == ("too_early", False)
    assert state("15:00:00") == ("open", False)  # opens at start - 30, inclusive
    assert state("15:30:00") == ("open", False)  # on time at the start itself
    assert state("15:30:01") == ("open", True)  # tardy once it has started
    assert state("15:45:00") == ("open", True)  # closes at start + 15, inclusive
    assert state("15:45:01") == ("closed", False)
    # A class on another weekday is not today's.
    assert class_id not in classes_of(
        _view(portal, _at(portal, day + timedelta(1), "15:10")), "Bart"
    )

    bart = student_id(portal, "Bart")
    too_late = _at(portal, day, "15:45:01")
    refused = _service_check_in(
        portal, _view(portal, too_late)["checkInToken"], [(bart, class_id)], too_late
    )
    assert isinstance(refused, checkin.NotCheckedIn) and refused.extra == {"reason": "not_open"}
    last = _at(portal, day, "15:45:00")
    done = _service_check_in(portal, _view(portal, last)["checkInToken"], [(bart, class_id)], last)
    assert done.checked_in[0].tardy is True and done.checked_in[0].checked_in_at == "15:45"
    (row,) = _attendance(portal, Attendance.class_id == class_id)
    assert row.day == day and row.tardy is True and row.method == "pin" and row.via == "enrollment"
    assert as_utc(row.checked_in_at) == last


def test_the_window_follows_the_organisation_settings(portal):
    day = date(2031, 3, 13)
    class_id = _class_at(portal, day, "09:00")
    with portal.session_factory.begin() as session:
        settings = session.scalars(select(OrganisationSettings)).one()
        settings.check_in_opens_minutes_before = 10
        settings.check_in_closes_minutes_after = 0
    early = classes_of(_view(portal, _at(portal, day, "08:49:59")), "Bart")[class_id]
    assert early["status"] == "too_early" and early["opensAt"] == "08:50"
    assert (
        classes_of(_view(portal, _at(portal, day, "08:50:00")), "Bart")[class_id]["status"]
        == "open"
    )
    on_time = classes_of(_view(portal, _at(portal, day, "09:00:00")), "Bart")[class_id]
    assert on_time["status"] == "open" and on_time["tardy"] is False
    assert (
        classes_of(_view(portal, _at(portal, day, "09:00:01")), "Bart")[class_id]["status"]
        == "closed"
    )


def test_cancelled_and_inactive_classes_are_not_offered(portal):
    day = date(2031, 3, 14)
    cancelled = _class_at(portal, day, "10:00")
    inactive = _class_at(portal, day, "10:30")
    with portal.session_factory.begin() as session:
        org_id = session.scalars(select(Organisation.id)).one()
        session.add(ClassCancellation(organisation_id=org_id, class_id=cancelled, day=day))
        session.get(ClassOffering, inactive).active = False
    offered = classes_of(_view(portal, _at(portal, day, "09:45:00")), "Bart")
    assert cancelled not in offered and inactive not in offered
    next_week = classes_of(_view(portal, _at(portal, day + timedelta(7), "09:45:00")), "Bart")
    assert next_week[cancelled]["status"] == "open"


# --------------------------------------------------------------------------- check in


def test_check_in_is_recorded_once_however_often_it_is_sent(api, portal):
    class_id = class_today(portal, 10, students=("Bart",))
    bart = student_id(portal, "Bart")
    family = family_for(api)
    offered = classes_of(family, "Bart")[class_id]
    assert offered["status"] == "open" and offered["tardy"] is False
    assert offered["via"] == "enrollment" and offered["openings"] is None
    assert offered["checkedInAt"] is None

    key = str(uuid.uuid4())
    first = check_in(api, family["checkInToken"], [(bart, class_id)], key=key, method="pin")
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["message"] == "You're checked in!"
    (item,) = body["checkedIn"]
    assert item == {
        "studentId": bart,
        "classId": class_id,
        "displayName": "Bart S.",
        "className": offered["name"],
        "tardy": False,
        "checkedInAt": item["checkedInAt"],
        "punchesLeft": None,
    }
    stamp = datetime.strptime(item["checkedInAt"], "%H:%M").time()
    local = facility_now(portal)
    assert abs(datetime.combine(local.date(), stamp) - local.replace(tzinfo=None)) < timedelta(
        minutes=2
    )
    (row,) = _attendance(portal, Attendance.class_id == class_id)
    assert row.student_id == bart and row.method == "pin" and row.via == "enrollment"
    assert row.day == facility_now(portal).date() and row.punch_pass_id is None
    assert abs(as_utc(row.checked_in_at) - now()) < timedelta(minutes=1)

    replay = check_in(api, family["checkInToken"], [(bart, class_id)], key=key, method="pin")
    assert replay.status_code == 200 and replay.json() == body
    assert replay.headers.get("Idempotent-Replayed") == "true"
    again = check_in(api, family["checkInToken"], [(bart, class_id), (bart, class_id)])
    assert again.status_code == 200 and again.json() == body  # answered, not recorded again
    later = family_for(api, "phone", "2175550101")
    shown = classes_of(later, "Bart")[class_id]
    assert shown["status"] == "checked_in" and shown["checkedInAt"] == item["checkedInAt"]
    assert count(portal, Attendance, Attendance.class_id == class_id) == 1
    # The same key with another body is refused, and records nothing.
    reused = check_in(api, later["checkInToken"], [(bart, class_id)], key=key)
    assert reused.status_code == 409
    assert count(portal, Attendance, Attendance.class_id == class_id) == 1


def test_concurrent_check_ins_of_one_student_record_one_and_punch_once(api, portal):
    class_id = class_today(portal, 10, students=())
    lisa = student_id(portal, "Lisa")
    token = family_for(api)["checkInToken"]

    def send(_: int) -> httpx.Response:
        with httpx.Client(base_url=str(api.base_url), headers=api.headers, timeout=30) as client:
            return check_in(client, token, [(lisa, class_id)])

    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(send, range(6)))
    assert [r.status_code for r in responses] == [200] * 6, [r.text for r in responses]
    assert {r.json()["checkedIn"][0]["punchesLeft"] for r in responses} == {
        DEMO_PUNCH_PASS_PUNCHES - 1
    }
    assert count(portal, Attendance, Attendance.class_id == class_id) == 1
    assert punches_left(portal, "Lisa") == DEMO_PUNCH_PASS_PUNCHES - 1


def test_checking_in_after_the_start_is_tardy(api, portal):
    class_id = class_today(portal, -5, students=("Bart", "Maggie"))
    bart, maggie = student_id(portal, "Bart"), student_id(portal, "Maggie")
    family = family_for(api, "card", "SGF-SIMPSON-01")
    shown = classes_of(family, "Bart")[class_id]
    assert shown["status"] == "open" and shown["tardy"] is True
    done = check_in(api, family["checkInToken"], [(bart, class_id), (maggie, class_id)])
    assert done.status_code == 200, done.text
    assert [i["tardy"] for i in done.json()["checkedIn"]] == [True, True]
    rows = _attendance(portal, Attendance.class_id == class_id)
    assert [(r.tardy, r.method) for r in rows] == [(True, "card"), (True, "card")]


def test_a_class_that_has_not_opened_or_has_closed_is_refused(api, portal):
    early = class_today(portal, 45)
    over = class_today(portal, -20)
    bart = student_id(portal, "Bart")
    family = family_for(api)
    shown = classes_of(family, "Bart")
    assert shown[early]["status"] == "too_early" and shown[over]["status"] == "closed"
    for class_id, status in ((early, "too_early"), (over, "closed")):
        response = check_in(api, family["checkInToken"], [(bart, class_id)])
        assert response.status_code == 409, response.text
        body = response.json()
        assert body["reason"] == "not_open" and body["message"].endswith(".")
        expected = "opens at" if status == "too_early" else "has closed"
        assert expected in body["message"], body
    assert count(portal, Attendance) == 0


def test_items_the_view_does_not_offer_are_refused_and_nothing_is_recorded(api, portal):
    open_now = class_today(portal, 10, students=("Bart",))
    bart, lisa = student_id(portal, "Bart"), student_id(portal, "Lisa")
    rod = student_id(portal, "Rod", "Flanders")
    family = family_for(api)
    token = family["checkInToken"]
    for items, reason in (
        ([(rod, open_now)], "not_found"),  # not their student
        ([(bart, 999999)], "not_found"),  # no such class
        ([(bart, open_now), (student_id(portal, "Maggie"), open_now)], "not_found"),
    ):
        response = check_in(api, token, items)
        assert response.status_code == 409, response.text
        assert response.json()["reason"] == reason and response.json()["message"]
    # All or nothing: Bart's good item was not recorded with the bad one.
    assert count(portal, Attendance) == 0
    for body in (
        {"checkInToken": token, "items": []},
        {"checkInToken": token},
        {"checkInToken": token, "items": "all"},
        {"checkInToken": token, "items": [{"studentId": "x", "classId": open_now}]},
        {"checkInToken": token, "items": [{"studentId": bart}]},
        {"checkInToken": token, "items": [7]},
        {"checkInToken": token, "items": [{"studentId": bart, "classId": open_now}] * 51},
        {"checkInToken": token, "items": [{"studentId": bart, "classId": -1}]},
        {"checkInToken": token, "items": [{"studentId": lisa, "classId": open_now}], "method": "x"},
    ):
        response = api.post(
            f"{V1}/checkin", json=body, headers={"Idempotency-Key": str(uuid.uuid4())}
        )
        assert response.status_code == 400, (body, response.text)
        assert response.json()["message"] and response.json()["errors"]
    assert count(portal, Attendance) == 0


def test_a_punch_pass_drop_in_takes_one_punch_and_needs_an_opening(api, portal):
    class_id = class_today(portal, 10, students=(), capacity=2, ages=(60, 167))
    lisa, bart = student_id(portal, "Lisa"), student_id(portal, "Bart")
    family = family_for(api)
    shown = classes_of(family, "Lisa")[class_id]
    assert shown["via"] == "punch_pass" and shown["status"] == "open" and shown["openings"] == 2
    lisa_entry = next(s for s in family["students"] if s["studentId"] == lisa)
    assert lisa_entry["punchesLeft"] == DEMO_PUNCH_PASS_PUNCHES
    # Bart has no pass and is not enrolled: not his class. Maggie is too young for it.
    assert class_id not in classes_of(family, "Bart")
    assert class_id not in classes_of(family, "Maggie")

    key = str(uuid.uuid4())
    done = check_in(api, family["checkInToken"], [(lisa, class_id)], key=key)
    assert done.status_code == 200, done.text
    assert done.json()["checkedIn"][0]["punchesLeft"] == DEMO_PUNCH_PASS_PUNCHES - 1
    for _ in range(2):
        assert check_in(api, family["checkInToken"], [(lisa, class_id)], key=key).status_code == 200
        assert check_in(api, family["checkInToken"], [(lisa, class_id)]).status_code == 200
    assert punches_left(portal, "Lisa") == DEMO_PUNCH_PASS_PUNCHES - 1
    (row,) = _attendance(portal, Attendance.class_id == class_id)
    assert row.via == "punch_pass" and row.punch_pass_id is not None
    with portal.session_factory() as session:
        cls = session.get(ClassOffering, class_id)
        assert cls is not None and cls.enrolled == 0  # a drop-in is not an enrollment

    # Bart buys a pass; one opening is left, then none.
    give_pass(portal, "Bart", 3)
    again = family_for(api)
    assert classes_of(again, "Bart")[class_id]["openings"] == 1
    assert check_in(api, again["checkInToken"], [(bart, class_id)]).status_code == 200
    assert punches_left(portal, "Bart") == 2
    give_pass(portal, "Rod", 2, family="Flanders")
    with portal.session_factory.begin() as session:  # let the Flanders check in
        _accept_all_policies(session, "Flanders")
    flanders = family_for(api, "pin", "1111")
    rod = student_id(portal, "Rod", "Flanders")
    assert class_id not in classes_of(flanders, "Rod")  # full for drop-ins
    full = check_in(api, flanders["checkInToken"], [(rod, class_id)])
    assert full.status_code == 409 and full.json()["reason"] == "full", full.text
    assert punches_left(portal, "Rod", "Flanders") == 2


def test_no_punches_left_is_refused(api, portal):
    class_id = class_today(portal, 10, students=(), capacity=5)
    maggie, lisa = student_id(portal, "Maggie"), student_id(portal, "Lisa")
    give_pass(portal, "Maggie", 0)
    give_pass(portal, "Lisa", 9, expires_on=date(2001, 1, 1))  # expired: not counted
    family = family_for(api)
    maggie_entry = next(s for s in family["students"] if s["studentId"] == maggie)
    assert maggie_entry["punchesLeft"] == 0 and class_id not in classes_of(family, "Maggie")
    refused = check_in(api, family["checkInToken"], [(maggie, class_id)])
    assert refused.status_code == 409 and refused.json()["reason"] == "no_punches"
    assert refused.json()["message"] == "Maggie has no punches left. Please see the front desk."
    # Two drop-ins with one punch: all or nothing.
    with portal.session_factory.begin() as session:
        session.execute(update(PunchPass).values(punches_left=1))
    second = class_today(portal, 5, students=(), capacity=5)
    one_left = check_in(api, family["checkInToken"], [(lisa, class_id), (lisa, second)])
    assert one_left.status_code == 409 and one_left.json()["reason"] == "no_punches"
    assert count(portal, Attendance) == 0
    assert punches_left(portal, "Lisa") == 2  # 1 on the demo pass, 1 on the expired one


# --------------------------------------------------------------------------- blocks


def _accept_all_policies(session: Any, family_name: str) -> None:
    """Accept what GET /family/policies lists as outstanding, as the family's guardian would."""
    family = session.scalars(select(Family).where(Family.name == family_name)).one()
    outstanding = accounts.policies_view(session, family).outstanding
    request = schemas.AcceptPoliciesRequest.model_validate(
        {
            "acceptances": [
                {"policyId": p.policy_id, "version": p.version, "studentId": p.student_id}
                for p in outstanding
            ]
        }
    )
    accounts.accept_policies(session, family, family.guardians[0], request)


def _charge(portal: Any, family_name: str, cents: int) -> None:
    """A new open charge for the family."""
    with portal.session_factory.begin() as session:
        family = session.scalars(select(Family).where(Family.name == family_name)).one()
        session.add(
            Charge(
                organisation_id=family.organisation_id,
                family_id=family.id,
                description="Team leotard",
                amount_cents=cents,
            )
        )


def _blocked_answer(api: httpx.Client, method: str, value: str) -> dict[str, Any]:
    response = identify(api, method, value)
    assert response.status_code == 200, response.text
    (family,) = response.json()["families"]
    assert family["blocked"] is True and family["message"] == SEE_DESK
    assert family["students"] == []
    assert set(family) == {"checkInToken", "familyName", "blocked", "message", "students"}
    return dict(family)


def test_blocked_families_are_sent_to_the_front_desk_without_details(api, portal):
    class_id = class_today(portal, 10, students=("Rod",), family="Flanders")
    rod = student_id(portal, "Rod", "Flanders")
    flanders = _blocked_answer(api, "pin", "1111")  # policies to accept
    burns = _blocked_answer(api, "card", "SGF-BURNS-01")  # suspended
    refused = check_in(api, flanders["checkInToken"], [(rod, class_id)])
    assert refused.status_code == 403
    assert refused.json() == {"message": SEE_DESK, "reason": "blocked"}
    larry = student_id(portal, "Larry", "Burns")
    assert check_in(api, burns["checkInToken"], [(larry, class_id)]).json() == {
        "message": SEE_DESK,
        "reason": "blocked",
    }
    assert count(portal, Attendance) == 0

    # The Simpsons owe $85.00 of the $100.00 allowed: fine, until $50.00 more is due.
    assert family_for(api)["blocked"] is False
    _charge(portal, "Simpson", 5000)
    _blocked_answer(api, "phone", "2175550101")
    # Homer's phone: the Simpsons are blocked, Grandpa's family (policies accepted) is not.
    with portal.session_factory.begin() as session:
        _accept_all_policies(session, "Simpson (Grandpa)")
    both = identify(api, "phone", "2175550102").json()["families"]
    assert [(f["familyName"], f["blocked"]) for f in both] == [
        ("Simpson", True),
        ("Simpson (Grandpa)", False),
    ]
    # No limit, no balance block.
    with portal.session_factory.begin() as session:
        session.scalars(select(OrganisationSettings)).one().check_in_balance_limit_cents = None
    assert family_for(api)["blocked"] is False
    # Policies accepted: the Flanders may check in.
    with portal.session_factory.begin() as session:
        _accept_all_policies(session, "Flanders")
    assert family_for(api, "pin", "1111")["blocked"] is False


def test_the_front_desk_sees_why_in_alerts_and_family_search(api, portal):
    staff = staff_token(api)
    assert api.get(f"{V1}/staff/checkin/alerts", headers=bearer(staff)).json() == {"alerts": []}
    _blocked_answer(api, "pin", "1111")
    burns = _blocked_answer(api, "card", "SGF-BURNS-01")
    check_in(api, burns["checkInToken"], [(student_id(portal, "Larry", "Burns"), 1)])
    _charge(portal, "Simpson", 10000)
    with portal.session_factory.begin() as session:
        policy = session.scalars(select(Policy).where(Policy.kind == "family")).one()
        policy.version += 1  # a new waiver the Simpsons have not accepted
    _blocked_answer(api, "pin", "4321")

    response = api.get(f"{V1}/staff/checkin/alerts", headers=bearer(staff))
    assert response.status_code == 200, response.text
    alerts = response.json()["alerts"]
    assert [(a["familyName"], a["reasons"]) for a in alerts] == [
        ("Simpson", ["policies", "balance"]),
        ("Burns", ["suspended", "policies"]),  # the refused check-in
        ("Burns", ["suspended", "policies"]),
        ("Flanders", ["policies"]),
    ]
    assert alerts[0]["detail"] == "1 policy to accept; owes $185.00"
    assert alerts[-1]["detail"] == "3 policies to accept"
    assert alerts[1]["detail"] == "Account suspended; 2 policies to accept"
    assert alerts[0]["familyId"] == family_id(portal, "Simpson")
    stamps = [a["at"] for a in alerts]
    assert stamps == sorted(stamps, reverse=True)
    # Only today's: yesterday's alerts are not shown.
    with portal.session_factory.begin() as session:
        session.execute(update(CheckInAlert).values(at=now() - timedelta(days=2)))
    assert api.get(f"{V1}/staff/checkin/alerts", headers=bearer(staff)).json() == {"alerts": []}
    assert api.get(f"{V1}/staff/checkin/alerts").status_code == 401

    for name, blocks in (
        ("Simpson", ["policies", "balance"]),
        ("Flanders", ["policies"]),
        ("Burns", ["suspended", "policies"]),
    ):
        response = search(api, staff, name)
        assert response.status_code == 200, response.text
        found = {f["name"]: f for f in response.json()["families"]}
        assert found[name]["checkInBlocks"] == blocks
        assert "checkInPin" not in found[name] and "cardCode" not in found[name]
    grandpa = {f["name"]: f for f in search(api, staff, "Grandpa").json()["families"]}
    assert grandpa["Simpson (Grandpa)"]["checkInBlocks"] == ["policies"]


# --------------------------------------------------------------------------- tokens


def test_check_in_tokens_are_bound_to_their_family_device_and_five_minutes(api, portal):
    class_id = class_today(portal, 10)
    bart = student_id(portal, "Bart")
    token = family_for(api, device="kiosk-a")["checkInToken"]
    for bad in ("", "nope", "x" * 500, "é" * 10):
        response = check_in(api, bad, [(bart, class_id)])
        assert response.status_code == 401 and response.json() == {"message": TOO_LONG}
    missing = api.post(
        f"{V1}/checkin",
        json={"items": [{"studentId": bart, "classId": class_id}]},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert missing.status_code == 401 and missing.json() == {"message": TOO_LONG}
    other_kiosk = api.post(
        f"{V1}/checkin",
        json={"checkInToken": token, "items": [{"studentId": bart, "classId": class_id}]},
        headers=kiosk_headers(enrolled_credential(portal, "Side door")),
    )
    assert other_kiosk.status_code == 401
    with portal.session_factory.begin() as session:
        session.execute(update(CheckInToken).values(expires_at=now() - timedelta(seconds=1)))
    expired = check_in(api, token, [(bart, class_id)])
    assert expired.status_code == 401 and expired.json() == {"message": TOO_LONG}
    assert count(portal, Attendance) == 0
    with portal.session_factory() as session:
        stored = session.scalars(select(CheckInToken.token_hash)).all()
    assert token not in stored and all(len(h) == 64 for h in stored)


def test_a_token_lives_five_minutes(portal):
    day = date(2031, 3, 19)
    class_id = _class_at(portal, day, "16:00")
    bart = student_id(portal, "Bart")
    issued = _at(portal, day, "15:40:00")
    token = _view(portal, issued)["checkInToken"]
    late = _service_check_in(portal, token, [(bart, class_id)], issued + timedelta(minutes=5))
    assert isinstance(late, checkin.CheckInTokenEnded)
    in_time = issued + timedelta(minutes=4, seconds=59)
    assert _service_check_in(portal, token, [(bart, class_id)], in_time).checked_in


# --------------------------------------------------------------------------- front desk


def test_the_roster_lists_every_class_of_the_day_with_who_came(api, portal):
    class_id = class_today(portal, 10, students=("Bart", "Maggie"), name="Roster Class")
    bart, lisa = student_id(portal, "Bart"), student_id(portal, "Lisa")
    family = family_for(api, "phone", "2175550101")
    assert (
        check_in(api, family["checkInToken"], [(bart, class_id), (lisa, class_id)]).status_code
        == 200
    )
    staff = staff_token(api)
    response = api.get(f"{V1}/staff/checkin/roster", headers=bearer(staff))
    assert response.status_code == 200, response.text
    roster = response.json()
    today = facility_now(portal).date()
    assert roster["date"] == today.isoformat()
    (entry,) = [c for c in roster["classes"] if c["classId"] == class_id]
    assert entry["name"] == "Roster Class" and entry["location"] == "Main Street"
    students = {s["name"]: s for s in entry["students"]}
    assert set(students) == {"Bart Simpson", "Lisa Simpson", "Maggie Simpson"}
    assert students["Bart Simpson"]["status"] == "checked_in"
    assert students["Bart Simpson"]["method"] == "phone"
    assert students["Bart Simpson"]["via"] == "enrollment"
    assert students["Bart Simpson"]["familyId"] == family_id(portal, "Simpson")
    assert students["Lisa Simpson"]["via"] == "punch_pass"
    assert students["Lisa Simpson"]["checkedInAt"]
    assert students["Maggie Simpson"] == {
        "studentId": student_id(portal, "Maggie"),
        "name": "Maggie Simpson",
        "familyId": family_id(portal, "Simpson"),
        "status": "expected",
        "tardy": False,
        "checkedInAt": None,
        "method": None,
        "via": "enrollment",
    }
    starts = [c["startTime"] for c in roster["classes"]]
    assert starts == sorted(starts)
    # Another day: the classes meeting then, nobody checked in.
    next_week = (today + timedelta(days=7)).isoformat()
    later = api.get(f"{V1}/staff/checkin/roster", params={"date": next_week}, headers=bearer(staff))
    assert later.status_code == 200
    (same,) = [c for c in later.json()["classes"] if c["classId"] == class_id]
    assert {s["status"] for s in same["students"]} == {"expected"}
    for bad in ("tomorrow", "2026-02-30", "2026-13-01"):
        response = api.get(
            f"{V1}/staff/checkin/roster", params={"date": bad}, headers=bearer(staff)
        )
        assert response.status_code == 400 and response.json()["message"]
    assert api.get(f"{V1}/staff/checkin/roster").status_code == 401
    family_token = family_for(api)["checkInToken"]
    assert api.get(f"{V1}/staff/checkin/roster", headers=bearer(family_token)).status_code == 401


# --------------------------------------------------------------------------- demo data


def test_the_demo_turns_check_in_on_with_its_settings(api):
    settings = api.get(f"{V1}/kiosk/settings").json()
    assert settings["features"]["checkIn"] is True
    assert settings["checkInOpensMinutesBefore"] == 30
    assert settings["checkInClosesMinutesAfter"] == 15
    assert settings["checkInBalanceLimitCents"] == 10000


@pytest.mark.calendar
def test_seed_checkin_day_keeps_two_classes_meeting_today_around_now(portal):
    midday(portal)
    with portal.session_factory() as session:
        zone = ZoneInfo(session.scalars(select(OrganisationSettings.timezone)).one())
    names = [plan[0] for plan in CHECKIN_DAY_CLASSES]

    def seed_at(day: date, hh_mm: str) -> tuple[datetime, dict[str, Any]]:
        now = datetime.combine(day, time.fromisoformat(hh_mm), tzinfo=zone).astimezone(UTC)
        with portal.session_factory.begin() as session:
            seed_checkin_day(session, now)
        with portal.session_factory() as session:
            rows = session.scalars(select(ClassOffering).where(ClassOffering.name.in_(names))).all()
            assert len(rows) == 2
            return now, {c.name: (c.id, c.schedule, c.start_date, c.enrolled) for c in rows}

    day = facility_now(portal).date()
    now, first = seed_at(day, "10:02")
    bart_view = classes_of(_view(portal, now), "Bart")
    (open_id, schedule_a, start_a, enrolled_a), (later_id, _s, _d, enrolled_b) = (
        first["Open Gym"],
        first["Ninja Warriors"],
    )
    assert start_a == day and enrolled_a == 2 and enrolled_b == 1
    assert bart_view[open_id]["status"] == "open" and bart_view[later_id]["status"] == "too_early"
    lisa_view = classes_of(_view(portal, now), "Lisa")
    assert lisa_view[open_id]["via"] == "punch_pass" and lisa_view[open_id]["status"] == "open"
    assert classes_of(_view(portal, now), "Maggie")[open_id]["via"] == "enrollment"

    # Again a few minutes later: nothing moves, nothing doubles.
    again = seed_at(day, "10:09")[1]
    assert again == first
    assert count(portal, Enrollment, Enrollment.class_id.in_([open_id, later_id])) == 3
    # Hours later (or another day) the classes move to fit the new time.
    afternoon, moved = seed_at(day, "14:40")
    assert moved["Open Gym"][1] != schedule_a
    assert classes_of(_view(portal, afternoon), "Bart")[open_id]["status"] == "open"
    _tomorrow, next_day = seed_at(day + timedelta(days=1), "09:00")
    assert next_day["Open Gym"][2] == day + timedelta(days=1)
    assert count(portal, Enrollment, Enrollment.class_id.in_([open_id, later_id])) == 3
    # Near midnight the open class is one that started a few minutes ago.
    late, _ = seed_at(day + timedelta(days=2), "23:57")
    shown = classes_of(_view(portal, late), "Bart")
    assert shown[open_id]["status"] == "open" and shown[open_id]["tardy"] is True
    assert shown[later_id]["status"] == "closed"  # nothing can open later today
    early, _ = seed_at(day + timedelta(days=3), "00:01")
    shown = classes_of(_view(portal, early), "Bart")
    assert shown[open_id]["status"] == "open" and shown[later_id]["status"] == "too_early"


@pytest.mark.calendar
def test_the_embedded_demo_can_check_in_at_once(tmp_path):
    from portal.embedded import EmbeddedPortal

    with EmbeddedPortal(f"sqlite:///{tmp_path / 'demo.db'}") as demo:
        credential = enrolled_credential(demo, "Demo kiosk")
        with httpx.Client(
            base_url=demo.url, headers=kiosk_headers(credential), timeout=HTTP_TIMEOUT_S
        ) as client:
            family = family_for(client)
            shown = classes_of(family, "Bart")
            (gym,) = [c for c in shown.values() if c["name"] == "Open Gym"]
            assert gym["status"] == "open" and gym["via"] == "enrollment"
            bart = next(s["studentId"] for s in family["students"] if s["displayName"] == "Bart S.")
            done = check_in(client, family["checkInToken"], [(bart, gym["classId"])])
            assert done.status_code == 200, done.text
        with demo.session_factory() as session:
            assert session.scalar(select(func.count()).select_from(Attendance)) == 1
