"""Shortcuts for self check-in (docs/checkin-contract.md), for the portal's tests and for the
kiosk's UI tests and benchmarks: a class meeting today around now, punch passes, identify and
check in over HTTP.

    from tests.portal.checkin_helpers import class_today
    class_id = class_today(portal, 10)        # Bart: in the window now (opens 30 min before)
    class_today(portal, -5)                   # started 5 minutes ago: open, tardy
    class_today(portal, 45)                   # too early; class_today(portal, -20): closed

`portal` is anything with a `session_factory` on the demo database (EmbeddedPortal).
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select

from portal.models import (
    ClassOffering,
    Enrollment,
    Family,
    Organisation,
    OrganisationSettings,
    PunchPass,
    Student,
)
from portal.seed import DEMO_ACCOUNT
from portal.services import schedule
from tests.clock_helpers import now
from tests.portal.helpers import V1

DEVICE = "kiosk-lobby"
_names = itertools.count(1)


def _org_id(session: Any) -> int:
    return int(
        session.scalars(select(Organisation.id).where(Organisation.account == DEMO_ACCOUNT)).one()
    )


def midday(portal: Any) -> str:
    """Make the facility's clock read between 06:00 and 18:00 by giving the demo a fixed-offset
    time zone (Etc/GMT±N), so a class some minutes from now is today whatever the hour the
    tests run at. Left alone when the clock already reads so. Returns the time zone."""
    with portal.session_factory.begin() as session:
        org_id = _org_id(session)
        settings = session.scalars(
            select(OrganisationSettings).where(OrganisationSettings.organisation_id == org_id)
        ).one()
        if 6 <= schedule.facility_now(session, org_id).hour < 18:
            return str(settings.timezone)
        east = 12 - now().hour  # hours east of UTC that read about noon
        settings.timezone = f"Etc/GMT{-east:+d}"  # the Etc names count west as positive
        return str(settings.timezone)


def facility_now(portal: Any) -> datetime:
    with portal.session_factory() as session:
        return schedule.facility_now(session, _org_id(session))


def student_id(portal: Any, first_name: str, family: str = "Simpson") -> int:
    with portal.session_factory() as session:
        return int(
            session.scalars(
                select(Student.id)
                .join(Family, Family.id == Student.family_id)
                .where(Family.name == family, Student.first_name == first_name)
            ).one()
        )


def class_today(
    portal: Any,
    minutes_from_now: int,
    *,
    students: Iterable[str] = ("Bart",),
    family: str = "Simpson",
    name: str | None = None,
    capacity: int = 10,
    minutes: int = 60,
    ages: tuple[int | None, int | None] = (None, None),
    keep_midday: bool = True,
) -> int:
    """A class meeting today (facility time) that starts `minutes_from_now` minutes from now,
    to the minute (0 or less: it has started, so checking in is tardy), with `students` (first
    names in `family`) enrolled. Returns its id.

    With the demo's window (opens 30 minutes before the start, closes 15 after): 10 -> open,
    -5 -> open and tardy, 45 -> too early, -20 -> closed. `keep_midday` first calls `midday()`
    so the class is today at any hour; without it, near midnight the start may fall on another
    day (AssertionError)."""
    if keep_midday:
        midday(portal)
    with portal.session_factory.begin() as session:
        org_id = _org_id(session)
        now = schedule.facility_now(session, org_id)
        start = now.replace(second=0, microsecond=0) + timedelta(minutes=minutes_from_now)
        assert start.date() == now.date(), "the start is not today: use keep_midday"
        begin = start.hour * 60 + start.minute
        end = min(begin + minutes, 23 * 60 + 59)
        today = now.date()
        location_id = session.scalars(
            select(OrganisationSettings.default_location_id).where(
                OrganisationSettings.organisation_id == org_id
            )
        ).one()
        kids = list(
            session.scalars(
                select(Student)
                .join(Family, Family.id == Student.family_id)
                .where(Family.name == family, Student.first_name.in_(list(students)))
            )
        )
        cls = ClassOffering(
            organisation_id=org_id,
            location_id=location_id,
            name=name or f"Check-in Class {next(_names)}",
            schedule=[
                {
                    "dayNumber": schedule.day_number(today),
                    "startTime": schedule.from_minutes(begin),
                    "endTime": schedule.from_minutes(end),
                }
            ],
            min_age_months=ages[0],
            max_age_months=ages[1],
            capacity=capacity,
            enrolled=len(kids),
            start_date=today - timedelta(days=30),
            end_date=today + timedelta(days=30),
        )
        session.add(cls)
        session.flush()
        session.add_all(
            Enrollment(organisation_id=org_id, student_id=kid.id, class_id=cls.id) for kid in kids
        )
        return int(cls.id)


def give_pass(
    portal: Any,
    first_name: str,
    punches: int,
    *,
    family: str = "Simpson",
    expires_on: date | None = None,
) -> int:
    """A punch pass for the student with `punches` left. Returns its id."""
    kid = student_id(portal, first_name, family)
    with portal.session_factory.begin() as session:
        row = PunchPass(
            organisation_id=_org_id(session),
            student_id=kid,
            punches_total=max(punches, 1),
            punches_left=punches,
            expires_on=expires_on,
        )
        session.add(row)
        session.flush()
        return int(row.id)


def punches_left(portal: Any, first_name: str, family: str = "Simpson") -> int:
    kid = student_id(portal, first_name, family)
    with portal.session_factory() as session:
        return sum(
            session.scalars(select(PunchPass.punches_left).where(PunchPass.student_id == kid))
        )


# --------------------------------------------------------------------------- over HTTP


def identify(
    api: httpx.Client, method: str, value: Any, device: str | None = DEVICE
) -> httpx.Response:
    body: dict[str, Any] = {"method": method, "value": value}
    if device is not None:
        body["deviceId"] = device
    return api.post(f"{V1}/checkin/identify", json=body)


def family_for(
    api: httpx.Client, method: str = "pin", value: str = "4321", device: str = DEVICE
) -> dict[str, Any]:
    """The one family `value` identifies (asserting there is exactly one)."""
    response = identify(api, method, value, device)
    assert response.status_code == 200, response.text
    (family,) = response.json()["families"]
    return dict(family)


def classes_of(family: dict[str, Any], student: str) -> dict[int, dict[str, Any]]:
    """class id -> the class as the family's view shows it, for the student (first name)."""
    for entry in family["students"]:
        if entry["displayName"].split()[0] == student:
            return {c["classId"]: c for c in entry["classes"]}
    raise AssertionError(f"no student {student} in {family['familyName']}")


def check_in(
    api: httpx.Client,
    token: str,
    items: Iterable[tuple[int, int]],
    *,
    key: str | None = None,
    method: str = "pin",
) -> httpx.Response:
    """POST /checkin for (student id, class id) items, with a fresh Idempotency-Key unless
    `key` is given."""
    body = {
        "checkInToken": token,
        "items": [{"studentId": s, "classId": c} for s, c in items],
        "method": method,
    }
    return api.post(
        f"{V1}/checkin", json=body, headers={"Idempotency-Key": key or str(uuid.uuid4())}
    )
