"""Rows to wire models: the change feed's catalog records and the kiosk settings, read from the
rows' attributes (the models know nothing of the wire)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel

from portal import schemas
from portal.core.html import sanitize_html
from portal.models import (
    AppointmentType,
    BookingMenuItem,
    Camp,
    CampType,
    CatalogMixin,
    ClassOffering,
    Level,
    Location,
    News,
    OrganisationSettings,
    PartyPackage,
    Policy,
    Product,
    Program,
    Staff,
    as_utc,
)

M = TypeVar("M", bound=BaseModel)


def from_row(schema: type[M], row: Any, **computed: Any) -> M:
    """`schema` read from the row's attributes of the same names; `computed` gives the fields
    the row does not hold under that name (or holds in another shape)."""
    if not computed:
        return schema.model_validate(row, from_attributes=True)
    values = {
        name: getattr(row, name)
        for name in schema.model_fields
        if name not in computed and hasattr(row, name)
    }
    return schema.model_validate({**values, **computed})


def _sanitized(translations: dict[str, Any] | None, *html_fields: str) -> dict[str, Any]:
    """An organisation's translations with their HTML fields sanitized like the originals."""
    return {
        language: {
            name: sanitize_html(str(text)) if name in html_fields else str(text)
            for name, text in fields.items()
        }
        for language, fields in (translations or {}).items()
        if isinstance(fields, dict)
    }


def org_settings(settings: OrganisationSettings) -> schemas.OrgSettings:
    """The organisation's kiosk settings (GET /kiosk/settings and the feed's `settings`)."""
    return from_row(
        schemas.OrgSettings,
        settings,
        name=settings.organisation.name,
        account=settings.organisation.account,
        features=schemas.Features.model_validate(settings.features or {}),
        welcome_info=schemas.WelcomeInfo(title=settings.welcome_title, body=settings.welcome_body),
        branding=schemas.Branding(
            primary_color=settings.primary_color,
            secondary_color=settings.secondary_color,
            logo=settings.logo,
        ),
        mobile_app_links=schemas.MobileAppLinks(
            ios=settings.mobile_app_ios, android=settings.mobile_app_android
        ),
    )


def _location(row: Location) -> schemas.LocationData:
    return from_row(
        schemas.LocationData,
        row,
        hours=[schemas.OpeningHours.model_validate(h) for h in row.hours or []],
    )


def _booking_menu(row: BookingMenuItem) -> schemas.BookingMenuData:
    return from_row(
        schemas.BookingMenuData,
        row,
        type_id=row.camp_type_id,
        translations=row.translations or {},
    )


def _class(row: ClassOffering) -> schemas.ClassData:
    return from_row(
        schemas.ClassData,
        row,
        schedule=[schemas.ScheduleSlot.from_stored(s) for s in row.schedule or []],
        instructor_ids=[s.id for s in row.instructors],
        instructor_names=[s.full_name for s in row.instructors],
        date_openings={
            day: row.openings_on(date.fromisoformat(day)) for day in sorted(row.date_seats or {})
        },
        translations=_sanitized(row.translations, "description"),
    )


def _camp(row: Camp) -> schemas.CampData:
    return from_row(
        schemas.CampData,
        row,
        days=[date.fromisoformat(d) for d in row.days or []],
        translations=_sanitized(row.translations, "description"),
    )


def _appointment_type(row: AppointmentType) -> schemas.AppointmentTypeData:
    return from_row(schemas.AppointmentTypeData, row, staff_ids=list(row.staff_ids or []))


def _product(row: Product) -> schemas.ProductData:
    return from_row(schemas.ProductData, row, images=list(row.images or []))


def _news(row: News) -> schemas.NewsData:
    return from_row(
        schemas.NewsData,
        row,
        published_at=as_utc(row.published_at),
        translations=row.translations or {},
    )


def _plain(schema: type[BaseModel]) -> Callable[[Any], BaseModel]:
    return lambda row: from_row(schema, row)


_RECORDS: dict[type[CatalogMixin], Callable[[Any], BaseModel]] = {
    OrganisationSettings: org_settings,
    Location: _location,
    BookingMenuItem: _booking_menu,
    Program: _plain(schemas.ProgramData),
    Level: _plain(schemas.LevelData),
    Staff: _plain(schemas.StaffData),
    ClassOffering: _class,
    CampType: _plain(schemas.CampTypeData),
    Camp: _camp,
    PartyPackage: _plain(schemas.PartyPackageData),
    AppointmentType: _appointment_type,
    Product: _product,
    News: _news,
    Policy: _plain(schemas.PolicyData),
}


def contract_data(record: CatalogMixin) -> dict[str, Any]:
    """The contract's JSON for a catalog record (what the change feed carries)."""
    return _RECORDS[type(record)](record).model_dump(mode="json", by_alias=True)
