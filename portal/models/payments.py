"""Payments: payment methods, gateway tokens, payments and their allocations."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    ForeignKey,
    String,
)
from sqlalchemy.orm import (
    Mapped,
    mapped_column,
    relationship,
)

from portal.core.clock import utcnow
from portal.models.base import Base, _org_fk

if TYPE_CHECKING:
    from portal.models.family import Charge


# --------------------------------------------------------------------------- payments


class PaymentMethod(Base):
    """A tokenized card or bank account. Only the token, type, brand and last four digits:
    never the number, the security code or the account number."""

    __tablename__ = "payment_methods"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    token: Mapped[str] = mapped_column(String(64), unique=True)
    type: Mapped[str] = mapped_column(String(8))  # card | echeck
    brand: Mapped[str] = mapped_column(String(20))  # Visa, Mastercard, ... / Checking, Savings
    last4: Mapped[str] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def label(self) -> str:
        return f"{self.brand} •••• {self.last4}"


class GatewayToken(Base):
    """The sandbox gateway's own record of a token: only what charging it will answer."""

    __tablename__ = "sandbox_gateway_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    outcome: Mapped[str] = mapped_column(String(24))  # approved | declined | ...
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Payment(Base):
    """An approved payment: `amount_cents` in all, of which `credit_applied_cents` came from
    the family's credit and the rest from the payment method."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    guardian_id: Mapped[int | None] = mapped_column(ForeignKey("guardians.id", ondelete="SET NULL"))
    amount_cents: Mapped[int]
    credit_applied_cents: Mapped[int] = mapped_column(default=0)
    method: Mapped[str] = mapped_column(String(40))  # "Visa •••• 4242", "Account credit"
    payment_method_id: Mapped[int | None] = mapped_column(
        ForeignKey("payment_methods.id", ondelete="SET NULL")
    )
    gateway_reference: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(16), default="approved")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    allocations: Mapped[list[PaymentAllocation]] = relationship(
        cascade="all, delete-orphan", order_by="PaymentAllocation.id"
    )

    @property
    def receipt_number(self) -> str:
        return f"R-{self.id:06d}"


class PaymentAllocation(Base):
    """The part of a payment that went to one charge."""

    __tablename__ = "payment_allocations"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(
        ForeignKey("payments.id", ondelete="CASCADE"), index=True
    )
    charge_id: Mapped[int] = mapped_column(ForeignKey("charges.id", ondelete="CASCADE"), index=True)
    amount_cents: Mapped[int]

    charge: Mapped[Charge] = relationship()
