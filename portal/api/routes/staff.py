"""Front-desk staff mode: PIN sign-in, family search, assisted sessions, quick-create and the
audit trail (docs/staff-contract.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from portal import schemas
from portal.api.deps import (
    CurrentOrg,
    DbSession,
    EnrolledKiosk,
    IdempotentRequest,
    MailDelivery,
    outcome,
)
from portal.api.routes.booking import IsoDay
from portal.api.routes.kiosks import kiosk_out
from portal.services import auth, idempotency, kiosks
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
    kiosk: EnrolledKiosk,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(staff_bearer)],
) -> staff_service.StaffContext:
    """The signed-in staff member at the enrolled kiosk they signed in on; 401 for a missing,
    unknown, expired or revoked staff token (a family token is not a staff token), or a call
    from anywhere else."""
    if credentials is None:
        raise staff_service.StaffSessionEnded()
    return staff_service.authenticate(db, org, credentials.credentials, kiosk_id=kiosk.id)


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
    body: schemas.StaffLoginRequest,
    org: CurrentOrg,
    db: DbSession,
    request: Request,
    kiosk: EnrolledKiosk,
) -> schemas.StaffLoginResult:
    """Sign in with a staff PIN (6-8 digits) at an enrolled kiosk (401 elsewhere). At most 5
    wrong PINs per kiosk in 15 minutes, and 20 from all kiosks together (then sign-in pauses
    everywhere and staff are alerted); every sign-in, failed or not, is audited."""
    return staff_service.login(
        db,
        org,
        pin=body.pin,
        device_id=body.device_id or kiosk.name,
        client=auth.client_key(_peer(request), kiosk.id),
        device=f"kiosk {kiosk.id} ({kiosk.name})",
        kiosk_id=kiosk.id,
    )


@router.post("/logout", status_code=204, response_class=Response, response_model=None)
def logout(context: CurrentStaff, db: DbSession) -> Response:
    """Revoke the staff token; any later use of it is 401."""
    staff_service.logout(db, context)
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


# --------------------------------------------------------------------------- kiosks

KioskIdP = Annotated[int, Path(alias="kioskId", ge=1, le=MAX_ID)]


@router.post("/kiosks/pairing-code", status_code=201, response_model=schemas.PairingCodeOut)
def pairing_code(
    body: schemas.PairingCodeRequest,
    context: CurrentStaff,
    kiosk: EnrolledKiosk,
    org: CurrentOrg,
    db: DbSession,
) -> schemas.PairingCodeOut:
    """A single-use code (15 minutes) that enrolls one more kiosk, for this kiosk's location
    unless another is named. Audited."""
    code = kiosks.new_pairing_code(
        db,
        org,
        location_id=body.location_id or kiosk.location_id,
        created_by=context.staff.full_name,
    )
    staff_service.record(db, org.id, "POST /staff/kiosks/pairing-code", 201, staff=context.staff)
    return schemas.PairingCodeOut(code=code.code, expires_at=code.expires_at)


@router.get("/kiosks", response_model=schemas.KioskList)
def list_kiosks(
    context: CurrentStaff, kiosk: EnrolledKiosk, org: CurrentOrg, db: DbSession
) -> schemas.KioskList:
    """Every enrolled kiosk, working ones first."""
    return schemas.KioskList(kiosks=[kiosk_out(k, kiosk) for k in kiosks.kiosks(db, org)])


@router.patch("/kiosks/{kioskId}", response_model=schemas.KioskOut)
def rename_kiosk(
    body: schemas.KioskRenameRequest,
    kiosk_id: KioskIdP,
    context: CurrentStaff,
    kiosk: EnrolledKiosk,
    org: CurrentOrg,
    db: DbSession,
) -> schemas.KioskOut:
    """Give a kiosk a name staff recognise ("Front desk left")."""
    renamed = kiosks.rename(db, org, kiosk_id, body.name)
    return kiosk_out(renamed, kiosk)


@router.post("/kiosks/{kioskId}/revoke", response_model=schemas.KioskOut)
def revoke_kiosk(
    kiosk_id: KioskIdP,
    context: CurrentStaff,
    kiosk: EnrolledKiosk,
    org: CurrentOrg,
    db: DbSession,
) -> schemas.KioskOut:
    """The kiosk's credential stops working at once (a lost or stolen kiosk). Audited."""
    revoked = kiosks.revoke(db, org, kiosk_id)
    staff_service.record(
        db, org.id, "POST /staff/kiosks/{kioskId}/revoke", 200, staff=context.staff
    )
    return kiosk_out(revoked, kiosk)


@router.get("/security-alerts", response_model=schemas.SecurityAlerts)
def security_alerts(
    context: CurrentStaff, org: CurrentOrg, db: DbSession
) -> schemas.SecurityAlerts:
    """The last day's alerts (a paused staff sign-in), newest first."""
    return schemas.SecurityAlerts(
        alerts=[
            schemas.SecurityAlertOut(kind=a.kind, message=a.message, at=a.at)
            for a in staff_service.security_alerts(db, org.id)
        ]
    )
