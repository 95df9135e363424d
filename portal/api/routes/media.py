"""Generated images under /media (image/svg+xml), rendered on request from the database."""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from sqlalchemy import select

from portal import media
from portal.api.deps import DbSession
from portal.models import (
    BookingMenuItem,
    Location,
    News,
    Organisation,
    OrganisationSettings,
    Product,
    Staff,
)

router = APIRouter(prefix="/media", tags=["media"])

SVG_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/svg+xml": {}}, "description": "An SVG image."},
    404: {"description": "No such image."},
}


def _not_found() -> HTTPException:
    return HTTPException(status_code=404, detail="That image does not exist.")


def _record_id(raw: str) -> int:
    if not raw.isdigit() or len(raw) > 9:
        raise _not_found()
    return int(raw)


def _svg(request: Request, svg: str) -> Response:
    etag = '"' + hashlib.sha256(svg.encode()).hexdigest()[:32] + '"'
    max_age = request.app.state.settings.media_max_age_seconds
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={max_age}"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(content=svg, media_type="image/svg+xml", headers=headers)


@router.get("/news/{news_id}.svg", response_class=Response, responses=SVG_RESPONSE)
def news_image(news_id: str, request: Request, db: DbSession) -> Response:
    """The 1920x1080 landing-page background of a news item."""
    news = db.get(News, _record_id(news_id))
    if news is None:
        raise _not_found()
    org = db.get(Organisation, news.organisation_id)
    assert org is not None
    return _svg(request, media.news_background(news.id, news.title, news.summary, org.name))


@router.get("/logo/{account}.svg", response_class=Response, responses=SVG_RESPONSE)
def logo_image(account: str, request: Request, db: DbSession) -> Response:
    org = db.scalars(select(Organisation).where(Organisation.account == account)).first()
    if org is None:
        raise _not_found()
    settings = db.scalars(
        select(OrganisationSettings).where(OrganisationSettings.organisation_id == org.id)
    ).first()
    primary = settings.primary_color if settings else "#1b5e9e"
    secondary = settings.secondary_color if settings else "#f2a900"
    return _svg(request, media.logo(org.name, primary, secondary))


@router.get("/staff/{staff_id}.svg", response_class=Response, responses=SVG_RESPONSE)
def staff_photo(staff_id: str, request: Request, db: DbSession) -> Response:
    staff = db.get(Staff, _record_id(staff_id))
    if staff is None:
        raise _not_found()
    return _svg(request, media.avatar(staff.first_name, staff.last_name, staff.id))


@router.get("/products/{product_id}.svg", response_class=Response, responses=SVG_RESPONSE)
def product_image(product_id: str, request: Request, db: DbSession) -> Response:
    product = db.get(Product, _record_id(product_id))
    if product is None:
        raise _not_found()
    return _svg(request, media.product_image(product.id, product.name))


@router.get("/booking/{item_id}.svg", response_class=Response, responses=SVG_RESPONSE)
def booking_image(item_id: str, request: Request, db: DbSession) -> Response:
    item = db.get(BookingMenuItem, _record_id(item_id))
    if item is None:
        raise _not_found()
    return _svg(request, media.booking_tile(item.id, item.title, item.target))


@router.get("/locations/{location_id}.svg", response_class=Response, responses=SVG_RESPONSE)
def location_image(location_id: str, request: Request, db: DbSession) -> Response:
    location = db.get(Location, _record_id(location_id))
    if location is None:
        raise _not_found()
    return _svg(
        request,
        media.location_header(location.name, location.primary_color, location.secondary_color),
    )
