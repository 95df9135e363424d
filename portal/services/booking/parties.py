"""Parties in the cart: a package at a start time, described, held and booked."""

from __future__ import annotations

from sqlalchemy.orm import Session

from portal import schemas
from portal.models import (
    CartItem,
    PartyBooking,
    PartyPackage,
    Student,
)
from portal.services import schedule
from portal.services.booking.core import (
    PACKAGE_NOT_FOUND,
    PARTY_TAKEN,
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
    package = session.get(PartyPackage, item.party_package_id or 0)
    assert package is not None and item.day is not None
    at = f"{schedule.long_date(item.day)}, {schedule.twelve_hour(item.start_time or '00:00')}"
    return Line(
        item,
        package.name,
        at,
        student,
        package.id,
        item.day,
        [],
        package.price_cents,
        when=at,
        refs={"package": package},
        when_data=schemas.WhenData(date=item.day, start_time=item.start_time),
    )


def add(add: _Add) -> None:
    body, session = add.body, add.session
    assert isinstance(body, schemas.PartyItemIn)  # the cart picks the adder by kind
    errors = []
    if body.package_id is None:
        errors.append(FieldError("packageId", "Please choose a party package."))
    if body.date is None:
        errors.append(FieldError("date", "Please choose a date."))
    if body.start_time is None:
        errors.append(FieldError("startTime", "Please choose a time."))
    if body.guest_of_honor_student_id is None:
        errors.append(FieldError("guestOfHonorStudentId", "Please choose the birthday child."))
    _require(errors)
    assert body.package_id and body.date and body.start_time and body.guest_of_honor_student_id
    package = session.get(PartyPackage, body.package_id)
    if package is None or package.organisation_id != add.organisation_id:
        raise NotFound(PACKAGE_NOT_FOUND)
    guest = _student(session, add.family, body.guest_of_honor_student_id)
    times = schedule.party_times(
        session, add.organisation_id, package.location_id, body.date, body.date
    )
    if body.start_time not in times.get(body.date, []):
        raise Refused(PARTY_TAKEN, "unavailable")
    end = schedule.from_minutes(schedule.to_minutes(body.start_time) + package.duration_minutes)
    add.hold(
        add.new_item(
            "party",
            student_id=guest.id,
            party_package_id=package.id,
            location_id=package.location_id,
            day=body.date,
            start_time=body.start_time,
            end_time=end,
        )
    )


def check_out(co: _Checkout, line: Line) -> None:
    session, item = co.session, line.item
    package: PartyPackage = line.refs["package"]
    assert item.day is not None and item.start_time and item.end_time
    if not item.seat_held:
        times = schedule.party_times(
            session,
            co.organisation.id,
            package.location_id,
            item.day,
            item.day,
            exclude_item_id=item.id,
        )
        if item.start_time not in times.get(item.day, []):
            raise CheckoutRefused(PARTY_TAKEN, "unavailable", itemId=item.id)
    session.add(
        PartyBooking(
            organisation_id=co.organisation.id,
            family_id=co.family.id,
            package_id=package.id,
            location_id=package.location_id,
            guest_of_honor_student_id=item.student_id,
            day=item.day,
            start_time=item.start_time,
            end_time=item.end_time,
        )
    )
    co.charge(
        "party",
        f"Birthday party – {package.name} – {schedule.short_date(item.day)}",
        line.price_cents,
        line.student,
        schemas.DescriptionData(item_name=package.name, date=item.day),
    )
    co.result(line, "booked")
