"""The shared cart core: refusals, clock, eligibility, the hold sweep, lines, add and checkout."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from portal import schemas
from portal.core.clock import zone_named
from portal.models import (
    Camp,
    CartItem,
    Charge,
    ClassOffering,
    Enrollment,
    Family,
    Guardian,
    OrderItem,
    Organisation,
    OrganisationSettings,
    Student,
    utcnow,
)
from portal.services import locks, schedule
from portal.services import watches as _watches  # noqa: F401 - the spot-open listener
from portal.services.errors import (
    FORM_MESSAGE,
    Conflict,
    FieldError,
    FormError,
    NotFound,
    ServiceError,
)

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
    """A cart.checkout the cart's state refuses (a lapsed seat that was taken, an empty cart).
    Nothing was written; not stored, so the same key works once the cart is fixed."""

    replayable = False


@dataclass(frozen=True)
class Clock:
    now: datetime  # UTC
    today: date  # the facility's date
    hold_until: datetime


# The statements every cart add and cart.checkout runs, built once (building a statement and its
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
    local = now.astimezone(zone_named(zone))
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
    Runs as the routes' HoldSweep dependency (portal.api.deps).
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
        # Its own transaction: the seats are back even if the request then fails, and the
        # write lock is not held through the handler's reads.
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return len(items)


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


@dataclass
class _Add:
    session: Session
    organisation_id: int
    family: Family
    body: schemas.CartItemIn
    clock: Clock
    # Rows the answer describes again (cart.cart_view): held here so the session's identity map,
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
