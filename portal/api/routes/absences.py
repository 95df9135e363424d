"""Future absences, makeup credits and bookings, spot-open watches and their alerts
(docs/absences-contract.md). Assisted sessions are audited like every family call."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from portal import schemas
from portal.api.deps import (
    CurrentFamily,
    CurrentOrg,
    DbSession,
    IdempotentRequest,
    MailDelivery,
    outcome,
)
from portal.api.routes.booking import FAMILY_ERRORS, REFUSALS
from portal.services import absences, idempotency

MAX_ID = 2**31 - 1
IdP = Annotated[int, Path(ge=1, le=MAX_ID)]

router = APIRouter(prefix="/api/v1/{account}/family", tags=["absences"])


@router.post(
    "/absences",
    status_code=201,
    response_model=schemas.AbsencesOut,
    responses={**FAMILY_ERRORS, **REFUSALS},
    dependencies=[MailDelivery],
)
def mark_absent(
    body: schemas.AbsencesIn,
    access: CurrentFamily,
    org: CurrentOrg,
    db: DbSession,
    idem: IdempotentRequest,
) -> Any:
    """Mark a student absent for dates of an enrolled class; each frees its seat and may earn
    a makeup credit."""

    def run() -> idempotency.Outcome:
        return outcome(201, absences.mark_absent(db, org, access.family, body))

    return idem.run(body, run, principal=access.principal)


@router.delete(
    "/absences/{absenceId}",
    response_model=schemas.AbsencesOut,
    responses={**FAMILY_ERRORS, **REFUSALS},
)
def take_back(
    absence_id: Annotated[int, Path(alias="absenceId", ge=1, le=MAX_ID)],
    access: CurrentFamily,
    org: CurrentOrg,
    db: DbSession,
) -> schemas.AbsencesOut:
    """Take an absence back while its seat is still free and its credit unused."""
    return absences.take_back(db, org, access.family, absence_id)


@router.get("/makeups", response_model=schemas.MakeupsOut, responses=FAMILY_ERRORS)
def makeups(access: CurrentFamily, org: CurrentOrg, db: DbSession) -> schemas.MakeupsOut:
    """The family's makeup credits (available first) and upcoming makeup classes."""
    return absences.makeups_view(db, org, access.family)


@router.get("/makeups/options", response_model=schemas.MakeupOptions, responses=FAMILY_ERRORS)
def makeup_options(
    credit_id: Annotated[int, Query(alias="creditId", ge=1, le=MAX_ID)],
    access: CurrentFamily,
    org: CurrentOrg,
    db: DbSession,
) -> schemas.MakeupOptions:
    """Meetings the credit's student can make up in, with a free seat on that date."""
    return absences.makeup_options(db, org, access.family, credit_id)


@router.post(
    "/makeups",
    status_code=201,
    response_model=schemas.MakeupOut,
    responses={**FAMILY_ERRORS, **REFUSALS},
)
def book_makeup(
    body: schemas.MakeupIn,
    access: CurrentFamily,
    org: CurrentOrg,
    db: DbSession,
    idem: IdempotentRequest,
) -> Any:
    """Use a makeup credit for one meeting: takes that date's seat, no payment."""

    def run() -> idempotency.Outcome:
        return outcome(201, absences.book_makeup(db, org, access.family, body))

    return idem.run(body, run, principal=access.principal)


@router.get("/watches", response_model=schemas.WatchesOut, responses=FAMILY_ERRORS)
def watches(access: CurrentFamily, org: CurrentOrg, db: DbSession) -> schemas.WatchesOut:
    """The family's active "tell me when a spot opens" watches."""
    return absences.watches_view(db, org, access.family)


@router.post(
    "/watches",
    status_code=201,
    response_model=schemas.WatchOut,
    responses={**FAMILY_ERRORS, **REFUSALS},
)
def add_watch(
    body: schemas.WatchIn,
    access: CurrentFamily,
    org: CurrentOrg,
    db: DbSession,
    idem: IdempotentRequest,
) -> Any:
    """Watch a full class for a student: a mail (and an alert at the next login) when a spot
    opens."""

    def run() -> idempotency.Outcome:
        return outcome(201, absences.add_watch(db, org, access.family, access.guardian, body))

    return idem.run(body, run, principal=access.principal)


@router.delete("/watches/{watchId}", response_model=schemas.WatchesOut, responses=FAMILY_ERRORS)
def stop_watch(
    watch_id: Annotated[int, Path(alias="watchId", ge=1, le=MAX_ID)],
    access: CurrentFamily,
    org: CurrentOrg,
    db: DbSession,
) -> schemas.WatchesOut:
    """Stop watching."""
    return absences.stop_watch(db, org, access.family, watch_id)


@router.get("/alerts", response_model=schemas.AlertsOut, responses=FAMILY_ERRORS)
def alerts(access: CurrentFamily, db: DbSession) -> schemas.AlertsOut:
    """Spot-open alerts not yet shown at a kiosk."""
    return absences.alerts_view(db, access.family)


@router.post("/alerts/seen", response_model=schemas.AlertsOut, responses=FAMILY_ERRORS)
def alerts_seen(
    body: schemas.AlertsSeenIn, access: CurrentFamily, db: DbSession
) -> schemas.AlertsOut:
    """The kiosk showed these alerts."""
    return absences.alerts_seen(db, access.family, body.watch_ids)
