"""Dates and times at the facility: class meetings, appointment slots, party times, Coming Up.

"Today" is the facility's day (the organisation's time zone), not the server's. Times of day are
"HH:MM" strings as everywhere in the contract; day numbers are 1 = Sunday .. 7 = Saturday.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from portal import schemas
from portal.core.clock import clock, zone_named
from portal.models import (
    Absence,
    AppointmentBooking,
    AppointmentType,
    Camp,
    CampEnrollment,
    CartItem,
    ClassCancellation,
    ClassOffering,
    Closure,
    Enrollment,
    Family,
    Location,
    MakeupBooking,
    MakeupCredit,
    OrganisationSettings,
    PartyAvailability,
    PartyBooking,
    PartyPackage,
    Staff,
    StaffAvailability,
    utcnow,
)

MAX_RANGE_DAYS = 62
_SLOT_ID_RE = re.compile(r"(\d{1,10})-(\d{1,10})-(\d{8})-(\d{4})")


# --------------------------------------------------------------------------- clock


_TIMEZONE = select(OrganisationSettings.timezone).where(
    OrganisationSettings.organisation_id == bindparam("organisation_id")
)


def zone_of(session: Session, organisation_id: int) -> tzinfo:
    name = session.scalars(_TIMEZONE, {"organisation_id": organisation_id}).first()
    return zone_named(name)


def facility_now(session: Session, organisation_id: int, now: datetime | None = None) -> datetime:
    """Now (or `now`) at the organisation's facility, from the portal's clock."""
    zone = zone_of(session, organisation_id)
    return now.astimezone(zone) if now is not None else clock.local_now(zone)


def facility_today(session: Session, organisation_id: int) -> date:
    return facility_now(session, organisation_id).date()


def day_number(day: date) -> int:
    """1 = Sunday .. 7 = Saturday (the contract's numbering)."""
    return (day.weekday() + 1) % 7 + 1


def day_name(day: date) -> str:
    return schemas.DAY_NAMES[day_number(day) - 1]


def to_minutes(hhmm: str) -> int:
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


def from_minutes(total: int) -> str:
    return f"{total // 60:02d}:{total % 60:02d}"


def twelve_hour(hhmm: str) -> str:
    total = to_minutes(hhmm)
    hours, mins = divmod(total, 60)
    suffix = "AM" if hours < 12 else "PM"
    return f"{(hours % 12) or 12}:{mins:02d} {suffix}"


def short_date(day: date) -> str:
    return f"{day:%b} {day.day}"


def long_date(day: date) -> str:
    return f"{day_name(day)} {day:%b} {day.day}"


def day_words(day: date) -> str:
    """ "Thu, Dec 10", as a sentence says a date."""
    return f"{day_name(day)}, {day:%b} {day.day}"


def overlaps(a_start: str, a_end: str, b_start: str, b_end: str) -> bool:
    return to_minutes(a_start) < to_minutes(b_end) and to_minutes(b_start) < to_minutes(a_end)


def days_between(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


# --------------------------------------------------------------------------- classes


def class_slots(cls: ClassOffering) -> list[dict[str, str | int]]:
    return [s for s in cls.schedule or [] if isinstance(s, dict) and "dayNumber" in s]


def class_meetings(
    cls: ClassOffering, start: date, end: date
) -> Iterator[tuple[date, dict[str, str | int]]]:
    """(date, schedule slot) of every meeting between start and end (inclusive)."""
    if cls.start_date is not None:
        start = max(start, cls.start_date)
    if cls.end_date is not None:
        end = min(end, cls.end_date)
    slots = class_slots(cls)
    for day in days_between(start, end):
        for slot in slots:
            if int(slot["dayNumber"]) == day_number(day):
                yield day, slot


def first_meeting(cls: ClassOffering, on_or_after: date) -> date | None:
    horizon = cls.end_date or on_or_after + timedelta(days=366)
    for day, _slot in class_meetings(cls, on_or_after, horizon):
        return day
    return None


def schedule_text(cls: ClassOffering) -> str:
    """ "Mon 4:30 PM – 5:30 PM" (several slots joined by commas)."""
    parts = []
    for slot in class_slots(cls):
        name = schemas.DAY_NAMES[int(slot["dayNumber"]) - 1]
        parts.append(
            f"{name} {twelve_hour(str(slot['startTime']))} – {twelve_hour(str(slot['endTime']))}"
        )
    return ", ".join(parts)


# --------------------------------------------------------------------------- closures


def closed_days(
    session: Session, organisation_id: int, location_id: int, start: date, end: date
) -> set[date]:
    """The days from start through end that the location is closed (its own closures and the
    whole organisation's)."""
    rows = session.execute(
        select(Closure.first_day, Closure.last_day).where(
            Closure.organisation_id == organisation_id,
            or_(Closure.location_id.is_(None), Closure.location_id == location_id),
            Closure.first_day <= end,
            Closure.last_day >= start,
        )
    ).all()
    return {day for first, last in rows for day in days_between(max(first, start), min(last, end))}


# --------------------------------------------------------------------------- appointments


@dataclass(frozen=True)
class SlotKey:
    type_id: int
    staff_id: int
    day: date
    start: str

    @property
    def id(self) -> str:
        return f"{self.type_id}-{self.staff_id}-{self.day:%Y%m%d}-{self.start.replace(':', '')}"


def parse_slot_id(text: str) -> SlotKey | None:
    match = _SLOT_ID_RE.fullmatch(text)
    if match is None:
        return None
    type_id, staff_id, day_text, time_text = match.groups()
    try:
        day = datetime.strptime(day_text, "%Y%m%d").date()
    except ValueError:
        return None
    hours, mins = int(time_text[:2]), int(time_text[2:])
    if hours > 23 or mins > 59:
        return None
    return SlotKey(int(type_id), int(staff_id), day, f"{hours:02d}:{mins:02d}")


@dataclass(frozen=True)
class Slot:
    key: SlotKey
    end: str
    staff_name: str
    location_id: int
    available: bool


def _busy_staff(
    session: Session,
    organisation_id: int,
    staff_ids: Iterable[int],
    start: date,
    end: date,
    now: datetime,
    exclude_item_id: int | None,
) -> dict[tuple[int, date], list[tuple[str, str]]]:
    """(staff, day) -> [(start, end)] booked or held by a live cart hold."""
    ids = list(staff_ids)
    busy: dict[tuple[int, date], list[tuple[str, str]]] = {}
    bookings = session.execute(
        select(
            AppointmentBooking.staff_id,
            AppointmentBooking.day,
            AppointmentBooking.start_time,
            AppointmentBooking.end_time,
        ).where(
            AppointmentBooking.staff_id.in_(ids),
            AppointmentBooking.day >= start,
            AppointmentBooking.day <= end,
        )
    ).all()
    held = session.execute(
        select(CartItem.staff_id, CartItem.day, CartItem.start_time, CartItem.end_time).where(
            CartItem.organisation_id == organisation_id,
            CartItem.kind == "appointment",
            CartItem.seat_held.is_(True),
            CartItem.hold_expires_at > now,
            CartItem.staff_id.in_(ids),
            CartItem.day >= start,
            CartItem.day <= end,
            CartItem.id != (exclude_item_id or 0),
        )
    ).all()
    for staff_id, day, begin, finish in [*bookings, *held]:
        if staff_id is not None and day is not None and begin and finish:
            busy.setdefault((staff_id, day), []).append((begin, finish))
    return busy


def appointment_slots(
    session: Session,
    organisation_id: int,
    location_id: int,
    appointment_type: AppointmentType,
    start: date,
    end: date,
    *,
    exclude_item_id: int | None = None,
) -> list[Slot]:
    """Slots of `appointment_type` from the coaches' weekly availability at the location; a
    slot that overlaps a booking or a live cart hold of the same coach is not available. Slots
    that have begun, and days the location is closed, are left out."""
    now = utcnow()
    local_now = facility_now(session, organisation_id, now)
    staff_ids = [int(s) for s in appointment_type.staff_ids or []]
    if not staff_ids:
        return []
    staff = {
        s.id: s
        for s in session.scalars(
            select(Staff).where(Staff.id.in_(staff_ids), Staff.organisation_id == organisation_id)
        )
    }
    windows = session.scalars(
        select(StaffAvailability)
        .where(
            StaffAvailability.staff_id.in_(list(staff)),
            StaffAvailability.location_id == location_id,
        )
        .order_by(StaffAvailability.start_time, StaffAvailability.staff_id)
    ).all()
    busy = _busy_staff(session, organisation_id, staff, start, end, now, exclude_item_id)
    duration = max(5, appointment_type.duration_minutes)
    closed = closed_days(session, organisation_id, location_id, start, end)
    slots: list[Slot] = []
    for day in days_between(start, end):
        if day in closed:
            continue
        for window in windows:
            if window.day_number != day_number(day):
                continue
            begin = to_minutes(window.start_time)
            while begin + duration <= to_minutes(window.end_time):
                slot_start, slot_end = from_minutes(begin), from_minutes(begin + duration)
                begin += duration
                if (day, slot_start) <= (local_now.date(), local_now.strftime("%H:%M")):
                    continue
                taken = any(
                    overlaps(slot_start, slot_end, b, e)
                    for b, e in busy.get((window.staff_id, day), [])
                )
                slots.append(
                    Slot(
                        key=SlotKey(appointment_type.id, window.staff_id, day, slot_start),
                        end=slot_end,
                        staff_name=staff[window.staff_id].full_name,
                        location_id=location_id,
                        available=not taken,
                    )
                )
    slots.sort(key=lambda s: (s.key.day, s.key.start, s.staff_name))
    return slots


# --------------------------------------------------------------------------- parties


def party_times(
    session: Session,
    organisation_id: int,
    location_id: int,
    start: date,
    end: date,
    *,
    exclude_item_id: int | None = None,
) -> dict[date, list[str]]:
    """Party start times still free per date: the offered times minus booked parties and live
    cart holds; times that have passed are left out."""
    now = utcnow()
    local_now = facility_now(session, organisation_id, now)
    rows = session.scalars(
        select(PartyAvailability)
        .where(
            PartyAvailability.location_id == location_id,
            PartyAvailability.day >= max(start, local_now.date()),
            PartyAvailability.day <= end,
        )
        .order_by(PartyAvailability.day)
    ).all()
    taken: set[tuple[date, str]] = set()
    for day, begin in session.execute(
        select(PartyBooking.day, PartyBooking.start_time).where(
            PartyBooking.location_id == location_id,
            PartyBooking.day >= start,
            PartyBooking.day <= end,
        )
    ):
        taken.add((day, begin))
    for held_day, held_start in session.execute(
        select(CartItem.day, CartItem.start_time).where(
            CartItem.organisation_id == organisation_id,
            CartItem.kind == "party",
            CartItem.seat_held.is_(True),
            CartItem.hold_expires_at > now,
            CartItem.location_id == location_id,
            CartItem.id != (exclude_item_id or 0),
        )
    ):
        if held_day is not None and held_start:
            taken.add((held_day, held_start))
    result: dict[date, list[str]] = {}
    for row in rows:
        times = sorted(
            t
            for t in row.start_times or []
            if isinstance(t, str)
            and (row.day, t) not in taken
            and (row.day, t) > (local_now.date(), local_now.strftime("%H:%M"))
        )
        if times:
            result[row.day] = times
    return result


# --------------------------------------------------------------------------- Coming Up


def coming_up(
    session: Session,
    family: Family,
    today: date,
    days: int,
    limit: int,
    *,
    now: datetime | None = None,
    absence_cutoff: timedelta = timedelta(0),
) -> list[schemas.ComingUpEvent]:
    """The family's class meetings (cancelled ones marked, absences marked, makeups added),
    camp days, appointments and parties from today through `days` - 1 days ahead, soonest
    first, at most `limit`. `now` (facility time) decides which meetings can still be marked
    absent or taken back (`absence_cutoff` before they start)."""
    end = today + timedelta(days=days - 1)

    def open_for_change(day: date, start: str) -> bool:
        if now is None:
            return False
        hours, minutes = (int(part) for part in start.split(":"))
        starts = datetime.combine(day, time(hours, minutes), tzinfo=now.tzinfo)
        return now <= starts - absence_cutoff

    students = {s.id: s for s in family.students}
    locations = {
        loc.id: loc.name
        for loc in session.scalars(
            select(Location).where(Location.organisation_id == family.organisation_id)
        )
    }
    events: list[schemas.ComingUpEvent] = []
    if students:
        enrollments = session.scalars(
            select(Enrollment).where(
                Enrollment.student_id.in_(list(students)), Enrollment.status == "enrolled"
            )
        ).all()
        class_ids = {e.class_id for e in enrollments}
        classes = {
            c.id: c
            for c in session.scalars(select(ClassOffering).where(ClassOffering.id.in_(class_ids)))
        }
        cancelled = {
            (c.class_id, c.day): c.reason
            for c in session.scalars(
                select(ClassCancellation).where(
                    ClassCancellation.class_id.in_(class_ids),
                    ClassCancellation.day >= today,
                    ClassCancellation.day <= end,
                )
            )
        }
        absent = {
            (a.student_id, a.class_id, a.day): (a.id, credit_id is not None)
            for a, credit_id in session.execute(
                select(Absence, MakeupCredit.id)
                .outerjoin(MakeupCredit, MakeupCredit.absence_id == Absence.id)
                .where(Absence.family_id == family.id, Absence.day >= today, Absence.day <= end)
            )
        }
        for enrollment in enrollments:
            cls = classes[enrollment.class_id]
            first = max(today, enrollment.start_date or today)
            for day, slot in class_meetings(cls, first, end):
                reason = cancelled.get((cls.id, day))
                absence = absent.get((enrollment.student_id, cls.id, day))
                changeable = reason is None and open_for_change(day, str(slot["startTime"]))
                events.append(
                    schemas.ComingUpEvent(
                        date=day,
                        start_time=str(slot["startTime"]),
                        end_time=str(slot["endTime"]),
                        kind="class",
                        title=cls.name,
                        student_name=students[enrollment.student_id].first_name,
                        location=locations.get(cls.location_id, ""),
                        cancelled=reason is not None,
                        note=reason or "",
                        class_id=cls.id,
                        student_id=enrollment.student_id,
                        status="absent" if absence else "scheduled",
                        absence_id=absence[0] if absence else None,
                        credit_earned=bool(absence and absence[1]),
                        can_mark_absent=changeable and absence is None,
                        can_take_back=changeable and absence is not None,
                    )
                )
        for makeup, cls in session.execute(
            select(MakeupBooking, ClassOffering)
            .join(ClassOffering, ClassOffering.id == MakeupBooking.class_id)
            .where(
                MakeupBooking.family_id == family.id,
                MakeupBooking.day >= today,
                MakeupBooking.day <= end,
            )
        ).all():
            for day, slot in class_meetings(cls, makeup.day, makeup.day):
                reason = cancelled.get((cls.id, day))
                student = students.get(makeup.student_id)
                events.append(
                    schemas.ComingUpEvent(
                        date=day,
                        start_time=str(slot["startTime"]),
                        end_time=str(slot["endTime"]),
                        kind="class",
                        title=cls.name,
                        student_name=student.first_name if student else "",
                        location=locations.get(cls.location_id, ""),
                        cancelled=reason is not None,
                        note=reason or "",
                        class_id=cls.id,
                        student_id=makeup.student_id,
                        status="makeup",
                    )
                )
        for camp_enrollment, camp in session.execute(
            select(CampEnrollment, Camp)
            .join(Camp, Camp.id == CampEnrollment.camp_id)
            .where(
                CampEnrollment.student_id.in_(list(students)),
                CampEnrollment.status == "enrolled",
            )
        ).all():
            for text in camp_enrollment.days or camp.days or []:
                day = date.fromisoformat(text)
                if today <= day <= end:
                    events.append(
                        schemas.ComingUpEvent(
                            date=day,
                            start_time=camp.daily_start,
                            end_time=camp.daily_end,
                            kind="camp",
                            title=camp.name,
                            student_name=students[camp_enrollment.student_id].first_name,
                            location=locations.get(camp.location_id, ""),
                            cancelled=False,
                        )
                    )
    for booking, appointment_type in session.execute(
        select(AppointmentBooking, AppointmentType)
        .join(AppointmentType, AppointmentType.id == AppointmentBooking.appointment_type_id)
        .where(
            AppointmentBooking.family_id == family.id,
            AppointmentBooking.day >= today,
            AppointmentBooking.day <= end,
        )
    ).all():
        student = students.get(booking.student_id)
        events.append(
            schemas.ComingUpEvent(
                date=booking.day,
                start_time=booking.start_time,
                end_time=booking.end_time,
                kind="appointment",
                title=appointment_type.name,
                student_name=student.first_name if student else "",
                location=locations.get(booking.location_id, ""),
                cancelled=False,
            )
        )
    for party, package in session.execute(
        select(PartyBooking, PartyPackage)
        .join(PartyPackage, PartyPackage.id == PartyBooking.package_id)
        .where(
            PartyBooking.family_id == family.id,
            PartyBooking.day >= today,
            PartyBooking.day <= end,
        )
    ).all():
        guest = students.get(party.guest_of_honor_student_id or 0)
        events.append(
            schemas.ComingUpEvent(
                date=party.day,
                start_time=party.start_time,
                end_time=party.end_time,
                kind="party",
                title=package.name,
                student_name=guest.first_name if guest else "",
                location=locations.get(party.location_id, ""),
                cancelled=False,
            )
        )
    events.sort(key=lambda e: (e.date, e.start_time, e.kind, e.title, e.student_name))
    return events[:limit]
