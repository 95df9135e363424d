"""Appointments in the cart: a coach's slot, described, held and booked."""

from __future__ import annotations

from sqlalchemy.orm import Session

from portal import schemas
from portal.models import (
    AppointmentBooking,
    AppointmentType,
    CartItem,
    Staff,
    Student,
)
from portal.services import schedule
from portal.services.booking.core import (
    SLOT_NOT_FOUND,
    SLOT_TAKEN,
    CheckoutRefused,
    Line,
    Refused,
    _Add,
    _Checkout,
    _require,
    _student,
)
from portal.services.errors import (
    FieldError,
    NotFound,
)


def describe(session: Session, item: CartItem, student: Student | None) -> Line:
    appointment_type = session.get(AppointmentType, item.appointment_type_id or 0)
    staff = session.get(Staff, item.staff_id or 0)
    assert appointment_type is not None and staff is not None and item.day is not None
    at = f"{schedule.long_date(item.day)}, {schedule.twelve_hour(item.start_time or '00:00')}"
    return Line(
        item,
        appointment_type.name,
        f"{at} with {staff.full_name}",
        student,
        appointment_type.id,
        item.day,
        [],
        appointment_type.price_cents,
        when=f"{at} with {staff.full_name}",
        refs={"type": appointment_type, "staff": staff},
        when_data=schemas.WhenData(
            date=item.day, start_time=item.start_time, staff_name=staff.full_name
        ),
    )


def add(add: _Add) -> None:
    body, session = add.body, add.session
    assert isinstance(body, schemas.AppointmentItemIn)  # the cart picks the adder by kind
    errors = []
    if body.slot_id is None:
        errors.append(FieldError("slotId", "Please choose an appointment time."))
    if body.student_id is None:
        errors.append(FieldError("studentId", "Please choose a student."))
    _require(errors)
    assert body.slot_id is not None and body.student_id is not None
    key = schedule.parse_slot_id(body.slot_id)
    if key is None:
        raise NotFound(SLOT_NOT_FOUND)
    appointment_type = session.get(AppointmentType, key.type_id)
    if appointment_type is None or appointment_type.organisation_id != add.organisation_id:
        raise NotFound(SLOT_NOT_FOUND)
    student = _student(session, add.family, body.student_id)
    slots = schedule.appointment_slots(
        session,
        add.organisation_id,
        appointment_type.location_id,
        appointment_type,
        key.day,
        key.day,
    )
    slot = next((s for s in slots if s.key == key), None)
    if slot is None:
        raise NotFound(SLOT_NOT_FOUND)
    if not slot.available:
        raise Refused(SLOT_TAKEN, "unavailable")
    add.hold(
        add.new_item(
            "appointment",
            student_id=student.id,
            appointment_type_id=appointment_type.id,
            staff_id=key.staff_id,
            location_id=appointment_type.location_id,
            day=key.day,
            start_time=key.start,
            end_time=slot.end,
        )
    )


def check_out(co: _Checkout, line: Line) -> None:
    session, item = co.session, line.item
    appointment_type: AppointmentType = line.refs["type"]
    assert item.day is not None and item.start_time and item.end_time and item.staff_id
    if not item.seat_held:
        slots = schedule.appointment_slots(
            session,
            co.organisation.id,
            item.location_id or appointment_type.location_id,
            appointment_type,
            item.day,
            item.day,
            exclude_item_id=item.id,
        )
        free = any(
            s.key.staff_id == item.staff_id and s.key.start == item.start_time and s.available
            for s in slots
        )
        if not free:
            raise CheckoutRefused(SLOT_TAKEN, "unavailable", itemId=item.id)
    session.add(
        AppointmentBooking(
            organisation_id=co.organisation.id,
            family_id=co.family.id,
            student_id=item.student_id,
            appointment_type_id=appointment_type.id,
            staff_id=item.staff_id,
            location_id=item.location_id or appointment_type.location_id,
            day=item.day,
            start_time=item.start_time,
            end_time=item.end_time,
        )
    )
    co.charge(
        "appointment",
        f"{appointment_type.name} – {line.student_name} – {schedule.short_date(item.day)}",
        line.price_cents,
        line.student,
        schemas.DescriptionData(
            student_name=line.student_name, item_name=appointment_type.name, date=item.day
        ),
    )
    co.result(line, "booked")
