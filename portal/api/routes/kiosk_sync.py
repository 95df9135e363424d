"""Our kiosk sync API: organisation settings and the catalog change feed."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse
from sqlalchemy import select

from portal import schemas, serializers
from portal.api.deps import CurrentOrg, DbSession, HoldSweep
from portal.models import OrganisationSettings
from portal.services import changes

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.ErrorMessage, "description": "Bad query parameter"},
    404: {"model": schemas.ErrorMessage, "description": "Unknown account"},
}

router = APIRouter(prefix="/api/v1/{account}", tags=["kiosk sync"], responses=ERRORS)


@router.get("/kiosk/settings", response_model=schemas.OrgSettings)
def kiosk_settings(org: CurrentOrg, db: DbSession) -> schemas.OrgSettings:
    """Organisation settings; the same object the change feed carries as entity `settings`."""
    settings = db.scalars(
        select(OrganisationSettings).where(OrganisationSettings.organisation_id == org.id)
    ).first()
    if settings is None:
        raise HTTPException(status_code=404, detail="This organisation has no kiosk settings yet.")
    return serializers.org_settings(settings)


@router.get(
    "/sync/changes",
    response_model=schemas.ChangesPage,
    responses={409: {"model": schemas.FeedConflict, "description": "`after` is past `latest`"}},
    dependencies=[HoldSweep],
)
def sync_changes(
    org: CurrentOrg,
    db: DbSession,
    after: Annotated[int, Query(ge=0, description="The cursor the kiosk stored last time.")] = 0,
    limit: Annotated[
        int, Query(ge=1, le=changes.MAX_PAGE, description="Page size (1..1000).")
    ] = changes.DEFAULT_PAGE,
) -> Any:
    """One page of catalog changes after `after`, ordered by seq."""
    try:
        page = changes.read_changes(db, org.id, after, limit)
    except changes.FeedAheadError as exc:
        return JSONResponse(
            status_code=409,
            content={
                "message": "The catalog was reset on the server. Please sync from the start.",
                "latest": exc.latest,
            },
        )
    return schemas.ChangesPage(
        changes=[
            schemas.Change(seq=c.seq, entity=c.entity, id=c.id, op=c.op, data=c.data)
            for c in page.changes
        ],
        cursor=page.cursor,
        has_more=page.has_more,
        latest=page.latest,
    )
