"""Self check-in at the lobby kiosk: identify a family by phone, PIN or card, check its
students in (docs/checkin-contract.md)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from portal import schemas
from portal.api.deps import CurrentOrg, DbSession, IdempotentRequest, outcome
from portal.services import auth, idempotency
from portal.services import checkin as checkin_service

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.FormErrorMessage, "description": "A field is not right"},
    404: {"model": schemas.ErrorMessage, "description": "Unknown account"},
}

router = APIRouter(prefix="/api/v1/{account}/checkin", tags=["checkin"], responses=ERRORS)


@router.post(
    "/identify",
    response_model=schemas.CheckInIdentified,
    responses={
        404: {"model": schemas.ErrorMessage, "description": "No family found (or no account)"},
        429: {"model": schemas.ThrottledMessage, "description": "Too many failed tries"},
    },
)
def identify(
    body: schemas.CheckInIdentifyRequest, org: CurrentOrg, db: DbSession, request: Request
) -> schemas.CheckInIdentified:
    """Find the family (or families) a phone number, check-in PIN or card belongs to, with a
    5-minute check-in token each and their students' classes today. At most 10 failed tries
    per device (deviceId, else client address) in 5 minutes."""
    peer = request.client.host if request.client else ""
    return checkin_service.identify(
        db,
        org,
        method=body.method,
        value=body.value,
        device_id=body.device_id,
        client=auth.client_key(body.device_id, peer),
        device=body.device_id or f"ip {peer}",
    )


@router.post(
    "",
    response_model=schemas.CheckInResult,
    responses={
        401: {"model": schemas.ErrorMessage, "description": "Unknown or expired check-in token"},
        403: {"model": schemas.CheckInRefusal, "description": "The family must see the desk"},
        409: {
            "model": schemas.CheckInRefusal,
            "description": "An item is not open for check-in, or the key was used for another body",
        },
    },
)
def check_in(
    body: schemas.CheckInRequest, org: CurrentOrg, db: DbSession, idem: IdempotentRequest
) -> Any:
    """Check students in to today's classes, all or none. Each student is recorded once per
    class and day (a repeat is answered, not recorded again); a punch-pass drop-in takes one
    punch. A repeat of the Idempotency-Key answers the stored outcome."""

    def run() -> idempotency.Outcome:
        return outcome(200, checkin_service.check_in(db, org, body))

    try:
        return idem.run(body, run, principal="checkin")
    except checkin_service.Blocked as blocked:
        # The check-in was rolled back; the front desk's alert is kept.
        checkin_service.record_alert(db, blocked.family, blocked.blocks, blocked.device)
        db.commit()
        raise
