"""A family's visit at the shared kiosk: log in, choose a family, policies, My Account, log out.

Everything personal lives in this object's memory only and is wiped at logout or time-out;
nothing here touches the kiosk's disk.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kiosk.api.answers import FamilyAnswer, LoginAnswer, PoliciesAnswer, read
from kiosk.api.client import PortalClient
from kiosk.api.errors import PortalError, ValidationError
from kiosk.clock import clock
from kiosk.i18n import _, portal_sentence
from kiosk.validation import (
    check_birth_date,
    check_email,
    check_name,
    check_password,
    check_phone,
    check_required,
    check_state,
    check_zip,
    parse_birth_date,
    phone_digits,
)

log = logging.getLogger(__name__)


# ----- domain objects --------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    line1: str = ""
    line2: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""


@dataclass(frozen=True)
class Guardian:
    id: int
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    address: Address = field(default_factory=Address)
    is_primary: bool = False


@dataclass(frozen=True)
class Student:
    id: int
    first_name: str
    last_name: str
    birth_date: date | None
    gender: str = ""

    def age_years(self, today: date | None = None) -> int | None:
        if self.birth_date is None:
            return None
        today = today or clock.today()
        born = self.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def grammatical_gender(students: Iterable[Student], first_name: str) -> str:
    """ "female", "male" or "" (unknown: the neutral form) for the student an order line or a
    status names by first name, from the gender the family record carries; two students of the
    family with that name and different genders leave it unknown."""
    wanted = first_name.strip().casefold()
    genders = {s.gender for s in students if s.first_name.strip().casefold() == wanted}
    return genders.pop() if len(genders) == 1 and genders <= {"female", "male"} else ""


@dataclass(frozen=True)
class EmergencyContact:
    name: str
    phone: str
    relationship: str = ""


@dataclass(frozen=True)
class FamilyChoice:
    id: int
    name: str
    suspended: bool = False


@dataclass(frozen=True)
class Family:
    id: int
    name: str
    credit_balance_cents: int
    balance_due_cents: int
    guardians: tuple[Guardian, ...]
    students: tuple[Student, ...]
    emergency_contact: EmergencyContact | None


@dataclass(frozen=True)
class PolicyToAccept:
    policy_id: int
    kind: str  # family | student
    title: str
    body: str
    version: int
    student_id: int | None = None
    student_name: str | None = None


@dataclass(frozen=True)
class AcceptedPolicy:
    policy_id: int
    kind: str
    title: str
    body: str  # the accepted version's text, to read again
    version: int
    student_name: str | None
    accepted_at: datetime | None
    accepted_by: str


@dataclass(frozen=True)
class Policies:
    outstanding: tuple[PolicyToAccept, ...]
    accepted: tuple[AcceptedPolicy, ...]


class FormErrors(Exception):
    """A form has problems; `fields` maps each field (contract path) to one sentence."""

    def __init__(self, fields: dict[str, str], message: str = "") -> None:
        super().__init__(message or _("Please check the highlighted fields."))
        self.fields = fields
        self.message = str(self)


# ----- wire <-> domain ---------------------------------------------------------------------


def _when(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def _birth_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _family(data: Any) -> Family:
    answer = read(FamilyAnswer, data)
    contact = answer.emergency_contact
    return Family(
        id=answer.id,
        name=answer.name,
        credit_balance_cents=answer.credit_balance_cents,
        balance_due_cents=answer.balance_due_cents,
        guardians=tuple(
            Guardian(
                id=g.id,
                first_name=g.first_name,
                last_name=g.last_name,
                email=g.email,
                phone=g.phone,
                address=Address(
                    line1=g.address.line1,
                    line2=g.address.line2,
                    city=g.address.city,
                    state=g.address.state,
                    zip=g.address.zip,
                ),
                is_primary=g.is_primary,
            )
            for g in answer.guardians
        ),
        students=tuple(
            Student(
                id=s.id,
                first_name=s.first_name,
                last_name=s.last_name,
                birth_date=_birth_date(s.birth_date),
                gender=s.gender,
            )
            for s in answer.students
        ),
        emergency_contact=EmergencyContact(
            name=contact.name,
            phone=contact.phone,
            # Blank is none: a contact reads "Seymour Skinner", never "Seymour Skinner ( )".
            relationship=contact.relationship.strip(),
        )
        if contact is not None
        else None,
    )


def _policies(data: Any) -> Policies:
    answer = read(PoliciesAnswer, data)
    return Policies(
        outstanding=tuple(
            PolicyToAccept(
                policy_id=p.policy_id,
                kind=p.kind or "family",
                title=p.title,
                body=p.body,
                version=p.version,
                student_id=p.student_id,
                student_name=p.student_name,
            )
            for p in answer.outstanding
        ),
        accepted=tuple(
            AcceptedPolicy(
                policy_id=p.policy_id,
                kind=p.kind or "family",
                title=p.title,
                body=p.body,
                version=p.version,
                student_name=p.student_name,
                accepted_at=_when(p.accepted_at),
                accepted_by=p.accepted_by,
            )
            for p in answer.accepted
        ),
    )


# ----- forms -------------------------------------------------------------------------------

GUARDIAN_FIELDS = ("firstName", "lastName", "email", "phone", "line1", "city", "state", "zip")


def check_field(name: str, value: str) -> str | None:
    """The as-you-type check for one field of any kiosk form (None when it is fine)."""
    checks: dict[str, Callable[[str], str | None]] = {
        "firstName": lambda v: check_name(v, _("a first name")),
        "lastName": lambda v: check_name(v, _("a last name")),
        "email": check_email,
        "phone": check_phone,
        "line1": lambda v: check_required(v, _("the street address")),
        "line2": lambda v: None,
        "city": lambda v: check_name(v, _("the city")),
        "state": check_state,
        "zip": check_zip,
        "password": check_password,
        "birthDate": check_birth_date,
        "contactName": lambda v: check_name(v, _("the contact's name")),
        "contactPhone": check_phone,
        "relationship": lambda v: None,
        "gender": lambda v: None,
    }
    check = checks.get(name)
    return check(value) if check else None


_ADDRESS_FIELDS = {"line1", "line2", "city", "state", "zip"}


def _collect(prefix: str, values: dict[str, str], names: tuple[str, ...]) -> dict[str, str]:
    """Problems keyed by the portal's field paths (address parts live under `address.`)."""
    problems = {}
    for name in names:
        message = check_field(name, str(values.get(name, "")))
        if message:
            path = f"address.{name}" if prefix == "guardian." and name in _ADDRESS_FIELDS else name
            problems[f"{prefix}{path}"] = message
    return problems


def guardian_payload(values: dict[str, str]) -> dict[str, Any]:
    return {
        "firstName": values.get("firstName", "").strip(),
        "lastName": values.get("lastName", "").strip(),
        "email": values.get("email", "").strip(),
        "phone": phone_digits(values.get("phone", "")),
        "address": {
            "line1": values.get("line1", "").strip(),
            "line2": values.get("line2", "").strip(),
            "city": values.get("city", "").strip(),
            "state": values.get("state", "").strip().upper(),
            "zip": values.get("zip", "").strip(),
        },
    }


def student_payload(values: dict[str, str]) -> dict[str, Any]:
    born = parse_birth_date(values.get("birthDate", ""))
    return {
        "firstName": values.get("firstName", "").strip(),
        "lastName": values.get("lastName", "").strip(),
        "birthDate": born.isoformat() if born else "",
        "gender": values.get("gender", "").strip(),
    }


def new_account_problems(
    guardian: dict[str, str],
    password: str,
    students: list[dict[str, str]],
    contact: dict[str, str],
) -> dict[str, str]:
    """Every problem of the Create Account form, keyed by the portal's field paths."""
    problems = _collect("guardian.", guardian, GUARDIAN_FIELDS)
    if message := check_password(password):
        problems["password"] = message
    if not students:
        problems["students"] = _("Please add at least one student.")
    for index, student in enumerate(students):
        problems.update(
            _collect(f"students.{index}.", student, ("firstName", "lastName", "birthDate"))
        )
    if message := check_field("contactName", contact.get("name", "")):
        problems["emergencyContact.name"] = message
    if message := check_phone(contact.get("phone", "")):
        problems["emergencyContact.phone"] = message
    return problems


# ----- the visit ---------------------------------------------------------------------------


@dataclass
class LoginOutcome:
    """What the screen does next after a successful login or account creation."""

    needs_family_choice: bool
    families: tuple[FamilyChoice, ...]


def _conflict_by_field(exc: PortalError) -> Exception:
    """A 409 that names its fields ("That email is already in use") as FormErrors, so the
    sentence stands next to the field; any other error as it came."""
    if exc.status == 409 and isinstance(exc.body, dict) and exc.body.get("errors"):
        fields = {
            str(e.get("field")): portal_sentence(str(e.get("message")))
            for e in exc.body["errors"]
            if isinstance(e, dict)
        }
        return FormErrors(fields, exc.message)
    return exc


class FamilySession:
    """One family's visit. Blocking calls: the UI runs them in its Worker, never on the GUI
    thread. Call `end()` at logout or time-out; it wipes everything personal."""

    def __init__(
        self,
        client: PortalClient,
        device_id: str = "",
        portal_reachable: Callable[[], bool] = lambda: True,
    ) -> None:
        self._client = client
        self._device_id = device_id
        # The heartbeat's word: while the portal is known to be gone, a login fails at once
        # instead of retrying a connection that cannot be made.
        self._portal_reachable = portal_reachable
        self._clear()

    def _clear(self) -> None:
        # The family's bearer token: this visit's, handed to each call (never kept by the
        # shared client, which two worker threads use at once).
        self._token: str | None = None
        self.guardian: Guardian | None = None
        self.families: tuple[FamilyChoice, ...] = ()
        self.family: Family | None = None
        self.policies: Policies | None = None
        self._family_id: int | None = None
        self.assisted_by = ""  # the staff member helping, when staff opened this session
        # The family's account was made in this visit: greeted "Welcome", not "Welcome back".
        self.new_family = False
        # One key per form submission, kept across retries so a repeat never creates twice.
        self._create_key: str | None = None
        self._create_fingerprint: str | None = None

    @property
    def token(self) -> str | None:
        """The visit's token for the family's calls (None: nobody is logged in)."""
        return self._token

    @property
    def logged_in(self) -> bool:
        return self.guardian is not None

    @property
    def family_chosen(self) -> bool:
        return self._family_id is not None

    # ----- log in ----------------------------------------------------------------------

    def _start(self, result: Any) -> LoginOutcome:
        answer = read(LoginAnswer, result)
        self._token = answer.token
        self.guardian = Guardian(
            id=answer.guardian.id,
            first_name=answer.guardian.first_name,
            last_name=answer.guardian.last_name,
        )
        self.families = tuple(FamilyChoice(f.id, f.name, f.suspended) for f in answer.families)
        if answer.family is not None:
            self._family_id = answer.family.id
            self.refresh()
            return LoginOutcome(False, self.families)
        return LoginOutcome(True, self.families)

    def start_assisted(self, result: dict[str, Any], staff_name: str) -> LoginOutcome:
        """Staff opened this family's account for them (the portal audits every call)."""
        self.end(notify_portal=False)
        outcome = self._start(result)
        self.assisted_by = staff_name
        return outcome

    def log_in(self, email: str, password: str) -> LoginOutcome:
        problems = {}
        if message := check_email(email):
            problems["email"] = message
        if not password:
            problems["password"] = _("Please enter your password.")
        if problems:
            raise FormErrors(problems)
        self.end(notify_portal=False)
        # While the heartbeat says the portal is gone: one quick try, no retries and no
        # back-off, so the family hears it at once (and still gets in if it is back already).
        once = not self._portal_reachable()
        result = self._client.login(email.strip(), password, self._device_id, once=once)
        return self._start(result)

    def choose_family(self, family_id: int) -> None:
        self._client.choose_family(family_id, token=self._token)
        self._family_id = family_id
        self.refresh()

    def refresh(self) -> None:
        """Reload the family and its policies (after login, an edit, or a family switch)."""
        self.family = _family(self._client.family(token=self._token))
        self.policies = _policies(self._client.policies(token=self._token))

    # ----- policies --------------------------------------------------------------------

    @property
    def outstanding_policies(self) -> tuple[PolicyToAccept, ...]:
        return self.policies.outstanding if self.policies else ()

    def accept_policies(self, policies: tuple[PolicyToAccept, ...]) -> None:
        acceptances = [
            {"policyId": p.policy_id, "version": p.version, "studentId": p.student_id}
            for p in policies
        ]
        self.policies = _policies(self._client.accept_policies(acceptances, token=self._token))

    # ----- forgot password and new accounts -----------------------------------------------

    def forgot_password(self, email: str) -> str:
        if message := check_email(email):
            raise FormErrors({"email": message})
        return self._client.forgot_password(email.strip())

    def reset_password(self, email: str, code: str, new_password: str) -> LoginOutcome:
        problems = {}
        if message := check_email(email):
            problems["email"] = message
        if not code.strip().isdigit() or len(code.strip()) != 6:
            problems["code"] = _("Please enter the 6-digit code from the email.")
        if message := check_password(new_password):
            problems["newPassword"] = message
        if problems:
            raise FormErrors(problems)
        self.end(notify_portal=False)
        try:
            result = self._client.reset_password(
                email.strip(), code.strip(), new_password, self._device_id
            )
        except ValidationError as exc:
            raise FormErrors(exc.field_errors, exc.message) from exc
        return self._start(result)

    def create_account(
        self,
        guardian: dict[str, str],
        password: str,
        students: list[dict[str, str]],
        contact: dict[str, str],
    ) -> LoginOutcome:
        problems = new_account_problems(guardian, password, students, contact)
        if problems:
            raise FormErrors(problems)
        body = {
            "guardian": guardian_payload(guardian),
            "password": password,
            "students": [student_payload(s) for s in students],
            "emergencyContact": {
                "name": contact.get("name", "").strip(),
                "phone": phone_digits(contact.get("phone", "")),
                "relationship": contact.get("relationship", "").strip(),
            },
            "deviceId": self._device_id,
        }
        # The same form sent again (a retry after a dropped answer) keeps its key, so the
        # portal creates the account once; a changed form is a new request.
        fingerprint = repr(sorted(body.items(), key=lambda kv: kv[0]))
        if fingerprint != self._create_fingerprint:
            self._create_key, self._create_fingerprint = str(uuid.uuid4()), fingerprint
        try:
            result = self._client.create_account(body, idempotency_key=self._create_key)
        except ValidationError as exc:
            raise FormErrors(exc.field_errors, exc.message) from exc
        except PortalError as exc:
            raise _conflict_by_field(exc) from exc
        self._create_key = self._create_fingerprint = None
        outcome = self._start(result)
        self.new_family = True
        return outcome

    # ----- My Account ----------------------------------------------------------------------

    def update_guardian(self, guardian_id: int, values: dict[str, str]) -> None:
        problems = _collect("", values, GUARDIAN_FIELDS)
        if problems:
            raise FormErrors(problems)
        try:
            self._client.update_guardian(guardian_id, guardian_payload(values), token=self._token)
        except ValidationError as exc:
            # The edit form names address parts plainly ("zip", not "address.zip").
            fields = {k.removeprefix("address."): v for k, v in exc.field_errors.items()}
            raise FormErrors(fields, exc.message) from exc
        except PortalError as exc:
            raise _conflict_by_field(exc) from exc  # an email another family uses
        self.refresh()

    def update_emergency_contact(self, contact: dict[str, str]) -> None:
        problems = {}
        if message := check_field("contactName", contact.get("name", "")):
            problems["name"] = message
        if message := check_phone(contact.get("phone", "")):
            problems["phone"] = message
        if problems:
            raise FormErrors(problems)
        payload = {
            "name": contact.get("name", "").strip(),
            "phone": phone_digits(contact.get("phone", "")),
            "relationship": contact.get("relationship", "").strip(),
        }
        try:
            self._client.put_emergency_contact(payload, token=self._token)
        except ValidationError as exc:
            raise FormErrors(exc.field_errors, exc.message) from exc
        self.refresh()

    def save_student(self, student_id: int | None, values: dict[str, str]) -> None:
        problems = _collect("", values, ("firstName", "lastName", "birthDate"))
        if problems:
            raise FormErrors(problems)
        try:
            if student_id is None:
                self._client.add_student(student_payload(values), token=self._token)
            else:
                self._client.update_student(student_id, student_payload(values), token=self._token)
        except ValidationError as exc:
            raise FormErrors(exc.field_errors, exc.message) from exc
        self.refresh()

    # ----- end -------------------------------------------------------------------------------

    def end(self, *, notify_portal: bool = True) -> None:
        """Log out: forget everything at once, then revoke the token on the portal."""
        token = self._token
        self._clear()
        if notify_portal and token:
            self.revoke(token)

    def end_now(self) -> str | None:
        """Forget everything without waiting on the network; returns the token to revoke
        (the UI revokes it in the background with `revoke`)."""
        token = self._token
        self._clear()
        return token

    def revoke(self, token: str) -> None:
        try:
            self._client.logout(token)
        except PortalError as exc:
            # The token expires on its own; the kiosk has forgotten it either way.
            log.info("logout could not reach the portal: %s", type(exc).__name__)


def masked_email(email: str) -> str:
    """'m***@example.com': enough for the family to recognise, not for a bystander."""
    name, _sep, domain = email.partition("@")
    if not domain:
        return "***"
    return f"{name[:1]}***@{domain}"


__all__ = [
    "AcceptedPolicy",
    "Address",
    "EmergencyContact",
    "Family",
    "FamilyChoice",
    "FamilySession",
    "FormErrors",
    "Guardian",
    "LoginOutcome",
    "Policies",
    "PolicyToAccept",
    "Student",
    "check_field",
    "masked_email",
]
