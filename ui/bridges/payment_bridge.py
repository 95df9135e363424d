"""Payments as QML sees them: what is owed, the methods, paying, the receipt.

Card and bank numbers typed on screen pass through here in memory on their way to the
portal's tokenizer and are never stored, logged or kept in a property.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.api.errors import PortalError, PortalUnavailable
from kiosk.cart import CartService
from kiosk.catalog_view import money_text
from kiosk.outbox import SavedForLater
from kiosk.payments import (
    CardReader,
    CardReaderError,
    Charge,
    PaymentDeclined,
    PaymentFormErrors,
    PaymentService,
    Quote,
    QuoteChanged,
    QuoteLine,
    Receipt,
    check_payment_field,
    credit_covers,
    digits,
)

from .formats import format_date
from .qml_types import QVariantList, QVariantMap
from .wording import charge_label, payment_method
from .worker import RunsVisitActions, VisitActions, Worker

log = logging.getLogger(__name__)


def _due_text(due_date: str) -> str:
    """'2026-12-13' -> 'Sun, Dec 13', like every other date on the kiosk."""
    try:
        return format_date(date.fromisoformat(due_date))
    except ValueError:
        return due_date


def _money_or_blank(cents: Any) -> str:
    """'$20.00', or '' for nothing (the screen leaves that part of the sentence out)."""
    value = int(cents or 0)
    return money_text(value) if value else ""


def _quote_line(line: QuoteLine) -> dict[str, str]:
    who = f" — {line.student_name}" if line.student_name else ""
    return {
        "description": charge_label(line.kind, line.description, line.description_data) + who,
        "amountText": money_text(line.amount_cents),
    }


class PaymentBridge(QObject, RunsVisitActions):
    policiesRequired = Signal()  # the portal wants the policies accepted first
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
        # What the Pay screen shows and pays: the portal's quote, never a sum of our own.
        self._quote: Quote | None = None
        self._quote_for: tuple[str, list[int]] = ("charges", [])
        self._use_credit = True

    def _action_started(self) -> None:
        self._message = ""
        self._field_errors = {}
        self.errorsChanged.emit()

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, PaymentFormErrors):
            self._field_errors = dict(error.fields)
            self._message = error.message
        elif isinstance(error, QuoteChanged):
            # The new amounts are on screen (the service fetched them); say why they moved.
            if error.quote is not None:
                self._quote = error.quote
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
        elif isinstance(error, SavedForLater):
            self._message = self.tr(
                "We lost the connection while paying. Your payment is saved and will be "
                "finished as soon as the connection is back; you will see it in My Account. "
                "Please do not pay again."
            )
        elif isinstance(error, PortalUnavailable):
            # Not a payment on its way (that is SavedForLater): reading what is owed, the
            # quote, or the card's token did not get through, so nothing was charged.
            self._message = self.tr(
                "We can't reach our system right now, so nothing was charged. "
                "Please try again in a moment."
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
        self._run(self._read_account, self._account_read)

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

    @Slot(str, "QVariantList")
    def prepare(self, purpose: str, charge_ids: list[Any]) -> None:
        """A new Pay screen: `purpose` charges (`charge_ids`, empty = all) or checkout. Asks
        the portal for its quote, with credit first when the family has any."""
        self._quote = None
        self._quote_for = (purpose, [int(i) for i in charge_ids])
        self._use_credit = True
        self.stateChanged.emit()
        self._load_quote()

    @Slot()
    def reloadQuote(self) -> None:
        """Ask for the quote again (the last ask did not get an answer)."""
        self._quote = None
        self.stateChanged.emit()
        self._load_quote()

    @Slot()
    def newAttempt(self) -> None:
        """The family chose another way to pay: what the last attempt was told goes with it."""
        if self._message or self._field_errors:
            self._message = ""
            self._field_errors = {}
            self.errorsChanged.emit()

    @Slot(bool)
    def setUseCredit(self, use: bool) -> None:
        if use != self._use_credit:
            self._use_credit = use
            self.stateChanged.emit()
            self._load_quote()

    def _load_quote(self) -> None:
        purpose, ids = self._quote_for
        use_credit = self._use_credit

        def done(quote: Quote) -> None:
            self._quote = quote

        self._run(lambda: self._service.quote(purpose, ids or None, use_credit), done)

    @Slot(str, "QVariantMap")
    def pay(self, method: str, fields: dict[str, Any]) -> None:
        """Pay the quote on screen. `method`: reader:<test card> | keyed | echeck (ignored
        when the quote leaves nothing for the card or bank)."""
        quote = self._quote
        if quote is None:
            self._load_quote()
            return
        values = {str(k): str(v) for k, v in fields.items()}

        def work() -> Receipt | dict[str, Any]:
            return self._service.pay_quote_by(quote, method, values, self._reader)

        def done(outcome: Receipt | dict[str, Any]) -> None:
            self._quote = None
            self._charges = []
            if isinstance(outcome, Receipt):
                self._receipt = outcome
                self._on_paid()
                self.paid.emit()
            else:
                self._cart.checked_out(outcome)
                self._on_paid()
                self.checkedOut.emit()
            # What is owed and the credit left changed: read them again, quietly.
            self._actions.quietly(self._read_account, self._account_read)

        self._run(work, done)

    def _read_account(self) -> tuple[Any, Any]:
        return self._service.charges(), self._service.history()

    def _account_read(self, result: tuple[Any, Any]) -> None:
        (charges, balance, credit), history = result
        self._charges, self._balance_cents, self._credit_cents = charges, balance, credit
        self._history = history
        self.stateChanged.emit()

    @Slot()
    def wipe(self) -> None:
        self._actions.forget()
        self._message = ""
        self._field_errors = {}
        self._charges, self._history, self._receipt = [], [], None
        self._quote, self._quote_for, self._use_credit = None, ("charges", []), True
        self._balance_cents = self._credit_cents = 0
        self.busyChanged.emit()
        self.errorsChanged.emit()
        self.stateChanged.emit()

    # ----- properties ----------------------------------------------------------------------------

    def _charges_list(self) -> list[dict[str, Any]]:
        return [
            {
                "chargeId": c.id,
                "description": charge_label(c.kind, c.description, c.description_data),
                "dueText": _due_text(c.due_date),
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
            "chargedText": money_text(r.charged_cents) if r.charged_cents else "",
            "creditText": money_text(r.credit_applied_cents) if r.credit_applied_cents else "",
            "method": payment_method(r.method, r.method_kind),
            "receiptNumber": r.receipt_number,
            "receiptEmail": r.receipt_email,
        }

    def _history_list(self) -> list[dict[str, Any]]:
        return [
            {
                "dateText": _due_text(str(p.get("date") or "")),
                "amountText": money_text(int(p.get("amountCents") or 0)),
                "chargedText": _money_or_blank(p.get("chargedCents")),
                "creditText": _money_or_blank(p.get("creditAppliedCents")),
                "method": payment_method(
                    str(p.get("method") or ""), str(p.get("methodKind") or "")
                ),
                "receiptNumber": str(p.get("receiptNumber") or ""),
            }
            for p in self._history
        ]

    def _quote_map(self) -> dict[str, Any]:
        q = self._quote
        if q is None:
            return {"ready": False}
        return {
            "ready": True,
            # The priced lines, then the fees and tax lines under the subtotal, each with its
            # own words ("Annual registration fee", "Sales tax").
            "lines": [_quote_line(line) for line in q.lines if line.part == "subtotal"],
            "extraLines": [_quote_line(line) for line in q.lines if line.part != "subtotal"],
            "subtotalText": money_text(q.subtotal_cents),
            "feesCents": q.fees_cents,
            "feesText": money_text(q.fees_cents),
            "taxCents": q.tax_cents,
            "taxText": money_text(q.tax_cents),
            "dueCents": q.due_cents,
            "dueText": money_text(q.due_cents),
            "creditAvailableCents": q.credit_available_cents,
            "creditAvailableText": money_text(q.credit_available_cents),
            "creditAppliedCents": q.credit_applied_cents,
            "creditAppliedText": money_text(q.credit_applied_cents),
            "payNowCents": q.pay_now_cents,
            "creditCoversAll": credit_covers(q),
            "payNowText": money_text(q.pay_now_cents),
        }

    busy = Property(bool, lambda self: self._actions.busy, notify=busyChanged)
    quote = Property(QVariantMap, _quote_map, notify=stateChanged)
    useCredit = Property(bool, lambda self: self._use_credit, notify=stateChanged)
    message = Property(str, lambda self: self._message, notify=errorsChanged)
    fieldErrors = Property(QVariantMap, lambda self: dict(self._field_errors), notify=errorsChanged)
    charges = Property(QVariantList, _charges_list, notify=stateChanged)
    balanceCents = Property(int, lambda self: self._balance_cents, notify=stateChanged)
    balanceText = Property(str, lambda self: money_text(self._balance_cents), notify=stateChanged)
    creditCents = Property(int, lambda self: self._credit_cents, notify=stateChanged)
    creditText = Property(str, lambda self: money_text(self._credit_cents), notify=stateChanged)
    history = Property(QVariantList, _history_list, notify=stateChanged)
    receipt = Property(QVariantMap, _receipt_map, notify=stateChanged)

    @Slot(int, result=str)
    def money(self, cents: int) -> str:
        return money_text(cents)
