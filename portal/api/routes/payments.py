"""Tokenize a card or bank account, what the family owes and paid, pay charges
(docs/payments-contract.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from portal import schemas
from portal.api.deps import (
    CurrentFamily,
    CurrentOrg,
    DbSession,
    IdempotentRequest,
    MailDelivery,
    outcome,
)
from portal.api.overload import OVERLOADED_RESPONSE
from portal.services import idempotency, payments, schedule
from portal.services.errors import FormError
from portal.services.gateway import PaymentGateway, SandboxGateway

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.FormErrorMessage, "description": "A field is not right"},
    401: {"model": schemas.ErrorMessage, "description": "No valid token"},
    403: {"model": schemas.SuspendedMessage, "description": "The family is suspended"},
    404: {"model": schemas.ErrorMessage, "description": "Unknown account or charge"},
}

router = APIRouter(prefix="/api/v1/{account}", tags=["payments"], responses=ERRORS)


def get_gateway(request: Request) -> PaymentGateway:
    """The app's gateway (`app.state.gateway`); the sandbox when none was configured."""
    gateway: PaymentGateway | None = getattr(request.app.state, "gateway", None)
    if gateway is None:
        gateway = SandboxGateway()
        request.app.state.gateway = gateway
    return gateway


Gateway = Annotated[PaymentGateway, Depends(get_gateway)]


@router.post("/payments/tokenize", status_code=201, response_model=schemas.TokenizeResult)
def tokenize(
    body: schemas.TokenizeRequest,
    access: CurrentFamily,
    org: CurrentOrg,
    db: DbSession,
    gateway: Gateway,
) -> schemas.TokenizeResult:
    """Card or bank details in, a token out; only the token, type, brand and last four digits
    are kept. Not idempotent on purpose: a repeat simply makes another token, and no digest
    of the numbers is ever stored."""
    result = payments.tokenize(
        db, access.family, body, gateway, schedule.facility_now(db, org.id).date()
    )
    return result


@router.get("/family/charges", response_model=schemas.ChargesOut)
def charges(access: CurrentFamily, db: DbSession) -> schemas.ChargesOut:
    """Open charges (oldest due first), the balance due and the credit balance."""
    return payments.charges_view(db, access.family)


@router.get("/family/payments", response_model=schemas.PaymentsOut)
def payment_history(access: CurrentFamily, db: DbSession) -> schemas.PaymentsOut:
    """The family's payments, newest first."""
    return payments.payments_view(db, access.family)


def charge_ids_param(value: str | None) -> list[int] | None:
    """`chargeIds=12,13` (absent or empty: every open charge)."""
    if value is None or not value.strip():
        return None
    parts = [part.strip() for part in value.split(",")]
    if len(parts) > 200 or not all(p.isdigit() and len(p) <= 9 and int(p) > 0 for p in parts):
        raise FormError.one("chargeIds", payments.CHARGE_NOT_FOUND)
    return [int(p) for p in parts]


@router.get(
    "/family/payments/quote",
    response_model=schemas.QuoteOut,
    responses={409: {"model": schemas.ErrorMessage, "description": "Paid, or nothing due"}},
)
def quote(
    access: CurrentFamily,
    db: DbSession,
    charge_ids: Annotated[
        str | None,
        Query(alias="chargeIds", description="Comma-separated charge ids; absent = all open."),
    ] = None,
    use_credit: Annotated[
        bool, Query(alias="useCredit", description="Let account credit pay first.")
    ] = True,
) -> schemas.QuoteOut:
    """What paying these charges costs: each charge, fees and tax, what credit covers and
    what the card or bank pays. Send its `quoteId` with the payment."""
    ids = charge_ids_param(charge_ids)
    # A read: the row locks taken for a consistent answer end with the unit of work's commit.
    return payments.charges_quote(db, access.family, ids, payments.ALL_CREDIT if use_credit else 0)


@router.post(
    "/family/payments",
    response_model=schemas.PaymentResult,
    responses={
        402: {"model": schemas.PaymentRefusal, "description": "Payment needed or declined"},
        409: {"model": schemas.ErrorMessage, "description": "Already paid, or key reused"},
        **OVERLOADED_RESPONSE,
    },
    dependencies=[MailDelivery],
)
def pay(
    body: schemas.PayRequest,
    access: CurrentFamily,
    org: CurrentOrg,
    db: DbSession,
    idem: IdempotentRequest,
    gateway: Gateway,
) -> Any:
    """Pay charges (or the whole balance): credit first, the card or bank for the rest.
    The Idempotency-Key is required: the first outcome is stored with the payment."""

    def run() -> idempotency.Outcome:
        result = payments.pay_charges(
            db,
            access.family,
            access.guardian,
            body,
            gateway,
            reference=idem.key or "",
            organisation_name=org.name,
        )
        return outcome(200, result)

    return idem.run(body, run, principal=access.principal, require_key=True)
