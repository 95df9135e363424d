"""The signed-in family: guardians, students, emergency contact and policies (Bearer)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from portal import schemas
from portal.api.deps import (
    CurrentFamily,
    DbSession,
    FamilyAccess,
    IdempotentRequest,
    MailDelivery,
    outcome,
)
from portal.models import Guardian
from portal.services import accounts, idempotency
from portal.services.errors import NotFound

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.FormErrorMessage, "description": "A field is not right"},
    401: {"model": schemas.ErrorMessage, "description": "No valid token"},
    403: {"model": schemas.SuspendedMessage, "description": "The family is suspended"},
    404: {"model": schemas.ErrorMessage, "description": "Unknown account or record"},
    409: {"model": schemas.ErrorMessage, "description": "No family chosen yet"},
}

router = APIRouter(prefix="/api/v1/{account}/family", tags=["family"], responses=ERRORS)

MAX_ID = 2**31 - 1
GuardianIdP = Annotated[int, Path(alias="guardianId", ge=1, le=MAX_ID)]
StudentIdP = Annotated[int, Path(alias="studentId", ge=1, le=MAX_ID)]


@router.get("", response_model=schemas.FamilyOut)
def get_family(access: CurrentFamily, db: DbSession) -> schemas.FamilyOut:
    """The bound family: balances, guardians, students and emergency contact."""
    return accounts.family_view(db, access.family)


@router.patch(
    "/guardians/{guardianId}",
    response_model=schemas.GuardianUpdated,
    response_model_exclude_none=True,  # pendingEmail only while one is waiting
    dependencies=[MailDelivery],
)
def update_guardian(
    guardian_id: GuardianIdP,
    body: schemas.GuardianPatch,
    access: CurrentFamily,
    db: DbSession,
) -> schemas.GuardianUpdated:
    """Change any subset of a guardian's fields (an address may be sent in part). A login
    email is changed only by its own guardian (signed in as themselves), and only when the code
    mailed to the new address is confirmed; the old address gets a notice."""
    result = accounts.update_guardian(
        db, access.family, guardian_id, body, signed_in=_signed_in_guardian(access)
    )
    return result


def _signed_in_guardian(access: FamilyAccess) -> Guardian | None:
    """The guardian who logged in; none in a session staff opened (a family member changes
    their own login email)."""
    return None if access.session.token.assisted_by_staff_id is not None else access.guardian


@router.post(
    "/guardians/me/email/confirm",
    response_model=schemas.GuardianOut,
    dependencies=[MailDelivery],
)
def confirm_email_change(
    body: schemas.EmailChangeConfirm, access: CurrentFamily, db: DbSession
) -> schemas.GuardianOut:
    """Make the new login email the one in use with the code that was mailed to it."""
    guardian = _signed_in_guardian(access)
    if guardian is None:
        raise NotFound(accounts.GUARDIAN_NOT_FOUND)
    result = accounts.confirm_email_change(db, guardian, body.code)
    return result


@router.put("/emergency-contact", response_model=schemas.EmergencyContactOut)
def put_emergency_contact(
    body: schemas.EmergencyContactIn, access: CurrentFamily, db: DbSession
) -> schemas.EmergencyContactOut:
    """Replace the family's emergency contact."""
    result = accounts.put_emergency_contact(db, access.family, body)
    return result


@router.post("/students", status_code=201, response_model=schemas.StudentOut)
def add_student(
    body: schemas.StudentIn, access: CurrentFamily, db: DbSession, idem: IdempotentRequest
) -> Any:
    """Add a student to the family (once per Idempotency-Key)."""

    def add() -> idempotency.Outcome:
        return outcome(201, accounts.add_student(db, access.family, body))

    return idem.run(body, add, principal=access.principal)


@router.patch("/students/{studentId}", response_model=schemas.StudentOut)
def update_student(
    student_id: StudentIdP,
    body: schemas.StudentPatch,
    access: CurrentFamily,
    db: DbSession,
) -> schemas.StudentOut:
    """Change any subset of a student's fields."""
    result = accounts.update_student(db, access.family, student_id, body)
    return result


@router.get("/policies", response_model=schemas.FamilyPolicies)
def get_policies(access: CurrentFamily, db: DbSession) -> schemas.FamilyPolicies:
    """Outstanding policies (family ones once, student ones per student) and accepted ones."""
    return accounts.policies_view(db, access.family)


@router.post(
    "/policies/accept",
    response_model=schemas.FamilyPolicies,
    responses={
        409: {
            "model": schemas.ErrorMessage,
            "description": "A policy has a newer version, or the Idempotency-Key was reused",
        }
    },
)
def accept_policies(
    body: schemas.AcceptPoliciesRequest,
    access: CurrentFamily,
    db: DbSession,
    idem: IdempotentRequest,
) -> Any:
    """Accept policies in their current versions; answers the same shape as GET."""

    def accept() -> idempotency.Outcome:
        result = accounts.accept_policies(db, access.family, access.guardian, body)
        return outcome(200, result)

    return idem.run(body, accept, principal=access.principal)
