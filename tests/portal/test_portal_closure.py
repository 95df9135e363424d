"""The demo's holiday closure (December 24 through January 1, as its news says), as the portal
serves it over HTTP: the weekly classes' meetings then are cancelled, and no private lesson
is offered."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.core.clock import clock, zone_named
from portal.models import AppointmentType
from portal.seed import CLOSURE_REASON, DEMO_TIMEZONE, holiday_closure
from portal.services.schedule import days_between
from tests.portal.booking_helpers import class_row, find_class, simpson
from tests.portal.helpers import V1

THURSDAY, SATURDAY = 3, 5


def _closure_ahead() -> tuple[date, date, date]:
    """(today, the closure's first day still ahead, its last day)."""
    today = clock.today(zone_named(DEMO_TIMEZONE))
    first, last = holiday_closure(today)
    return today, max(first, today), last


def _meetings(portal, class_id: int, weekday: int, start: date, last: date) -> list[date]:
    cls = class_row(portal, class_id)
    return [
        day
        for day in days_between(max(start, cls.start_date), min(last, cls.end_date))
        if day.weekday() == weekday
    ]


@pytest.mark.calendar
def test_weekly_classes_are_cancelled_for_the_holiday_closure(api, portal):
    """Lisa's weekly Thursday class shows as cancelled ("Holiday closure") in Coming Up! on
    every closure day, and a makeup credit cannot book a closure day's meeting."""
    today, start, last = _closure_ahead()
    marge = simpson(api)
    weekly = find_class(portal, "Tumbling 2", "Thu")
    saturday = find_class(portal, "Tumbling 2", "Sat")
    events = marge.get("/family/coming-up", days=(last - today).days + 1, limit=100).json()
    classes = [e for e in events["events"] if e["kind"] == "class"]
    in_closure = [e for e in classes if start <= date.fromisoformat(e["date"]) <= last]
    for event in in_closure:
        assert event["cancelled"] and event["note"] == CLOSURE_REASON, event
        assert not event["canMarkAbsent"], event
    thursdays = _meetings(portal, weekly, THURSDAY, start, last)
    shown = {e["date"] for e in in_closure if e["classId"] == weekly}
    assert shown == {day.isoformat() for day in thursdays}, (thursdays, in_closure)
    # Meetings before the closure still meet.
    assert any(not e["cancelled"] for e in classes if date.fromisoformat(e["date"]) < start) or (
        start == today
    ), classes

    # A makeup: Lisa misses a Thursday before the closure; no closure day is offered, and the
    # Saturday class of her level cannot be booked on a closure day.
    absent_from = next((e for e in classes if e["classId"] == weekly and e["canMarkAbsent"]), None)
    if absent_from is None:
        return  # no Thursday left that she can miss (the term ends soon)
    marked = marge.post(
        "/family/absences",
        {"studentId": absent_from["studentId"], "classId": weekly, "dates": [absent_from["date"]]},
        str(uuid.uuid4()),
    )
    assert marked.status_code == 201 and marked.json()["creditsEarned"] == 1, marked.text
    credit = marge.get("/family/makeups").json()["credits"][0]
    options = marge.get("/family/makeups/options", creditId=credit["id"]).json()["options"]
    assert not [o for o in options if start <= date.fromisoformat(o["date"]) <= last], options
    expires = date.fromisoformat(credit["expiresOn"])
    for day in _meetings(portal, saturday, SATURDAY, start, min(last, expires)):
        refused = marge.post(
            "/family/makeups",
            {"creditId": credit["id"], "classId": saturday, "date": day.isoformat()},
            str(uuid.uuid4()),
        )
        assert refused.status_code == 400, refused.text
        assert refused.json()["reason"] == "not_eligible", refused.text


@pytest.mark.calendar
def test_no_private_lesson_is_offered_in_the_holiday_closure(api, portal):
    """Appointment slots at either gym: none on a closure day, some the week before or after."""
    today, start, last = _closure_ahead()
    with portal.session_factory() as session:
        types = [(t.id, t.location_id) for t in session.scalars(select(AppointmentType))]
    assert types
    offered_around = 0
    for type_id, location_id in types:
        slots = api.get(
            f"{V1}/appointments/slots",
            params={
                "locationId": location_id,
                "typeId": type_id,
                "from": max(today, start - timedelta(days=7)).isoformat(),
                "to": (last + timedelta(days=7)).isoformat(),
            },
        )
        assert slots.status_code == 200, slots.text
        days = [date.fromisoformat(s["date"]) for s in slots.json()["slots"]]
        assert not [d for d in days if start <= d <= last], (type_id, days)
        offered_around += len(days)
    assert offered_around > 0
