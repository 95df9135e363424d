"""Request dependencies: the database session, the `{account}` organisation, the signed-in
family (bearer token), idempotent POSTs and mail delivery after the response."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import BackgroundTasks, Depends, Header, HTTPException, Path, Request
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from portal.api import audit
from portal.models import Family, Guardian, Kiosk, Organisation
from portal.services import accounts, auth, booking, idempotency, kiosks, mail, staff
from portal.services.errors import PoliciesRequired, Unauthorized

_ACCOUNT_RE = re.compile(r"[A-Za-z0-9_.\-]{1,64}")


def get_db(request: Request) -> Iterator[Session]:
    """The request's session, closed once the response is sent."""
    with request.app.state.session_factory() as session:
        yield session


def unit_of_work(session: Annotated[Session, Depends(get_db)]) -> Iterator[Session]:
    """The one owner of a request's commit: the handler's writes commit when it returns
    normally (after its answer is serialised, before it is sent) and roll back when it raises.
    Routes and services do not commit; the few writes that must outlive a refusal (throttle
    counters, idempotency claims, audited refusals) commit themselves and say why."""
    try:
        yield session
    except BaseException:
        session.rollback()
        raise
    session.commit()


# Function scope: the commit happens before the response goes out, so a client that got its
# answer finds the change in its next call.
DbSession = Annotated[Session, Depends(unit_of_work, scope="function")]


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


def sweep_lapsed_holds(db: DbSession, org: CurrentOrg) -> None:
    """Give back the seats of the organisation's lapsed cart holds before the handler reads
    openings, slots or carts (portal.services.booking.release_lapsed_holds)."""
    booking.release_lapsed_holds(db, org.id)


# For routes that read seats or carts: `dependencies=[HoldSweep]`.
HoldSweep = Depends(sweep_lapsed_holds)


# --------------------------------------------------------------------------- enrolled kiosks

kiosk_credential_scheme = APIKeyHeader(
    name="X-Kiosk-Credential",
    auto_error=False,
    scheme_name="kioskCredential",
    description="The device credential an enrolled kiosk got for its pairing code "
    "(`POST /kiosks/enroll`). Sent on every call; staff PIN sign-in and self check-in need it.",
)


def optional_kiosk(
    db: DbSession,
    org: CurrentOrg,
    credential: Annotated[str | None, Depends(kiosk_credential_scheme)],
) -> Kiosk | None:
    """The enrolled kiosk making the call, or None (no, unknown or revoked credential)."""
    return kiosks.authenticate(db, org, credential)


OptionalKiosk = Annotated[Kiosk | None, Depends(optional_kiosk)]


def enrolled_kiosk(kiosk: OptionalKiosk) -> Kiosk:
    """A kiosk-only call: 401 with a sentence for staff unless an enrolled kiosk makes it."""
    if kiosk is None:
        raise kiosks.KioskNotEnrolled()
    return kiosk


EnrolledKiosk = Annotated[Kiosk, Depends(enrolled_kiosk)]


def peer_address(request: Request) -> str:
    """The connecting address (uvicorn believes X-Forwarded-For only from a configured proxy)."""
    return request.client.host if request.client else ""


def throttle_client(request: Request, kiosk: OptionalKiosk) -> str:
    """Who a throttle counts: the enrolled kiosk, else the connecting address."""
    return auth.client_key(peer_address(request), kiosk.id if kiosk is not None else None)


ThrottleClient = Annotated[str, Depends(throttle_client)]


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
        request_sha256=request_digest_of(request),
    )
    if stored is not None:
        raise stored


def request_digest_of(request: Request) -> str | None:
    """The body's digest portal.app's BodySizeLimit left in the scope (POST, PUT, PATCH)."""
    state = request.scope.get("state") or {}
    value = state.get(idempotency.REQUEST_DIGEST)
    return str(value) if value is not None else None


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


# What a family with required policies still to accept may do: read itself and its policies,
# and accept them. Everything else waits, whatever the client (docs/accounts-contract.md).
POLICY_GATE_OPEN = frozenset(
    {"GET /family", "GET /family/policies", "POST /family/policies/accept"}
)


def current_family(context: CurrentSession, db: DbSession, request: Request) -> FamilyAccess:
    """401 without a valid token; 403 with the suspended sentence when the family is suspended
    (checked on every call, not only at login); 409 when no family was chosen yet; 403
    `policies_required` while required policies are outstanding (POLICY_GATE_OPEN aside). A
    suspended family opened by staff may still be read (GET /family, /family/charges,
    /family/policies) so staff can see why."""
    family = context.family
    action = audit.route_action(request)
    assisted = context.token.assisted_by_staff_id is not None
    if family is not None and family.suspended and assisted and action in staff.SUSPENDED_READABLE:
        return FamilyAccess(context, context.guardian, family)
    family = auth.require_family(context)
    access = FamilyAccess(context, context.guardian, family)
    readable_by_staff = assisted and action in staff.SUSPENDED_READABLE
    if (
        action not in POLICY_GATE_OPEN
        and not readable_by_staff
        and accounts.required_policies_outstanding(db, family)
        and not _a_repeat_of_a_finished_request(db, request, access)
    ):
        raise PoliciesRequired()
    return access


def _a_repeat_of_a_finished_request(db: Session, request: Request, access: FamilyAccess) -> bool:
    """A POST repeated with the key of one that already finished (its answer was lost) is
    answered with that outcome, even if it left a policy to accept (a new student's)."""
    key = request.headers.get("Idempotency-Key")
    if request.method != "POST" or not key:
        return False
    stored = idempotency.outcome_for_spent_token(
        db,
        organisation_id=access.family.organisation_id,
        key=key,
        method=request.method,
        path=request.url.path,
        principal=access.principal,
        request_sha256=request_digest_of(request),
    )
    return stored is not None


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
    request_sha256: str | None = None

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
            request_sha256=self.request_sha256,
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
    return Idempotency(
        db,
        org.id,
        key,
        request.method,
        request.url.path,
        request_digest_of(request),
    )


IdempotentRequest = Annotated[Idempotency, Depends(get_idempotency)]


def outcome(
    status_code: int, model: BaseModel, stored: dict[str, Any] | None = None
) -> idempotency.Outcome:
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
