"""The family's visit as QML sees it: log in, families, policies, My Account, log out.

Personal data lives in kiosk.accounts.FamilySession (memory only); this bridge turns it into
plain lists and maps for QML and wipes them the moment the visit ends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.accounts import FamilySession, FormErrors, LoginOutcome, check_field
from kiosk.api.errors import (
    AccountSuspended,
    AuthFailed,
    PortalError,
    PortalUnavailable,
    RateLimited,
)
from kiosk.forms import NewAccountForm, first_step_with_problem, step_of

from .formats import format_date, format_datetime, format_money
from .qml_types import QVariantList, QVariantMap
from .worker import RunsVisitActions, VisitActions, Worker

log = logging.getLogger(__name__)


class SessionBridge(QObject, RunsVisitActions):
    policiesRequired = Signal()  # the portal wants the policies accepted first
    stateChanged = Signal()
    busyChanged = Signal()
    errorsChanged = Signal()
    # Outcomes QML navigates on.
    loginSucceeded = Signal(bool)  # needs a family choice
    familyReady = Signal(bool)  # has outstanding policies
    policiesAccepted = Signal()
    # A new family's account is made and they are logged in: its screen says so first, and
    # continueAfterAccount goes on (policies, then where they were going).
    accountCreated = Signal()
    codeSent = Signal(str)
    saved = Signal()
    # The family's side asks for the visit to end (log out, declined policies, the time cap, a
    # session the portal ended); VisitBridge.end does it. A sentence to show, or "".
    visitEndRequested = Signal(str)
    capWarning = Signal()
    earlierOutcome = Signal(str)  # a payment finished after the family last left the kiosk

    def __init__(
        self,
        session: FamilySession,
        worker: Worker,
        parent: QObject | None = None,
        earlier_outcomes: Callable[[int], list[dict[str, Any]]] | None = None,
        before_revoke: Callable[[], Any] | None = None,
    ):
        super().__init__(parent)
        self._session = session
        self._worker = worker
        self._earlier_outcomes = earlier_outcomes
        self._before_revoke = before_revoke
        self._actions = VisitActions(worker)
        self._field_errors: dict[str, str] = {}
        self._message = ""
        self._new_account: LoginOutcome | None = None  # made; its panel not yet left
        self._cap_seconds = 900
        self._cap_timer = QTimer(self)
        self._cap_timer.setSingleShot(True)
        self._cap_timer.timeout.connect(self._on_cap_reached)
        self._cap_warning_timer = QTimer(self)
        self._cap_warning_timer.setSingleShot(True)
        self._cap_warning_timer.timeout.connect(self.capWarning)

    def set_session_cap(self, seconds: int) -> None:
        self._cap_seconds = max(60, seconds)

    # ----- running work off the GUI thread ----------------------------------------------------

    def _action_started(self) -> None:
        self._message = ""
        self._field_errors = {}
        self.errorsChanged.emit()

    def _on_error(self, error: Exception) -> None:
        if isinstance(error, FormErrors):
            self._field_errors = dict(error.fields)
            self._message = error.message
        elif isinstance(error, AccountSuspended):
            self._message = error.message
            self._wipe()
        elif isinstance(error, RateLimited):
            self._message = error.message
        elif isinstance(error, AuthFailed):
            self._message = error.message or self.tr(
                "That email and password don't match our records. Please try again."
            )
            if self._session.logged_in:  # the token ran out or was revoked mid-visit
                self.end_visit(self.tr("Your session has ended. Please log in again."))
        elif isinstance(error, PortalUnavailable):
            self._message = self.tr(
                "We can't reach our system right now. Please try again in a moment, "
                "or ask at the front desk."
            )
        elif isinstance(error, PortalError):
            self._message = error.message
        else:
            log.error("unexpected error in a family action: %s", type(error).__name__)
            self._message = self.tr(
                "Something went wrong. Please try again or ask at the front desk."
            )
        self.errorsChanged.emit()

    # ----- log in, families, policies -----------------------------------------------------

    def _after_login(self, outcome: LoginOutcome) -> None:
        self._start_visit_cap()
        self.loginSucceeded.emit(outcome.needs_family_choice)
        if not outcome.needs_family_choice:
            self._family_ready()

    def _start_visit_cap(self) -> None:
        self._cap_timer.start(self._cap_seconds * 1000)
        self._cap_warning_timer.start(max(0, self._cap_seconds - 60) * 1000)

    def _account_created(self, outcome: LoginOutcome) -> None:
        self._start_visit_cap()
        self._new_account = outcome
        self.accountCreated.emit()

    @Slot()
    def continueAfterAccount(self) -> None:
        """From the "your account is ready" panel: on as after a log in."""
        outcome, self._new_account = self._new_account, None
        if outcome is None or not self._session.logged_in:
            return
        self.loginSucceeded.emit(outcome.needs_family_choice)
        if not outcome.needs_family_choice:
            self._family_ready()

    def _family_ready(self) -> None:
        self.familyReady.emit(bool(self._session.outstanding_policies))
        family = self._session.family
        if family is None or self._earlier_outcomes is None:
            return
        family_id, lookup = family.id, self._earlier_outcomes

        def told(outcomes: list[dict[str, Any]]) -> None:
            for outcome in outcomes:
                self.earlierOutcome.emit(self._outcome_sentence(outcome))

        self._actions.quietly(lambda: lookup(family_id), told)

    def _outcome_sentence(self, outcome: dict[str, Any]) -> str:
        """Whole sentences (so each language can say them its own way)."""
        amount = outcome.get("amountCents") or outcome.get("paidCents")
        amount_text = format_money(int(amount)) if amount else ""
        if outcome.get("state") == "unconfirmed":
            return self.tr(
                "We could not confirm something you paid for at the kiosk earlier. "
                "Please check My Account or ask at the front desk."
            )
        if outcome.get("state") != "delivered":
            return self.tr(
                "Something you paid for at the kiosk earlier did not go through: %1"
            ).replace("%1", str(outcome.get("message") or ""))
        if outcome.get("kind") == "checkout":
            return self.tr(
                "Good news: the booking you paid for at the kiosk earlier went through (%1)."
            ).replace("%1", amount_text)
        return self.tr(
            "Good news: your payment of %1 from your last visit at the kiosk went through."
        ).replace("%1", amount_text)

    @Slot(str, str)
    def logIn(self, email: str, password: str) -> None:
        self._run(lambda: self._session.log_in(email, password), self._after_login)

    @Slot(int)
    def chooseFamily(self, family_id: int) -> None:
        self._run(lambda: self._session.choose_family(family_id), lambda _: self._family_ready())

    @Slot()
    def acceptAllPolicies(self) -> None:
        outstanding = self._session.outstanding_policies
        self._run(
            lambda: self._session.accept_policies(outstanding),
            lambda _: self.policiesAccepted.emit(),
        )

    @Slot()
    def declinePolicies(self) -> None:
        self.end_visit(
            self.tr(
                "To use your account at the kiosk, the policies need to be accepted. "
                "You have been logged out. The front desk is happy to answer any questions."
            )
        )

    def start_assisted(self, fetch: Callable[[], dict[str, Any]], staff_name: str) -> None:
        """Staff mode: open a family's account with a token the portal issued to staff."""
        self._run(lambda: self._session.start_assisted(fetch(), staff_name), self._after_login)

    @Slot(str)
    def forgotPassword(self, email: str) -> None:
        self._run(
            lambda: self._session.forgot_password(email), lambda text: self.codeSent.emit(text)
        )

    @Slot(str, str, str)
    def resetPassword(self, email: str, code: str, new_password: str) -> None:
        self._run(
            lambda: self._session.reset_password(email, code, new_password), self._after_login
        )

    @Slot("QVariantMap", str, "QVariantList", "QVariantMap")
    def createAccount(
        self,
        guardian: dict[str, Any],
        password: str,
        students: list[dict[str, Any]],
        contact: dict[str, Any],
    ) -> None:
        guardian_values = {k: str(v) for k, v in guardian.items()}
        student_values = [{k: str(v) for k, v in s.items()} for s in students]
        contact_values = {k: str(v) for k, v in contact.items()}
        self._run(
            lambda: self._session.create_account(
                guardian_values, password, student_values, contact_values
            ),
            self._account_created,
        )

    @Slot(int, "QVariantMap", "QVariantList", "QVariantMap", str, result=int)
    def accountNext(
        self,
        step: int,
        guardian: dict[str, Any],
        students: list[dict[str, Any]],
        contact: dict[str, Any],
        password: str,
    ) -> int:
        """Next on the Create Account wizard (kiosk.forms decides): the same step when its
        fields have problems (each shown next to its field), else the next step; after the
        last step the account is sent and the answer is -1."""
        form = NewAccountForm(
            {k: str(v) for k, v in guardian.items()},
            [{k: str(v) for k, v in s.items()} for s in students],
            {k: str(v) for k, v in contact.items()},
            password,
        )
        problems = form.problems(step)
        # The step's sentences are what its check says now; other steps keep theirs.
        kept = {p: m for p, m in self._field_errors.items() if step_of(p) != step}
        self._field_errors = kept | problems
        self.errorsChanged.emit()
        if problems:
            return step
        following = form.next_step(step)
        if following is not None:
            return following
        self.createAccount(guardian, password, students, contact)
        return -1

    def _account_step_with_problem(self) -> int:
        step = first_step_with_problem(self._field_errors)
        return -1 if step is None else step

    # ----- My Account --------------------------------------------------------------------------

    @Slot()
    def refreshFamily(self) -> None:
        """After a payment or booking: the balance and details as the portal now has them."""
        if self._session.family_chosen:
            self._run(self._session.refresh, lambda _: None)

    @Slot(int, "QVariantMap")
    def saveGuardian(self, guardian_id: int, values: dict[str, Any]) -> None:
        data = {k: str(v) for k, v in values.items()}
        self._run(
            lambda: self._session.update_guardian(guardian_id, data), lambda _: self.saved.emit()
        )

    @Slot("QVariantMap")
    def saveEmergencyContact(self, values: dict[str, Any]) -> None:
        data = {k: str(v) for k, v in values.items()}
        self._run(lambda: self._session.update_emergency_contact(data), lambda _: self.saved.emit())

    @Slot(int, "QVariantMap")
    def saveStudent(self, student_id: int, values: dict[str, Any]) -> None:
        data = {k: str(v) for k, v in values.items()}
        sid = student_id if student_id > 0 else None
        self._run(lambda: self._session.save_student(sid, data), lambda _: self.saved.emit())

    # ----- validation as you type -------------------------------------------------------------

    @Slot(str, str, result=str)
    def checkField(self, name: str, value: str) -> str:
        return check_field(name, value) or ""

    @Slot()
    def clearErrors(self) -> None:
        self._field_errors = {}
        self._message = ""
        self.errorsChanged.emit()

    @Slot(str, str)
    def setFieldError(self, path: str, message: str) -> None:
        if message:
            self._field_errors[path] = message
        else:
            self._field_errors.pop(path, None)
        self.errorsChanged.emit()

    # ----- the end of a visit -----------------------------------------------------------------

    @Slot()
    def logOut(self) -> None:
        self.end_visit("")

    def end_visit(self, reason: str) -> None:
        """Ask the visit's owner to end the visit (it wipes this bridge first)."""
        self.visitEndRequested.emit(reason)

    @Slot()
    def wipe(self) -> None:
        """The visit ended: forget the family at once, revoke its token in the background."""
        token = self._wipe()
        self._message = ""
        self._revoke_later(token)

    @Slot()
    def reloadPolicies(self) -> None:
        """The portal refused a call until policies are accepted: read them, then show them."""
        if self._session.family_chosen:
            self._run(self._session.refresh, lambda _: self._family_ready())

    def _revoke_later(self, token: str | None) -> None:
        """Revoke the token in the background, but first let the outbox finish anything of
        this visit that is still on its way: it needs the session to be confirmed."""
        if not token:
            return

        def revoke() -> None:
            if self._before_revoke is not None:
                self._before_revoke()
            self._session.revoke(token)

        self._worker.submit(revoke)

    def _wipe(self) -> str | None:
        self._actions.forget()
        self._cap_timer.stop()
        self._cap_warning_timer.stop()
        self._new_account = None
        token = self._session.end_now()
        self._field_errors = {}
        self.busyChanged.emit()
        self.errorsChanged.emit()
        self.stateChanged.emit()
        return token

    def _on_cap_reached(self) -> None:
        self.end_visit(
            self.tr(
                "For everyone's privacy, visits at the kiosk end after a while. "
                "You have been logged out."
            )
        )

    # ----- properties -------------------------------------------------------------------------

    def _guardian_name(self) -> str:
        g = self._session.guardian
        return g.first_name if g else ""

    def _family_name(self) -> str:
        f = self._session.family
        return f.name if f else ""

    def _families(self) -> list[dict[str, Any]]:
        return [
            {"familyId": f.id, "name": f.name, "suspended": f.suspended}
            for f in self._session.families
        ]

    def _outstanding(self) -> list[dict[str, Any]]:
        return [
            {
                "policyId": p.policy_id,
                "kind": p.kind,
                "title": p.title,
                "body": p.body,
                "studentName": p.student_name or "",
            }
            for p in self._session.outstanding_policies
        ]

    def _accepted(self) -> list[dict[str, Any]]:
        policies = self._session.policies
        if not policies:
            return []
        return [
            {
                "title": p.title,
                "body": p.body,
                "studentName": p.student_name or "",
                "acceptedText": format_datetime(p.accepted_at) if p.accepted_at else "",
                "acceptedBy": p.accepted_by,
            }
            for p in policies.accepted
        ]

    def _guardians(self) -> list[dict[str, Any]]:
        family = self._session.family
        if not family:
            return []
        return [
            {
                "guardianId": g.id,
                "firstName": g.first_name,
                "lastName": g.last_name,
                "email": g.email,
                "phone": g.phone,
                "line1": g.address.line1,
                "line2": g.address.line2,
                "city": g.address.city,
                "state": g.address.state,
                "zip": g.address.zip,
                "isPrimary": g.is_primary,
            }
            for g in family.guardians
        ]

    def _students(self) -> list[dict[str, Any]]:
        family = self._session.family
        if not family:
            return []
        return [
            {
                "studentId": s.id,
                "firstName": s.first_name,
                "lastName": s.last_name,
                "birthDate": s.birth_date.strftime("%m/%d/%Y") if s.birth_date else "",
                "birthIso": s.birth_date.isoformat() if s.birth_date else "",
                "birthText": format_date(s.birth_date, with_year=True) if s.birth_date else "",
                "age": s.age_years() if s.birth_date else -1,
                "gender": s.gender,
            }
            for s in family.students
        ]

    def _contact(self) -> dict[str, Any]:
        family = self._session.family
        contact = family.emergency_contact if family else None
        if not contact:
            return {"name": "", "phone": "", "relationship": ""}
        return {"name": contact.name, "phone": contact.phone, "relationship": contact.relationship}

    def _balance_text(self) -> str:
        family = self._session.family
        return format_money(family.balance_due_cents) if family and family.balance_due_cents else ""

    busy = Property(bool, lambda self: self._actions.busy, notify=busyChanged)
    assistedBy = Property(str, lambda self: self._session.assisted_by, notify=stateChanged)
    loggedIn = Property(bool, lambda self: self._session.logged_in, notify=stateChanged)
    familyChosen = Property(
        bool, lambda self: self._session.family is not None, notify=stateChanged
    )
    guardianFirstName = Property(str, _guardian_name, notify=stateChanged)
    newFamily = Property(bool, lambda self: self._session.new_family, notify=stateChanged)
    familyName = Property(str, _family_name, notify=stateChanged)
    families = Property(QVariantList, _families, notify=stateChanged)
    canSwitchFamily = Property(
        bool, lambda self: len(self._session.families) > 1, notify=stateChanged
    )
    outstandingPolicies = Property(QVariantList, _outstanding, notify=stateChanged)
    # While true the kiosk offers the policies and Log Out, nothing else (the portal refuses
    # every other call too).
    policiesPending = Property(
        bool,
        lambda self: self._session.family_chosen and bool(self._session.outstanding_policies),
        notify=stateChanged,
    )
    acceptedPolicies = Property(QVariantList, _accepted, notify=stateChanged)
    guardians = Property(QVariantList, _guardians, notify=stateChanged)
    students = Property(QVariantList, _students, notify=stateChanged)
    emergencyContact = Property(QVariantMap, _contact, notify=stateChanged)
    balanceDueText = Property(str, _balance_text, notify=stateChanged)
    fieldErrors = Property(QVariantMap, lambda self: dict(self._field_errors), notify=errorsChanged)
    # The Create Account step that shows the first problem (-1: none).
    accountStepWithProblem = Property(int, _account_step_with_problem, notify=errorsChanged)
    message = Property(str, lambda self: self._message, notify=errorsChanged)
