"""The cart as a whole: its lines and quote, adding and removing, and checkout of every kind."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from portal import schemas
from portal.models import (
    Camp,
    CartItem,
    ClassOffering,
    Family,
    Guardian,
    Order,
    Organisation,
    Product,
    Student,
    as_utc,
)
from portal.services import locks, mail, payments
from portal.services.booking import appointments, camps, classes, parties, products
from portal.services.booking.core import (
    _CART_COUNT,
    _CART_ITEMS,
    _REGISTRATION_FEE_CHARGED,
    ITEM_NOT_FOUND,
    MAX_CART_ITEMS,
    REGISTRATION_FEE_CENTS,
    REGISTRATION_FEE_LABEL,
    SLOT_KINDS,
    CheckoutRefused,
    Line,
    Refused,
    _Add,
    _Checkout,
    _release,
    clock,
)
from portal.services.errors import (
    NotFound,
)
from portal.services.gateway import PaymentGateway


def describe(session: Session, item: CartItem) -> Line:
    student = session.get(Student, item.student_id) if item.student_id else None
    return _DESCRIBERS.get(item.kind, products.describe_giftcard)(session, item, student)


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


_DESCRIBERS = {
    "class": classes.describe,
    "camp": camps.describe,
    "appointment": appointments.describe,
    "party": parties.describe,
    "product": products.describe_product,
}

_ADDERS = {
    "class": classes.add,
    "camp": camps.add,
    "appointment": appointments.add,
    "party": parties.add,
    "product": products.add_product,
    "giftcard": products.add_giftcard,
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
    class_rows = locks.lock_rows(
        session, ClassOffering, [i.class_id for i in items if i.kind == "class" and i.class_id]
    )
    camp_rows = locks.lock_rows(
        session, Camp, [i.camp_id for i in items if i.kind == "camp" and i.camp_id]
    )
    product_rows = locks.lock_rows(
        session, Product, [i.product_id for i in items if i.kind == "product" and i.product_id]
    )
    lines = price_lines(session, family, items, times.today)
    co = _Checkout(session, organisation, family, guardian, times)
    tax = 0
    for line in lines:
        kind = line.item.kind
        if kind == "class":
            classes.check_out(co, line, class_rows)
        elif kind == "camp":
            camps.check_out(co, line, camp_rows)
        elif kind == "appointment":
            appointments.check_out(co, line)
        elif kind == "party":
            parties.check_out(co, line)
        elif kind == "product":
            products.check_out_product(co, line, product_rows)
            tax += line.tax_cents
        else:
            products.check_out_giftcard(co, line)
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
