"""Self check-in at the lobby kiosk: identify a family by phone, PIN or card, check its
students in (docs/checkin-contract.md)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from portal import schemas
from portal.api.deps import (
    CurrentOrg,
    DbSession,
    EnrolledKiosk,
    IdempotentRequest,
    outcome,
    peer_address,
)
from portal.models import Kiosk
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
        401: {"model": schemas.ErrorMessage, "description": "Not an enrolled kiosk"},
        404: {"model": schemas.ErrorMessage, "description": "No family found (or no account)"},
        429: {"model": schemas.ThrottledMessage, "description": "Too many failed tries"},
    },
)
def identify(
    body: schemas.CheckInIdentifyRequest,
    org: CurrentOrg,
    db: DbSession,
    request: Request,
    kiosk: EnrolledKiosk,
) -> schemas.CheckInIdentified:
    """Find the family (or families) a phone number, check-in PIN or card belongs to, with a
    5-minute check-in token each (for this kiosk only) and their students' classes today.
    Enrolled kiosks only (401 elsewhere). At most 10 failed tries per kiosk in 5 minutes, and
    60 from all kiosks together in 15 minutes."""
    return checkin_service.identify(
        db,
        org,
        method=body.method,
        value=body.value,
        device_id=kiosk_device(kiosk),
        client=auth.client_key(peer_address(request), kiosk.id),
        device=f"kiosk {kiosk.id} ({kiosk.name})",
    )


def kiosk_device(kiosk: Kiosk) -> str:
    """What a check-in token is bound to: the enrolled kiosk, not a device id in the body."""
    return f"kiosk:{kiosk.id}"


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
    body: schemas.CheckInRequest,
    org: CurrentOrg,
    db: DbSession,
    idem: IdempotentRequest,
    kiosk: EnrolledKiosk,
) -> Any:
    """Check students in to today's classes, all or none. Each student is recorded once per
    class and day (a repeat is answered, not recorded again); a punch-pass drop-in takes one
    punch. A repeat of the Idempotency-Key answers the stored outcome."""

    bound = body.model_copy(update={"device_id": kiosk_device(kiosk)})

    def run() -> idempotency.Outcome:
        return outcome(200, checkin_service.check_in(db, org, bound))

    try:
        return idem.run(body, run, principal="checkin")
    except checkin_service.Blocked as blocked:
        # The check-in was rolled back; the front desk's alert is kept: committed here, as the
        # unit of work rolls back a request that ends in a refusal.
        checkin_service.record_alert(db, blocked.family, blocked.blocks, blocked.device)
        db.commit()
        raise
