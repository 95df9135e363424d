"""Payments: tokenize a card or bank account, what the family owes and paid, pay charges.

Card and bank numbers reach `tokenize()` only: they are checked (Luhn and brand, expiry, CVV,
ZIP; ABA routing checksum, account number, account type), handed to the gateway, and dropped.
The portal stores the token, its type, brand and last four digits (`PaymentMethod`), nothing
else, and never logs the request.

`pay()` is shared by `POST /family/payments` and the cart checkout: credit first (as much as the
family asked for, at most what is due), the payment method for the rest, allocated to the
charges oldest due first, in the caller's transaction. A refusal raises before anything is
written, so nothing is ever recorded as paid unless the gateway approved it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from portal import rules, schemas
from portal.models import (
    Charge,
    Family,
    Guardian,
    Payment,
    PaymentAllocation,
    PaymentMethod,
    as_utc,
    utcnow,
)
from portal.services import locks, mail
from portal.services.errors import (
    FORM_MESSAGE,
    Conflict,
    FieldError,
    FormError,
    NotFound,
    ServiceError,
)
from portal.services.gateway import (
    BankDetails,
    CardDetails,
    Outcome,
    PaymentGateway,
    aba_ok,
    card_brand,
    luhn_ok,
)

CREDIT_METHOD = "Account credit"
DECLINED_CARD = "Your card was declined. Please try another card or payment method."
DECLINED_BANK = "Your bank declined this payment. Please try another card or payment method."
INSUFFICIENT_FUNDS = (
    "Your card was declined for insufficient funds. Please try another card or payment method."
)
PROCESSOR_ERROR = "We couldn't reach the card processor. Please try again."
PAYMENT_REQUIRED = "Please choose a card or bank account to pay the rest."
ALREADY_PAID = "That charge has already been paid."
CHARGE_NOT_FOUND = "We could not find that charge."
NOTHING_DUE = "There is nothing to pay right now."
TOKEN_UNKNOWN = "Please enter the card or bank account again."
QUOTE_CHANGED = (
    "The amount to pay has changed since you looked. Please check the new total and pay again."
)


class PaymentRequired(ServiceError):
    """Money is due and no way to pay it was given. Not stored: the family adds a card and
    sends the same request (key) again."""

    status_code = 402
    replayable = False

    def __init__(self, message: str = PAYMENT_REQUIRED) -> None:
        super().__init__(message, extra={"reason": "payment_required"})


class PaymentDeclined(ServiceError):
    """The gateway said no. Stored and replayed for the key: a new attempt uses a new key."""

    status_code = 402

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message, extra={"reason": reason})


class ProcessorUnavailable(ServiceError):
    """The gateway failed before charging. Not stored: a retry with the same key is safe (the
    gateway is called with the key as its own idempotency key) and is what the parent does."""

    status_code = 402
    replayable = False

    def __init__(self) -> None:
        super().__init__(PROCESSOR_ERROR, extra={"reason": "processor_error"})


class QuoteChanged(ServiceError):
    """The payment does not match the quote the family saw (a charge, the cart or the credit
    changed since). Nothing was charged; not stored, the kiosk asks for a new quote."""

    status_code = 409
    replayable = False

    def __init__(self) -> None:
        super().__init__(QUOTE_CHANGED, extra={"reason": "quote_changed"})


# --------------------------------------------------------------------------- tokenize


def _digits(value: object, *, allow_separators: bool = True) -> str | None:
    """The digits of a number sent as text (spaces and dashes allowed) or as an integer."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if allow_separators:
        text = text.replace(" ", "").replace("-", "")
    return text if text.isdigit() and text.isascii() else None


def _small_int(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 4:
        return int(value.strip())
    return None


def _holder_name(value: object, errors: list[FieldError], *, required: bool) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append(FieldError("holderName", "Please enter the account holder's name."))
        return ""
    try:
        return rules.name_rule("the name")(value)
    except Exception:  # the rule's own sentence is about a person's name
        errors.append(FieldError("holderName", "Please enter the name as it appears."))
        return ""


def check_card(body: schemas.TokenizeRequest, today: date) -> CardDetails:
    errors: list[FieldError] = []
    number = _digits(body.number)
    brand: str | None = None
    if not number:
        errors.append(FieldError("number", "Please enter the card number."))
    elif not 12 <= len(number) <= 19 or not luhn_ok(number):
        errors.append(FieldError("number", "That card number is not right. Please check it."))
    else:
        brand = card_brand(number)
        if brand is None:
            errors.append(
                FieldError("number", "We accept Visa, Mastercard, American Express and Discover.")
            )
    month = _small_int(body.exp_month)
    year = _small_int(body.exp_year)
    if month is None or not 1 <= month <= 12:
        errors.append(FieldError("expMonth", "Please choose the expiry month."))
    if year is not None and year < 100:
        year += 2000
    if year is None or not 2000 <= year <= today.year + 25:
        errors.append(FieldError("expYear", "Please choose the expiry year."))
    elif month is not None and 1 <= month <= 12 and (year, month) < (today.year, today.month):
        errors.append(FieldError("expYear", "This card has expired."))
    cvv = _digits(body.cvv, allow_separators=False)
    cvv_length = 4 if brand == "Amex" else 3
    if cvv is None or len(cvv) != cvv_length:
        errors.append(FieldError("cvv", f"Please enter the {cvv_length}-digit security code."))
    zip_code = ""
    try:
        zip_code = rules.zip_rule(body.zip)
    except Exception:
        errors.append(FieldError("zip", rules.ZIP_INVALID))
    holder = _holder_name(body.holder_name, errors, required=False)
    if errors:
        raise FormError(FORM_MESSAGE, errors=errors)
    assert number is not None and brand is not None and month is not None and year is not None
    return CardDetails(
        number=number,
        brand=brand,
        exp_month=month,
        exp_year=year,
        cvv=cvv or "",
        zip=zip_code,
        holder_name=holder,
    )


def check_bank(body: schemas.TokenizeRequest) -> BankDetails:
    errors: list[FieldError] = []
    routing = _digits(body.routing_number, allow_separators=False)
    if not routing or len(routing) != 9:
        errors.append(FieldError("routingNumber", "Please enter the 9-digit routing number."))
    elif not aba_ok(routing):
        errors.append(
            FieldError("routingNumber", "That routing number is not right. Please check it.")
        )
    account = _digits(body.account_number, allow_separators=False)
    if not account or not 4 <= len(account) <= 17:
        errors.append(
            FieldError("accountNumber", "Please enter the account number (4 to 17 digits).")
        )
    account_type = body.account_type.strip().lower() if isinstance(body.account_type, str) else ""
    if account_type not in ("checking", "savings"):
        errors.append(FieldError("accountType", "Please choose checking or savings."))
    holder = _holder_name(body.holder_name, errors, required=True)
    if errors:
        raise FormError(FORM_MESSAGE, errors=errors)
    assert routing is not None and account is not None
    return BankDetails(
        routing_number=routing,
        account_number=account,
        account_type=account_type,
        holder_name=holder,
    )


def tokenize(
    session: Session,
    family: Family,
    body: schemas.TokenizeRequest,
    gateway: PaymentGateway,
    today: date,
) -> schemas.TokenizeResult:
    """Check the details, tokenize them at the gateway and keep token, type, brand, last4.
    The caller commits."""
    kind = body.type.strip().lower() if isinstance(body.type, str) else ""
    if kind == "card":
        tokenized = gateway.tokenize_card(session, check_card(body, today))
    elif kind == "echeck":
        tokenized = gateway.tokenize_bank(session, check_bank(body))
    else:
        raise FormError.one("type", "Please choose card or eCheck.")
    session.add(
        PaymentMethod(
            organisation_id=family.organisation_id,
            family_id=family.id,
            token=tokenized.token,
            type=tokenized.type,
            brand=tokenized.brand,
            last4=tokenized.last4,
        )
    )
    session.flush()
    return schemas.TokenizeResult(
        token=tokenized.token, type=tokenized.type, brand=tokenized.brand, last4=tokenized.last4
    )


# --------------------------------------------------------------------------- what is owed


def paid_so_far(session: Session, charge_ids: Sequence[int]) -> dict[int, int]:
    if not charge_ids:
        return {}
    rows = session.execute(
        select(PaymentAllocation.charge_id, func.sum(PaymentAllocation.amount_cents))
        .where(PaymentAllocation.charge_id.in_(list(charge_ids)))
        .group_by(PaymentAllocation.charge_id)
    ).all()
    return {int(charge_id): int(total or 0) for charge_id, total in rows}


def _charge_date(charge: Charge) -> date:
    created = as_utc(charge.created_at) or utcnow()
    return created.date()


def description_data(charge: Charge) -> schemas.DescriptionData:
    return schemas.DescriptionData.model_validate(charge.description_data or {})


def method_kind(payment: Payment, types: dict[int, str]) -> str:
    """`credit` (all paid with the family's credit), else the payment method's type (`card`,
    `echeck`), or '' when that method is gone."""
    if payment.method == CREDIT_METHOD and payment.payment_method_id is None:
        return "credit"
    return types.get(payment.payment_method_id or 0, "")


def _method_types(session: Session, payments: Sequence[Payment]) -> dict[int, str]:
    ids = {p.payment_method_id for p in payments if p.payment_method_id is not None}
    if not ids:
        return {}
    rows = session.execute(
        select(PaymentMethod.id, PaymentMethod.type).where(PaymentMethod.id.in_(ids))
    ).all()
    return {int(method_id): str(kind) for method_id, kind in rows}


def charge_out(charge: Charge, paid: int) -> schemas.ChargeOut:
    return schemas.ChargeOut(
        id=charge.id,
        date=_charge_date(charge),
        description=charge.description,
        kind=charge.kind,
        description_data=description_data(charge),
        amount_cents=charge.amount_cents,
        paid_cents=charge.amount_cents if charge.paid else paid,
        due_date=charge.due_date,
    )


def _due_order(charge: Charge) -> tuple[date, int]:
    # A charge not flushed yet has no id: the stable sort keeps such charges in given order.
    return (charge.due_date or date.max, charge.id or 0)


def open_charges(session: Session, family_id: int) -> list[Charge]:
    rows = session.scalars(
        select(Charge).where(Charge.family_id == family_id, Charge.paid.is_(False))
    ).all()
    return sorted(rows, key=_due_order)


def balance_due(session: Session, family_id: int) -> int:
    """What GET /family/charges answers as `balanceDueCents` (partial payments count)."""
    charges = open_charges(session, family_id)
    paid = paid_so_far(session, [c.id for c in charges])
    return sum(max(0, c.amount_cents - paid.get(c.id, 0)) for c in charges)


def charges_view(session: Session, family: Family) -> schemas.ChargesOut:
    charges = open_charges(session, family.id)
    paid = paid_so_far(session, [c.id for c in charges])
    items = [charge_out(c, paid.get(c.id, 0)) for c in charges]
    session.refresh(family, ["credit_balance_cents"])
    return schemas.ChargesOut(
        charges=items,
        balance_due_cents=sum(i.amount_cents - i.paid_cents for i in items),
        credit_balance_cents=family.credit_balance_cents,
    )


def payments_view(session: Session, family: Family) -> schemas.PaymentsOut:
    payments = session.scalars(
        select(Payment)
        .where(Payment.family_id == family.id)
        .order_by(Payment.created_at.desc(), Payment.id.desc())
    ).all()
    types = _method_types(session, payments)
    return schemas.PaymentsOut(
        payments=[
            schemas.PaymentOut(
                id=p.id,
                date=(as_utc(p.created_at) or utcnow()).date(),
                amount_cents=p.amount_cents,
                credit_applied_cents=p.credit_applied_cents,
                charged_cents=p.amount_cents - p.credit_applied_cents,
                method=p.method,
                method_kind=method_kind(p, types),
                receipt_number=p.receipt_number,
                items=[a.charge.description for a in p.allocations],
            )
            for p in payments
        ]
    )


# --------------------------------------------------------------------------- the quote

ALL_CREDIT = 10**12  # "as much credit as there is"
FEE_KINDS = frozenset({"registration_fee"})
TAX_KINDS = frozenset({"tax"})


def quote_id(
    purpose: str, ids: Sequence[int], subtotal: int, fees: int, tax: int, credit: int
) -> str:
    """Names the amounts of a quote: the same amounts give the same id, so the payment can
    be checked against what the family saw without storing quotes."""
    due = subtotal + fees + tax
    text = f"{purpose}|{','.join(map(str, sorted(ids)))}|{subtotal}|{fees}|{tax}|{credit}|{due}"
    return "q_" + hashlib.sha256(text.encode()).hexdigest()[:24]


def make_quote(
    purpose: str,
    lines: Sequence[schemas.QuoteLineOut],
    *,
    subtotal: int,
    fees: int,
    tax: int,
    credit_available: int,
    apply_credit_cents: int,
    ids: Sequence[int] = (),
) -> schemas.QuoteOut:
    """The one place that works out what credit covers and what the card or bank pays:
    credit first (as much as asked for and available, at most what is due), the rest now."""
    due = subtotal + fees + tax
    credit = max(0, min(apply_credit_cents, credit_available, due))
    return schemas.QuoteOut(
        quote_id=quote_id(purpose, ids, subtotal, fees, tax, credit),
        lines=list(lines),
        subtotal_cents=subtotal,
        fees_cents=fees,
        tax_cents=tax,
        due_cents=due,
        credit_available_cents=credit_available,
        credit_applied_cents=credit,
        pay_now_cents=due - credit,
    )


def part_of(kind: str) -> str:
    """The total a line of this kind counts in: subtotal, fees or tax."""
    return "fees" if kind in FEE_KINDS else "tax" if kind in TAX_KINDS else "subtotal"


def split_amounts(kinds_and_amounts: Sequence[tuple[str, int]]) -> tuple[int, int, int]:
    """(subtotal, fees, tax) of charges by their kind."""
    fees = sum(a for kind, a in kinds_and_amounts if kind in FEE_KINDS)
    tax = sum(a for kind, a in kinds_and_amounts if kind in TAX_KINDS)
    return sum(a for _, a in kinds_and_amounts) - fees - tax, fees, tax


def _chosen_charges(session: Session, family: Family, charge_ids: list[int] | None) -> list[Charge]:
    """The charges a payment or quote is for (every open one when `charge_ids` is None);
    refuses an unknown, another family's or a paid charge, and nothing left to pay."""
    if charge_ids is None:
        ids = [c.id for c in open_charges(session, family.id)]
    else:
        ids = list(dict.fromkeys(charge_ids))
    rows = locks.lock_rows(session, Charge, ids)
    for charge_id in ids:
        charge = rows.get(charge_id)
        if charge is None or charge.family_id != family.id:
            raise NotFound(CHARGE_NOT_FOUND)
        if charge.paid:
            raise Conflict(ALREADY_PAID, extra={"reason": "already_paid"})
    charges = [rows[i] for i in ids]
    already = paid_so_far(session, ids)
    if not charges or all(c.amount_cents - already.get(c.id, 0) <= 0 for c in charges):
        raise Conflict(NOTHING_DUE, extra={"reason": "nothing_due"})
    return charges


def charges_quote(
    session: Session, family: Family, charge_ids: list[int] | None, apply_credit_cents: int
) -> schemas.QuoteOut:
    """`GET /family/payments/quote`: what paying these charges (or all) costs, itemised."""
    charges = sorted(_chosen_charges(session, family, charge_ids), key=_due_order)
    already = paid_so_far(session, [c.id for c in charges])
    lines = [
        schemas.QuoteLineOut(
            kind=c.kind,
            part=part_of(c.kind),
            description=c.description,
            description_data=description_data(c),
            amount_cents=c.amount_cents - already.get(c.id, 0),
            charge_id=c.id,
        )
        for c in charges
        if c.amount_cents - already.get(c.id, 0) > 0
    ]
    subtotal, fees, tax = split_amounts([(line.kind, line.amount_cents) for line in lines])
    session.refresh(family, ["credit_balance_cents"])
    return make_quote(
        "charges",
        lines,
        subtotal=subtotal,
        fees=fees,
        tax=tax,
        credit_available=family.credit_balance_cents,
        apply_credit_cents=apply_credit_cents,
        ids=[c.id for c in charges],
    )


# --------------------------------------------------------------------------- paying


def money(cents: int) -> str:
    return f"${cents // 100:,}.{cents % 100:02d}"


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


@dataclass(frozen=True)
class Paid:
    payment: Payment
    charges: list[Charge]


_PAYMENT_METHOD = select(PaymentMethod).where(
    PaymentMethod.token == bindparam("token"), PaymentMethod.family_id == bindparam("family_id")
)


def pay(
    session: Session,
    family: Family,
    guardian: Guardian | None,
    charges: Sequence[Charge],
    *,
    apply_credit_cents: int,
    token: str | None,
    gateway: PaymentGateway,
    reference: str,
    field_prefix: str = "",
    new_charges: bool = False,
    flush: bool = True,
    quote: tuple[str, str | None, Sequence[int]] | None = None,
) -> Paid:
    """Pay the open amount of `charges` in full: credit first, then the token. The family row
    is locked (its credit changes) and fresh; `charges` must be fresh and open (`new_charges`:
    made in this transaction and not flushed yet, so nothing was paid on them). Raises
    PaymentRequired, PaymentDeclined or ProcessorUnavailable before writing anything. With
    `flush` false the payment is only added to the session (the caller flushes it with the
    rest of its writes, in one go). `quote` is (purpose, the quoteId the family saw, the
    charge ids it named): when that id is given and these amounts are not the ones it named,
    QuoteChanged is raised before anything is charged."""
    # The reads below do not depend on the caller's pending rows: they wait for one flush.
    with session.no_autoflush:
        family = locks.lock_family(session, family.id)
        ordered = sorted(charges, key=_due_order)
        already = {} if new_charges else paid_so_far(session, [c.id for c in ordered])
        open_amounts = [c.amount_cents - already.get(c.id, 0) for c in ordered]
        due = sum(open_amounts)
        if quote is not None and quote[1] is not None:
            # Checked first: when the credit or a charge changed since the family looked,
            # the answer is the new total, not a complaint about the old one.
            purpose, seen, ids = quote
            subtotal, fees, tax = split_amounts(
                [(c.kind, a) for c, a in zip(ordered, open_amounts, strict=True)]
            )
            credit = min(apply_credit_cents, due)
            if (
                apply_credit_cents > family.credit_balance_cents
                or quote_id(purpose, ids, subtotal, fees, tax, credit) != seen
            ):
                raise QuoteChanged()
        if apply_credit_cents > family.credit_balance_cents:
            raise FormError.one(
                f"{field_prefix}applyCreditCents",
                f"You have {money(family.credit_balance_cents)} of credit to use.",
            )
        credit = min(apply_credit_cents, due)
        rest = due - credit
        method = CREDIT_METHOD
        method_row: PaymentMethod | None = None
        gateway_reference = ""
        if rest > 0:
            if not token:
                raise PaymentRequired()
            method_row = session.scalars(
                _PAYMENT_METHOD, {"token": token, "family_id": family.id}
            ).first()
            if method_row is None:
                raise FormError.one(f"{field_prefix}token", TOKEN_UNKNOWN)
            result = gateway.charge(session, token, rest, reference=reference)
            if result.outcome is Outcome.PROCESSOR_ERROR:
                raise ProcessorUnavailable()
            if result.outcome is Outcome.INSUFFICIENT_FUNDS:
                raise PaymentDeclined(INSUFFICIENT_FUNDS, "insufficient_funds")
            if result.outcome is not Outcome.APPROVED:
                message = DECLINED_BANK if method_row.type == "echeck" else DECLINED_CARD
                raise PaymentDeclined(message, "declined")
            method = method_row.label
            gateway_reference = result.reference
    family.credit_balance_cents -= credit
    payment = Payment(
        organisation_id=family.organisation_id,
        family_id=family.id,
        guardian_id=guardian.id if guardian is not None else None,
        amount_cents=due,
        credit_applied_cents=credit,
        method=method,
        payment_method_id=method_row.id if method_row is not None else None,
        gateway_reference=gateway_reference,
    )
    for charge, amount in zip(ordered, open_amounts, strict=True):
        if amount > 0:
            payment.allocations.append(PaymentAllocation(charge=charge, amount_cents=amount))
        charge.paid = True
    session.add(payment)
    if flush:
        session.flush()
    return Paid(payment, list(ordered))


def receipt_lines(paid: Paid) -> list[str]:
    payment = paid.payment
    lines = [f"Receipt {payment.receipt_number}", ""]
    lines += [f"  {c.description}: {money(c.amount_cents)}" for c in paid.charges]
    lines.append("")
    if payment.credit_applied_cents:
        lines.append(f"Account credit applied: {money(payment.credit_applied_cents)}")
    charged = payment.amount_cents - payment.credit_applied_cents
    if charged:
        lines.append(f"Paid with {payment.method}: {money(charged)}")
    lines.append(f"Total paid: {money(payment.amount_cents)}")
    return lines


def pay_charges(
    session: Session,
    family: Family,
    guardian: Guardian,
    body: schemas.PayRequest,
    gateway: PaymentGateway,
    reference: str,
    organisation_name: str,
) -> schemas.PaymentResult:
    """`POST /family/payments`: the chosen charges (or every open one), credit then token,
    a receipt mail. The caller commits."""
    locks.lock_family(session, family.id)  # family first, then its charges (see locks)
    charges = _chosen_charges(session, family, body.charge_ids)
    paid = pay(
        session,
        family,
        guardian,
        charges,
        apply_credit_cents=body.apply_credit_cents,
        token=body.token,
        gateway=gateway,
        reference=reference,
        quote=("charges", body.quote_id, [c.id for c in charges]),
    )
    mail.enqueue(
        session,
        family.organisation_id,
        kind="receipt",
        to=guardian.email,
        subject=f"Your payment to {organisation_name}",
        body="\n".join(
            [
                f"Hi {guardian.first_name},",
                "",
                "Thank you for your payment.",
                "",
                *receipt_lines(paid),
                "",
                organisation_name,
            ]
        ),
    )
    payment = paid.payment
    return schemas.PaymentResult(
        payment_id=payment.id,
        status=payment.status,
        amount_cents=payment.amount_cents,
        credit_applied_cents=payment.credit_applied_cents,
        charged_cents=payment.amount_cents - payment.credit_applied_cents,
        method=payment.method,
        method_kind=method_kind(payment, _method_types(session, [payment])),
        receipt_number=payment.receipt_number,
        receipt_email=mask_email(guardian.email),
        charges=[charge_out(c, c.amount_cents) for c in paid.charges],
    )
