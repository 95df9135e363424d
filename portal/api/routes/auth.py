"""Family sign-in and account creation (docs/accounts-contract.md)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from portal import schemas
from portal.api.deps import (
    CurrentOrg,
    CurrentSession,
    DbSession,
    IdempotentRequest,
    MailDelivery,
    ThrottleClient,
    outcome,
)
from portal.api.overload import OVERLOADED_RESPONSE
from portal.services import accounts, auth, idempotency
from portal.services.errors import EmailInUse

FORM_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.FormErrorMessage, "description": "A field is not right"},
    404: {"model": schemas.ErrorMessage, "description": "Unknown account"},
}
UNAUTHORIZED: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.ErrorMessage, "description": "No valid token"},
}
SUSPENDED: dict[int | str, dict[str, Any]] = {
    403: {"model": schemas.SuspendedMessage, "description": "The family is suspended"},
}

router = APIRouter(prefix="/api/v1/{account}", tags=["family sign-in"], responses=FORM_ERRORS)


@router.post(
    "/auth/login",
    response_model=schemas.LoginResult,
    responses={
        401: {"model": schemas.ErrorMessage, "description": "Wrong email or password"},
        **SUSPENDED,
        429: {"model": schemas.ThrottledMessage, "description": "Too many failed attempts"},
    },
)
def login(
    body: schemas.LoginRequest, org: CurrentOrg, db: DbSession, client: ThrottleClient
) -> schemas.LoginResult:
    """Log in with email and password. With exactly one usable family the token is bound to
    it (`family` is set); with several, `family` is null and the kiosk calls `/auth/family`."""
    return auth.login(
        db,
        org,
        email=body.email,
        password=body.password,
        device_id=body.device_id,
        client=client,
    )


@router.post(
    "/auth/family",
    response_model=schemas.ChosenFamily,
    responses={
        **UNAUTHORIZED,
        **SUSPENDED,
        404: {"model": schemas.ErrorMessage, "description": "Not one of the guardian's families"},
    },
)
def choose_family(
    body: schemas.ChooseFamilyRequest, session: CurrentSession, db: DbSession
) -> schemas.ChosenFamily:
    """Bind the session to one of the guardian's families."""
    family = auth.choose_family(db, session, body.family_id)
    return schemas.ChosenFamily(family=schemas.FamilyRef(id=family.id, name=family.name))


@router.post(
    "/auth/logout",
    status_code=204,
    response_class=Response,
    response_model=None,
    responses=UNAUTHORIZED,
)
def logout(session: CurrentSession, db: DbSession) -> Response:
    """Revoke the token; any later use of it is 401. Works for a suspended family too."""
    auth.logout(session)
    return Response(status_code=204)


@router.post(
    "/auth/forgot-password",
    status_code=202,
    response_model=schemas.ForgotPasswordAnswer,
    dependencies=[MailDelivery],
)
def forgot_password(
    body: schemas.ForgotPasswordRequest, org: CurrentOrg, db: DbSession
) -> schemas.ForgotPasswordAnswer:
    """Mail a 6-digit code when the address has an account. The answer, its status and the
    work done are the same either way."""
    auth.forgot_password(db, org, body.email)
    return schemas.ForgotPasswordAnswer(message=auth.FORGOT_ANSWER)


@router.post(
    "/auth/reset-password",
    response_model=schemas.LoginResult,
    responses={**SUSPENDED, **OVERLOADED_RESPONSE},
)
def reset_password(
    body: schemas.ResetPasswordRequest, org: CurrentOrg, db: DbSession
) -> schemas.LoginResult:
    """Choose a new password with the emailed code, and log in. A wrong, used or expired code
    is a 400 with an error on `code`."""
    return auth.reset_password(
        db,
        org,
        email=body.email,
        code=body.code,
        new_password=body.new_password,
        device_id=body.device_id,
    )


@router.post(
    "/accounts",
    status_code=201,
    response_model=schemas.LoginResult,
    responses={
        409: {
            "model": schemas.FormErrorMessage,
            "description": "The email is in use, or the Idempotency-Key was used for another body",
        },
        **OVERLOADED_RESPONSE,
    },
    dependencies=[MailDelivery],
)
def create_account(
    body: schemas.CreateAccountRequest,
    org: CurrentOrg,
    db: DbSession,
    idem: IdempotentRequest,
    client: ThrottleClient,
) -> Any:
    """Create a family account (guardian, students, emergency contact) and log in, bound to the
    new family. A repeat with the same Idempotency-Key answers the same account with a new
    token; nothing is created twice."""

    def create() -> idempotency.Outcome:
        result = accounts.create_account(db, org, body)
        # The token is never stored in clear; a replay issues a fresh one.
        stored = result.model_dump(mode="json", by_alias=True) | {"token": ""}
        return outcome(201, result, stored)

    def replay(first: idempotency.Outcome) -> idempotency.Outcome:
        result = accounts.resume_created_account(db, org, first.body or {}, body.device_id)
        return outcome(first.status_code, result)

    attempt = auth.register_signup(db, org.id, body.guardian.email, client)
    try:
        answer = idem.run(body, create, secret_fields=("password",), replay=replay)
    except EmailInUse:
        auth.finish_signup(db, attempt, email_in_use=True)
        raise
    auth.finish_signup(db, attempt, email_in_use=False)
    return answer
