"""Payments as QML sees them: what is owed, the methods, paying, the receipt.

Card and bank numbers typed on screen pass through here in memory on their way to the
portal's tokenizer and are never stored, logged or kept in a property.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.api.errors import PortalError, PortalUnavailable
from kiosk.cart import CartService, order_from_wire
from kiosk.catalog_view import money_text
from kiosk.outbox import SavedForLater
from kiosk.payments import (
    CardReader,
    CardReaderError,
    Charge,
    PaymentDeclined,
    PaymentFormErrors,
    PaymentMethod,
    PaymentService,
    Receipt,
    check_payment_field,
    digits,
)

from .worker import RunsVisitActions, VisitActions, Worker

log = logging.getLogger(__name__)


class PaymentBridge(QObject, RunsVisitActions):
    stateChanged = Signal()
    busyChanged = Signal()
    errorsChanged = Signal()
    paid = Signal()  # a receipt is ready
    checkedOut = Signal()  # a paid cart checkout confirmed

    def __init__(
        self,
        service: PaymentService,
        reader: CardReader,
        cart_service: CartService,
        worker: Worker,
        on_paid: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._reader = reader
        self._cart = cart_service
        self._worker = worker
        self._on_paid = on_paid
        self._actions = VisitActions(worker)
        self._message = ""
        self._field_errors: dict[str, str] = {}
        self._charges: list[Charge] = []
        self._balance_cents = 0
        self._credit_cents = 0
        self._history: list[dict[str, Any]] = []
        self._receipt: Receipt | None = None

    def _action_started(self) -> None:
        self._message = ""
        self._field_errors = {}
        self.errorsChanged.emit()

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, PaymentFormErrors):
            self._field_errors = dict(error.fields)
            self._message = error.message
        elif isinstance(error, PaymentDeclined | CardReaderError):
            self._message = str(error)
        elif isinstance(error, SavedForLater) and error.overloaded:
            # The portal's own sentence ("Lots of families are booking right now..."), then
            # what happens to the payment: it is kept and finished by itself, exactly once.
            self._message = (
                error.message.rstrip(".")
                + ". "
                + self.tr(
                    "Your payment is saved and will go through by itself in a moment; you "
                    "will see it in My Account. Please do not pay again."
                )
            )
        elif isinstance(error, PortalUnavailable):
            self._message = self.tr(
                "We lost the connection while paying. Your payment is saved and will be "
                "finished as soon as the connection is back; you will see it in My Account. "
                "Please do not pay again."
            )
        elif isinstance(error, PortalError):
            self._message = error.message
        else:
            log.error("unexpected payment error: %s", type(error).__name__)
            self._message = self.tr("Something went wrong. Nothing was charged. Please try again.")
        self.errorsChanged.emit()

    # ----- what is owed ---------------------------------------------------------------------

    @Slot()
    def load(self) -> None:
        def work() -> tuple[Any, Any]:
            return self._service.charges(), self._service.history()

        def done(result: tuple[Any, Any]) -> None:
            (charges, balance, credit), history = result
            self._charges, self._balance_cents, self._credit_cents = charges, balance, credit
            self._history = history

        self._run(work, done)

    # ----- paying ------------------------------------------------------------------------------

    @Slot(str, str)
    def setFieldError(self, name: str, message: str) -> None:
        if message:
            self._field_errors[name] = message
        else:
            self._field_errors.pop(name, None)
        self.errorsChanged.emit()

    @Slot(str, str, str, result=str)
    def checkField(self, name: str, value: str, card_number: str) -> str:
        return check_payment_field(name, value, digits(card_number)) or ""

    @Slot(str, str, "QVariantMap", "QVariantList", bool, int)
    def pay(
        self,
        purpose: str,
        method: str,
        fields: dict,
        charge_ids: list,
        use_credit: bool,
        amount_due_cents: int,
    ) -> None:
        """`purpose`: charges | checkout. `method`: reader:<test card> | keyed | echeck | credit."""
        credit = min(self._credit_cents, amount_due_cents) if use_credit else 0
        rest = amount_due_cents - credit
        values = {str(k): str(v) for k, v in fields.items()}
        ids = [int(i) for i in charge_ids] or None

        def work() -> Any:
            payment_method: PaymentMethod | None = None
            if rest > 0:
                if method.startswith("reader:"):
                    card = self._reader.read(method.split(":", 1)[1])
                    payment_method = self._service.tokenize_card(card)
                elif method == "keyed":
                    payment_method = self._service.tokenize_keyed_card(values)
                elif method == "echeck":
                    payment_method = self._service.tokenize_echeck(values)
                else:
                    raise PaymentFormErrors({"method": self.tr("Please choose how to pay.")})
            values.clear()
            if purpose == "checkout":
                return ("order", self._service.checkout(credit, payment_method))
            return ("receipt", self._service.pay(ids, credit, payment_method))

        def done(outcome: tuple[str, Any]) -> None:
            kind, value = outcome
            # The credit just used is gone, and what was owed changed: a checkout after paying
            # the balance must not offer the same credit again (the portal would refuse it).
            self._credit_cents = max(0, self._credit_cents - credit)
            self._charges = []
            if kind == "order":
                self._cart.last_order = order_from_wire(value)
                self._cart.cart = type(self._cart.cart)()
                self._on_paid()
                self.checkedOut.emit()
            else:
                self._receipt = value
                self._on_paid()
                self.paid.emit()

        self._run(work, done)

    @Slot()
    def wipe(self) -> None:
        self._actions.forget()
        self._message = ""
        self._field_errors = {}
        self._charges, self._history, self._receipt = [], [], None
        self._balance_cents = self._credit_cents = 0
        self.busyChanged.emit()
        self.errorsChanged.emit()
        self.stateChanged.emit()

    # ----- properties ----------------------------------------------------------------------------

    def _charges_list(self) -> list[dict[str, Any]]:
        return [
            {
                "chargeId": c.id,
                "description": c.description,
                "dueText": c.due_date,
                "amountText": money_text(c.open_cents),
                "amountCents": c.open_cents,
            }
            for c in self._charges
        ]

    def _receipt_map(self) -> dict[str, Any]:
        r = self._receipt
        if r is None:
            return {}
        return {
            "amountText": money_text(r.amount_cents),
            "creditText": money_text(r.credit_applied_cents) if r.credit_applied_cents else "",
            "method": r.method,
            "receiptNumber": r.receipt_number,
            "receiptEmail": r.receipt_email,
        }

    def _history_list(self) -> list[dict[str, Any]]:
        return [
            {
                "dateText": str(p.get("date") or ""),
                "amountText": money_text(int(p.get("amountCents") or 0)),
                "method": str(p.get("method") or ""),
                "receiptNumber": str(p.get("receiptNumber") or ""),
            }
            for p in self._history
        ]

    busy = Property(bool, lambda self: self._actions.busy, notify=busyChanged)
    message = Property(str, lambda self: self._message, notify=errorsChanged)
    fieldErrors = Property(
        "QVariantMap", lambda self: dict(self._field_errors), notify=errorsChanged
    )
    charges = Property("QVariantList", _charges_list, notify=stateChanged)
    balanceCents = Property(int, lambda self: self._balance_cents, notify=stateChanged)
    balanceText = Property(str, lambda self: money_text(self._balance_cents), notify=stateChanged)
    creditCents = Property(int, lambda self: self._credit_cents, notify=stateChanged)
    creditText = Property(str, lambda self: money_text(self._credit_cents), notify=stateChanged)
    history = Property("QVariantList", _history_list, notify=stateChanged)
    receipt = Property("QVariantMap", _receipt_map, notify=stateChanged)

    @Slot(int, result=str)
    def money(self, cents: int) -> str:
        return money_text(cents)
