"""Future absences, makeup credits and makeup bookings (docs/absences-contract.md).

A class's seats on one date are `openings + absences - makeups` of that date; the net is kept
in the class row's `date_seats` (so the change feed carries it to every kiosk) and changed only
under the class row's lock, after the family's (portal.services.locks order), in the transaction
that writes the absence or the makeup: a freed seat is given once, however many families race
for it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal import schemas
from portal.models import (
    Absence,
    ClassCancellation,
    ClassOffering,
    Enrollment,
    Family,
    Guardian,
    Location,
    MakeupBooking,
    MakeupCredit,
    Organisation,
    OrganisationSettings,
    SpotWatch,
    Student,
    utcnow,
)
from portal.services import booking, locks, schedule, watches
from portal.services.errors import NotFound
from portal.services.watches import enrolled_in

ABSENCE_NOT_FOUND = "We could not find that absence."
CREDIT_NOT_FOUND = "We could not find that makeup credit."
WATCH_NOT_FOUND = "We could not find that alert."
MAX_OPTIONS = 40
OPTION_DAYS = 30


# --------------------------------------------------------------------------- helpers


def settings_of(session: Session, organisation_id: int) -> OrganisationSettings:
    found = session.scalars(
        select(OrganisationSettings).where(OrganisationSettings.organisation_id == organisation_id)
    ).first()
    return found if found is not None else OrganisationSettings(organisation_id=organisation_id)


def _cutoff(settings: OrganisationSettings) -> timedelta:
    return timedelta(minutes=max(int(settings.absence_cutoff_minutes or 0), 0))


def _local_now(session: Session, organisation_id: int) -> tuple[datetime, tzinfo]:
    zone = schedule.zone_of(session, organisation_id)
    return utcnow().astimezone(zone), zone


def meeting_slot(cls: ClassOffering, day: date) -> dict[str, Any] | None:
    for _day, slot in schedule.class_meetings(cls, day, day):
        return dict(slot)
    return None


def starts_at(day: date, slot: dict[str, Any], zone: tzinfo) -> datetime:
    hours, minutes = (int(part) for part in str(slot["startTime"]).split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=zone)


def before_cutoff(
    day: date, slot: dict[str, Any], now: datetime, zone: tzinfo, cutoff: timedelta
) -> bool:
    return now <= starts_at(day, slot, zone) - cutoff


def _cancelled(session: Session, class_id: int, day: date) -> bool:
    return (
        session.scalars(
            select(ClassCancellation.id).where(
                ClassCancellation.class_id == class_id, ClassCancellation.day == day
            )
        ).first()
        is not None
    )


def _student(session: Session, family: Family, student_id: int) -> Student:
    student = session.get(Student, student_id)
    if student is None or student.family_id != family.id:
        raise NotFound(booking.STUDENT_NOT_FOUND)
    return student


def _class(session: Session, organisation_id: int, class_id: int) -> ClassOffering:
    cls = locks.lock_rows(session, ClassOffering, [class_id]).get(class_id)
    if cls is None or cls.organisation_id != organisation_id:
        raise NotFound(booking.CLASS_NOT_FOUND)
    return cls


def _shift_seats(cls: ClassOffering, day: date, by: int, today: date) -> None:
    """Add `by` to the seats of one date (a new dict, so the change is seen and recorded);
    dates gone by are dropped."""
    seats = {k: int(v) for k, v in (cls.date_seats or {}).items() if k >= today.isoformat()}
    value = seats.get(day.isoformat(), 0) + by
    if value:
        seats[day.isoformat()] = value
    else:
        seats.pop(day.isoformat(), None)
    cls.date_seats = seats


def _location_name(session: Session, location_id: int) -> str:
    location = session.get(Location, location_id)
    return location.name if location is not None else ""


# --------------------------------------------------------------------------- absences


def _absence_out(
    session: Session, absence: Absence, credit: MakeupCredit | None
) -> schemas.AbsenceOut:
    cls = session.get(ClassOffering, absence.class_id)
    student = session.get(Student, absence.student_id)
    slot = meeting_slot(cls, absence.day) if cls is not None else None
    return schemas.AbsenceOut(
        id=absence.id,
        student_id=absence.student_id,
        student_name=student.first_name if student is not None else "",
        class_id=absence.class_id,
        class_name=cls.name if cls is not None else "",
        date=absence.day,
        start_time=str(slot["startTime"]) if slot else "",
        credit_earned=credit is not None,
        credit_id=credit.id if credit is not None else None,
    )


def _credits_this_session(session: Session, student_id: int, cls: ClassOffering) -> int:
    query = (
        select(func.count()).select_from(MakeupCredit).where(MakeupCredit.student_id == student_id)
    )
    if cls.session_id is not None:
        query = query.where(MakeupCredit.session_id == cls.session_id)
    else:
        query = query.where(MakeupCredit.class_id == cls.id)
    return int(session.scalar(query) or 0)


def mark_absent(
    session: Session, organisation: Organisation, family: Family, body: schemas.AbsencesIn
) -> schemas.AbsencesOut:
    locks.hold_family(session, family.id)
    student = _student(session, family, body.student_id)
    cls = _class(session, organisation.id, body.class_id)
    name = student.first_name
    enrollment = session.scalars(
        select(Enrollment).where(
            Enrollment.student_id == student.id,
            Enrollment.class_id == cls.id,
            Enrollment.status == "enrolled",
        )
    ).first()
    if enrollment is None:
        raise booking.Refused(f"{name} is not enrolled in this class.", "not_enrolled")
    settings = settings_of(session, organisation.id)
    now, zone = _local_now(session, organisation.id)
    today = now.date()
    made: list[tuple[Absence, MakeupCredit | None]] = []
    for day in sorted(set(body.dates)):
        words = schedule.day_words(day)
        slot = meeting_slot(cls, day)
        starts = enrollment.start_date
        if (
            slot is None
            or (starts is not None and day < starts)
            or _cancelled(session, cls.id, day)
        ):
            raise booking.Ineligible(
                f"The class does not meet on {words}.",
                "not_a_meeting",
                **booking.dated("not_a_meeting", day),
            )
        if not before_cutoff(day, slot, now, zone, _cutoff(settings)):
            raise booking.Ineligible(
                f"It is too late to mark {name} absent for {words}. Please call the front desk.",
                "cutoff",
                **booking.dated("absence_too_late", day, studentName=name),
            )
        exists = session.scalars(
            select(Absence.id).where(
                Absence.student_id == student.id, Absence.class_id == cls.id, Absence.day == day
            )
        ).first()
        if exists is not None:
            raise booking.Refused(
                f"{name} is already marked absent for {words}.",
                "already_absent",
                **booking.dated("already_absent", day, studentName=name),
            )
        absence = Absence(
            organisation_id=organisation.id,
            family_id=family.id,
            student_id=student.id,
            class_id=cls.id,
            day=day,
        )
        session.add(absence)
        session.flush()
        credit = None
        limit = int(settings.makeup_credits_per_session or 0)
        if settings.makeups_enabled and (
            limit == 0 or _credits_this_session(session, student.id, cls) < limit
        ):
            credit = MakeupCredit(
                organisation_id=organisation.id,
                family_id=family.id,
                student_id=student.id,
                class_id=cls.id,
                absence_day=day,
                absence_id=absence.id,
                session_id=cls.session_id,
                expires_on=today + timedelta(days=int(settings.makeup_credit_days or 0)),
            )
            session.add(credit)
            session.flush()
        _shift_seats(cls, day, +1, today)
        watches.date_seat_opened(session, cls, day, today)
        made.append((absence, credit))
    return schemas.AbsencesOut(
        absences=[_absence_out(session, a, c) for a, c in made],
        credits_earned=sum(1 for _a, c in made if c is not None),
    )


def take_back(
    session: Session, organisation: Organisation, family: Family, absence_id: int
) -> schemas.AbsencesOut:
    locks.hold_family(session, family.id)
    absence = session.get(Absence, absence_id)
    if absence is None or absence.family_id != family.id:
        raise NotFound(ABSENCE_NOT_FOUND)
    cls = _class(session, organisation.id, absence.class_id)
    student = session.get(Student, absence.student_id)
    name = student.first_name if student is not None else ""
    words = schedule.day_words(absence.day)
    settings = settings_of(session, organisation.id)
    now, zone = _local_now(session, organisation.id)
    slot = meeting_slot(cls, absence.day)
    if slot is None or not before_cutoff(absence.day, slot, now, zone, _cutoff(settings)):
        raise booking.Ineligible(
            f"It is too late to take back {name}'s absence for {words}. "
            "Please call the front desk.",
            "cutoff",
            **booking.dated("take_back_too_late", absence.day, studentName=name),
        )
    credit = session.scalars(
        select(MakeupCredit).where(MakeupCredit.absence_id == absence.id)
    ).first()
    if credit is not None and credit.used_at is not None:
        raise booking.Refused(
            "The makeup credit from this absence has been used, so it cannot be taken back.",
            "credit_used",
        )
    if cls.openings_on(absence.day) < 1:
        raise booking.Refused(
            f"{name}'s seat on {words} has been given to someone else, "
            "so the absence cannot be taken back.",
            "seat_taken",
            **booking.dated("seat_taken", absence.day, studentName=name),
        )
    out = _absence_out(session, absence, credit)
    if credit is not None:
        session.delete(credit)
    session.delete(absence)
    _shift_seats(cls, absence.day, -1, now.date())
    session.flush()
    return schemas.AbsencesOut(absences=[out], credits_earned=0)


# --------------------------------------------------------------------------- makeups


def _credit_status(credit: MakeupCredit, today: date) -> str:
    if credit.used_at is not None:
        return "used"
    return "expired" if credit.expires_on < today else "available"


def makeups_view(
    session: Session, organisation: Organisation, family: Family
) -> schemas.MakeupsOut:
    today = _local_now(session, organisation.id)[0].date()
    students = {s.id: s for s in family.students}
    classes: dict[int, ClassOffering | None] = {}

    def cls_of(class_id: int) -> ClassOffering | None:
        if class_id not in classes:
            classes[class_id] = session.get(ClassOffering, class_id)
        return classes[class_id]

    credits = list(
        session.scalars(
            select(MakeupCredit)
            .where(MakeupCredit.family_id == family.id)
            .order_by(MakeupCredit.id.desc())
        )
    )
    order = {"available": 0, "used": 1, "expired": 2}
    credits.sort(key=lambda c: order[_credit_status(c, today)])
    credit_out = []
    for credit in credits:
        cls = cls_of(credit.class_id)
        student = students.get(credit.student_id)
        credit_out.append(
            schemas.MakeupCreditOut(
                id=credit.id,
                student_id=credit.student_id,
                student_name=student.first_name if student else "",
                class_id=credit.class_id,
                class_name=cls.name if cls else "",
                absence_date=credit.absence_day,
                expires_on=credit.expires_on,
                status=_credit_status(credit, today),
            )
        )
    makeup_out = [
        _makeup_out(session, m, students.get(m.student_id), cls_of(m.class_id))
        for m in session.scalars(
            select(MakeupBooking)
            .where(MakeupBooking.family_id == family.id, MakeupBooking.day >= today)
            .order_by(MakeupBooking.day, MakeupBooking.id)
        )
    ]
    return schemas.MakeupsOut(credits=credit_out, makeups=makeup_out)


def _makeup_out(
    session: Session,
    makeup: MakeupBooking,
    student: Student | None,
    cls: ClassOffering | None,
) -> schemas.MakeupOut:
    slot = meeting_slot(cls, makeup.day) if cls is not None else None
    return schemas.MakeupOut(
        id=makeup.id,
        student_id=makeup.student_id,
        student_name=student.first_name if student else "",
        class_id=makeup.class_id,
        class_name=cls.name if cls else "",
        date=makeup.day,
        start_time=str(slot["startTime"]) if slot else "",
        end_time=str(slot["endTime"]) if slot else "",
        location=_location_name(session, cls.location_id) if cls else "",
    )


def _family_credit(session: Session, family: Family, credit_id: int) -> MakeupCredit:
    credit = session.get(MakeupCredit, credit_id)
    if credit is None or credit.family_id != family.id:
        raise NotFound(CREDIT_NOT_FOUND)
    return credit


def _candidate_classes(session: Session, source: ClassOffering) -> list[ClassOffering]:
    query = select(ClassOffering).where(
        ClassOffering.organisation_id == source.organisation_id,
        ClassOffering.active.is_(True),
        ClassOffering.program_id == source.program_id,
    )
    if source.level_id is not None:
        query = query.where(ClassOffering.level_id == source.level_id)
    return list(session.scalars(query.order_by(ClassOffering.id)))


def _eligible_meeting(
    session: Session,
    student: Student,
    cls: ClassOffering,
    day: date,
    *,
    now: datetime,
    zone: tzinfo,
    cutoff: timedelta,
    last_day: date,
) -> dict[str, Any] | None:
    """The meeting's slot when the student can make up in `cls` on `day` (seats aside)."""
    if day > last_day or not cls.active:
        return None
    slot = meeting_slot(cls, day)
    if slot is None or not before_cutoff(day, slot, now, zone, cutoff):
        return None
    if not booking.age_fits(student, cls.min_age_months, cls.max_age_months, day):
        return None
    if enrolled_in(session, student.id, cls.id) or _cancelled(session, cls.id, day):
        return None
    taken = session.scalars(
        select(MakeupBooking.id).where(
            MakeupBooking.student_id == student.id,
            MakeupBooking.class_id == cls.id,
            MakeupBooking.day == day,
        )
    ).first()
    return None if taken is not None else slot


def makeup_options(
    session: Session, organisation: Organisation, family: Family, credit_id: int
) -> schemas.MakeupOptions:
    credit = _family_credit(session, family, credit_id)
    now, zone = _local_now(session, organisation.id)
    today = now.date()
    if _credit_status(credit, today) != "available":
        return schemas.MakeupOptions(options=[])
    student = _student(session, family, credit.student_id)
    source = session.get(ClassOffering, credit.class_id)
    if source is None:
        return schemas.MakeupOptions(options=[])
    cutoff = _cutoff(settings_of(session, organisation.id))
    last_day = min(credit.expires_on, today + timedelta(days=OPTION_DAYS))
    options: list[schemas.MakeupOption] = []
    for cls in _candidate_classes(session, source):
        for day, _slot in schedule.class_meetings(cls, today, last_day):
            slot = _eligible_meeting(
                session,
                student,
                cls,
                day,
                now=now,
                zone=zone,
                cutoff=cutoff,
                last_day=last_day,
            )
            seats = cls.openings_on(day)
            if slot is None or seats < 1:
                continue
            options.append(
                schemas.MakeupOption(
                    class_id=cls.id,
                    class_name=cls.name,
                    date=day,
                    start_time=str(slot["startTime"]),
                    end_time=str(slot["endTime"]),
                    location=_location_name(session, cls.location_id),
                    open_seats=seats,
                )
            )
    options.sort(key=lambda o: (o.date, o.start_time, o.class_name, o.class_id))
    return schemas.MakeupOptions(options=options[:MAX_OPTIONS])


def book_makeup(
    session: Session, organisation: Organisation, family: Family, body: schemas.MakeupIn
) -> schemas.MakeupOut:
    locks.hold_family(session, family.id)
    credit = _family_credit(session, family, body.credit_id)
    session.refresh(credit)
    student = _student(session, family, credit.student_id)
    cls = _class(session, organisation.id, body.class_id)
    now, zone = _local_now(session, organisation.id)
    today = now.date()
    if credit.used_at is not None:
        raise booking.Refused("That makeup credit has already been used.", "credit_used")
    if credit.expires_on < today:
        raise booking.Ineligible(
            f"That makeup credit expired on {schedule.short_date(credit.expires_on)}.",
            "credit_expired",
            **booking.dated("credit_expired", credit.expires_on),
        )
    source = session.get(ClassOffering, credit.class_id)
    same_kind = source is not None and cls.id in {c.id for c in _candidate_classes(session, source)}
    slot = _eligible_meeting(
        session,
        student,
        cls,
        body.date,
        now=now,
        zone=zone,
        cutoff=_cutoff(settings_of(session, organisation.id)),
        last_day=credit.expires_on,
    )
    if not same_kind or slot is None or body.date < today:
        raise booking.Ineligible(
            f"{student.first_name} cannot make up in this class on that date.", "not_eligible"
        )
    if cls.openings_on(body.date) < 1:
        raise booking.Refused(
            f"That class is full on {schedule.day_words(body.date)}. Please choose another date.",
            "full",
            **booking.dated("full_on_date", body.date),
        )
    makeup = MakeupBooking(
        organisation_id=organisation.id,
        family_id=family.id,
        student_id=student.id,
        class_id=cls.id,
        day=body.date,
        credit_id=credit.id,
    )
    session.add(makeup)
    credit.used_at = utcnow()
    _shift_seats(cls, body.date, -1, today)
    session.flush()
    return _makeup_out(session, makeup, student, cls)


# --------------------------------------------------------------------------- watches


def _watch_out(session: Session, watch: SpotWatch) -> schemas.WatchOut:
    cls = session.get(ClassOffering, watch.class_id)
    student = session.get(Student, watch.student_id)
    return schemas.WatchOut(
        id=watch.id,
        class_id=watch.class_id,
        class_name=cls.name if cls else "",
        student_id=watch.student_id,
        student_name=student.first_name if student else "",
        created_at=watch.created_at,
        alert=watch.alert,
    )


def _family_watches(session: Session, family: Family) -> list[SpotWatch]:
    return list(
        session.scalars(
            select(SpotWatch)
            .where(SpotWatch.family_id == family.id, SpotWatch.ended_at.is_(None))
            .order_by(SpotWatch.id)
        )
    )


def watches_view(
    session: Session, organisation: Organisation, family: Family
) -> schemas.WatchesOut:
    """The family's active watches; watches whose student got in or whose class ended end here."""
    today = _local_now(session, organisation.id)[0].date()
    now = utcnow()
    active = []
    for watch in _family_watches(session, family):
        cls = session.get(ClassOffering, watch.class_id)
        if (
            cls is None
            or (cls.end_date is not None and cls.end_date < today)
            or enrolled_in(session, watch.student_id, watch.class_id)
        ):
            watch.ended_at = now
            continue
        active.append(watch)
    return schemas.WatchesOut(watches=[_watch_out(session, w) for w in active])


def add_watch(
    session: Session,
    organisation: Organisation,
    family: Family,
    guardian: Guardian,
    body: schemas.WatchIn,
) -> schemas.WatchOut:
    locks.hold_family(session, family.id)
    student = _student(session, family, body.student_id)
    cls = _class(session, organisation.id, body.class_id)
    name = student.first_name
    today = _local_now(session, organisation.id)[0].date()
    if not cls.active or (cls.end_date is not None and cls.end_date < today):
        raise NotFound(booking.CLASS_NOT_FOUND)
    if enrolled_in(session, student.id, cls.id):
        raise booking.Refused(f"{name} is already enrolled in this class.", "already_enrolled")
    if cls.openings > 0:
        raise booking.Refused(f"{name} can book this class now: it has room.", "has_openings")
    for watch in _family_watches(session, family):
        if watch.class_id == cls.id and watch.student_id == student.id:
            raise booking.Refused(
                f"You are already watching this class for {name}.", "already_watching"
            )
    first = schedule.first_meeting(cls, today) or today
    if not booking.age_fits(student, cls.min_age_months, cls.max_age_months, first):
        raise booking.Ineligible(f"{name} is not the right age for this class.", "age")
    watch = SpotWatch(
        organisation_id=organisation.id,
        family_id=family.id,
        student_id=student.id,
        class_id=cls.id,
        guardian_id=guardian.id,
    )
    session.add(watch)
    session.flush()
    return _watch_out(session, watch)


def stop_watch(
    session: Session, organisation: Organisation, family: Family, watch_id: int
) -> schemas.WatchesOut:
    watch = session.get(SpotWatch, watch_id)
    if watch is None or watch.family_id != family.id or watch.ended_at is not None:
        raise NotFound(WATCH_NOT_FOUND)
    watch.ended_at = utcnow()
    session.flush()
    return watches_view(session, organisation, family)


def alerts_view(session: Session, family: Family) -> schemas.AlertsOut:
    found = session.scalars(
        select(SpotWatch)
        .where(SpotWatch.family_id == family.id, SpotWatch.alert.is_not(None))
        .order_by(SpotWatch.notified_at, SpotWatch.id)
    )
    alerts = []
    for watch in found:
        out = _watch_out(session, watch)
        alerts.append(
            schemas.AlertOut(
                watch_id=watch.id,
                class_name=out.class_name,
                student_name=out.student_name,
                message=watch.alert or "",
            )
        )
    return schemas.AlertsOut(alerts=alerts)


def alerts_seen(session: Session, family: Family, watch_ids: list[int]) -> schemas.AlertsOut:
    if watch_ids:
        for watch in session.scalars(
            select(SpotWatch).where(SpotWatch.family_id == family.id, SpotWatch.id.in_(watch_ids))
        ):
            watch.alert = None
        session.flush()
    return alerts_view(session, family)
