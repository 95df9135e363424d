"""Classes in the cart: a line described, added (age, registration, conflicts, seats), booked."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal import schemas
from portal.models import (
    CartItem,
    ClassOffering,
    Enrollment,
    Student,
)
from portal.services import locks, schedule
from portal.services.booking.core import (
    _CART_CLASS_IDS,
    _ENROLLED_CLASS_IDS,
    _ENROLLMENT,
    CLASS_NOT_FOUND,
    CheckoutRefused,
    Ineligible,
    Line,
    Refused,
    _Add,
    _check_age,
    _check_registration,
    _Checkout,
    _full,
    _require,
    _student,
)
from portal.services.errors import (
    FieldError,
    NotFound,
)


def _plural_schedule(cls: ClassOffering) -> str:
    parts = []
    for slot in schedule.class_slots(cls):
        name = schemas.DAY_NAMES[int(slot["dayNumber"]) - 1]
        plural = {"Mon": "Mondays", "Tue": "Tuesdays", "Wed": "Wednesdays", "Thu": "Thursdays"}
        plural.update({"Fri": "Fridays", "Sat": "Saturdays", "Sun": "Sundays"})
        parts.append(f"{plural[name]} {schedule.twelve_hour(str(slot['startTime']))}")
    return ", ".join(parts)


def describe(session: Session, item: CartItem, student: Student | None) -> Line:
    cls = session.get(ClassOffering, item.class_id or 0)
    assert cls is not None  # the line is deleted with its class
    start = item.day
    when = _plural_schedule(cls)
    if start is not None:
        when = f"{when} from {schedule.short_date(start)}"
    return Line(
        item,
        cls.name,
        schedule.schedule_text(cls),
        student,
        cls.id,
        start,
        [],
        0 if item.waitlist else (cls.tuition_cents or 0),
        when=when,
        refs={"class": cls},
        when_data=schemas.WhenData(
            start_date=start,
            weekly=[
                schemas.WeeklyTime(
                    day_number=int(slot["dayNumber"]),
                    start_time=str(slot["startTime"]),
                    end_time=str(slot["endTime"]),
                )
                for slot in schedule.class_slots(cls)
            ],
        ),
    )


def _time_conflict(add: _Add, student: Student, cls: ClassOffering, start: date) -> str | None:
    """ "Mon 4:30 PM" of another class of the student (enrolled, or held in the cart) that
    meets at the same time in an overlapping date range."""
    session = add.session
    other_ids = set(session.scalars(_ENROLLED_CLASS_IDS, {"student_id": student.id}))
    other_ids |= set(
        i
        for i in session.scalars(
            _CART_CLASS_IDS, {"family_id": add.family.id, "student_id": student.id}
        )
        if i is not None
    )
    other_ids.discard(cls.id)
    if not other_ids:
        return None
    mine = schedule.class_slots(cls)
    for other in session.scalars(
        select(ClassOffering).where(ClassOffering.id.in_(other_ids)).order_by(ClassOffering.id)
    ):
        if other.end_date is not None and other.end_date < start:
            continue
        if (
            cls.end_date is not None
            and other.start_date is not None
            and other.start_date > cls.end_date
        ):
            continue
        for theirs in schedule.class_slots(other):
            for slot in mine:
                if int(slot["dayNumber"]) == int(theirs["dayNumber"]) and schedule.overlaps(
                    str(slot["startTime"]),
                    str(slot["endTime"]),
                    str(theirs["startTime"]),
                    str(theirs["endTime"]),
                ):
                    name = schemas.DAY_NAMES[int(theirs["dayNumber"]) - 1]
                    return f"{name} {schedule.twelve_hour(str(theirs['startTime']))}"
    return None


def seats_for_enrollment(cls: ClassOffering, start: date) -> int:
    """An ongoing seat must be free on every meeting from `start`: makeups may have taken
    the class's free seats of some dates (docs/absences-contract.md)."""
    dates = [date.fromisoformat(day) for day in (cls.date_seats or {})]
    return min([cls.openings] + [cls.openings_on(day) for day in dates if day >= start])


def add(add: _Add) -> None:
    body, session, today = add.body, add.session, add.clock.today
    assert isinstance(body, schemas.ClassItemIn)  # the cart picks the adder by kind
    errors = []
    if body.class_id is None:
        errors.append(FieldError("classId", "Please choose a class."))
    if body.student_id is None:
        errors.append(FieldError("studentId", "Please choose a student."))
    _require(errors)
    assert body.class_id is not None and body.student_id is not None
    cls = locks.lock_rows(session, ClassOffering, [body.class_id]).get(body.class_id)
    if cls is None or cls.organisation_id != add.organisation_id or not cls.active:
        raise NotFound(CLASS_NOT_FOUND)
    student = _student(session, add.family, body.student_id)
    add.loaded += [cls, student]
    if not cls.allow_web_registration:
        raise Ineligible(
            "Please ask at the front desk to register for this class.", "registration_closed"
        )
    _check_registration(cls.reg_start, cls.reg_end, cls.end_date, today, "class")
    start = schedule.first_meeting(cls, max(body.start_date or today, today))
    if start is None:
        raise Ineligible("Registration for this class has closed.", "registration_closed")
    _check_age(student, cls.min_age_months, cls.max_age_months, start, "class")
    name = student.first_name
    enrollment = session.scalars(
        _ENROLLMENT, {"student_id": student.id, "class_id": cls.id}
    ).first()
    if enrollment is not None:
        if enrollment.status == "waitlisted":
            raise Refused(f"{name} is already on the waitlist for this class.", "already_enrolled")
        raise Refused(f"{name} is already enrolled in this class.", "already_enrolled")
    if add.in_cart(kind="class", class_id=cls.id, student_id=student.id) is not None:
        raise Refused(f"{name} already has this class in your cart.", "already_enrolled")
    conflict = _time_conflict(add, student, cls, start)
    if conflict is not None:
        raise Refused(f"{name} already has a class at that time ({conflict}).", "time_conflict")
    values = {"student_id": student.id, "class_id": cls.id, "location_id": cls.location_id}
    if seats_for_enrollment(cls, start) > 0:
        cls.held_seats += 1
        add.hold(add.new_item("class", day=start, **values))
    elif body.waitlist and cls.allow_waitlist:
        add.new_item("class", day=start, waitlist=True, **values)
    else:
        raise _full("class", cls.allow_waitlist)


def check_out(co: _Checkout, line: Line, classes: dict[int, ClassOffering]) -> None:
    session, item = co.session, line.item
    cls = classes[item.class_id or 0]
    student = line.student
    assert student is not None
    enrolled = session.scalars(_ENROLLMENT, {"student_id": student.id, "class_id": cls.id}).first()
    if enrolled is not None:
        raise CheckoutRefused(
            f"{student.first_name} is already enrolled in {cls.name}.", "already_enrolled"
        )
    if item.waitlist:
        cls.waitlist_count += 1
        session.add(
            Enrollment(
                organisation_id=co.organisation.id,
                student_id=student.id,
                class_id=cls.id,
                status="waitlisted",
                waitlist_position=cls.waitlist_count,
                start_date=item.day,
            )
        )
        co.result(line, "waitlisted", cls.waitlist_count)
        return
    if item.seat_held:
        cls.held_seats = max(0, cls.held_seats - 1)
    elif cls.openings <= 0:
        raise CheckoutRefused(
            f"{cls.name} filled up while it was in your cart.",
            "full",
            waitlist=cls.allow_waitlist,
            itemId=item.id,
        )
    cls.enrolled += 1
    session.add(
        Enrollment(
            organisation_id=co.organisation.id,
            student_id=student.id,
            class_id=cls.id,
            status="enrolled",
            start_date=item.day,
        )
    )
    month = f"{item.day:%B}" if item.day else ""
    co.charge(
        "tuition",
        f"Tuition – {student.first_name} – {cls.name} – {month}",
        line.price_cents,
        student,
        schemas.DescriptionData(
            student_name=student.first_name,
            item_name=cls.name,
            month=item.day.month if item.day else None,
        ),
    )
    co.result(line, "enrolled")
