"""The cart as QML sees it: items, totals, the seat-hold countdown, checkout, Coming Up! with its
absences and makeups, makeup credits, and "tell me when a spot opens"."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.accounts import Student, grammatical_gender
from kiosk.api.errors import AuthFailed, PortalError, PortalUnavailable
from kiosk.cart import BookingRefused, Cart, CartService, ComingUpEvent, Order
from kiosk.catalog_view import clock_text, money_text
from kiosk.domain import ClassOffering
from kiosk.makeups import MakeupCredit, MakeupOption, MakeupService, SpotAlert

from .formats import format_date
from .wording import charge_label, line_subtitle, line_when
from .worker import RunsVisitActions, VisitActions, Worker

log = logging.getLogger(__name__)


class CartBridge(QObject, RunsVisitActions):
    policiesRequired = Signal()  # the portal wants the policies accepted first
    stateChanged = Signal()
    busyChanged = Signal()
    added = Signal()
    waitlistOffered = Signal(
        str
    )  # the portal's sentence ("That class is full. Join the waitlist?")
    checkedOut = Signal()
    holdExpired = Signal(str)
    makeupBooked = Signal()
    # An absence marked: the success panel's words (title, what and when, the credit).
    absenceMarked = Signal("QVariantMap")
    watching = Signal(str)  # the sentence to show: "We'll email you when a spot opens."

    def __init__(
        self,
        service: CartService,
        worker: Worker,
        makeups: MakeupService,
        parent: QObject | None = None,
        students: Callable[[], Iterable[Student]] = tuple,
        class_offering: Callable[[int], ClassOffering | None] = lambda _class_id: None,
    ):
        super().__init__(parent)
        self._service = service
        self._students = students  # the logged-in family's, for words that agree with them
        self._class_offering = class_offering  # a class as the cache has it (its openings)
        self._makeups = makeups
        self._credits: list[MakeupCredit] = []
        self._options: list[MakeupOption] = []
        self._alerts: list[SpotAlert] = []
        self._notice = ""  # what the last schedule change did (Coming Up!)
        self._watch_notice = ""  # the last "tell me when a spot opens" (the class screen)
        self._worker = worker
        self._actions = VisitActions(worker)
        self._message = ""
        self._seconds_left = -1
        self._coming_up: list[ComingUpEvent] = []
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)

    # ----- plumbing ---------------------------------------------------------------------------

    def _action_started(self) -> None:
        self._message = ""
        self._notice = ""
        self._watch_notice = ""
        self.stateChanged.emit()

    def _action_ended(self) -> None:
        self._sync_countdown()

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, BookingRefused):
            self._message = error.message
            if error.waitlist_offer and self._service.waitlist_offer is not None:
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

    def _add(self, work: Callable[[], Cart]) -> None:
        self._run(work, lambda _cart: self.added.emit())

    @Slot(int, "QVariantList", str)
    def addClass(self, class_id: int, student_ids: list[Any], start_date: str) -> None:
        """Enroll, or join the waitlist of a full class: kiosk.cart decides from the cache."""
        cached = self._class_offering(class_id)
        ids = [int(sid) for sid in student_ids]
        self._add(lambda: self._service.add_class(class_id, ids, start_date, cached=cached))

    @Slot()
    def joinWaitlist(self) -> None:
        if self._service.waitlist_offer is not None:
            self._add(self._service.join_waitlist)

    @Slot(int, "QVariantList", "QVariantList")
    def addCamp(self, camp_id: int, student_ids: list[Any], days: list[Any]) -> None:
        ids, chosen = [int(sid) for sid in student_ids], [str(day) for day in days]
        self._add(lambda: self._service.add_camp(camp_id, ids, chosen))

    @Slot(str, int)
    def addAppointment(self, slot_id: str, student_id: int) -> None:
        self._add(lambda: self._service.add_appointment(slot_id, student_id))

    @Slot(int, str, str, int)
    def addParty(self, package_id: int, day: str, start_time: str, student_id: int) -> None:
        self._add(lambda: self._service.add_party(package_id, day, start_time, student_id))

    @Slot(int, int)
    def addProduct(self, product_id: int, quantity: int) -> None:
        self._add(lambda: self._service.add_product(product_id, quantity))

    @Slot(int, str, str, str)
    def addGiftCard(self, amount_cents: int, email: str, name: str, message: str) -> None:
        self._add(lambda: self._service.add_gift_card(amount_cents, email, name, message))

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

    # ----- Coming Up! -----------------------------------------------------------------------------

    @Slot()
    def loadComingUp(self) -> None:
        def done(events: list[ComingUpEvent]) -> None:
            self._coming_up = events
            self.stateChanged.emit()

        # Not an action: it must not block a booking tap, and its failure is quiet.
        self._actions.quietly(self._service.coming_up, done)

    # ----- absences, makeups, spot-open watches (docs/absences-contract.md) ------------------

    def _schedule_changed(self, notice: str) -> None:
        self._notice = notice
        self.loadComingUp()
        self.loadCredits()

    @Slot(int, int, str)
    def markAbsent(self, class_id: int, student_id: int, iso_day: str) -> None:
        day = date.fromisoformat(iso_day)
        meeting = next(
            (
                e
                for e in self._coming_up
                if e.class_id == class_id and e.student_id == student_id and e.day == day
            ),
            None,
        )

        def done(earned: int) -> None:
            self._schedule_changed("")  # the success panel says it
            self.absenceMarked.emit(self._absence_words(meeting, day, earned))

        self._run(lambda: self._makeups.mark_absent(student_id, class_id, day), done)

    def _absence_words(
        self, meeting: ComingUpEvent | None, day: date, earned: int
    ) -> dict[str, Any]:
        """Who is marked absent from what on which date, and whether it earned a credit."""
        name = meeting.student_name if meeting is not None else ""
        when = format_date(day)
        if meeting is not None and meeting.start_time:
            when += " · " + clock_text(meeting.start_time)
        return {
            "title": (
                self.tr("%1 is marked absent.").replace("%1", name)
                if name
                else self.tr("Marked absent.")
            ),
            "details": (meeting.title + " · " + when) if meeting is not None else when,
            "creditText": (
                self.tr("A makeup credit was added to your account. Use it from My Account.")
                if earned
                else self.tr("This absence does not earn a makeup credit.")
            ),
            "creditEarned": bool(earned),
        }

    @Slot(int)
    def takeBack(self, absence_id: int) -> None:
        self._run(
            lambda: self._makeups.take_back(absence_id),
            lambda _none: self._schedule_changed(self.tr("The absence was taken back.")),
        )

    @Slot()
    def loadCredits(self) -> None:
        def done(credits: list[MakeupCredit]) -> None:
            self._credits = credits
            self.stateChanged.emit()

        self._actions.quietly(self._makeups.credits, done)

    @Slot(int)
    def loadMakeupOptions(self, credit_id: int) -> None:
        self._options = []

        def done(options: list[MakeupOption]) -> None:
            self._options = options
            if not options:
                self._message = self.tr(
                    "No class has a free seat for this credit right now. Please check again later."
                )

        self._run(lambda: self._makeups.options(credit_id), done)

    @Slot(int, int, str)
    def bookMakeup(self, credit_id: int, class_id: int, iso_day: str) -> None:
        day = date.fromisoformat(iso_day)

        def done(_none: None) -> None:
            self._schedule_changed(self.tr("Makeup class booked."))
            self.makeupBooked.emit()

        self._run(lambda: self._makeups.book(credit_id, class_id, day), done)

    @Slot(int, int)
    def watchClass(self, class_id: int, student_id: int) -> None:
        def done(_none: None) -> None:
            self._watch_notice = self.tr("We'll email you when a spot opens.")
            self.watching.emit(self._watch_notice)

        self._run(lambda: self._makeups.watch(class_id, student_id), done)

    @Slot()
    def clearNotices(self) -> None:
        """A new screen: what an earlier one did is not news there."""
        self._notice = ""
        self._watch_notice = ""
        self.stateChanged.emit()

    @Slot()
    def loadAlerts(self) -> None:
        def done(alerts: list[SpotAlert]) -> None:
            self._alerts = alerts
            self.stateChanged.emit()

        self._actions.quietly(self._makeups.alerts, done)

    @Slot()
    def dismissAlerts(self) -> None:
        seen = [a.watch_id for a in self._alerts]
        self._alerts = []
        self.stateChanged.emit()
        if seen:
            self._actions.quietly(lambda: self._makeups.alerts_seen(seen), lambda _none: None)

    # ----- the end of a visit ---------------------------------------------------------------------

    @Slot()
    def wipe(self) -> None:
        self._actions.forget()
        self._tick.stop()
        self._service.clear()
        self._coming_up = []
        self._credits = []
        self._options = []
        self._alerts = []
        self._notice = ""
        self._watch_notice = ""
        self._message = ""
        self._seconds_left = -1
        self.busyChanged.emit()
        self.stateChanged.emit()

    # ----- properties ------------------------------------------------------------------------

    def _lines(self) -> list[dict[str, Any]]:
        return [
            {
                "itemId": line.id,
                "kind": line.kind,
                "title": line.title,
                "subtitle": line_subtitle(line.kind, line.when, line.subtitle),
                "studentName": line.student_name,
                "priceText": self.tr("Waitlist — no charge now")
                if line.waitlist
                else money_text(line.price_cents),
                "feeText": f"{charge_label(line.fee_kind, line.fee_label)} "
                f"{money_text(line.fee_cents)}"
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
            "chargedText": money_text(order.charged_cents) if order.charged_cents else "",
            "creditText": money_text(order.credit_applied_cents)
            if order.credit_applied_cents
            else "",
            "method": order.method,
            "receiptEmail": order.receipt_email,
            "lines": [
                {
                    "title": line.title,
                    "studentName": line.student_name,
                    "resultText": self.tr("On the waitlist (#%1)").replace(
                        "%1", str(line.waitlist_position or "")
                    )
                    if line.result == "waitlisted"
                    else self._enrolled_word(line.student_name)
                    if line.result == "enrolled"
                    else self.tr("Purchased"),
                    "when": line_when(line.kind, line.when_data, line.when),
                }
                for line in order.lines
            ],
        }

    def _enrolled_word(self, first_name: str) -> str:
        """ "Enrolled" agreeing with the student (Spanish: "Inscrita" for Lisa, "Inscrito" for
        Bart); the neutral form when the family record carries no gender."""
        gender = grammatical_gender(self._students(), first_name)
        if gender == "female":
            return self.tr("Enrolled", "status of a female student")
        if gender == "male":
            return self.tr("Enrolled", "status of a male student")
        return self.tr("Enrolled")

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
                "classId": e.class_id or 0,
                "studentId": e.student_id or 0,
                "iso": e.day.isoformat(),
                "status": e.status,
                "statusText": self._status_text(e),
                "absenceId": e.absence_id or 0,
                "canMarkAbsent": e.can_mark_absent,
                "canTakeBack": e.can_take_back,
            }
            for e in self._coming_up
        ]

    def _status_text(self, event: ComingUpEvent) -> str:
        if event.status == "absent":
            return (
                self.tr("Absent — makeup credit earned")
                if event.credit_earned
                else self.tr("Absent")
            )
        if event.status == "makeup":
            return self.tr("Makeup class")
        return ""

    def _credit_list(self) -> list[dict[str, Any]]:
        words = {
            "available": self.tr("Expires %1"),
            "used": self.tr("Used"),
            "expired": self.tr("Expired %1"),
        }
        return [
            {
                "creditId": c.id,
                "title": self.tr("%1 — missed %2 on %3")
                .replace("%1", c.student_name)
                .replace("%2", c.class_name)
                .replace("%3", format_date(c.absence_day)),
                "statusText": words.get(c.status, "").replace("%1", format_date(c.expires_on)),
                "available": c.status == "available",
            }
            for c in self._credits
        ]

    def _option_list(self) -> list[dict[str, Any]]:
        return [
            {
                "classId": o.class_id,
                "iso": o.day.isoformat(),
                "title": o.class_name,
                "whenText": f"{format_date(o.day)} · {clock_text(o.start_time)}",
                "location": o.location,
                "seatsText": self.tr("%1 open").replace("%1", str(o.open_seats)),
            }
            for o in self._options
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
    makeupCredits = Property("QVariantList", _credit_list, notify=stateChanged)
    availableCredits = Property(
        int,
        lambda self: sum(1 for c in self._credits if c.status == "available"),
        notify=stateChanged,
    )
    makeupOptions = Property("QVariantList", _option_list, notify=stateChanged)
    alerts = Property(
        "QVariantList", lambda self: [a.message for a in self._alerts], notify=stateChanged
    )
    notice = Property(str, lambda self: self._notice, notify=stateChanged)
    watchNotice = Property(str, lambda self: self._watch_notice, notify=stateChanged)
