"""Kiosk enrollment: a pairing code from staff traded for a device credential (issue #17)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from portal import schemas
from portal.api.deps import CurrentOrg, DbSession, EnrolledKiosk
from portal.models import Kiosk, as_utc
from portal.services import kiosks

router = APIRouter(prefix="/api/v1/{account}/kiosks", tags=["kiosks"])

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.FormErrorMessage, "description": "A wrong, used or expired code"},
    404: {"model": schemas.ErrorMessage, "description": "Unknown account"},
}


@router.post("/enroll", status_code=201, response_model=schemas.KioskEnrolled, responses=ERRORS)
def enroll(
    body: schemas.KioskEnrollRequest, org: CurrentOrg, db: DbSession
) -> schemas.KioskEnrolled:
    """Trade a single-use pairing code (from an enrolled kiosk's staff panel, or `python -m
    portal enroll-kiosk`) for this kiosk's device credential. The credential is answered once;
    a kiosk that lost it is enrolled again with a new code (and the old one revoked)."""
    enrolled = kiosks.enroll(db, org, code=body.pairing_code, name=body.name)
    return schemas.KioskEnrolled(
        kiosk_id=enrolled.kiosk.id,
        name=enrolled.kiosk.name,
        location_id=enrolled.kiosk.location_id,
        credential=enrolled.credential,
    )


@router.get(
    "/me",
    response_model=schemas.KioskOut,
    responses={401: {"model": schemas.ErrorMessage, "description": "Not an enrolled kiosk"}},
)
def this_kiosk(kiosk: EnrolledKiosk) -> schemas.KioskOut:
    """The enrolled kiosk the credential belongs to (401 when it is unknown or revoked)."""
    return kiosk_out(kiosk, kiosk)


def kiosk_out(kiosk: Kiosk, asking: Kiosk) -> schemas.KioskOut:
    return schemas.KioskOut(
        id=kiosk.id,
        name=kiosk.name,
        location_id=kiosk.location_id,
        enrolled_by=kiosk.enrolled_by,
        created_at=as_utc(kiosk.created_at) or kiosk.created_at,
        last_seen_at=as_utc(kiosk.last_seen_at),
        revoked=kiosk.revoked_at is not None,
        this_kiosk=kiosk.id == asking.id,
    )
