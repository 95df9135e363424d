"""Paying at the kiosk: what the family owes, card readers and keyed entry, eCheck, credit.

Card and bank numbers live only in memory, only long enough to go to the portal's
tokenization endpoint; afterwards the kiosk holds a token, a brand and the last four digits.
"""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.api.answers import (
    ChargesAnswer,
    OrderAnswer,
    PaymentResultAnswer,
    PaymentsAnswer,
    QuoteAnswer,
    TokenizeAnswer,
    read,
)
from kiosk.api.client import PortalClient
from kiosk.api.errors import PortalError, ValidationError
from kiosk.clock import clock
from kiosk.i18n import _
from kiosk.outbox import OutboxSender
from kiosk.validation import check_required

log = logging.getLogger(__name__)


# ----- checking what was typed ---------------------------------------------------------------


def digits(value: str) -> str:
    return re.sub(r"[^0-9]", "", value)


def luhn_ok(number: str) -> bool:
    nums = [int(ch) for ch in number]
    if len(nums) < 12:
        return False
    total = 0
    for index, digit in enumerate(reversed(nums)):
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def card_brand(number: str) -> str:
    n = digits(number)
    if n.startswith("4"):
        return "Visa"
    if re.match(r"^(5[1-5]|2[2-7])", n):
        return "Mastercard"
    if re.match(r"^3[47]", n):
        return "Amex"
    if re.match(r"^(6011|65|64[4-9])", n):
        return "Discover"
    return ""


def check_card_number(value: str) -> str | None:
    n = digits(value)
    if not n:
        return _("Please enter the card number.")
    if re.search(r"[^0-9\s-]", value) or not 13 <= len(n) <= 19 or not luhn_ok(n):
        return _("That card number doesn't look right. Please check it.")
    if not card_brand(n):
        return _("We accept Visa, Mastercard, American Express and Discover.")
    return None


def check_expiry(value: str, today: date | None = None) -> str | None:
    match = re.fullmatch(r"\s*([0-9]{1,2})\s*/\s*([0-9]{2}|[0-9]{4})\s*", value)
    if not match:
        return _("Please enter the expiry as MM/YY.")
    month, year = int(match.group(1)), int(match.group(2))
    year = year + 2000 if year < 100 else year
    if not 1 <= month <= 12:
        return _("Please enter the expiry as MM/YY.")
    today = today or clock.today()
    if (year, month) < (today.year, today.month):
        return _("This card has expired.")
    return None


def parse_expiry(value: str) -> tuple[int, int]:
    month, year = (int(part) for part in re.findall(r"[0-9]+", value)[:2])
    return month, (year + 2000 if year < 100 else year)


def check_cvv(value: str, number: str = "") -> str | None:
    want = 4 if card_brand(number) == "Amex" else 3
    if not re.fullmatch(rf"[0-9]{{{want}}}", value.strip()):
        return _("Please enter the {n}-digit security code.").format(n=want)
    return None


def check_card_zip(value: str) -> str | None:
    if not re.fullmatch(r"[0-9]{5}", value.strip()):
        return _("Please enter the 5-digit billing ZIP code.")
    return None


def aba_ok(routing: str) -> bool:
    if not re.fullmatch(r"[0-9]{9}", routing):
        return False
    d = [int(ch) for ch in routing]
    total = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])
    return total % 10 == 0


def check_routing(value: str) -> str | None:
    if not aba_ok(value.strip()):
        return _(
            "That routing number doesn't look right. "
            "It is the 9 digits at the bottom left of a check."
        )
    return None


def check_account_number(value: str) -> str | None:
    if not re.fullmatch(r"[0-9]{4,17}", value.strip()):
        return _("Please enter the account number (4 to 17 digits).")
    return None


def check_payment_field(name: str, value: str, number: str = "") -> str | None:
    checks: dict[str, Callable[[str], str | None]] = {
        "cardNumber": check_card_number,
        "expiry": check_expiry,
        "cvv": lambda v: check_cvv(v, number),
        "zip": check_card_zip,
        "routingNumber": check_routing,
        "accountNumber": check_account_number,
        "holderName": lambda v: check_required(v, _("the name on the account")),
    }
    check = checks.get(name)
    return check(value) if check else None


def masked(number: str) -> str:
    """For logs and screens: only the last four digits."""
    n = digits(number)
    return f"•••• {n[-4:]}" if len(n) >= 4 else "••••"


# ----- card readers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CardDetails:
    """A card as read or typed: in memory only, on its way to tokenization."""

    number: str
    exp_month: int
    exp_year: int
    cvv: str
    zip: str
    holder_name: str = ""

    def __repr__(self) -> str:  # never print the number, even by accident
        return f"CardDetails({masked(self.number)})"


class CardReaderError(Exception):
    """The reader could not read the card (a family can try again or type it)."""


class CardReader(ABC):
    """Where card details come from: a terminal at the kiosk, or the simulated one."""

    @abstractmethod
    def read(self, choice: str) -> CardDetails:
        """Wait for a card; `choice` only matters to the simulated reader."""


SIMULATED_CARDS: dict[str, str] = {
    "approved": "4242424242424242",
    "declined": "4000000000000002",
    "insufficient_funds": "4000000000009995",
}


class SimulatedCardReader(CardReader):
    """The demo's reader: on-screen test cards instead of a real terminal."""

    def read(self, choice: str) -> CardDetails:
        if choice == "reader_error":
            raise CardReaderError(_("The card reader couldn't read that card. Please try again."))
        number = SIMULATED_CARDS.get(choice)
        if number is None:
            raise CardReaderError(_("The card reader couldn't read that card. Please try again."))
        return CardDetails(number, 12, clock.today().year + 3, "123", "62704", "Demo Card")


# ----- paying --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentMethod:
    token: str
    type: str  # card | echeck
    brand: str
    last4: str

    @property
    def label(self) -> str:
        name = self.brand if self.type == "card" else _("Bank account")
        return f"{name} •••• {self.last4}"


@dataclass(frozen=True)
class DescriptionData:
    """What a charge is for, as the portal's data (`descriptionData`): the UI words it in the
    visitor's language by the charge's kind. `known` is False for a portal that sent only its
    English `description` (then that is shown as sent)."""

    known: bool = False
    student_name: str = ""
    item_name: str = ""
    month: int | None = None  # tuition's month, 1-12
    day: date | None = None  # an appointment's or party's day
    recipient_name: str = ""


def description_data_from_wire(data: Any) -> DescriptionData:
    """The portal's `descriptionData`; whatever it cannot read is left out, never an error."""
    if not isinstance(data, dict) or not data:
        return DescriptionData()
    month = data.get("month")
    day: date | None
    try:
        day = date.fromisoformat(str(data["date"])) if data.get("date") else None
    except ValueError:
        day = None
    return DescriptionData(
        known=True,
        student_name=str(data.get("studentName") or ""),
        item_name=str(data.get("itemName") or ""),
        month=month if isinstance(month, int) and 1 <= month <= 12 else None,
        day=day,
        recipient_name=str(data.get("recipientName") or ""),
    )


@dataclass(frozen=True)
class Charge:
    id: int
    date: str
    description: str
    amount_cents: int
    paid_cents: int
    due_date: str
    kind: str = ""  # registration_fee | tax | tuition | ...: the UI words the first two
    description_data: DescriptionData = DescriptionData()

    @property
    def open_cents(self) -> int:
        return self.amount_cents - self.paid_cents


@dataclass(frozen=True)
class QuoteLine:
    kind: str
    part: str  # the total it counts in: subtotal | fees | tax
    description: str
    student_name: str
    amount_cents: int
    description_data: DescriptionData = DescriptionData()


@dataclass(frozen=True)
class Quote:
    """What the family is about to pay, as the portal worked it out; the kiosk shows it and
    pays exactly it (the portal refuses a payment that no longer matches its `quote_id`)."""

    purpose: str  # charges | checkout
    charge_ids: tuple[int, ...]
    quote_id: str
    lines: tuple[QuoteLine, ...]
    subtotal_cents: int
    fees_cents: int
    tax_cents: int
    due_cents: int
    credit_available_cents: int
    credit_applied_cents: int
    pay_now_cents: int


def credit_covers(quote: Quote) -> bool:
    """The credit pays the whole quote: no card or bank account is asked for."""
    return quote.pay_now_cents <= 0


def quote_from_wire(purpose: str, charge_ids: list[int] | None, data: Any) -> Quote:
    """The portal's quote; BadResponse when any of its amounts is missing."""
    answer = read(QuoteAnswer, data)
    return Quote(
        purpose=purpose,
        charge_ids=tuple(charge_ids or ()),
        quote_id=answer.quote_id,
        lines=tuple(
            QuoteLine(
                kind=line.kind,
                part=line.part or "subtotal",
                description=line.description,
                student_name=line.student_name,
                amount_cents=line.amount_cents,
                description_data=description_data_from_wire(line.description_data),
            )
            for line in answer.lines
        ),
        subtotal_cents=answer.subtotal_cents,
        fees_cents=answer.fees_cents,
        tax_cents=answer.tax_cents,
        due_cents=answer.due_cents,
        credit_available_cents=answer.credit_available_cents,
        credit_applied_cents=answer.credit_applied_cents,
        pay_now_cents=answer.pay_now_cents,
    )


@dataclass(frozen=True)
class Receipt:
    payment_id: int
    amount_cents: int
    credit_applied_cents: int
    method: str
    receipt_number: str
    receipt_email: str
    charged_cents: int = 0  # what the card or bank paid
    method_kind: str = ""  # credit | card | echeck: the UI words "credit" itself


class QuoteChanged(Exception):
    """The amounts changed since the family looked (409 `quote_changed`); nothing was
    charged. The screen asks for a new quote and shows it with this sentence."""

    def __init__(self, message: str, quote: Quote | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.quote = quote  # the new amounts, when they could be read


class PaymentDeclined(Exception):
    """The portal or its processor said no; one plain sentence, nothing was charged."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason


class PaymentFormErrors(Exception):
    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__(_("Please check the highlighted fields."))
        self.fields = fields
        self.message = str(self)


def _declined(exc: PortalError) -> PaymentDeclined | QuoteChanged | None:
    body = exc.body if isinstance(exc.body, dict) else {}
    if exc.status == 402:
        return PaymentDeclined(exc.message, str(body.get("reason") or ""))
    if exc.status == 409 and body.get("reason") == "quote_changed":
        return QuoteChanged(exc.message)
    return None


class PaymentService:
    """Blocking calls for the UI's Worker. Payments and paid checkouts go through the outbox."""

    def __init__(
        self,
        client: PortalClient,
        outbox: OutboxSender,
        family_id: Callable[[], int | None] = lambda: None,
        *,
        token: Callable[[], str | None],
    ) -> None:
        self._client = client
        self._outbox = outbox
        self._family_id = family_id
        self._token = token  # the visit's family token, asked at each call

    def tokenize_card(self, card: CardDetails) -> PaymentMethod:
        body = {
            "type": "card",
            "number": card.number,
            "expMonth": card.exp_month,
            "expYear": card.exp_year,
            "cvv": card.cvv,
            "zip": card.zip,
            "holderName": card.holder_name,
        }
        return self._tokenize(body)

    def tokenize_keyed_card(self, fields: dict[str, str]) -> PaymentMethod:
        number = digits(fields.get("cardNumber", ""))
        problems = {
            name: message
            for name in ("cardNumber", "expiry", "cvv", "zip")
            if (message := check_payment_field(name, fields.get(name, ""), number))
        }
        if problems:
            raise PaymentFormErrors(problems)
        month, year = parse_expiry(fields["expiry"])
        card = CardDetails(
            number,
            month,
            year,
            fields["cvv"].strip(),
            fields["zip"].strip(),
            fields.get("holderName", "").strip(),
        )
        return self.tokenize_card(card)

    def tokenize_echeck(self, fields: dict[str, str]) -> PaymentMethod:
        problems = {
            name: message
            for name in ("routingNumber", "accountNumber", "holderName")
            if (message := check_payment_field(name, fields.get(name, "")))
        }
        if problems:
            raise PaymentFormErrors(problems)
        body = {
            "type": "echeck",
            "routingNumber": fields["routingNumber"].strip(),
            "accountNumber": fields["accountNumber"].strip(),
            "accountType": fields.get("accountType") or "checking",
            "holderName": fields["holderName"].strip(),
        }
        return self._tokenize(body)

    def _tokenize(self, body: dict[str, Any]) -> PaymentMethod:
        try:
            data = self._client.tokenize(body, token=self._token())
        except ValidationError as exc:
            fields = {_FIELD_NAMES.get(k, k): v for k, v in exc.field_errors.items()}
            raise PaymentFormErrors(fields) from exc
        finally:
            body.clear()  # the numbers go no further than this call
        answer = read(TokenizeAnswer, data)
        return PaymentMethod(
            token=answer.token, type=answer.type or "card", brand=answer.brand, last4=answer.last4
        )

    def charges(self) -> tuple[list[Charge], int, int]:
        answer = read(ChargesAnswer, self._client.charges(token=self._token()))
        charges = [
            Charge(
                id=c.id,
                date=c.date,
                description=c.description,
                amount_cents=c.amount_cents,
                paid_cents=c.paid_cents,
                due_date=c.due_date,
                kind=c.kind,
                description_data=description_data_from_wire(c.description_data),
            )
            for c in answer.charges
        ]
        return charges, answer.balance_due_cents, answer.credit_balance_cents

    def history(self) -> list[dict[str, Any]]:
        """The family's payments as the portal's fields (checked: every amount is there)."""
        answer = read(PaymentsAnswer, self._client.payments(token=self._token()))
        return [p.model_dump(by_alias=True) for p in answer.payments]

    def quote(self, purpose: str, charge_ids: list[int] | None, use_credit: bool) -> Quote:
        """The portal's quote for paying these charges (None: all) or checking out the cart."""
        if purpose == "checkout":
            data = self._client.cart_quote(use_credit, token=self._token())
        else:
            data = self._client.payments_quote(charge_ids, use_credit, token=self._token())
        return quote_from_wire(purpose, charge_ids, data)

    def pay_quote(self, quote: Quote, method: PaymentMethod | None) -> Receipt | dict[str, Any]:
        """Pay exactly `quote`: its credit, its id; the card or bank for the rest. When the
        portal says the amounts changed, the new quote comes with the QuoteChanged."""
        try:
            if quote.purpose == "checkout":
                return self.checkout(quote.credit_applied_cents, method, quote_id=quote.quote_id)
            return self.pay(
                list(quote.charge_ids) or None,
                quote.credit_applied_cents,
                method,
                quote_id=quote.quote_id,
            )
        except QuoteChanged as changed:
            use_credit = quote.credit_applied_cents > 0
            try:
                changed.quote = self.quote(
                    quote.purpose, list(quote.charge_ids) or None, use_credit
                )
            except PortalError:
                log.info("no new quote after quote_changed")
            raise

    def method_for(
        self, quote: Quote, how: str, fields: dict[str, str], reader: CardReader
    ) -> PaymentMethod | None:
        """What pays the part of `quote` the credit leaves, tokenized: `how` is
        reader:<test card> | keyed | echeck (`fields` the typed numbers); None when the credit
        covers it all, whatever was chosen."""
        if credit_covers(quote):
            return None
        if how.startswith("reader:"):
            return self.tokenize_card(reader.read(how.split(":", 1)[1]))
        if how == "keyed":
            return self.tokenize_keyed_card(fields)
        if how == "echeck":
            return self.tokenize_echeck(fields)
        raise PaymentFormErrors({"method": _("Please choose how to pay.")})

    def pay_quote_by(
        self, quote: Quote, how: str, fields: dict[str, str], reader: CardReader
    ) -> Receipt | dict[str, Any]:
        """Pay `quote` the way the family chose (see method_for); the typed numbers are
        forgotten as soon as they are tokenized."""
        try:
            method = self.method_for(quote, how, fields, reader)
        finally:
            fields.clear()
        return self.pay_quote(quote, method)

    def pay(
        self,
        charge_ids: list[int] | None,
        apply_credit_cents: int,
        method: PaymentMethod | None,
        *,
        quote_id: str | None = None,
    ) -> Receipt:
        body = {
            "chargeIds": charge_ids,
            "applyCreditCents": apply_credit_cents,
            "token": method.token if method else None,
            "quoteId": quote_id,
        }
        try:
            delivery = self._outbox.send(
                "payment", "family/payments", body, self._token(), self._family_id()
            )
        except PortalError as exc:
            declined = _declined(exc)
            if declined is not None:
                raise declined from exc
            raise
        answer = read(PaymentResultAnswer, delivery.result)
        return Receipt(
            payment_id=answer.payment_id,
            amount_cents=answer.amount_cents,
            credit_applied_cents=answer.credit_applied_cents,
            method=answer.method or (method.label if method else _("Credit balance")),
            receipt_number=answer.receipt_number,
            receipt_email=answer.receipt_email,
            charged_cents=answer.charged_cents,
            method_kind=answer.method_kind or ("" if method else "credit"),
        )

    def checkout(
        self,
        apply_credit_cents: int,
        method: PaymentMethod | None,
        *,
        quote_id: str | None = None,
    ) -> dict[str, Any]:
        """A paid cart checkout: the same outbox path as a payment, so it is exactly once."""
        body = {
            "payment": {
                "token": method.token if method else None,
                "applyCreditCents": apply_credit_cents,
                "quoteId": quote_id,
            }
        }
        try:
            delivery = self._outbox.send(
                "checkout", "family/cart/checkout", body, self._token(), self._family_id()
            )
        except PortalError as exc:
            declined = _declined(exc)
            if declined is not None:
                raise declined from exc
            raise
        # Read here, in the Worker: an order without its amounts is BadResponse, not "$0.00"
        # (the screen words it with kiosk.cart.order_from_wire).
        read(OrderAnswer, delivery.result)
        return dict(delivery.result or {})


_FIELD_NAMES = {"number": "cardNumber", "expMonth": "expiry", "expYear": "expiry"}
