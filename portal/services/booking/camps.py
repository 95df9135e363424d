"""Camps in the cart: whole camps or chosen days, described, added and checked out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal import schemas
from portal.models import (
    Camp,
    CampEnrollment,
    CartItem,
    Student,
)
from portal.services import locks, schedule
from portal.services.booking.core import (
    CAMP_NOT_FOUND,
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
    FormError,
    NotFound,
)


def _camp_days(camp: Camp) -> list[date]:
    days = []
    for text in camp.days or []:
        try:
            days.append(date.fromisoformat(str(text)))
        except ValueError:
            continue
    return sorted(days)


def _camp_price(camp: Camp, chosen: Sequence[date]) -> int:
    all_days = _camp_days(camp)
    if not all_days or len(chosen) >= len(all_days):
        return camp.price_cents
    if camp.day_price_cents is not None:
        return camp.day_price_cents * len(chosen)
    return round(camp.price_cents * len(chosen) / len(all_days))


def describe(session: Session, item: CartItem, student: Student | None) -> Line:
    camp = session.get(Camp, item.camp_id or 0)
    assert camp is not None
    days = sorted(date.fromisoformat(str(d)) for d in item.days or [])
    if len(days) > 1:
        span = f"{schedule.short_date(days[0])} – {schedule.short_date(days[-1])}"
    else:
        span = schedule.short_date(days[0]) if days else ""
    count = f" ({len(days)} day{'s' if len(days) != 1 else ''})"
    count = count if len(days) != len(_camp_days(camp)) else ""
    times = f"{schedule.twelve_hour(camp.daily_start)} – {schedule.twelve_hour(camp.daily_end)}"
    return Line(
        item,
        camp.name,
        f"{span}{count}, {times}",
        student,
        camp.id,
        days[0] if days else None,
        days,
        0 if item.waitlist else _camp_price(camp, days),
        when=span,
        refs={"camp": camp},
        when_data=schemas.WhenData(
            days=days,
            camp_days=len(_camp_days(camp)),
            start_time=camp.daily_start,
            end_time=camp.daily_end,
        ),
    )


def add(add: _Add) -> None:
    body, session, today = add.body, add.session, add.clock.today
    assert isinstance(body, schemas.CampItemIn)  # the cart picks the adder by kind
    errors = []
    if body.camp_id is None:
        errors.append(FieldError("campId", "Please choose a camp."))
    if body.student_id is None:
        errors.append(FieldError("studentId", "Please choose a student."))
    _require(errors)
    assert body.camp_id is not None and body.student_id is not None
    camp = locks.lock_rows(session, Camp, [body.camp_id]).get(body.camp_id)
    if camp is None or camp.organisation_id != add.organisation_id or not camp.active:
        raise NotFound(CAMP_NOT_FOUND)
    student = _student(session, add.family, body.student_id)
    add.loaded += [camp, student]
    all_days = _camp_days(camp)
    _check_registration(camp.reg_start, camp.reg_end, camp.end_date, today, "camp")
    if body.days:
        chosen = list(body.days)
        if any(day not in all_days for day in chosen):
            raise FormError.one("days", "Please choose days when this camp runs.")
        if not camp.allow_choose_days and chosen != all_days:
            raise FormError.one("days", "This camp is booked for all of its days.")
        if any(day < today for day in chosen):
            raise FormError.one("days", "Please choose days that are still to come.")
    elif camp.allow_choose_days:
        chosen = [day for day in all_days if day >= today]
    else:
        chosen = all_days
    if not chosen or (not camp.allow_choose_days and chosen[0] < today):
        raise Ineligible("Registration for this camp has closed.", "registration_closed")
    _check_age(
        student,
        camp.min_age * 12 if camp.min_age is not None else None,
        camp.max_age * 12 + 11 if camp.max_age is not None else None,
        camp.start_date,
        "camp",
    )
    name = student.first_name
    existing = session.scalars(
        select(CampEnrollment).where(
            CampEnrollment.student_id == student.id, CampEnrollment.camp_id == camp.id
        )
    ).first()
    if existing is not None:
        raise Refused(f"{name} is already signed up for this camp.", "already_enrolled")
    if add.in_cart(kind="camp", camp_id=camp.id, student_id=student.id) is not None:
        raise Refused(f"{name} already has this camp in your cart.", "already_enrolled")
    values = {
        "student_id": student.id,
        "camp_id": camp.id,
        "location_id": camp.location_id,
        "day": chosen[0],
        "days": [d.isoformat() for d in chosen],
    }
    if camp.openings > 0:
        camp.held_seats += 1
        add.hold(add.new_item("camp", **values))
    elif body.waitlist and camp.allow_request_when_full:
        add.new_item("camp", waitlist=True, **values)
    else:
        raise _full("camp", camp.allow_request_when_full)


def check_out(co: _Checkout, line: Line, camps: dict[int, Camp]) -> None:
    session, item = co.session, line.item
    camp = camps[item.camp_id or 0]
    student = line.student
    assert student is not None
    existing = session.scalars(
        select(CampEnrollment).where(
            CampEnrollment.student_id == student.id, CampEnrollment.camp_id == camp.id
        )
    ).first()
    if existing is not None:
        raise CheckoutRefused(
            f"{student.first_name} is already signed up for {camp.name}.", "already_enrolled"
        )
    position = None
    if item.waitlist:
        position = 1 + (
            session.scalar(
                select(func.count())
                .select_from(CampEnrollment)
                .where(CampEnrollment.camp_id == camp.id, CampEnrollment.status == "waitlisted")
            )
            or 0
        )
    elif item.seat_held:
        camp.held_seats = max(0, camp.held_seats - 1)
    elif camp.openings <= 0:
        raise CheckoutRefused(
            f"{camp.name} filled up while it was in your cart.",
            "full",
            waitlist=camp.allow_request_when_full,
            itemId=item.id,
        )
    if not item.waitlist:
        camp.enrolled += 1
    session.add(
        CampEnrollment(
            organisation_id=co.organisation.id,
            student_id=student.id,
            camp_id=camp.id,
            days=list(item.days or []),
            status="waitlisted" if item.waitlist else "enrolled",
            waitlist_position=position,
        )
    )
    if item.waitlist:
        co.result(line, "waitlisted", position)
        return
    co.charge(
        "camp",
        f"Camp – {student.first_name} – {camp.name}",
        line.price_cents,
        student,
        schemas.DescriptionData(student_name=student.first_name, item_name=camp.name),
    )
    co.result(line, "enrolled")
