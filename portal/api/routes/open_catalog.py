"""The public catalog in the shape of iClassPro's open API (`/api/open/v1/{account}/...`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, HTTPException, Path, Query
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal import schemas
from portal.api.deps import CurrentOrg, DbSession, HoldSweep
from portal.models import (
    BookingMenuItem,
    Camp,
    CampType,
    ClassOffering,
    Level,
    Location,
    News,
    Organisation,
    Product,
    Program,
    SessionTerm,
    Staff,
    as_utc,
    class_instructors,
)
from portal.serializers import from_row
from portal.services.schedule import facility_now, party_times

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.OpenError, "description": "Bad parameter or unknown record"},
    404: {"model": schemas.OpenError, "description": "Unknown account"},
}

router = APIRouter(prefix="/api/open/v1/{account}", tags=["open catalog"], responses=ERRORS)

T = TypeVar("T")
Env = schemas.OpenEnvelope
ListEnv = schemas.OpenListEnvelope
DEFAULT_LIMIT = 50
MAX_LIMIT = 500

LimitQ = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")]
PageQ = Annotated[int, Query(ge=1, description="Page number, from 1.")]
IdListQ = Annotated[str | None, Query(description="Comma-separated ids, e.g. `1,4`.")]
MAX_ID = 2**31 - 1
LocationIdP = Annotated[int, Path(alias="locationId", ge=1, le=MAX_ID, description="Location id.")]
LocationIdQ = Annotated[int | None, Query(alias="locationId", ge=1, le=MAX_ID)]
# Record ids are taken as text so that a malformed id gets iClassPro's "... not found." answer.
ClassIdP = Annotated[str, Path(alias="classId", description="Class id.")]
CampIdP = Annotated[str, Path(alias="campId", description="Camp id.")]
NewsIdP = Annotated[str, Path(alias="newsId", description="News id.")]


# --------------------------------------------------------------------------- helpers


def bad_request(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


def twelve_hour(hhmm: str) -> str:
    """Turn "15:30" into "3:30PM"."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    suffix = "AM" if hours < 12 else "PM"
    return f"{(hours % 12) or 12}:{minutes:02d}{suffix}"


def seconds_after_midnight(hhmm: str) -> int:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return hours * 3600 + minutes * 60


def parse_int_list(
    name: str, raw: str | None, low: int = 0, high: int = MAX_ID
) -> list[int] | None:
    if raw is None or raw.strip() == "":
        return None
    try:
        values = [int(part) for part in raw.split(",") if part.strip() != ""]
    except ValueError:
        raise bad_request(f"'{name}' must be a comma-separated list of numbers.") from None
    for value in values:
        if not low <= value <= high:
            raise bad_request(f"'{name}' values must be between {low} and {high}.")
    return values


def location_of(db: Session, org: Organisation, location_id: int) -> Location:
    location = db.get(Location, location_id)
    if location is None or location.organisation_id != org.id:
        raise bad_request("Location not found.")
    return location


def page_of(items: Sequence[T], limit: int, page: int) -> list[T]:
    start = (page - 1) * limit
    return list(items[start : start + limit])


def split_age(months: int | None) -> tuple[int | None, int | None]:
    if months is None:
        return None, None
    return months // 12, months % 12


def class_schedule(cls: ClassOffering) -> list[schemas.OpenScheduleItem]:
    items = []
    for index, slot in enumerate(cls.schedule or []):
        day = int(slot["dayNumber"])
        items.append(
            schemas.OpenScheduleItem(
                day_number=day,
                day_name=schemas.DAY_NAMES[day - 1],
                start_time=twelve_hour(slot["startTime"]),
                end_time=twelve_hour(slot["endTime"]),
                time_stamp=seconds_after_midnight(slot["startTime"]),
                ts_id=cls.id * 100 + index + 1,
            )
        )
    return items


def open_class(cls: ClassOffering, terms: dict[int, SessionTerm]) -> dict[str, Any]:
    """The fields of an open-API class the row does not hold as they are (the rest are read
    from its attributes: portal.serializers.from_row)."""
    min_year, min_month = split_age(cls.min_age_months)
    max_year, max_month = split_age(cls.max_age_months)
    term = terms.get(cls.session_id) if cls.session_id else None
    return {
        "min_age_year": min_year,
        "min_age_month": min_month,
        "max_age_year": max_year,
        "max_age_month": max_month,
        "schedule": class_schedule(cls),
        "instructors": [s.full_name for s in cls.instructors],
        "future_openings": cls.openings,
        "dates": schemas.OpenDates(
            start=cls.start_date,
            end=cls.end_date,
            reg_start=cls.reg_start,
            reg_end=cls.reg_end,
            priority_start=cls.priority_start,
            priority_end=cls.priority_end,
        ),
        "sessions": [schemas.OpenIdName.model_validate(term, from_attributes=True)] if term else [],
    }


def camp_schedule(camp: Camp) -> list[schemas.OpenCampScheduleItem]:
    items = []
    for index, iso in enumerate(camp.days or []):
        day = date.fromisoformat(iso)
        day_number = (day.isoweekday() % 7) + 1  # Sunday = 1
        items.append(
            schemas.OpenCampScheduleItem(
                day_number=day_number,
                day_name=schemas.DAY_NAMES[day_number - 1],
                start_time=twelve_hour(camp.daily_start),
                end_time=twelve_hour(camp.daily_end),
                time_stamp=seconds_after_midnight(camp.daily_start),
                ts_id=camp.id * 100 + index + 1,
                date=day,
            )
        )
    return items


def open_camp(camp: Camp) -> dict[str, Any]:
    """The fields of an open-API camp the row does not hold as they are (the rest are read
    from its attributes: portal.serializers.from_row)."""
    openings = camp.openings
    return {
        "registration_start_date": camp.reg_start,
        "registration_end_date": camp.reg_end,
        "schedule": camp_schedule(camp),
        "has_openings": openings > 0,
        "openings_display": f"{openings} OPEN" if openings > 0 else "FULL",
        "allow_to_request_camp_that_is_full": camp.allow_request_when_full,
    }


ModelT = TypeVar("ModelT", ClassOffering, Camp, News)


def _get_by_str_id(
    db: Session, model: type[ModelT], raw_id: str, org: Organisation
) -> ModelT | None:
    try:
        record_id = int(raw_id)
    except ValueError:
        return None
    if not 1 <= record_id <= MAX_ID:
        return None
    row = db.get(model, record_id)
    if row is None or row.organisation_id != org.id:
        return None
    return row


def dollars(cents: int | None) -> float | None:
    return None if cents is None else round(cents / 100, 2)


# --------------------------------------------------------------------------- routes


@router.get("/locations", response_model=ListEnv[list[schemas.OpenLocation]])
def locations(org: CurrentOrg, db: DbSession) -> Any:
    rows = db.scalars(
        select(Location)
        .where(Location.organisation_id == org.id)
        .order_by(Location.sort_order, Location.id)
    ).all()
    data = [
        from_row(schemas.OpenLocation, loc, show_phone_number_on_portal=loc.show_phone_on_portal)
        for loc in rows
    ]
    return ListEnv(data=data, total_records=len(data))


@router.get("/bookings/{locationId}", response_model=Env[list[schemas.OpenBookingItem]])
def booking_menu(org: CurrentOrg, db: DbSession, location_id: LocationIdP) -> Any:
    """The booking menu of a location (what can be booked: classes, camps, parties...)."""
    location_of(db, org, location_id)
    rows = db.scalars(
        select(BookingMenuItem)
        .where(BookingMenuItem.location_id == location_id)
        .order_by(BookingMenuItem.sort_order, BookingMenuItem.id)
    ).all()
    data = [
        from_row(
            schemas.OpenBookingItem,
            item,
            target_params=schemas.OpenTargetParams(type_id=item.camp_type_id),
        )
        for item in rows
    ]
    return Env(data=data)


def _programs(db: Session, org: Organisation, location_id: int, kind: str) -> Any:
    location_of(db, org, location_id)
    rows = db.scalars(
        select(Program)
        .where(Program.location_id == location_id, Program.kind == kind)
        .order_by(Program.sort_order, Program.id)
    ).all()
    return Env(data=[from_row(schemas.OpenIdName, p) for p in rows])


@router.get("/class-programs/{locationId}", response_model=Env[list[schemas.OpenIdName]])
def class_programs(org: CurrentOrg, db: DbSession, location_id: LocationIdP) -> Any:
    return _programs(db, org, location_id, "class")


@router.get("/camp-programs/{locationId}", response_model=Env[list[schemas.OpenIdName]])
def camp_programs(org: CurrentOrg, db: DbSession, location_id: LocationIdP) -> Any:
    return _programs(db, org, location_id, "camp")


@router.get("/appointment-programs/{locationId}", response_model=Env[list[schemas.OpenIdName]])
def appointment_programs(org: CurrentOrg, db: DbSession, location_id: LocationIdP) -> Any:
    return _programs(db, org, location_id, "appointment")


@router.get("/levels/active/{locationId}", response_model=Env[list[schemas.OpenLevel]])
def active_levels(org: CurrentOrg, db: DbSession, location_id: LocationIdP) -> Any:
    location_of(db, org, location_id)
    rows = db.scalars(
        select(Level)
        .where(Level.location_id == location_id, Level.active.is_(True))
        .order_by(Level.sort_order, Level.id)
    ).all()
    data = [from_row(schemas.OpenLevel, lv) for lv in rows]
    return Env(data=data)


@router.get("/instructors/{locationId}/classes", response_model=Env[list[schemas.OpenInstructor]])
def class_instructors_at(org: CurrentOrg, db: DbSession, location_id: LocationIdP) -> Any:
    """Instructors who teach at least one active class at the location."""
    location_of(db, org, location_id)
    rows = db.scalars(
        select(Staff)
        .join(class_instructors, class_instructors.c.staff_id == Staff.id)
        .join(ClassOffering, ClassOffering.id == class_instructors.c.class_id)
        .where(ClassOffering.location_id == location_id, ClassOffering.active.is_(True))
        .distinct()
        .order_by(Staff.last_name, Staff.first_name, Staff.id)
    ).all()
    data = [from_row(schemas.OpenInstructor, s) for s in rows]
    return Env(data=data)


@router.get("/sessions", response_model=Env[list[schemas.OpenSession]])
def sessions(org: CurrentOrg, db: DbSession) -> Any:
    rows = db.scalars(
        select(SessionTerm)
        .where(SessionTerm.organisation_id == org.id, SessionTerm.active.is_(True))
        .order_by(SessionTerm.start_date, SessionTerm.id)
    ).all()
    return Env(data=[from_row(schemas.OpenSession, t) for t in rows])


def _terms(db: Session, org: Organisation) -> dict[int, SessionTerm]:
    rows = db.scalars(select(SessionTerm).where(SessionTerm.organisation_id == org.id)).all()
    return {t.id: t for t in rows}


def _age_matches(cls: ClassOffering, ages: list[int]) -> bool:
    low = cls.min_age_months if cls.min_age_months is not None else 0
    high = cls.max_age_months if cls.max_age_months is not None else 12 * 200
    return any(age * 12 <= high and age * 12 + 11 >= low for age in ages)


@router.get("/classes", response_model=ListEnv[list[schemas.OpenClass]], dependencies=[HoldSweep])
def classes(
    org: CurrentOrg,
    db: DbSession,
    location_id: LocationIdQ = None,
    q: Annotated[str | None, Query(description="Text to look for in the class name.")] = None,
    openings: Annotated[
        bool | None, Query(description="Only classes with openings when true/1.")
    ] = None,
    programs: IdListQ = None,
    levels: IdListQ = None,
    instructors: IdListQ = None,
    days: Annotated[str | None, Query(description="Day numbers 1=Sun..7=Sat, e.g. `2,4`.")] = None,
    ages: Annotated[str | None, Query(description="Ages in years, e.g. `5,6`.")] = None,
    limit: LimitQ = DEFAULT_LIMIT,
    page: PageQ = 1,
) -> Any:
    program_ids = parse_int_list("programs", programs)
    level_ids = parse_int_list("levels", levels)
    instructor_ids = parse_int_list("instructors", instructors)
    day_numbers = parse_int_list("days", days, 1, 7)
    age_years = parse_int_list("ages", ages, 0, 120)
    stmt = (
        select(ClassOffering)
        .where(ClassOffering.organisation_id == org.id, ClassOffering.active.is_(True))
        .options(selectinload(ClassOffering.instructors))
        .order_by(ClassOffering.name, ClassOffering.id)
    )
    if location_id is not None:
        location_of(db, org, location_id)
        stmt = stmt.where(ClassOffering.location_id == location_id)
    if program_ids is not None:
        stmt = stmt.where(ClassOffering.program_id.in_(program_ids))
    if level_ids is not None:
        stmt = stmt.where(ClassOffering.level_id.in_(level_ids))
    rows: Sequence[ClassOffering] = db.scalars(stmt).all()
    if q and q.strip():
        needle = q.strip().lower()
        rows = [c for c in rows if needle in c.name.lower()]
    if openings:
        rows = [c for c in rows if c.openings > 0]
    if instructor_ids is not None:
        wanted = set(instructor_ids)
        rows = [c for c in rows if wanted & {s.id for s in c.instructors}]
    if day_numbers is not None:
        wanted_days = set(day_numbers)
        rows = [c for c in rows if wanted_days & {int(s["dayNumber"]) for s in c.schedule or []}]
    if age_years is not None:
        rows = [c for c in rows if _age_matches(c, age_years)]
    terms = _terms(db, org)
    data = [
        from_row(schemas.OpenClass, c, **open_class(c, terms)) for c in page_of(rows, limit, page)
    ]
    return ListEnv(data=data, total_records=len(rows))


@router.get(
    "/classes/{classId}", response_model=Env[schemas.OpenClassDetail], dependencies=[HoldSweep]
)
def class_detail(org: CurrentOrg, db: DbSession, class_id: ClassIdP) -> Any:
    cls = _get_by_str_id(db, ClassOffering, class_id, org)
    if cls is None:
        raise bad_request("Class not found.")
    item = from_row(schemas.OpenClassDetail, cls, **open_class(cls, _terms(db, org)))
    return Env(data=item)


@router.get(
    "/camps",
    response_model=schemas.OpenCampsEnvelope[list[schemas.OpenCamp]],
    dependencies=[HoldSweep],
)
def camps(
    org: CurrentOrg,
    db: DbSession,
    location_id: LocationIdQ = None,
    type_id: Annotated[int | None, Query(alias="typeId", ge=1, le=MAX_ID)] = None,
    limit: LimitQ = DEFAULT_LIMIT,
    page: PageQ = 1,
    sort_by: Annotated[
        Literal["startDate", "name", "-startDate"], Query(alias="sortBy")
    ] = "startDate",
) -> Any:
    stmt = select(Camp).where(Camp.organisation_id == org.id, Camp.active.is_(True))
    if location_id is not None:
        location_of(db, org, location_id)
        stmt = stmt.where(Camp.location_id == location_id)
    camp_type: CampType | None = None
    if type_id is not None:
        camp_type = db.get(CampType, type_id)
        if camp_type is None or camp_type.organisation_id != org.id:
            raise bad_request("Camp type not found.")
        stmt = stmt.where(Camp.type_id == type_id)
    order = {
        "startDate": (Camp.start_date, Camp.id),
        "-startDate": (Camp.start_date.desc(), Camp.id),
        "name": (Camp.name, Camp.id),
    }[sort_by]
    rows = db.scalars(stmt.order_by(*order)).all()
    data = [from_row(schemas.OpenCamp, c, **open_camp(c)) for c in page_of(rows, limit, page)]
    return schemas.OpenCampsEnvelope(
        data=data,
        total_records=len(rows),
        camp_type_name=camp_type.name if camp_type else None,
        camp_type_name_plural=camp_type.plural_name if camp_type else None,
    )


@router.get("/camps/{campId}", response_model=Env[schemas.OpenCampDetail], dependencies=[HoldSweep])
def camp_detail(org: CurrentOrg, db: DbSession, camp_id: CampIdP) -> Any:
    camp = _get_by_str_id(db, Camp, camp_id, org)
    if camp is None:
        raise bad_request("Camp not found.")
    staff = (
        db.scalars(select(Staff).where(Staff.id.in_(camp.staff_ids)).order_by(Staff.id)).all()
        if camp.staff_ids
        else []
    )
    item = from_row(
        schemas.OpenCampDetail,
        camp,
        **open_camp(camp),
        program_name=camp.program.name if camp.program else None,
        instructors=[s.full_name for s in staff],
    )
    return Env(data=item)


@router.get("/parties/create/{locationId}", response_model=Env[schemas.OpenParties])
def party_dates(org: CurrentOrg, db: DbSession, location_id: LocationIdP) -> Any:
    """Dates on which a party can be booked at the location, from today."""
    location_of(db, org, location_id)
    today = facility_now(db, org.id).date()
    # Offered times minus booked parties and held times (portal.services.schedule).
    free = party_times(db, org.id, location_id, today, today + timedelta(days=366))
    available = sorted(free)
    return Env(
        data=schemas.OpenParties(
            date=available[0] if available else today,
            available_days=available,
            use_inclusive_tax=False,
        )
    )


@router.get("/products/{locationId}", response_model=ListEnv[list[schemas.OpenProduct]])
def products(org: CurrentOrg, db: DbSession, location_id: LocationIdP) -> Any:
    """The ProShop of a location."""
    location_of(db, org, location_id)
    rows = db.scalars(
        select(Product)
        .where(Product.location_id == location_id, Product.show_on_portal.is_(True))
        .order_by(Product.sort_order, Product.id)
    ).all()
    data = [
        from_row(
            schemas.OpenProduct,
            p,
            price=dollars(p.price_cents) or 0.0,
            sale_price=dollars(p.sale_price_cents),
            active_price=dollars(p.active_price_cents) or 0.0,
            sale=p.sale_price_cents is not None,
            images=list(p.images or []),
            show_on_customer_portal=p.show_on_portal,
        )
        for p in rows
    ]
    return ListEnv(data=data, total_records=len(data))


@router.get("/news/{newsId}", response_model=Env[schemas.OpenNews])
def news_item(org: CurrentOrg, db: DbSession, news_id: NewsIdP) -> Any:
    news = _get_by_str_id(db, News, news_id, org)
    if news is None:
        raise bad_request("News not found.")
    created = as_utc(news.published_at)
    assert created is not None
    return Env(data=from_row(schemas.OpenNews, news, created_at=created))
