"""The family's cart on the portal: add (with a seat hold), remove, check out, Coming Up.

Cart contents are the family's personal data: memory only, like kiosk.accounts.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kiosk.api.answers import CartAnswer, ComingUpAnswer, OrderAnswer, read
from kiosk.api.client import PortalClient
from kiosk.api.errors import PortalError, PortalUnavailable
from kiosk.clock import clock
from kiosk.domain import ClassOffering

log = logging.getLogger(__name__)


def _when(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class LineWhen:
    """When (and with whom) a cart or order line happens, as the portal's data: the UI words
    it in the visitor's language. `known` is False for a portal that sent only its English."""

    known: bool = False
    start_date: date | None = None  # a class's first meeting
    weekly: tuple[tuple[int, str, str], ...] = ()  # (1 = Sunday .. 7, "16:30", "17:30")
    days: tuple[date, ...] = ()  # camp days booked
    camp_days: int | None = None  # how many days the camp has
    day: date | None = None  # an appointment's or party's day
    start_time: str = ""  # HH:MM
    end_time: str = ""
    staff_name: str = ""
    quantity: int | None = None
    recipient_name: str = ""
    recipient_email: str = ""


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def when_from_wire(data: Any) -> LineWhen:
    """The portal's `whenData`; whatever it cannot read is left out, never an error."""
    if not isinstance(data, dict) or not data:
        return LineWhen()
    weekly = []
    for slot in data.get("weekly") or []:
        if isinstance(slot, dict):
            number = _optional_id(slot.get("dayNumber"))
            if number is not None and 1 <= number <= 7:
                weekly.append(
                    (number, str(slot.get("startTime") or ""), str(slot.get("endTime") or ""))
                )
    days = tuple(d for d in (_day(x) for x in data.get("days") or []) if d is not None)
    return LineWhen(
        known=True,
        start_date=_day(data.get("startDate")),
        weekly=tuple(weekly),
        days=days,
        camp_days=_optional_id(data.get("campDays")),
        day=_day(data.get("date")),
        start_time=str(data.get("startTime") or ""),
        end_time=str(data.get("endTime") or ""),
        staff_name=str(data.get("staffName") or ""),
        quantity=_optional_id(data.get("quantity")),
        recipient_name=str(data.get("recipientName") or ""),
        recipient_email=str(data.get("recipientEmail") or ""),
    )


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
    when: LineWhen = LineWhen()
    fee_kind: str = ""  # registration_fee: the UI words the fee; else fee_label as sent


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
        now = now or clock.now()
        return max(0, int((self.hold_expires_at - now).total_seconds()))


@dataclass(frozen=True)
class OrderLine:
    kind: str
    title: str
    student_name: str
    result: str  # enrolled | waitlisted | purchased
    waitlist_position: int | None
    when: str  # the portal's English, shown when `when_data` is not known
    when_data: LineWhen = LineWhen()


@dataclass(frozen=True)
class Order:
    order_id: int
    status: str
    total_cents: int
    paid_cents: int
    lines: tuple[OrderLine, ...]
    receipt_email: str
    credit_applied_cents: int = 0
    charged_cents: int = 0  # what the card or bank paid
    method: str = ""


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
    # Absences and makeups (docs/absences-contract.md).
    class_id: int | None = None
    student_id: int | None = None
    status: str = "scheduled"  # scheduled | absent | makeup
    absence_id: int | None = None
    credit_earned: bool = False
    can_mark_absent: bool = False
    can_take_back: bool = False


def _optional_id(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


class BookingRefused(Exception):
    """The portal said no to an item, in one sentence; `waitlist_offer` when it is full and
    the class keeps a waitlist."""

    def __init__(self, message: str, reason: str = "", waitlist_offer: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.waitlist_offer = waitlist_offer


def cart_from_wire(data: Any) -> Cart:
    """The portal's Cart; BadResponse when it lacks what the kiosk shows (a total, a price)."""
    answer = read(CartAnswer, data)
    return Cart(
        lines=tuple(
            CartLine(
                id=item.id,
                kind=item.kind,
                title=item.title,
                subtitle=item.subtitle,
                student_name=item.student_name,
                price_cents=item.price_cents,
                fee_cents=item.fee_cents,
                fee_label=item.fee_label,
                fee_kind=item.fee_kind,
                waitlist=item.waitlist,
                hold_expires_at=_when(item.hold_expires_at),
                when=when_from_wire(item.when_data),
            )
            for item in answer.items
        ),
        subtotal_cents=answer.subtotal_cents,
        fees_cents=answer.fees_cents,
        tax_cents=answer.tax_cents,
        total_cents=answer.total_cents,
        credit_available_cents=answer.credit_available_cents,
        hold_expires_at=_when(answer.hold_expires_at),
        expired=tuple(
            " – ".join(x for x in (e.title, e.student_name) if x) for e in answer.expired
        ),
    )


def order_from_wire(data: Any) -> Order:
    """The portal's Order; BadResponse when it lacks its id, status or amounts."""
    answer = read(OrderAnswer, data)
    return Order(
        order_id=answer.order_id,
        status=answer.status,
        total_cents=answer.total_cents,
        paid_cents=answer.paid_cents,
        lines=tuple(
            OrderLine(
                kind=item.kind,
                title=item.title,
                student_name=item.student_name,
                result=item.result,
                waitlist_position=item.waitlist_position,
                when=item.when,
                when_data=when_from_wire(item.when_data),
            )
            for item in answer.items
        ),
        receipt_email=answer.receipt_email,
        credit_applied_cents=answer.credit_applied_cents,
        charged_cents=answer.charged_cents,
        method=answer.method,
    )


def refusal_of(error: PortalError) -> BookingRefused | None:
    body = error.body if isinstance(error.body, dict) else {}
    if error.status in (400, 404, 409) and error.message:
        return BookingRefused(
            error.message, str(body.get("reason") or ""), bool(body.get("waitlist"))
        )
    return None


def joins_waitlist(cached: ClassOffering | None) -> bool:
    """A class with no open seat in the cache is joined on its waitlist; one the cache does
    not know is asked for a seat (the portal offers its waitlist if it is full)."""
    return cached is not None and cached.openings <= 0


@dataclass(frozen=True)
class ClassRequest:
    """Students to enroll in one class from a start date (ISO), as the family chose them."""

    class_id: int
    student_ids: tuple[int, ...]
    start_date: str


class CartService:
    """Blocking calls for the UI's Worker. Each add or checkout carries its own
    Idempotency-Key, kept across the client's retries, so a dropped answer never books twice.

    An add's key belongs to its intent (the same class, student and start date; the same
    product and quantity...) until the portal's answer is read: a parent tapping "Add" again
    after a lost answer replays the first add instead of being told it is already in the cart.
    Once an answer is read, the next add of the same thing is a new intent (after a removal)."""

    def __init__(self, client: PortalClient, token: Callable[[], str | None]) -> None:
        self._client = client
        self._token = token  # the visit's family token, asked at each call
        self.cart = Cart()
        self.last_order: Order | None = None
        self._checkout_key: str | None = None
        self._unanswered_adds: dict[str, str] = {}  # intent -> its Idempotency-Key
        # A class the portal found full and whose waitlist it offered: join_waitlist() takes it.
        self.waitlist_offer: ClassRequest | None = None

    def clear(self) -> None:
        self.cart = Cart()
        self.last_order = None
        self._checkout_key = None
        self._unanswered_adds.clear()
        self.waitlist_offer = None

    def load(self) -> Cart:
        self.cart = cart_from_wire(self._client.get_cart(token=self._token()))
        return self.cart

    def add(self, item: dict[str, Any]) -> Cart:
        intent = json.dumps(item, sort_keys=True, default=str)
        key = self._unanswered_adds.setdefault(intent, str(uuid.uuid4()))
        try:
            data = self._client.add_cart_item(item, idempotency_key=key, token=self._token())
        except PortalUnavailable:
            raise  # the outcome is unknown: the next tap asks with the same key
        except PortalError as exc:
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                self._unanswered_adds.pop(intent, None)  # a final answer
            refusal = refusal_of(exc)
            if refusal is not None:
                raise refusal from exc
            raise
        self._unanswered_adds.pop(intent, None)
        self.cart = cart_from_wire(data)
        self._checkout_key = None  # a changed cart is a new checkout
        return self.cart

    def remove(self, item_id: int) -> Cart:
        self.cart = cart_from_wire(self._client.remove_cart_item(item_id, token=self._token()))
        self._checkout_key = None
        return self.cart

    def checkout(self, payment: dict[str, Any] | None) -> Order:
        # One key per cart: pressing "Confirm" again after a lost answer replays, never rebooks.
        if self._checkout_key is None:
            self._checkout_key = str(uuid.uuid4())
        try:
            data = self._client.checkout(
                {"payment": payment}, idempotency_key=self._checkout_key, token=self._token()
            )
        except PortalError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                # A final answer (declined, a seat gone): the next try is a new attempt.
                self._checkout_key = None
            refusal = refusal_of(exc)
            if refusal is not None:
                raise refusal from exc
            raise
        self.last_order = order_from_wire(data)
        self.cart = Cart()
        self._checkout_key = None
        return self.last_order

    # ----- what a family adds (each builds the portal's item; the portal prices and holds) ----

    def add_all(self, items: list[dict[str, Any]]) -> Cart:
        """Add the items one by one (one per student): the cart as the last add left it."""
        cart = self.cart
        for item in items:
            cart = self.add(item)
        return cart

    def add_class(
        self,
        class_id: int,
        student_ids: Iterable[int],
        start_date: str = "",
        *,
        cached: ClassOffering | None = None,
        waitlist: bool | None = None,
    ) -> Cart:
        """Enroll each student from `start_date` (today when blank): on the waitlist when the
        cached class has no open seat (`waitlist` overrides). When the portal finds the class
        full and offers its waitlist, the request waits in `waitlist_offer`."""
        request = ClassRequest(
            class_id, tuple(int(s) for s in student_ids), start_date or clock.today().isoformat()
        )
        on_waitlist = joins_waitlist(cached) if waitlist is None else waitlist
        self.waitlist_offer = None
        try:
            return self.add_all(
                [
                    {
                        "kind": "class",
                        "classId": request.class_id,
                        "studentId": student_id,
                        "startDate": request.start_date,
                        "waitlist": on_waitlist,
                    }
                    for student_id in request.student_ids
                ]
            )
        except BookingRefused as refused:
            if refused.waitlist_offer:
                self.waitlist_offer = request
            raise

    def join_waitlist(self) -> Cart:
        """The family said yes to the waitlist the portal offered: the same students, the
        same start date, on the waitlist."""
        request = self.waitlist_offer
        if request is None:
            return self.cart
        return self.add_class(
            request.class_id, request.student_ids, request.start_date, waitlist=True
        )

    def _add_other(self, item: dict[str, Any]) -> Cart:
        self.waitlist_offer = None  # only a class keeps a waitlist
        return self.add_all([item])

    def add_camp(self, camp_id: int, student_ids: Iterable[int], days: Iterable[str]) -> Cart:
        """A camp for each student: `days` the ISO days chosen (empty: every day)."""
        self.waitlist_offer = None
        chosen = [str(day) for day in days]
        return self.add_all(
            [
                {"kind": "camp", "campId": camp_id, "studentId": int(sid), "days": list(chosen)}
                for sid in student_ids
            ]
        )

    def add_appointment(self, slot_id: str, student_id: int) -> Cart:
        return self._add_other({"kind": "appointment", "slotId": slot_id, "studentId": student_id})

    def add_party(self, package_id: int, day: str, start_time: str, student_id: int) -> Cart:
        return self._add_other(
            {
                "kind": "party",
                "packageId": package_id,
                "date": day,
                "startTime": start_time,
                "guestOfHonorStudentId": student_id,
            }
        )

    def add_product(self, product_id: int, quantity: int) -> Cart:
        return self._add_other({"kind": "product", "productId": product_id, "quantity": quantity})

    def add_gift_card(self, amount_cents: int, email: str, name: str, message: str) -> Cart:
        return self._add_other(
            {
                "kind": "giftcard",
                "amountCents": amount_cents,
                "recipientEmail": email,
                "recipientName": name,
                "message": message,
            }
        )

    def checked_out(self, answer: dict[str, Any]) -> Order:
        """A paid checkout the payments side confirmed: its order, and an empty cart."""
        self.last_order = order_from_wire(answer)
        self.cart = Cart()
        self._checkout_key = None
        return self.last_order

    def coming_up(self, days: int = 30, limit: int = 15) -> list[ComingUpEvent]:
        answer = read(
            ComingUpAnswer, self._client.coming_up(days=days, limit=limit, token=self._token())
        )
        events = []
        for e in answer.events:
            try:
                day = date.fromisoformat(e.date)
            except ValueError:
                continue
            events.append(
                ComingUpEvent(
                    day=day,
                    start_time=e.start_time,
                    end_time=e.end_time,
                    kind=e.kind,
                    title=e.title,
                    student_name=e.student_name,
                    location=e.location,
                    cancelled=e.cancelled,
                    class_id=e.class_id,
                    student_id=e.student_id,
                    status=e.status,
                    absence_id=e.absence_id,
                    credit_earned=e.credit_earned,
                    can_mark_absent=e.can_mark_absent,
                    can_take_back=e.can_take_back,
                )
            )
        events.sort(key=lambda ev: (ev.day, ev.start_time))
        return events[:limit]
