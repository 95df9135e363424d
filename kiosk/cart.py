"""The family's cart on the portal: add (with a seat hold), remove, check out, Coming Up.

Cart contents are the family's personal data: memory only, like kiosk.accounts.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from kiosk.api.client import PortalClient
from kiosk.api.errors import PortalError

log = logging.getLogger(__name__)


def _when(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class CartLine:
    id: int
    kind: str
    title: str
    subtitle: str
    student_name: str
    price_cents: int
    fee_cents: int
    fee_label: str
    waitlist: bool
    hold_expires_at: datetime | None


@dataclass(frozen=True)
class Cart:
    lines: tuple[CartLine, ...] = ()
    subtotal_cents: int = 0
    fees_cents: int = 0
    tax_cents: int = 0
    total_cents: int = 0
    credit_available_cents: int = 0
    hold_expires_at: datetime | None = None
    expired: tuple[str, ...] = ()  # what the portal let go since the last look

    def seconds_left(self, now: datetime | None = None) -> int | None:
        if self.hold_expires_at is None:
            return None
        now = now or datetime.now(UTC)
        return max(0, int((self.hold_expires_at - now).total_seconds()))


@dataclass(frozen=True)
class OrderLine:
    kind: str
    title: str
    student_name: str
    result: str  # enrolled | waitlisted | purchased
    waitlist_position: int | None
    when: str


@dataclass(frozen=True)
class Order:
    order_id: int
    status: str
    total_cents: int
    paid_cents: int
    lines: tuple[OrderLine, ...]
    receipt_email: str


@dataclass(frozen=True)
class ComingUpEvent:
    day: date
    start_time: str
    end_time: str
    kind: str
    title: str
    student_name: str
    location: str
    cancelled: bool


class BookingRefused(Exception):
    """The portal said no to an item, in one sentence; `waitlist_offer` when it is full and
    the class keeps a waitlist."""

    def __init__(self, message: str, reason: str = "", waitlist_offer: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.waitlist_offer = waitlist_offer


def cart_from_wire(data: dict[str, Any]) -> Cart:
    expired = tuple(
        " – ".join(x for x in (str(e.get("title") or ""), str(e.get("studentName") or "")) if x)
        for e in data.get("expired") or []
        if isinstance(e, dict)
    )
    return Cart(
        lines=tuple(
            CartLine(
                id=int(item["id"]),
                kind=str(item.get("kind") or ""),
                title=str(item.get("title") or ""),
                subtitle=str(item.get("subtitle") or ""),
                student_name=str(item.get("studentName") or ""),
                price_cents=int(item.get("priceCents") or 0),
                fee_cents=int(item.get("feeCents") or 0),
                fee_label=str(item.get("feeLabel") or ""),
                waitlist=bool(item.get("waitlist")),
                hold_expires_at=_when(item.get("holdExpiresAt")),
            )
            for item in data.get("items") or []
        ),
        subtotal_cents=int(data.get("subtotalCents") or 0),
        fees_cents=int(data.get("feesCents") or 0),
        tax_cents=int(data.get("taxCents") or 0),
        total_cents=int(data.get("totalCents") or 0),
        credit_available_cents=int(data.get("creditAvailableCents") or 0),
        hold_expires_at=_when(data.get("holdExpiresAt")),
        expired=expired,
    )


def order_from_wire(data: dict[str, Any]) -> Order:
    return Order(
        order_id=int(data.get("orderId") or 0),
        status=str(data.get("status") or ""),
        total_cents=int(data.get("totalCents") or 0),
        paid_cents=int(data.get("paidCents") or 0),
        lines=tuple(
            OrderLine(
                kind=str(item.get("kind") or ""),
                title=str(item.get("title") or ""),
                student_name=str(item.get("studentName") or ""),
                result=str(item.get("result") or ""),
                waitlist_position=item.get("waitlistPosition"),
                when=str(item.get("when") or ""),
            )
            for item in data.get("items") or []
        ),
        receipt_email=str(data.get("receiptEmail") or ""),
    )


def _refusal(error: PortalError) -> BookingRefused | None:
    body = error.body if isinstance(error.body, dict) else {}
    if error.status in (400, 404, 409) and error.message:
        return BookingRefused(
            error.message, str(body.get("reason") or ""), bool(body.get("waitlist"))
        )
    return None


class CartService:
    """Blocking calls for the UI's Worker. Each add or checkout carries its own
    Idempotency-Key, kept across the client's retries, so a dropped answer never books twice."""

    def __init__(self, client: PortalClient) -> None:
        self._client = client
        self.cart = Cart()
        self.last_order: Order | None = None
        self._checkout_key: str | None = None

    def clear(self) -> None:
        self.cart = Cart()
        self.last_order = None
        self._checkout_key = None

    def load(self) -> Cart:
        self.cart = cart_from_wire(self._client.get_cart())
        return self.cart

    def add(self, item: dict[str, Any]) -> Cart:
        try:
            data = self._client.add_cart_item(item, idempotency_key=str(uuid.uuid4()))
        except PortalError as exc:
            refusal = _refusal(exc)
            if refusal is not None:
                raise refusal from exc
            raise
        self.cart = cart_from_wire(data)
        self._checkout_key = None  # a changed cart is a new checkout
        return self.cart

    def remove(self, item_id: int) -> Cart:
        self.cart = cart_from_wire(self._client.remove_cart_item(item_id))
        self._checkout_key = None
        return self.cart

    def checkout(self, payment: dict[str, Any] | None) -> Order:
        # One key per cart: pressing "Confirm" again after a lost answer replays, never rebooks.
        if self._checkout_key is None:
            self._checkout_key = str(uuid.uuid4())
        try:
            data = self._client.checkout({"payment": payment}, idempotency_key=self._checkout_key)
        except PortalError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                # A final answer (declined, a seat gone): the next try is a new attempt.
                self._checkout_key = None
            refusal = _refusal(exc)
            if refusal is not None:
                raise refusal from exc
            raise
        self.last_order = order_from_wire(data)
        self.cart = Cart()
        self._checkout_key = None
        return self.last_order

    def coming_up(self, days: int = 30, limit: int = 15) -> list[ComingUpEvent]:
        data = self._client.coming_up(days=days, limit=limit)
        events = []
        for e in data.get("events") or []:
            try:
                day = date.fromisoformat(str(e.get("date")))
            except ValueError:
                continue
            events.append(
                ComingUpEvent(
                    day=day,
                    start_time=str(e.get("startTime") or ""),
                    end_time=str(e.get("endTime") or ""),
                    kind=str(e.get("kind") or ""),
                    title=str(e.get("title") or ""),
                    student_name=str(e.get("studentName") or ""),
                    location=str(e.get("location") or ""),
                    cancelled=bool(e.get("cancelled")),
                )
            )
        events.sort(key=lambda ev: (ev.day, ev.start_time))
        return events[:limit]
