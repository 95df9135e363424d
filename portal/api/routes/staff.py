"""Front-desk staff mode: PIN sign-in, family search, assisted sessions, quick-create and the
audit trail (docs/staff-contract.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from portal import schemas
from portal.api.deps import CurrentOrg, DbSession, IdempotentRequest, MailDelivery, outcome
from portal.api.routes.booking import IsoDay
from portal.services import auth, idempotency
from portal.services import checkin as checkin_service
from portal.services import staff as staff_service

MAX_ID = 2**31 - 1

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.ErrorMessage, "description": "A bad query, path or body"},
    401: {"model": schemas.ErrorMessage, "description": "No valid staff token"},
    404: {"model": schemas.ErrorMessage, "description": "Unknown account or family"},
}

router = APIRouter(prefix="/api/v1/{account}/staff", tags=["staff"], responses=ERRORS)

staff_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="staffBearerAuth",
    description="The token from `POST /staff/login`, as `Authorization: Bearer <token>`. "
    "It opens the staff routes only.",
)


def current_staff(
    db: DbSession,
    org: CurrentOrg,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(staff_bearer)],
) -> staff_service.StaffContext:
    """The signed-in staff member; 401 for a missing, unknown, expired or revoked staff token
    (a family token is not a staff token)."""
    if credentials is None:
        raise staff_service.StaffSessionEnded()
    return staff_service.authenticate(db, org, credentials.credentials)


CurrentStaff = Annotated[staff_service.StaffContext, Depends(current_staff)]
FamilyIdP = Annotated[int, Path(alias="familyId", ge=1, le=MAX_ID)]


def _peer(request: Request) -> str:
    return request.client.host if request.client else ""


@router.post(
    "/login",
    response_model=schemas.StaffLoginResult,
    responses={
        400: {"model": schemas.FormErrorMessage, "description": "No PIN sent"},
        401: {"model": schemas.ErrorMessage, "description": "Wrong PIN"},
        429: {"model": schemas.ThrottledMessage, "description": "Too many wrong PINs"},
    },
)
def login(
    body: schemas.StaffLoginRequest, org: CurrentOrg, db: DbSession, request: Request
) -> schemas.StaffLoginResult:
    """Sign in with a staff PIN (4-8 digits). At most 5 wrong PINs per device (deviceId, else
    client address) in 15 minutes; every sign-in, failed or not, is audited."""
    peer = _peer(request)
    return staff_service.login(
        db,
        org,
        pin=body.pin,
        device_id=body.device_id,
        client=auth.client_key(body.device_id, peer),
        device=body.device_id or f"ip {peer}",
    )


@router.post("/logout", status_code=204, response_class=Response, response_model=None)
def logout(context: CurrentStaff, db: DbSession) -> Response:
    """Revoke the staff token; any later use of it is 401."""
    staff_service.logout(db, context)
    db.commit()
    return Response(status_code=204)


@router.get("/families", response_model=schemas.StaffFamilySearch)
def search_families(
    context: CurrentStaff,
    org: CurrentOrg,
    db: DbSession,
    q: Annotated[
        str,
        Query(description="A guardian's or student's name (any word), phone digits or email."),
    ] = "",
) -> schemas.StaffFamilySearch:
    """Find a family: at most 20, best matches first, with what the front desk needs to know."""
    return staff_service.search_families(db, org, q)


@router.post(
    "/families/{familyId}/assist",
    response_model=schemas.AssistedLoginResult,
    responses={409: {"model": schemas.ErrorMessage, "description": "No guardian on file"}},
)
def assist(
    family_id: FamilyIdP, context: CurrentStaff, org: CurrentOrg, db: DbSession
) -> schemas.AssistedLoginResult:
    """Open a 15-minute family session for the walk-in family (suspended ones too: they can
    read GET /family, /family/charges and /family/policies). Every call made with it is
    audited on the staff member's name."""
    result = staff_service.assist(db, org, context, family_id)
    db.commit()
    return result


@router.post(
    "/families",
    status_code=201,
    response_model=schemas.AssistedLoginResult,
    responses={
        400: {"model": schemas.FormErrorMessage, "description": "A field is not right"},
        409: {
            "model": schemas.FormErrorMessage,
            "description": "The email is in use, or the Idempotency-Key was used for another body",
        },
    },
    dependencies=[MailDelivery],
)
def quick_create(
    body: schemas.QuickCreateRequest,
    context: CurrentStaff,
    org: CurrentOrg,
    db: DbSession,
    idem: IdempotentRequest,
) -> Any:
    """Create a family for a walk-in (guardian, students; no password yet: the guardian gets a
    welcome mail with a code to choose one) and open an assisted session for it. A repeat with
    the same Idempotency-Key answers the same family with a new token."""

    def create() -> idempotency.Outcome:
        result = staff_service.quick_create(db, org, context, body)
        # The token is never stored in clear; a replay issues a fresh one.
        stored = result.model_dump(mode="json", by_alias=True) | {"token": ""}
        return outcome(201, result, stored)

    def replay(first: idempotency.Outcome) -> idempotency.Outcome:
        result = staff_service.resume_quick_create(db, org, context, first.body or {})
        return outcome(first.status_code, result)

    return idem.run(body, create, principal=context.principal, replay=replay)


@router.get("/audit", response_model=schemas.AuditLog)
def audit_log(
    context: CurrentStaff,
    org: CurrentOrg,
    db: DbSession,
    family_id: Annotated[int | None, Query(alias="familyId", ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=staff_service.MAX_AUDIT_ENTRIES)] = 50,
) -> schemas.AuditLog:
    """What staff did, newest first: sign-ins, assisted sessions and every call made with one,
    quick-created families."""
    return staff_service.audit_log(db, org, family_id=family_id, limit=limit)


@router.get("/checkin/roster", response_model=schemas.CheckInRoster)
def check_in_roster(
    context: CurrentStaff,
    org: CurrentOrg,
    db: DbSession,
    day: Annotated[IsoDay, Query(alias="date", description="YYYY-MM-DD; default: today.")] = None,
) -> schemas.CheckInRoster:
    """Every class meeting that day with its enrolled students and drop-ins, checked in or
    expected (self check-in, docs/checkin-contract.md)."""
    return checkin_service.roster(db, org, day)


@router.get("/checkin/alerts", response_model=schemas.CheckInAlerts)
def check_in_alerts(context: CurrentStaff, org: CurrentOrg, db: DbSession) -> schemas.CheckInAlerts:
    """Today's blocked self check-in attempts, newest first, with why."""
    return checkin_service.alerts(db, org)
