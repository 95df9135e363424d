"""The cart with seat holds, checkout, Coming Up, appointment slots and party times
(docs/booking-contract.md)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BeforeValidator
from sqlalchemy.orm import Session

from portal import rules, schemas
from portal.api.deps import (
    CurrentFamily,
    CurrentOrg,
    DbSession,
    HoldSweep,
    IdempotentRequest,
    MailDelivery,
    outcome,
)
from portal.api.overload import OVERLOADED_RESPONSE
from portal.api.routes.payments import Gateway
from portal.models import AppointmentType, Location, Organisation
from portal.services import absences, booking, idempotency, payments, schedule
from portal.services.errors import NotFound, ServiceError

MAX_ID = 2**31 - 1

FAMILY_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.FormErrorMessage, "description": "A field is not right"},
    401: {"model": schemas.ErrorMessage, "description": "No valid token"},
    403: {"model": schemas.SuspendedMessage, "description": "The family is suspended"},
    404: {"model": schemas.ErrorMessage, "description": "Unknown account or record"},
}
REFUSALS: dict[int | str, dict[str, Any]] = {
    400: {
        "model": schemas.BookingRefusal | schemas.FormErrorMessage,
        "description": "Not eligible (age, registration), or a field is not right",
    },
    409: {
        "model": schemas.BookingRefusal | schemas.ErrorMessage,
        "description": "Full, already enrolled, time conflict, taken, or the key was reused",
    },
}

router = APIRouter(prefix="/api/v1/{account}", tags=["booking"])

ItemIdP = Annotated[int, Path(alias="itemId", ge=1, le=MAX_ID)]


class BadRange(ServiceError):
    status_code = 400
    replayable = False


@router.get(
    "/family/cart",
    response_model=schemas.CartOut,
    responses=FAMILY_ERRORS,
    dependencies=[HoldSweep],
)
def get_cart(access: CurrentFamily, org: CurrentOrg, db: DbSession) -> schemas.CartOut:
    """The family's cart. Lines whose hold ran out are gone and listed once in `expired`."""
    cart = booking.cart_view(db, access.family, booking.clock(db, org.id).today)
    return cart


@router.post(
    "/family/cart/items",
    status_code=201,
    response_model=schemas.CartOut,
    responses={**FAMILY_ERRORS, **REFUSALS, **OVERLOADED_RESPONSE},
    dependencies=[HoldSweep],
)
def add_to_cart(
    body: schemas.CartItemIn,
    access: CurrentFamily,
    org: CurrentOrg,
    db: DbSession,
    idem: IdempotentRequest,
) -> Any:
    """Add a class, camp, appointment, party, product or eGift card. Classes, camps,
    appointments and parties hold their seat until `holdExpiresAt`."""

    def add() -> idempotency.Outcome:
        return outcome(201, booking.add_item(db, org, access.family, body))

    return idem.run(body, add, principal=access.principal)


@router.delete(
    "/family/cart/items/{itemId}",
    response_model=schemas.CartOut,
    responses=FAMILY_ERRORS,
    dependencies=[HoldSweep],
)
def remove_from_cart(
    item_id: ItemIdP, access: CurrentFamily, org: CurrentOrg, db: DbSession
) -> schemas.CartOut:
    """Take a line out of the cart; its hold is released at once."""
    cart = booking.remove_item(db, org, access.family, item_id)
    return cart


@router.post(
    "/family/cart/checkout",
    response_model=schemas.OrderOut,
    responses={
        **FAMILY_ERRORS,
        402: {"model": schemas.PaymentRefusal, "description": "Payment needed or declined"},
        409: {
            "model": schemas.BookingRefusal | schemas.ErrorMessage,
            "description": "A seat is gone, or key reused",
        },
        **OVERLOADED_RESPONSE,
    },
    dependencies=[HoldSweep, MailDelivery],
)
def checkout(
    body: schemas.CheckoutRequest,
    access: CurrentFamily,
    org: CurrentOrg,
    db: DbSession,
    idem: IdempotentRequest,
    gateway: Gateway,
) -> Any:
    """Book and pay the whole cart in one transaction (Idempotency-Key required)."""

    def run() -> idempotency.Outcome:
        order = booking.checkout(
            db, org, access.family, access.guardian, body, gateway, reference=idem.key or ""
        )
        return outcome(200, order)

    return idem.run(body, run, principal=access.principal, require_key=True)


@router.get(
    "/family/cart/quote",
    response_model=schemas.QuoteOut,
    responses={**FAMILY_ERRORS, 409: {"model": schemas.BookingRefusal, "description": "Empty"}},
    dependencies=[HoldSweep],
)
def cart_quote(
    access: CurrentFamily,
    org: CurrentOrg,
    db: DbSession,
    use_credit: Annotated[
        bool, Query(alias="useCredit", description="Let account credit pay first.")
    ] = True,
) -> schemas.QuoteOut:
    """What checking out the cart costs: each line, fees and tax, what credit covers and
    what the card or bank pays. Send its `quoteId` with the checkout's payment."""
    quote = booking.cart_quote(
        db,
        access.family,
        booking.clock(db, org.id).today,
        payments.ALL_CREDIT if use_credit else 0,
    )
    return quote


@router.get("/family/coming-up", response_model=schemas.ComingUp, responses=FAMILY_ERRORS)
def coming_up(
    access: CurrentFamily,
    org: CurrentOrg,
    db: DbSession,
    days: Annotated[int, Query(ge=1, le=366, description="How many days ahead.")] = 30,
    limit: Annotated[int, Query(ge=1, le=100, description="At most this many events.")] = 15,
) -> schemas.ComingUp:
    """Class meetings (cancelled ones marked), camp days, appointments and parties, soonest
    first."""
    now = schedule.facility_now(db, org.id)
    settings = absences.settings_of(db, org.id)
    return schemas.ComingUp(
        events=schedule.coming_up(
            db,
            access.family,
            now.date(),
            days,
            limit,
            now=now,
            absence_cutoff=timedelta(minutes=settings.absence_cutoff_minutes or 0),
        ),
    )


# --------------------------------------------------------------------------- public


def _range(
    db: Session, org: Organisation, start: date | None, end: date | None
) -> tuple[date, date]:
    first = start or schedule.facility_now(db, org.id).date()
    last = end or first + timedelta(days=13)
    if last < first:
        raise BadRange("The end date must be on or after the start date.")
    if (last - first).days >= schedule.MAX_RANGE_DAYS:
        raise BadRange(f"Please ask for at most {schedule.MAX_RANGE_DAYS} days at a time.")
    return first, last


def _location(db: Session, org: Organisation, location_id: int) -> Location:
    location = db.get(Location, location_id)
    if location is None or location.organisation_id != org.id:
        raise NotFound("We could not find that location.")
    return location


PUBLIC_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.ErrorMessage, "description": "Bad query parameter"},
    404: {"model": schemas.ErrorMessage, "description": "Unknown account, location or type"},
}
LocationIdQ = Annotated[int, Query(alias="locationId", ge=1, le=MAX_ID)]


def _iso_day(value: Any) -> Any:
    # Pydantic would read a number ("0") as a Unix time; a day in a query is YYYY-MM-DD only.
    if value is None or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise rules.fail("Please give the date as YYYY-MM-DD.")


IsoDay = Annotated[date | None, BeforeValidator(_iso_day)]
FromQ = Annotated[IsoDay, Query(alias="from", description="First day (default today).")]
ToQ = Annotated[IsoDay, Query(alias="to", description="Last day (default from + 13).")]


@router.get(
    "/appointments/slots",
    response_model=schemas.AppointmentSlots,
    responses=PUBLIC_ERRORS,
    dependencies=[HoldSweep],
)
def appointment_slots(
    org: CurrentOrg,
    db: DbSession,
    location_id: LocationIdQ,
    type_id: Annotated[int, Query(alias="typeId", ge=1, le=MAX_ID)],
    start: FromQ = None,
    end: ToQ = None,
) -> schemas.AppointmentSlots:
    """Appointment slots from the coaches' weekly availability; booked or held ones are
    `available: false`. At most 62 days at a time."""
    _location(db, org, location_id)
    appointment_type = db.get(AppointmentType, type_id)
    if (
        appointment_type is None
        or appointment_type.organisation_id != org.id
        or appointment_type.location_id != location_id
    ):
        raise NotFound("We could not find that appointment type.")
    first, last = _range(db, org, start, end)
    slots = schedule.appointment_slots(db, org.id, location_id, appointment_type, first, last)
    return schemas.AppointmentSlots(
        slots=[
            schemas.AppointmentSlot(
                id=s.key.id,
                type_id=s.key.type_id,
                staff_id=s.key.staff_id,
                staff_name=s.staff_name,
                date=s.key.day,
                start_time=s.key.start,
                end_time=s.end,
                available=s.available,
            )
            for s in slots
        ]
    )


@router.get(
    "/parties/availability",
    response_model=schemas.PartyAvailabilityOut,
    responses=PUBLIC_ERRORS,
    dependencies=[HoldSweep],
)
def party_availability(
    org: CurrentOrg,
    db: DbSession,
    location_id: LocationIdQ,
    start: FromQ = None,
    end: ToQ = None,
) -> schemas.PartyAvailabilityOut:
    """Party start times still free per day (booked parties and held times left out)."""
    _location(db, org, location_id)
    first, last = _range(db, org, start, end)
    times = schedule.party_times(db, org.id, location_id, first, last)
    return schemas.PartyAvailabilityOut(
        days=[schemas.PartyDay(date=day, times=t) for day, t in sorted(times.items())]
    )
