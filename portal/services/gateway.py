"""The card processor behind payments: a `PaymentGateway` interface and the `SandboxGateway`.

The portal never keeps a card or bank number: `tokenize_*` hands the details to the gateway and
gets back an opaque token, the brand and the last four digits; `charge` charges a token. A real
processor keeps the numbers on its side. The sandbox keeps nothing but its decision for the
token (`sandbox_gateway_tokens`), taken from the well-known test numbers below.

`charge` takes a `reference` (the request's Idempotency-Key): a real gateway must be called with
it as its own idempotency key, so a retry after a lost answer or a processor error can never
charge twice. The sandbox only charges when its decision is "approved", so there is nothing to
repeat.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from portal.models import GatewayToken

CARD_BRANDS = ("Visa", "Mastercard", "Amex", "Discover")


class Outcome(StrEnum):
    APPROVED = "approved"
    DECLINED = "declined"
    INSUFFICIENT_FUNDS = "insufficient_funds"
    PROCESSOR_ERROR = "processor_error"


@dataclass(frozen=True, repr=False)
class CardDetails:
    """Checked card details on their way to the gateway; never stored, never logged."""

    number: str  # digits only
    brand: str
    exp_month: int
    exp_year: int
    cvv: str
    zip: str
    holder_name: str

    def __repr__(self) -> str:  # keep the number out of any traceback or log line
        return f"CardDetails(brand={self.brand!r}, last4={self.number[-4:]!r})"


@dataclass(frozen=True, repr=False)
class BankDetails:
    routing_number: str
    account_number: str
    account_type: str  # checking | savings
    holder_name: str

    def __repr__(self) -> str:
        return f"BankDetails(type={self.account_type!r}, last4={self.account_number[-4:]!r})"


@dataclass(frozen=True)
class Tokenized:
    token: str
    type: str  # card | echeck
    brand: str
    last4: str


@dataclass(frozen=True)
class ChargeResult:
    outcome: Outcome
    reference: str = ""  # the gateway's transaction id when approved


class PaymentGateway(Protocol):
    """What the payments service needs from a processor. The session is the caller's (the
    sandbox keeps its decisions in the portal database; a real gateway would ignore it)."""

    def tokenize_card(self, session: Session, card: CardDetails) -> Tokenized: ...

    def tokenize_bank(self, session: Session, bank: BankDetails) -> Tokenized: ...

    def charge(
        self, session: Session, token: str, amount_cents: int, *, reference: str
    ) -> ChargeResult: ...


# --------------------------------------------------------------------------- number checks


def luhn_ok(digits: str) -> bool:
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def card_brand(digits: str) -> str | None:
    """Visa, Mastercard, Amex or Discover from the number's prefix and length."""
    length = len(digits)
    if digits.startswith("4") and length in (13, 16, 19):
        return "Visa"
    if length == 16 and (51 <= int(digits[:2]) <= 55 or 2221 <= int(digits[:4]) <= 2720):
        return "Mastercard"
    if length == 15 and digits[:2] in ("34", "37"):
        return "Amex"
    if 16 <= length <= 19 and (
        digits.startswith(("6011", "65"))
        or 644 <= int(digits[:3]) <= 649
        or 622126 <= int(digits[:6]) <= 622925
    ):
        return "Discover"
    return None


def aba_ok(routing: str) -> bool:
    """The ABA routing number checksum: 3-7-1 weights over nine digits."""
    if len(routing) != 9 or not routing.isdigit():
        return False
    d = [int(c) for c in routing]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0


# --------------------------------------------------------------------------- the sandbox

SANDBOX_CARD_OUTCOMES = {
    "4000000000000002": Outcome.DECLINED,
    "4000000000009995": Outcome.INSUFFICIENT_FUNDS,
    "4000000000000119": Outcome.PROCESSOR_ERROR,
}
SANDBOX_BANK_OUTCOMES = {
    "000111111116": Outcome.DECLINED,
}


_TOKEN = select(GatewayToken).where(GatewayToken.token == bindparam("token"))


class SandboxGateway:
    """Approves every valid number except the test numbers above."""

    def _issue(
        self, session: Session, kind: str, brand: str, last4: str, outcome: Outcome
    ) -> Tokenized:
        token = f"tok_{secrets.token_urlsafe(24)}"
        session.add(GatewayToken(token=token, outcome=outcome.value))
        return Tokenized(token=token, type=kind, brand=brand, last4=last4)

    def tokenize_card(self, session: Session, card: CardDetails) -> Tokenized:
        outcome = SANDBOX_CARD_OUTCOMES.get(card.number, Outcome.APPROVED)
        return self._issue(session, "card", card.brand, card.number[-4:], outcome)

    def tokenize_bank(self, session: Session, bank: BankDetails) -> Tokenized:
        outcome = SANDBOX_BANK_OUTCOMES.get(bank.account_number, Outcome.APPROVED)
        brand = "Savings" if bank.account_type == "savings" else "Checking"
        return self._issue(session, "echeck", brand, bank.account_number[-4:], outcome)

    def charge(
        self, session: Session, token: str, amount_cents: int, *, reference: str
    ) -> ChargeResult:
        stored = session.scalars(_TOKEN, {"token": token}).first()
        if stored is None:
            return ChargeResult(Outcome.DECLINED)
        outcome = Outcome(stored.outcome)
        if outcome is not Outcome.APPROVED:
            return ChargeResult(outcome)
        # A stable transaction id per (token, reference): a retried charge is the same charge.
        digest = hashlib.sha256(f"{token}|{reference}|{amount_cents}".encode()).hexdigest()
        return ChargeResult(Outcome.APPROVED, reference=f"sbx_{digest[:24]}")
