"""Request dependencies: the database session, the `{account}` organisation, the signed-in
family (bearer token), idempotent POSTs and mail delivery after the response."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import BackgroundTasks, Depends, Header, HTTPException, Path, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from portal.api import audit
from portal.models import Family, Guardian, Organisation
from portal.services import auth, idempotency, mail, staff
from portal.services.errors import Unauthorized

_ACCOUNT_RE = re.compile(r"[A-Za-z0-9_.\-]{1,64}")


def get_db(request: Request) -> Iterator[Session]:
    with request.app.state.session_factory() as session:
        yield session


DbSession = Annotated[Session, Depends(get_db)]


def unknown_account_message(account: str) -> str:
    return f"We could not find an organisation called '{account}'. Please check the account name."


# Built once: every call looks its organisation up, and building the statement (and its cache
# key) each time cost more than running it.
_ORGANISATION_BY_ACCOUNT = select(Organisation).where(Organisation.account == bindparam("account"))


def find_organisation(db: Session, account: str) -> Organisation | None:
    if not _ACCOUNT_RE.fullmatch(account):
        return None  # no account has such a name; odd bytes never reach the database
    return db.scalars(_ORGANISATION_BY_ACCOUNT, {"account": account}).first()


def get_organisation(
    db: DbSession,
    account: Annotated[str, Path(description="The organisation's account name.")],
) -> Organisation:
    org = find_organisation(db, account)
    if org is None:
        shown = account if len(account) <= 64 and account.isprintable() else "that name"
        raise HTTPException(status_code=404, detail=unknown_account_message(shown))
    return org


CurrentOrg = Annotated[Organisation, Depends(get_organisation)]


# --------------------------------------------------------------------------- sign-in

bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="bearerAuth",
    description="The token from login, as `Authorization: Bearer <token>`. Never in a URL.",
)


def current_session(
    db: DbSession,
    org: CurrentOrg,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    request: Request,
) -> auth.AuthContext:
    """The caller's token, guardian and bound family (if any); 401 when missing, unknown,
    expired or revoked. The token is read from the Authorization header only. A call made
    with a session staff opened (an assisted token) is audited on their name, whatever it
    answers (portal.api.audit)."""
    if credentials is None:
        raise Unauthorized()
    try:
        context = auth.authenticate(db, org, credentials.credentials)
    except Unauthorized:
        _replay_for_spent_token(db, org, credentials.credentials, request)
        raise
    if context.token.assisted_by_staff_id is not None:
        audit.mark_assisted_call(request, context)
    return context


def _replay_for_spent_token(db: Session, org: Organisation, token: str, request: Request) -> None:
    """A POST repeated with its Idempotency-Key after the token was revoked or expired: answer
    the stored outcome of that key, if this token's family made it (portal.services.
    idempotency.outcome_for_spent_token); otherwise the caller gets the usual 401."""
    key = request.headers.get("Idempotency-Key")
    if request.method != "POST" or not key:
        return
    principal = auth.spent_token_principal(db, org, token)
    stored = idempotency.outcome_for_spent_token(
        db,
        organisation_id=org.id,
        key=key,
        method=request.method,
        path=request.url.path,
        principal=principal,
    )
    if stored is not None:
        raise stored


CurrentSession = Annotated[auth.AuthContext, Depends(current_session)]


@dataclass(frozen=True)
class FamilyAccess:
    """A signed-in guardian acting for their bound, not suspended family."""

    session: auth.AuthContext
    guardian: Guardian
    family: Family

    @property
    def principal(self) -> str:
        return f"guardian:{self.guardian.id}/family:{self.family.id}"


def current_family(context: CurrentSession, request: Request) -> FamilyAccess:
    """401 without a valid token; 403 with the suspended sentence when the family is suspended
    (checked on every call, not only at login); 409 when no family was chosen yet. A suspended
    family opened by staff may still be read (GET /family, /family/charges, /family/policies)
    so staff can see why."""
    family = context.family
    if (
        family is not None
        and family.suspended
        and context.token.assisted_by_staff_id is not None
        and audit.route_action(request) in staff.SUSPENDED_READABLE
    ):
        return FamilyAccess(context, context.guardian, family)
    family = auth.require_family(context)
    return FamilyAccess(context, context.guardian, family)


CurrentFamily = Annotated[FamilyAccess, Depends(current_family)]


# --------------------------------------------------------------------------- idempotent POSTs

IDEMPOTENCY_KEY_DESCRIPTION = (
    "A fresh key (e.g. a UUID) per action, kept for its retries: the first outcome is stored "
    "and replayed; the same key with a different body is 409."
)


@dataclass
class Idempotency:
    """`run()` an action once per `Idempotency-Key` (see portal.services.idempotency)."""

    db: Session
    organisation_id: int
    key: str | None
    method: str
    path: str

    def run(
        self,
        payload: BaseModel,
        action: Callable[[], idempotency.Outcome],
        *,
        principal: str = "",
        secret_fields: Collection[str] = (),
        replay: idempotency.Replay | None = None,
        require_key: bool = False,
    ) -> JSONResponse:
        outcome = idempotency.run(
            self.db,
            organisation_id=self.organisation_id,
            key=self.key,
            method=self.method,
            path=self.path,
            payload=payload.model_dump(mode="json", by_alias=True),
            action=action,
            principal=principal,
            secret_fields=secret_fields,
            replay=replay,
            require_key=require_key,
        )
        headers = {idempotency.REPLAYED_HEADER: "true"} if outcome.replayed else None
        return JSONResponse(status_code=outcome.status_code, content=outcome.body, headers=headers)


def get_idempotency(
    request: Request,
    db: DbSession,
    org: CurrentOrg,
    key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=255,
            pattern=r"^[\x21-\x7e]+$",
            description=IDEMPOTENCY_KEY_DESCRIPTION,
        ),
    ] = None,
) -> Idempotency:
    return Idempotency(db, org.id, key, request.method, request.url.path)


IdempotentRequest = Annotated[Idempotency, Depends(get_idempotency)]


def outcome(status_code: int, model: BaseModel, stored: dict[str, Any] | None = None) -> Any:
    """An idempotent action's answer from a response model."""
    return idempotency.Outcome(
        status_code, model.model_dump(mode="json", by_alias=True), stored_body=stored
    )


# --------------------------------------------------------------------------- mail


def schedule_mail_delivery(request: Request, background: BackgroundTasks) -> None:
    """After the response, hand the outbox to the SMTP sender when one is configured."""
    sender: mail.MailSender | None = getattr(request.app.state, "mail_sender", None)
    if sender is not None:
        background.add_task(mail.deliver_pending, request.app.state.session_factory, sender)


MailDelivery = Depends(schedule_mail_delivery)
