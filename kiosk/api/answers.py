"""Pydantic models of the portal's answers to a family's, a check-in's and staff's calls.

Unlike the catalog models in `kiosk.api.schemas` (tolerant: a bad record is skipped), these
are the contract: an answer without a required field, above all a money field, is refused as
unreadable (`BadResponse`), never shown as "$0.00". Text the kiosk can do without reads as ""
when the portal leaves it out or sends null. Each model is checked against the portal's
/openapi.json by tests/portal/test_wire_contract.py, so a field renamed on either side fails
there first.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError
from pydantic.alias_generators import to_camel

from kiosk.i18n import _

from .errors import BadResponse

log = logging.getLogger(__name__)


def _null_is_blank(value: Any) -> Any:
    return "" if value is None else value


def _null_is_false(value: Any) -> Any:
    return False if value is None else value


def _null_is_empty(value: Any) -> Any:
    return [] if value is None else value


def _null_is_empty_map(value: Any) -> Any:
    return value if isinstance(value, Mapping) else {}


# Optional text: absent or null reads as "" (a title, a name). Never used for money or ids.
Text = Annotated[str, BeforeValidator(_null_is_blank)]
Flag = Annotated[bool, BeforeValidator(_null_is_false)]
# Data the kiosk words itself (whenData, descriptionData): read field by field by its own
# tolerant reader, so anything but an object is "no data".
Data = Annotated[dict[str, Any], BeforeValidator(_null_is_empty_map)]


class Answer(BaseModel):
    """camelCase on the wire, snake_case in Python; unknown keys ignored (the portal may add)."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="ignore", frozen=True
    )


A = TypeVar("A", bound=Answer)


def read(model: type[A], data: Any) -> A:
    """`data` as `model`, or BadResponse: the kiosk's one way of saying an answer is unreadable
    (as `PortalClient._validate` does for the catalog)."""
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        # Field names only in the log: the values may be personal.
        fields = sorted({".".join(str(p) for p in err["loc"]) for err in exc.errors()})
        log.error(
            "unreadable %s from the portal (fields: %s)", model.__name__, ", ".join(fields)[:200]
        )
        raise BadResponse(
            _("The portal's answer could not be read. Please try again or ask at the front desk.")
        ) from exc


T = TypeVar("T")
# A list the kiosk can do without: absent or null reads as empty.
Items = Annotated[list[T], BeforeValidator(_null_is_empty)]


# ----- booking (docs/booking-contract.md) ------------------------------------------------------


class CartLineAnswer(Answer):
    id: int
    kind: str
    title: Text = ""
    subtitle: Text = ""
    student_name: Text = ""
    price_cents: int
    fee_cents: int
    fee_label: Text = ""
    fee_kind: Text = ""
    waitlist: Flag = False
    hold_expires_at: str | None = None
    when_data: Data = Field(default_factory=dict)


class ExpiredAnswer(Answer):
    title: Text = ""
    student_name: Text = ""


class CartAnswer(Answer):
    items: list[CartLineAnswer]
    subtotal_cents: int
    fees_cents: int
    tax_cents: int
    total_cents: int
    credit_available_cents: int
    hold_expires_at: str | None = None
    expired: Items[ExpiredAnswer] = Field(default_factory=list)


class OrderLineAnswer(Answer):
    kind: str
    title: Text = ""
    student_name: Text = ""
    result: str
    waitlist_position: int | None = None
    when: Text = ""
    when_data: Data = Field(default_factory=dict)


class OrderAnswer(Answer):
    order_id: int
    status: str
    total_cents: int
    paid_cents: int
    # The portal's contract defaults these (0, 0, "": nothing was paid that way).
    credit_applied_cents: int = 0
    charged_cents: int = 0
    method: Text = ""
    items: list[OrderLineAnswer]
    receipt_email: Text = ""


class ComingUpEventAnswer(Answer):
    date: str
    start_time: Text = ""
    end_time: Text = ""
    kind: Text = ""
    title: Text = ""
    student_name: Text = ""
    location: Text = ""
    cancelled: Flag = False
    class_id: int | None = None
    student_id: int | None = None
    status: Text = "scheduled"
    absence_id: int | None = None
    credit_earned: Flag = False
    can_mark_absent: Flag = False
    can_take_back: Flag = False


class ComingUpAnswer(Answer):
    events: list[ComingUpEventAnswer]


# ----- family accounts (docs/accounts-contract.md) ---------------------------------------------


class GuardianRefAnswer(Answer):
    id: int
    first_name: Text = ""
    last_name: Text = ""


class FamilyRefAnswer(Answer):
    id: int
    name: Text = ""


class FamilyChoiceAnswer(FamilyRefAnswer):
    suspended: Flag = False


class LoginAnswer(Answer):
    """A login, a password reset, a new account or a staff-assisted session."""

    token: str
    guardian: GuardianRefAnswer
    families: Items[FamilyChoiceAnswer] = Field(default_factory=list)
    family: FamilyRefAnswer | None = None


class AddressAnswer(Answer):
    line1: Text = ""
    line2: Text = ""
    city: Text = ""
    state: Text = ""
    zip: Text = ""


class GuardianAnswer(Answer):
    id: int
    first_name: Text = ""
    last_name: Text = ""
    email: Text = ""
    phone: Text = ""
    address: AddressAnswer = Field(default_factory=AddressAnswer)
    is_primary: Flag = False


class StudentAnswer(Answer):
    id: int
    first_name: Text = ""
    last_name: Text = ""
    birth_date: str | None = None
    gender: Text = ""


class EmergencyContactAnswer(Answer):
    name: Text = ""
    phone: Text = ""
    relationship: Text = ""


class FamilyAnswer(Answer):
    id: int
    name: Text = ""
    credit_balance_cents: int
    balance_due_cents: int
    guardians: Items[GuardianAnswer] = Field(default_factory=list)
    students: Items[StudentAnswer] = Field(default_factory=list)
    emergency_contact: EmergencyContactAnswer | None = None


class OutstandingPolicyAnswer(Answer):
    policy_id: int
    kind: Text = "family"
    title: Text = ""
    body: Text = ""
    version: int
    student_id: int | None = None
    student_name: str | None = None


class AcceptedPolicyAnswer(Answer):
    policy_id: int
    kind: Text = "family"
    title: Text = ""
    body: Text = ""
    version: int
    student_name: str | None = None
    accepted_at: str | None = None
    accepted_by: Text = ""


class PoliciesAnswer(Answer):
    outstanding: Items[OutstandingPolicyAnswer] = Field(default_factory=list)
    accepted: Items[AcceptedPolicyAnswer] = Field(default_factory=list)


# ----- payments (docs/payments-contract.md) ----------------------------------------------------


class TokenizeAnswer(Answer):
    token: str
    type: Text = "card"
    brand: Text = ""
    last4: Text = ""


class ChargeAnswer(Answer):
    id: int
    date: Text = ""
    description: Text = ""
    kind: Text = ""
    description_data: Data = Field(default_factory=dict)
    amount_cents: int
    paid_cents: int
    due_date: Text = ""


class ChargesAnswer(Answer):
    charges: list[ChargeAnswer]
    balance_due_cents: int
    credit_balance_cents: int


class PaymentAnswer(Answer):
    """One payment of the family's history."""

    id: int
    date: Text = ""
    amount_cents: int
    credit_applied_cents: int
    charged_cents: int
    method: Text = ""
    method_kind: Text = ""
    receipt_number: Text = ""


class PaymentsAnswer(Answer):
    payments: list[PaymentAnswer]


class QuoteLineAnswer(Answer):
    kind: Text = ""
    part: Text = "subtotal"
    description: Text = ""
    student_name: Text = ""
    amount_cents: int
    description_data: Data = Field(default_factory=dict)


class QuoteAnswer(Answer):
    quote_id: str
    lines: Items[QuoteLineAnswer] = Field(default_factory=list)
    subtotal_cents: int
    fees_cents: int
    tax_cents: int
    due_cents: int
    credit_available_cents: int
    credit_applied_cents: int
    pay_now_cents: int


class PaymentResultAnswer(Answer):
    payment_id: int
    amount_cents: int
    credit_applied_cents: int
    charged_cents: int
    method: Text = ""
    method_kind: Text = ""
    receipt_number: Text = ""
    receipt_email: Text = ""


# ----- self check-in (docs/checkin-contract.md) ------------------------------------------------


class CheckInClassAnswer(Answer):
    class_id: int
    name: Text = ""
    start_time: Text = ""
    end_time: Text = ""
    opens_at: Text = ""
    status: Text = "closed"
    tardy: Flag = False
    via: Text = "enrollment"
    openings: int | None = None
    checked_in_at: str | None = None


class CheckInStudentAnswer(Answer):
    student_id: int
    display_name: Text = ""
    punches_left: int | None = None
    classes: Items[CheckInClassAnswer] = Field(default_factory=list)


class CheckInFamilyAnswer(Answer):
    check_in_token: str
    family_name: Text = ""
    blocked: Flag = False
    message: Text = ""
    students: Items[CheckInStudentAnswer] = Field(default_factory=list)


class IdentifiedAnswer(Answer):
    families: list[CheckInFamilyAnswer]


class CheckedInAnswer(Answer):
    student_id: int
    class_id: int
    display_name: Text = ""
    class_name: Text = ""
    tardy: Flag = False
    checked_in_at: Text = ""
    punches_left: int | None = None


class CheckInResultAnswer(Answer):
    checked_in: list[CheckedInAnswer]
    message: Text = ""


# ----- staff (docs/staff-contract.md) ----------------------------------------------------------


class StaffRefAnswer(Answer):
    id: int
    first_name: Text = ""
    last_name: Text = ""


class StaffLoginAnswer(Answer):
    token: str
    staff: StaffRefAnswer


class GuardianMatchAnswer(Answer):
    first_name: Text = ""
    last_name: Text = ""
    email: Text = ""
    phone: Text = ""


class StudentMatchAnswer(Answer):
    first_name: Text = ""


class FamilyMatchAnswer(Answer):
    family_id: int
    name: Text = ""
    suspended: Flag = False
    guardians: Items[GuardianMatchAnswer] = Field(default_factory=list)
    students: Items[StudentMatchAnswer] = Field(default_factory=list)
    balance_due_cents: int
    outstanding_policies: int
    check_in_blocks: Items[str] = Field(default_factory=list)


class FamilySearchAnswer(Answer):
    families: list[FamilyMatchAnswer]


class RosterStudentAnswer(Answer):
    name: Text = ""
    status: Text = ""
    tardy: Flag = False
    checked_in_at: Text = ""
    via: Text = ""


class RosterClassAnswer(Answer):
    name: Text = ""
    start_time: Text = ""
    end_time: Text = ""
    location: Text = ""
    students: Items[RosterStudentAnswer] = Field(default_factory=list)


class RosterAnswer(Answer):
    classes: list[RosterClassAnswer]


class CheckInAlertAnswer(Answer):
    at: Text = ""
    family_id: int
    family_name: Text = ""
    reasons: Items[str] = Field(default_factory=list)
    detail: Text = ""


class CheckInAlertsAnswer(Answer):
    alerts: list[CheckInAlertAnswer]


class AuditEntryAnswer(Answer):
    at: Text = ""
    staff_name: str | None = None
    family_id: int | None = None
    action: Text = ""
    outcome: int


class AuditAnswer(Answer):
    entries: list[AuditEntryAnswer]


class EnrolledKioskAnswer(Answer):
    id: int
    name: Text = ""
    last_seen_at: Text = ""
    revoked: Flag = False
    this_kiosk: Flag = False


class KiosksAnswer(Answer):
    kiosks: list[EnrolledKioskAnswer]


class PairingCodeAnswer(Answer):
    code: str


class SecurityAlertAnswer(Answer):
    message: Text = ""


class SecurityAlertsAnswer(Answer):
    alerts: list[SecurityAlertAnswer]


class KioskEnrolledAnswer(Answer):
    kiosk_id: int
    credential: str


# ----- absences and makeups (docs/absences-contract.md) ----------------------------------------


class AbsencesAnswer(Answer):
    credits_earned: int


class MakeupCreditAnswer(Answer):
    id: int
    student_name: Text = ""
    class_name: Text = ""
    absence_date: str
    expires_on: str
    status: Text = ""


class MakeupsAnswer(Answer):
    credits: list[MakeupCreditAnswer]


class MakeupOptionAnswer(Answer):
    class_id: int
    class_name: Text = ""
    date: str
    start_time: Text = ""
    end_time: Text = ""
    location: Text = ""
    open_seats: int


class MakeupOptionsAnswer(Answer):
    options: list[MakeupOptionAnswer]


class SpotAlertAnswer(Answer):
    watch_id: int
    message: Text = ""


class SpotAlertsAnswer(Answer):
    alerts: list[SpotAlertAnswer]
