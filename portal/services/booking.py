"""The cart, seat holds and checkout (docs/booking-contract.md).

A class, camp, appointment or party line holds its seat until `hold_expires_at` (the
organisation's `cartHoldSeconds`). For classes and camps the hold is the row's `held_seats`
counter, so the openings every kiosk sees (the change feed's `class`/`camp` records) drop at
once; appointment slots and party times count live holds when they are listed.

Holds lapse on their own: `release_lapsed_holds()` runs before every cart and checkout call and
before the catalog is read (feed, classes, camps), gives the seats back (the feed shows the
openings again) and marks the lines `seat_held = False`. Such a line disappears from the
family's next look at the cart and is reported once in `expired`; a checkout that still finds
it re-checks the seat under the lock and books it only if there is still room.

Every write here runs under the booking locks (portal.services.locks): SQLite's write lock or,
on PostgreSQL, the family row (and its cart lines), then - for appointments and parties - the
organisation's slot lock, then the class/camp/product rows in id order. Checks and writes of one
call happen inside them, so a seat is never given twice and a class is never oversold. Functions
take a Session and leave the commit to the caller (the route or the Idempotency-Key helper), so
a checkout's enrollments, charges, payment and mails commit together or not at all.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from portal import schemas
from portal.models import (
    AppointmentBooking,
    AppointmentType,
    Camp,
    CampEnrollment,
    CartItem,
    Charge,
    ClassOffering,
    Enrollment,
    Family,
    GiftCard,
    Guardian,
    Order,
    OrderItem,
    Organisation,
    OrganisationSettings,
    PartyBooking,
    PartyPackage,
    Product,
    Staff,
    Student,
    as_utc,
    utcnow,
)
from portal.services import locks, mail, payments, schedule
from portal.services import watches as _watches  # noqa: F401 - the spot-open listener
from portal.services.errors import (
    FORM_MESSAGE,
    Conflict,
    FieldError,
    FormError,
    NotFound,
    ServiceError,
)
from portal.services.gateway import PaymentGateway

HOLDING_KINDS = ("class", "camp", "appointment", "party")
SLOT_KINDS = ("appointment", "party")  # counted from bookings and holds: the slot lock
DEFAULT_HOLD_SECONDS = 600
REGISTRATION_FEE_CENTS = 2500
REGISTRATION_FEE_LABEL = "Annual registration fee"
MAX_CART_ITEMS = 30
GIFT_CARD_MIN_CENTS = 500
GIFT_CARD_MAX_CENTS = 50000
_GIFT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

STUDENT_NOT_FOUND = "We could not find that student in your family."
CLASS_NOT_FOUND = "We could not find that class."
CAMP_NOT_FOUND = "We could not find that camp."
SLOT_NOT_FOUND = "We could not find that appointment time."
PACKAGE_NOT_FOUND = "We could not find that party package."
PRODUCT_NOT_FOUND = "We could not find that product."
ITEM_NOT_FOUND = "That item is no longer in your cart."
SLOT_TAKEN = "That time was just taken. Please choose another."
PARTY_TAKEN = "That party time is not available. Please choose another."


class Ineligible(ServiceError):
    """400 with a `reason` (age, registration_closed); stored for the Idempotency-Key."""

    status_code = 400

    def __init__(self, message: str, reason: str, **extra: Any) -> None:
        super().__init__(message, extra={"reason": reason, **extra})


def dated(code: str, day: date, **more: str) -> dict[str, Any]:
    """A refusal's sentence as a code and its data ("messageCode", "messageData" with the
    date as YYYY-MM-DD), for the kiosk to word in the family's language (issue #16)."""
    return {"messageCode": code, "messageData": {"date": day.isoformat(), **more}}


class Refused(Conflict):
    """409 with a `reason` (full, already_enrolled, time_conflict, ...); stored for the key."""

    def __init__(self, message: str, reason: str, **extra: Any) -> None:
        super().__init__(message, extra={"reason": reason, **extra})


class CheckoutRefused(Refused):
    """A checkout the cart's state refuses (a lapsed seat that was taken, an empty cart).
    Nothing was written; not stored, so the same key works once the cart is fixed."""

    replayable = False


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class Clock:
    now: datetime  # UTC
    today: date  # the facility's date
    hold_until: datetime


# The statements every cart add and checkout runs, built once (building a statement and its
# cache key cost more than running it).
_HOLD_AND_ZONE = select(
    OrganisationSettings.cart_hold_seconds, OrganisationSettings.timezone
).where(OrganisationSettings.organisation_id == bindparam("organisation_id"))
_ANY_LAPSED_HOLD = (
    select(CartItem.id)
    .where(
        CartItem.organisation_id == bindparam("organisation_id"),
        CartItem.seat_held.is_(True),
        CartItem.hold_expires_at <= bindparam("now"),
    )
    .limit(1)
)
_CART_COUNT = (
    select(func.count()).select_from(CartItem).where(CartItem.family_id == bindparam("family_id"))
)
_ENROLLMENT = select(Enrollment).where(
    Enrollment.student_id == bindparam("student_id"), Enrollment.class_id == bindparam("class_id")
)
_ENROLLED_CLASS_IDS = select(Enrollment.class_id).where(
    Enrollment.student_id == bindparam("student_id"), Enrollment.status == "enrolled"
)
_CART_CLASS_IDS = select(CartItem.class_id).where(
    CartItem.family_id == bindparam("family_id"),
    CartItem.student_id == bindparam("student_id"),
    CartItem.kind == "class",
    CartItem.waitlist.is_(False),
)
_REGISTRATION_FEE_CHARGED = select(Charge.id).where(
    Charge.family_id == bindparam("family_id"),
    Charge.kind == "registration_fee",
    Charge.created_at >= bindparam("year_start"),
)
_CART_ITEMS = (
    select(CartItem)
    .where(CartItem.family_id == bindparam("family_id"))
    .order_by(CartItem.id)
    .execution_options(populate_existing=True)
)


def clock(session: Session, organisation_id: int, now: datetime | None = None) -> Clock:
    now = now or utcnow()
    row = session.execute(_HOLD_AND_ZONE, {"organisation_id": organisation_id}).first()
    seconds, zone = row if row is not None else (None, None)
    hold = seconds if seconds and seconds > 0 else DEFAULT_HOLD_SECONDS
    local = now.astimezone(schedule.zone_named(zone))
    return Clock(now=now, today=local.date(), hold_until=now + timedelta(seconds=hold))


def _require(errors: list[FieldError]) -> None:
    if errors:
        raise FormError(FORM_MESSAGE, errors=errors)


def _student(session: Session, family: Family, student_id: int) -> Student:
    student = session.get(Student, student_id)
    if student is None or student.family_id != family.id:
        raise NotFound(STUDENT_NOT_FOUND)
    return student


def age_in_months(birth: date, on: date) -> int:
    months = (on.year - birth.year) * 12 + on.month - birth.month
    return months - 1 if on.day < birth.day else months


def _age_words(months: int) -> str:
    return f"{months} months" if months < 24 else str(months // 12)


def age_fits(student: Student, min_months: int | None, max_months: int | None, on: date) -> bool:
    """Whether the student's age on `on` is in the range (a student without a birth date is)."""
    if student.birth_date is None:
        return True
    age = age_in_months(student.birth_date, on)
    return (min_months is None or age >= min_months) and (max_months is None or age <= max_months)


def _check_age(
    student: Student, min_months: int | None, max_months: int | None, on: date, what: str
) -> None:
    if student.birth_date is None or age_fits(student, min_months, max_months, on):
        return
    age = age_in_months(student.birth_date, on)
    if min_months is not None and max_months is not None:
        ages = f"ages {_age_words(min_months)} to {_age_words(max_months)}"
    elif min_months is not None:
        ages = f"ages {_age_words(min_months)} and up"
    else:
        ages = f"ages up to {_age_words(max_months or 0)}"
    raise Ineligible(
        f"{student.first_name} is {_age_words(age)}; this {what} is for {ages}.", "age"
    )


def _check_registration(
    reg_start: date | None, reg_end: date | None, last_day: date | None, today: date, what: str
) -> None:
    if reg_start is not None and today < reg_start:
        raise Ineligible(
            f"Registration for this {what} opens on {schedule.short_date(reg_start)}.",
            "registration_closed",
            **dated("registration_opens", reg_start, what=what),
        )
    if (reg_end is not None and today > reg_end) or (last_day is not None and today > last_day):
        raise Ineligible(f"Registration for this {what} has closed.", "registration_closed")


def _full(what: str, waitlist: bool) -> Refused:
    if waitlist:
        return Refused(f"That {what} is full. Join the waitlist?", "full", waitlist=True)
    return Refused(f"That {what} is full.", "full", waitlist=False)


def tax_of(amount_cents: int, rate: float) -> int:
    value = Decimal(amount_cents) * Decimal(str(rate or 0))
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


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


# --------------------------------------------------------------------------- the sweep


def _release(session: Session, items: Sequence[CartItem]) -> None:
    """Give the seats of `items` back (under the booking lock) and mark them released."""
    classes = locks.lock_rows(
        session, ClassOffering, [i.class_id for i in items if i.kind == "class" and i.class_id]
    )
    camps = locks.lock_rows(
        session, Camp, [i.camp_id for i in items if i.kind == "camp" and i.camp_id]
    )
    for item in items:
        if not item.seat_held:
            continue
        if item.kind == "class" and item.class_id in classes:
            cls = classes[item.class_id]
            cls.held_seats = max(0, cls.held_seats - 1)
        elif item.kind == "camp" and item.camp_id in camps:
            camp = camps[item.camp_id]
            camp.held_seats = max(0, camp.held_seats - 1)
        item.seat_held = False


def release_lapsed_holds(
    session: Session, organisation_id: int, now: datetime | None = None
) -> int:
    """Release every hold of the organisation that has run out and commit; returns how many.
    A cheap indexed look first, so the common case takes no lock."""
    now = now or utcnow()
    lapsed = (
        CartItem.organisation_id == organisation_id,
        CartItem.seat_held.is_(True),
        CartItem.hold_expires_at <= now,
    )
    found = session.scalars(_ANY_LAPSED_HOLD, {"organisation_id": organisation_id, "now": now})
    if found.first() is None:
        return 0
    try:
        locks.take_write_lock(session)
        items = session.scalars(
            select(CartItem)
            .where(*lapsed)
            .order_by(CartItem.id)
            .with_for_update(key_share=True)
            .execution_options(populate_existing=True)
        ).all()
        _release(session, items)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return len(items)


# --------------------------------------------------------------------------- describing lines


@dataclass
class Line:
    """A cart line with its current price and the records it refers to."""

    item: CartItem
    title: str
    subtitle: str
    student: Student | None
    ref_id: int | None
    start_date: date | None
    days: list[date]
    price_cents: int
    tax_cents: int = 0
    fee_cents: int = 0
    fee_label: str = ""
    when: str = ""
    refs: dict[str, Any] = field(default_factory=dict)
    # The same facts as data, for the kiosk to word in the visitor's language.
    when_data: schemas.WhenData = field(default_factory=schemas.WhenData)

    @property
    def student_name(self) -> str:
        return self.student.first_name if self.student is not None else ""

    @property
    def live(self) -> bool:
        """Still in the cart: not a line whose hold was let go."""
        item = self.item
        return item.kind not in HOLDING_KINDS or item.waitlist or item.seat_held


def _plural_schedule(cls: ClassOffering) -> str:
    parts = []
    for slot in schedule.class_slots(cls):
        name = schemas.DAY_NAMES[int(slot["dayNumber"]) - 1]
        plural = {"Mon": "Mondays", "Tue": "Tuesdays", "Wed": "Wednesdays", "Thu": "Thursdays"}
        plural.update({"Fri": "Fridays", "Sat": "Saturdays", "Sun": "Sundays"})
        parts.append(f"{plural[name]} {schedule.twelve_hour(str(slot['startTime']))}")
    return ", ".join(parts)


def describe(session: Session, item: CartItem) -> Line:
    student = session.get(Student, item.student_id) if item.student_id else None
    kind = item.kind
    if kind == "class":
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
    if kind == "camp":
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
    if kind == "appointment":
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
    if kind == "party":
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
    if kind == "product":
        product = session.get(Product, item.product_id or 0)
        assert product is not None
        price = product.active_price_cents * item.quantity
        return Line(
            item,
            product.name,
            f"Qty {item.quantity}",
            None,
            product.id,
            None,
            [],
            price,
            tax_cents=tax_of(price, product.tax_rate),
            when=f"Qty {item.quantity}",
            refs={"product": product},
            when_data=schemas.WhenData(quantity=item.quantity),
        )
    details = item.details or {}
    recipient = str(details.get("recipientName") or "")
    email = str(details.get("recipientEmail") or "")
    return Line(
        item,
        "eGift Card",
        f"For {recipient} ({email})",
        None,
        None,
        None,
        [],
        item.amount_cents,
        when=f"Sent to {email}",
        when_data=schemas.WhenData(recipient_name=recipient, recipient_email=email),
    )


def _registration_fee_due(session: Session, family: Family, today: date) -> bool:
    """A family pays the registration fee once a calendar year (with its first class)."""
    year_start = datetime(today.year, 1, 1, tzinfo=UTC)
    charged = session.scalars(
        _REGISTRATION_FEE_CHARGED, {"family_id": family.id, "year_start": year_start}
    ).first()
    return charged is None


def price_lines(
    session: Session, family: Family, items: Sequence[CartItem], today: date
) -> list[Line]:
    lines = [describe(session, item) for item in items]
    if _registration_fee_due(session, family, today):
        for line in lines:
            if line.item.kind == "class" and not line.item.waitlist and line.live:
                line.fee_cents = REGISTRATION_FEE_CENTS
                line.fee_label = REGISTRATION_FEE_LABEL
                break
    return lines


def _cart_items(session: Session, family: Family) -> list[CartItem]:
    return list(session.scalars(_CART_ITEMS, {"family_id": family.id}).all())


def _line_out(line: Line) -> schemas.CartItemOut:
    item = line.item
    return schemas.CartItemOut(
        id=item.id,
        kind=item.kind,
        title=line.title,
        subtitle=line.subtitle,
        student_id=line.student.id if line.student is not None else None,
        student_name=line.student_name,
        ref_id=line.ref_id,
        start_date=line.start_date,
        days=line.days,
        quantity=item.quantity,
        price_cents=line.price_cents,
        fee_cents=line.fee_cents,
        fee_label=line.fee_label,
        fee_kind="registration_fee" if line.fee_cents else None,
        waitlist=item.waitlist,
        hold_expires_at=_second(item.hold_expires_at) if item.seat_held else None,
        when_data=line.when_data,
    )


def _second(value: datetime | None) -> datetime | None:
    value = as_utc(value)
    return value.replace(microsecond=0) if value is not None else None


def cart_view(session: Session, family: Family, today: date) -> schemas.CartOut:
    """The family's cart. Lines whose hold was let go are removed here and reported once in
    `expired` (the caller commits)."""
    items = _cart_items(session, family)
    lines = price_lines(session, family, items, today)
    expired = [line for line in lines if not line.live]
    live = [line for line in lines if line.live]
    for line in expired:
        session.delete(line.item)
    session.flush()
    charged = [line for line in live if not line.item.waitlist]
    subtotal = sum(line.price_cents for line in charged)
    fees = sum(line.fee_cents for line in charged)
    tax = sum(line.tax_cents for line in charged)
    holds = [
        h
        for line in live
        if line.item.seat_held and (h := as_utc(line.item.hold_expires_at)) is not None
    ]
    session.refresh(family, ["credit_balance_cents"])
    return schemas.CartOut(
        items=[_line_out(line) for line in live],
        subtotal_cents=subtotal,
        fees_cents=fees,
        tax_cents=tax,
        total_cents=subtotal + fees + tax,
        credit_available_cents=family.credit_balance_cents,
        hold_expires_at=_second(min(holds, default=None)),
        expired=[
            schemas.ExpiredItem(title=line.title, student_name=line.student_name)
            for line in expired
        ],
    )


def cart_quote(
    session: Session, family: Family, today: date, apply_credit_cents: int
) -> schemas.QuoteOut:
    """`GET /family/cart/quote`: what checking out the cart costs, from the same totals the
    cart shows (the caller commits: lapsed lines are let go as in `cart_view`)."""
    cart = cart_view(session, family, today)
    if not cart.items:
        raise CheckoutRefused("Your cart is empty.", "empty")
    lines: list[schemas.QuoteLineOut] = []
    for item in cart.items:
        if item.waitlist:
            continue
        lines.append(
            schemas.QuoteLineOut(
                kind=item.kind,
                part="subtotal",
                description=item.title,
                student_name=item.student_name,
                amount_cents=item.price_cents,
            )
        )
        if item.fee_cents:
            lines.append(
                schemas.QuoteLineOut(
                    kind="registration_fee",
                    part="fees",
                    description=item.fee_label,
                    student_name=item.student_name,
                    amount_cents=item.fee_cents,
                )
            )
    if cart.tax_cents:
        lines.append(
            schemas.QuoteLineOut(
                kind="tax", part="tax", description="Sales tax", amount_cents=cart.tax_cents
            )
        )
    return payments.make_quote(
        "checkout",
        lines,
        subtotal=cart.subtotal_cents,
        fees=cart.fees_cents,
        tax=cart.tax_cents,
        credit_available=cart.credit_available_cents,
        apply_credit_cents=apply_credit_cents,
    )


# --------------------------------------------------------------------------- adding


@dataclass
class _Add:
    session: Session
    organisation_id: int
    family: Family
    body: schemas.CartItemIn
    clock: Clock
    # Rows the answer describes again (cart_view): held here so the session's identity map,
    # which keeps rows only while something refers to them, still has them.
    loaded: list[Any] = field(default_factory=list)

    def hold(self, item: CartItem) -> CartItem:
        item.seat_held = True
        item.hold_expires_at = self.clock.hold_until
        return item

    def new_item(self, kind: str, **values: Any) -> CartItem:
        item = CartItem(
            organisation_id=self.organisation_id, family_id=self.family.id, kind=kind, **values
        )
        self.session.add(item)
        return item

    def in_cart(self, **where: Any) -> CartItem | None:
        query = select(CartItem).where(CartItem.family_id == self.family.id)
        for key, value in where.items():
            query = query.where(getattr(CartItem, key) == value)
        return self.session.scalars(query.limit(1)).first()


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


def _add_class(add: _Add) -> None:
    body, session, today = add.body, add.session, add.clock.today
    assert isinstance(body, schemas.ClassItemIn)  # _ADDERS picks the adder by kind
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


def _add_camp(add: _Add) -> None:
    body, session, today = add.body, add.session, add.clock.today
    assert isinstance(body, schemas.CampItemIn)  # _ADDERS picks the adder by kind
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


def _add_appointment(add: _Add) -> None:
    body, session = add.body, add.session
    assert isinstance(body, schemas.AppointmentItemIn)  # _ADDERS picks the adder by kind
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


def _add_party(add: _Add) -> None:
    body, session = add.body, add.session
    assert isinstance(body, schemas.PartyItemIn)  # _ADDERS picks the adder by kind
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


def _stock_refusal(product: Product, wanted: int) -> Refused | None:
    if not product.enable_inventory or product.inventory_count >= wanted:
        return None
    if product.inventory_count <= 0:
        return Refused("Sorry, that is sold out.", "out_of_stock")
    return Refused(f"Sorry, we only have {product.inventory_count} of those.", "out_of_stock")


def _add_product(add: _Add) -> None:
    body, session = add.body, add.session
    assert isinstance(body, schemas.ProductItemIn)  # _ADDERS picks the adder by kind
    if body.product_id is None:
        raise FormError.one("productId", "Please choose a product.")
    product = locks.lock_rows(session, Product, [body.product_id]).get(body.product_id)
    if (
        product is None
        or product.organisation_id != add.organisation_id
        or not product.show_on_portal
    ):
        raise NotFound(PRODUCT_NOT_FOUND)
    existing = add.in_cart(kind="product", product_id=product.id)
    quantity = body.quantity + (existing.quantity if existing is not None else 0)
    if quantity > schemas.MAX_QUANTITY:
        raise FormError.one("quantity", f"Please choose 1 to {schemas.MAX_QUANTITY}.")
    refusal = _stock_refusal(product, quantity)
    if refusal is not None:
        raise refusal
    if existing is not None:
        existing.quantity = quantity
    else:
        add.new_item(
            "product", product_id=product.id, location_id=product.location_id, quantity=quantity
        )


def _add_giftcard(add: _Add) -> None:
    body = add.body
    assert isinstance(body, schemas.GiftCardItemIn)  # _ADDERS picks the adder by kind
    errors = []
    amount = body.amount_cents
    if amount is None or not GIFT_CARD_MIN_CENTS <= amount <= GIFT_CARD_MAX_CENTS:
        low, high = GIFT_CARD_MIN_CENTS // 100, GIFT_CARD_MAX_CENTS // 100
        errors.append(FieldError("amountCents", f"Please choose an amount from ${low} to ${high}."))
    if body.recipient_email is None:
        errors.append(FieldError("recipientEmail", "Please enter the recipient's email address."))
    if body.recipient_name is None:
        errors.append(FieldError("recipientName", "Please enter the recipient's name."))
    _require(errors)
    add.new_item(
        "giftcard",
        amount_cents=amount,
        details={
            "recipientEmail": body.recipient_email,
            "recipientName": body.recipient_name,
            "message": body.message,
        },
    )


_ADDERS = {
    "class": _add_class,
    "camp": _add_camp,
    "appointment": _add_appointment,
    "party": _add_party,
    "product": _add_product,
    "giftcard": _add_giftcard,
}


def add_item(
    session: Session,
    organisation: Organisation,
    family: Family,
    body: schemas.CartItemIn,
    now: datetime | None = None,
) -> schemas.CartOut:
    """Check eligibility, hold the seat and answer the whole cart (the caller commits)."""
    times = clock(session, organisation.id, now)
    locks.hold_family(session, family.id)
    if body.kind in SLOT_KINDS:
        locks.lock_slots(session, organisation.id)
    count = session.scalar(_CART_COUNT, {"family_id": family.id})
    if (count or 0) >= MAX_CART_ITEMS:
        raise Refused("Your cart is full. Please check out first.", "cart_full")
    add = _Add(session, organisation.id, family, body, times)
    _ADDERS[body.kind](add)
    session.flush()
    return cart_view(session, family, times.today)


def remove_item(
    session: Session, organisation: Organisation, family: Family, item_id: int
) -> schemas.CartOut:
    """Take a line out of the cart; its hold is released at once (the caller commits)."""
    times = clock(session, organisation.id)
    locks.hold_family(session, family.id)
    item = next((i for i in locks.lock_cart(session, family.id) if i.id == item_id), None)
    if item is None:
        raise NotFound(ITEM_NOT_FOUND)
    _release(session, [item])
    session.delete(item)
    session.flush()
    return cart_view(session, family, times.today)


# --------------------------------------------------------------------------- checkout


def gift_card_code() -> str:
    raw = "".join(secrets.choice(_GIFT_ALPHABET) for _ in range(12))
    return f"GIFT-{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@dataclass
class _Checkout:
    session: Session
    organisation: Organisation
    family: Family
    guardian: Guardian
    clock: Clock
    charges: list[Charge] = field(default_factory=list)
    items: list[OrderItem] = field(default_factory=list)
    mails: list[dict[str, str]] = field(default_factory=list)

    def charge(
        self,
        kind: str,
        description: str,
        amount: int,
        student: Student | None,
        data: schemas.DescriptionData | None = None,
    ) -> None:
        if amount <= 0:
            return
        charge = Charge(
            organisation_id=self.organisation.id,
            family_id=self.family.id,
            student_id=student.id if student is not None else None,
            kind=kind,
            description=description[:300],
            description_data=(data or schemas.DescriptionData()).model_dump(
                mode="json", by_alias=True, exclude_none=True
            ),
            amount_cents=amount,
            due_date=self.clock.today,
        )
        self.session.add(charge)
        self.charges.append(charge)

    def result(self, line: Line, result: str, position: int | None = None) -> None:
        self.items.append(
            OrderItem(
                kind=line.item.kind,
                title=line.title[:200],
                student_name=line.student_name[:100],
                result=result,
                waitlist_position=position,
                when_text=line.when[:200],
                when_data=line.when_data.model_dump(mode="json", by_alias=True),
                amount_cents=line.price_cents + line.fee_cents + line.tax_cents,
            )
        )


def _checkout_class(co: _Checkout, line: Line, classes: dict[int, ClassOffering]) -> None:
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


def _checkout_camp(co: _Checkout, line: Line, camps: dict[int, Camp]) -> None:
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


def _checkout_appointment(co: _Checkout, line: Line) -> None:
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


def _checkout_party(co: _Checkout, line: Line) -> None:
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


def _checkout_product(co: _Checkout, line: Line, products: dict[int, Product]) -> None:
    product = products[line.item.product_id or 0]
    refusal = _stock_refusal(product, line.item.quantity)
    if refusal is not None:
        raise CheckoutRefused(refusal.message, "out_of_stock", itemId=line.item.id)
    if product.enable_inventory:
        product.inventory_count -= line.item.quantity
    co.charge("product", f"{product.name} × {line.item.quantity}", line.price_cents, None)
    co.result(line, "purchased")


def _checkout_giftcard(co: _Checkout, line: Line) -> None:
    item = line.item
    details = item.details or {}
    email = str(details.get("recipientEmail") or "")
    name = str(details.get("recipientName") or "")
    message = str(details.get("message") or "")
    code = gift_card_code()
    co.session.add(
        GiftCard(
            organisation_id=co.organisation.id,
            purchaser_family_id=co.family.id,
            code=code,
            amount_cents=item.amount_cents,
            balance_cents=item.amount_cents,
            recipient_email=email,
            recipient_name=name,
            message=message,
        )
    )
    sender = f"{co.guardian.first_name} {co.guardian.last_name}"
    body = [
        f"Hi {name},",
        "",
        f"{sender} sent you a {payments.money(item.amount_cents)} gift card for "
        f"{co.organisation.name}.",
    ]
    if message:
        body += ["", message]
    body += [
        "",
        f"Your gift card code: {code}",
        "Use it for classes, camps, parties or the ProShop.",
        "",
        co.organisation.name,
    ]
    co.mails.append(
        {
            "kind": "gift_card",
            "to": email,
            "subject": f"A gift card for {co.organisation.name}",
            "body": "\n".join(body),
        }
    )
    co.charge(
        "giftcard",
        f"eGift card for {name}",
        item.amount_cents,
        None,
        schemas.DescriptionData(recipient_name=name),
    )
    co.result(line, "purchased")


def checkout(
    session: Session,
    organisation: Organisation,
    family: Family,
    guardian: Guardian,
    body: schemas.CheckoutRequest,
    gateway: PaymentGateway,
    reference: str,
    now: datetime | None = None,
) -> schemas.OrderOut:
    """Turn the cart into enrollments, bookings and charges and pay them, all under the
    booking lock in the caller's transaction; any refusal (a seat gone, a declined card)
    raises before the caller commits, so the cart and its holds stay as they were."""
    times = clock(session, organisation.id, now)
    locks.hold_family(session, family.id)
    items = locks.lock_cart(session, family.id)
    if not items:
        raise CheckoutRefused("Your cart is empty.", "empty")
    if any(i.kind in SLOT_KINDS for i in items):
        locks.lock_slots(session, organisation.id)
    classes = locks.lock_rows(
        session, ClassOffering, [i.class_id for i in items if i.kind == "class" and i.class_id]
    )
    camps = locks.lock_rows(
        session, Camp, [i.camp_id for i in items if i.kind == "camp" and i.camp_id]
    )
    products = locks.lock_rows(
        session, Product, [i.product_id for i in items if i.kind == "product" and i.product_id]
    )
    lines = price_lines(session, family, items, times.today)
    co = _Checkout(session, organisation, family, guardian, times)
    tax = 0
    for line in lines:
        kind = line.item.kind
        if kind == "class":
            _checkout_class(co, line, classes)
        elif kind == "camp":
            _checkout_camp(co, line, camps)
        elif kind == "appointment":
            _checkout_appointment(co, line)
        elif kind == "party":
            _checkout_party(co, line)
        elif kind == "product":
            _checkout_product(co, line, products)
            tax += line.tax_cents
        else:
            _checkout_giftcard(co, line)
        if line.fee_cents:
            co.charge("registration_fee", line.fee_label, line.fee_cents, None)
    co.charge("tax", "Sales tax", tax, None)
    total = sum(c.amount_cents for c in co.charges)
    paid: payments.Paid | None = None
    if total > 0:
        if body.payment is None:
            raise payments.PaymentRequired("Please choose how to pay.")
        paid = payments.pay(
            session,
            family,
            guardian,
            co.charges,
            apply_credit_cents=body.payment.apply_credit_cents,
            token=body.payment.token,
            gateway=gateway,
            reference=reference,
            field_prefix="payment.",
            new_charges=True,
            flush=False,
            quote=("checkout", body.payment.quote_id, ()),
        )
    order = Order(
        organisation_id=organisation.id,
        family_id=family.id,
        guardian_id=guardian.id,
        total_cents=total,
        paid_cents=total if paid is not None else 0,
        payment=paid.payment if paid is not None else None,
        items=co.items,
    )
    session.add(order)
    for item in items:
        session.delete(item)
    # Everything above in one flush (the receipt needs the payment's number); the mails go
    # with the commit.
    session.flush()
    for message in co.mails:
        mail.enqueue(session, organisation.id, **message)
    _receipt(co, order, paid)
    return schemas.OrderOut(
        order_id=order.id,
        status=order.status,
        total_cents=order.total_cents,
        paid_cents=order.paid_cents,
        credit_applied_cents=paid.payment.credit_applied_cents if paid is not None else 0,
        charged_cents=(
            paid.payment.amount_cents - paid.payment.credit_applied_cents if paid is not None else 0
        ),
        method=paid.payment.method if paid is not None else "",
        items=[
            schemas.OrderItemOut(
                kind=i.kind,
                title=i.title,
                student_name=i.student_name,
                result=i.result,
                waitlist_position=i.waitlist_position,
                when=i.when_text,
                when_data=schemas.WhenData.model_validate(i.when_data or {}),
            )
            for i in co.items
        ],
        receipt_email=payments.mask_email(guardian.email),
    )


_RESULT_WORDS = {
    "enrolled": "enrolled",
    "waitlisted": "on the waitlist",
    "booked": "booked",
    "purchased": "purchased",
}


def _receipt(co: _Checkout, order: Order, paid: payments.Paid | None) -> None:
    lines = [f"Hi {co.guardian.first_name},", "", "Thank you! Here is what you booked:", ""]
    for item in co.items:
        who = f" – {item.student_name}" if item.student_name else ""
        words = _RESULT_WORDS.get(item.result, item.result)
        if item.waitlist_position:
            words += f" (position {item.waitlist_position})"
        when = f", {item.when_text}" if item.when_text else ""
        lines.append(f"  {item.title}{who}{when}: {words}")
    lines.append("")
    if paid is not None:
        lines += payments.receipt_lines(paid)
    else:
        lines.append("Nothing to pay today.")
    lines += ["", co.organisation.name]
    mail.enqueue(
        co.session,
        co.organisation.id,
        kind="receipt",
        to=co.guardian.email,
        subject=f"Your booking at {co.organisation.name}",
        body="\n".join(lines),
    )
