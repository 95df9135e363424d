"""The cart as QML sees it: items, totals, the seat-hold countdown, checkout, Coming Up!."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.api.errors import AuthFailed, PortalError, PortalUnavailable
from kiosk.cart import BookingRefused, Cart, CartService, ComingUpEvent, Order
from kiosk.catalog_view import clock_text, money_text

from .formats import format_date
from .worker import RunsVisitActions, VisitActions, Worker

log = logging.getLogger(__name__)


class CartBridge(QObject, RunsVisitActions):
    stateChanged = Signal()
    busyChanged = Signal()
    added = Signal()
    waitlistOffered = Signal(
        str
    )  # the portal's sentence ("That class is full. Join the waitlist?")
    checkedOut = Signal()
    holdExpired = Signal(str)

    def __init__(self, service: CartService, worker: Worker, parent: QObject | None = None):
        super().__init__(parent)
        self._service = service
        self._worker = worker
        self._actions = VisitActions(worker)
        self._message = ""
        self._seconds_left = -1
        self._coming_up: list[ComingUpEvent] = []
        self._pending_waitlist: dict[str, Any] | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)

    # ----- plumbing ---------------------------------------------------------------------------

    def _action_started(self) -> None:
        self._message = ""
        self.stateChanged.emit()

    def _action_ended(self) -> None:
        self._sync_countdown()

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, BookingRefused):
            self._message = error.message
            if error.waitlist_offer and self._pending_waitlist is not None:
                self.waitlistOffered.emit(error.message)
                return
        elif isinstance(error, PortalUnavailable):
            self._message = self.tr(
                "We can't reach our system right now, so nothing was booked. "
                "Please try again in a moment."
            )
        elif isinstance(error, AuthFailed | PortalError):
            self._message = error.message
        else:
            log.error("unexpected cart error: %s", type(error).__name__)
            self._message = self.tr(
                "Something went wrong. Please try again or ask at the front desk."
            )
        self._pending_waitlist = None

    def _sync_countdown(self) -> None:
        seconds = self._service.cart.seconds_left()
        self._seconds_left = -1 if seconds is None else seconds
        if seconds is not None and self._service.cart.lines:
            self._tick.start()
        else:
            self._tick.stop()

    def _on_tick(self) -> None:
        seconds = self._service.cart.seconds_left()
        self._seconds_left = -1 if seconds is None else seconds
        if seconds is not None and seconds <= 0:
            self._tick.stop()
            # Ask the portal what it let go; it answers with the expired items once.
            self._run(self._service.load, self._after_expiry)
        self.stateChanged.emit()

    def _after_expiry(self, cart: Cart) -> None:
        names = ", ".join(cart.expired) if cart.expired else self.tr("the items in your cart")
        message = self.tr(
            "Your cart's hold ran out, so we let go of %1. You can add them again if there is "
            "still room."
        ).replace("%1", names)
        self._message = message
        self.holdExpired.emit(message)

    # ----- adding -----------------------------------------------------------------------------

    def _add_all(self, items: list[dict[str, Any]]) -> None:
        def work() -> Cart:
            cart = self._service.cart
            for item in items:
                cart = self._service.add(item)
            return cart

        self._run(work, lambda _cart: self.added.emit())

    @Slot(int, "QVariantList", bool, str)
    def addClass(self, class_id: int, student_ids: list, waitlist: bool, start_date: str) -> None:
        start = start_date or date.today().isoformat()
        items = [
            {
                "kind": "class",
                "classId": class_id,
                "studentId": int(sid),
                "startDate": start,
                "waitlist": waitlist,
            }
            for sid in student_ids
        ]
        self._pending_waitlist = {
            "kind": "class",
            "classId": class_id,
            "studentIds": student_ids,
            "startDate": start,
        }
        self._add_all(items)

    @Slot()
    def joinWaitlist(self) -> None:
        pending = self._pending_waitlist
        if pending and pending.get("kind") == "class":
            self.addClass(
                int(pending["classId"]), list(pending["studentIds"]), True, pending["startDate"]
            )

    @Slot(int, "QVariantList", "QVariantList")
    def addCamp(self, camp_id: int, student_ids: list, days: list) -> None:
        self._pending_waitlist = None
        self._add_all(
            [
                {"kind": "camp", "campId": camp_id, "studentId": int(sid), "days": list(days)}
                for sid in student_ids
            ]
        )

    @Slot(str, int)
    def addAppointment(self, slot_id: str, student_id: int) -> None:
        self._pending_waitlist = None
        self._add_all([{"kind": "appointment", "slotId": slot_id, "studentId": student_id}])

    @Slot(int, str, str, int)
    def addParty(self, package_id: int, day: str, start_time: str, student_id: int) -> None:
        self._pending_waitlist = None
        self._add_all(
            [
                {
                    "kind": "party",
                    "packageId": package_id,
                    "date": day,
                    "startTime": start_time,
                    "guestOfHonorStudentId": student_id,
                }
            ]
        )

    @Slot(int, int)
    def addProduct(self, product_id: int, quantity: int) -> None:
        self._pending_waitlist = None
        self._add_all([{"kind": "product", "productId": product_id, "quantity": quantity}])

    @Slot(int, str, str, str)
    def addGiftCard(self, amount_cents: int, email: str, name: str, message: str) -> None:
        self._pending_waitlist = None
        self._add_all(
            [
                {
                    "kind": "giftcard",
                    "amountCents": amount_cents,
                    "recipientEmail": email,
                    "recipientName": name,
                    "message": message,
                }
            ]
        )

    @Slot(int)
    def remove(self, item_id: int) -> None:
        self._run(lambda: self._service.remove(item_id), lambda _cart: None)

    @Slot()
    def refresh(self) -> None:
        self._run(self._service.load, lambda _cart: None)

    # ----- checkout -----------------------------------------------------------------------------

    @Slot()
    def checkoutFree(self) -> None:
        """Nothing to pay (waitlist only, free items): confirm directly."""
        self._run(lambda: self._service.checkout(None), lambda _order: self.checkedOut.emit())

    def checkout_with(self, payment: dict[str, Any]) -> None:
        """The payments screen hands its token (and credit to apply) here."""
        self._run(lambda: self._service.checkout(payment), lambda _order: self.checkedOut.emit())

    # ----- Coming Up! -----------------------------------------------------------------------------

    @Slot()
    def loadComingUp(self) -> None:
        def done(events: list[ComingUpEvent]) -> None:
            self._coming_up = events
            self.stateChanged.emit()

        # Not an action: it must not block a booking tap, and its failure is quiet.
        self._actions.quietly(self._service.coming_up, done)

    # ----- the end of a visit ---------------------------------------------------------------------

    @Slot()
    def wipe(self) -> None:
        self._actions.forget()
        self._tick.stop()
        self._service.clear()
        self._coming_up = []
        self._message = ""
        self._seconds_left = -1
        self._pending_waitlist = None
        self.busyChanged.emit()
        self.stateChanged.emit()

    # ----- properties ------------------------------------------------------------------------

    def _lines(self) -> list[dict[str, Any]]:
        return [
            {
                "itemId": line.id,
                "kind": line.kind,
                "title": line.title,
                "subtitle": line.subtitle,
                "studentName": line.student_name,
                "priceText": self.tr("Waitlist — no charge now")
                if line.waitlist
                else money_text(line.price_cents),
                "feeText": f"{line.fee_label} {money_text(line.fee_cents)}"
                if line.fee_cents
                else "",
            }
            for line in self._service.cart.lines
        ]

    def _order(self) -> dict[str, Any]:
        order: Order | None = self._service.last_order
        if order is None:
            return {}
        return {
            "orderId": order.order_id,
            "totalText": money_text(order.total_cents),
            "paidText": money_text(order.paid_cents),
            "receiptEmail": order.receipt_email,
            "lines": [
                {
                    "title": line.title,
                    "studentName": line.student_name,
                    "resultText": self.tr("On the waitlist (#%1)").replace(
                        "%1", str(line.waitlist_position or "")
                    )
                    if line.result == "waitlisted"
                    else self.tr("Enrolled")
                    if line.result == "enrolled"
                    else self.tr("Purchased"),
                    "when": line.when,
                }
                for line in order.lines
            ],
        }

    def _countdown(self) -> str:
        if self._seconds_left < 0 or not self._service.cart.lines:
            return ""
        minutes, seconds = divmod(self._seconds_left, 60)
        return f"{minutes}:{seconds:02d}"

    def _coming_up_list(self) -> list[dict[str, Any]]:
        return [
            {
                "dateText": format_date(e.day),
                "timeText": clock_text(e.start_time) if e.start_time else "",
                "title": e.title,
                "studentName": e.student_name,
                "kind": e.kind,
                "cancelled": e.cancelled,
            }
            for e in self._coming_up
        ]

    busy = Property(bool, lambda self: self._actions.busy, notify=busyChanged)
    count = Property(int, lambda self: len(self._service.cart.lines), notify=stateChanged)
    lines = Property("QVariantList", _lines, notify=stateChanged)
    subtotalText = Property(
        str, lambda self: money_text(self._service.cart.subtotal_cents), notify=stateChanged
    )
    feesText = Property(
        str, lambda self: money_text(self._service.cart.fees_cents), notify=stateChanged
    )
    taxText = Property(
        str, lambda self: money_text(self._service.cart.tax_cents), notify=stateChanged
    )
    totalText = Property(
        str, lambda self: money_text(self._service.cart.total_cents), notify=stateChanged
    )
    totalCents = Property(int, lambda self: self._service.cart.total_cents, notify=stateChanged)
    holdCountdown = Property(str, _countdown, notify=stateChanged)
    message = Property(str, lambda self: self._message, notify=stateChanged)
    lastOrder = Property("QVariantMap", _order, notify=stateChanged)
    comingUp = Property("QVariantList", _coming_up_list, notify=stateChanged)
