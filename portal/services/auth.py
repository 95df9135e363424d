"""Family sign-in: login with throttling, bearer tokens, family choice, forgot/reset password.

Tokens are `secrets.token_urlsafe(32)` (256 bits); only their SHA-256 is stored (a fast hash is
fine for random tokens). Passwords and reset codes are Argon2id (portal.core.security): a code
has only a million values, so a fast hash of it would be read back in a second.

Throttling counts attempts in the `login_attempts` table so it holds across processes. The
client is the enrolled kiosk that sent the call, else the connecting address (never a device id
the caller wrote itself). In any 15 minutes a client gets at most 10 failed attempts at one
email and 30 in all; past 50 failures at one email from everywhere, only clients that already
failed at it wait. So a guesser at one kiosk or address backs off, and the family still logs in
anywhere else: nobody can lock an account everywhere. An attempt is committed as "pending"
*before* the counts are read, so concurrent guesses see each other and cannot all slip under
the limit. A throttled login is refused before the password is looked at, right or wrong.
Account creation counts the same way: "That email is already in use" is a failed attempt.

Unknown emails cost the same as known ones: login verifies against a dummy hash, forgot-password
always hashes a fresh code, reset-password verifies against the dummy hash.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from portal import rules, schemas
from portal.core.security import hash_password, needs_rehash, verify_password
from portal.models import (
    AuthToken,
    Family,
    Guardian,
    LoginAttempt,
    Organisation,
    PasswordResetCode,
    as_utc,
    guardian_families,
    utcnow,
)
from portal.services import mail, throttle
from portal.services.errors import (
    AccountSuspended,
    Conflict,
    FormError,
    NotFound,
    Throttled,
    Unauthorized,
)

log = logging.getLogger(__name__)

TOKEN_TTL = timedelta(minutes=30)
MAX_TOKEN_LENGTH = 200
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL_AND_CLIENT = 10
MAX_FAILURES_PER_CLIENT = 30
# A spread-out guess at one account: past this, clients that failed at it wait too.
MAX_FAILURES_PER_EMAIL = 50
CODE_TTL = timedelta(minutes=15)
MAX_CODE_GUESSES = 5
# More codes than this per address in CODE_TTL are silently not sent (the answer is the same).
MAX_CODES_PER_WINDOW = 5

WRONG_CREDENTIALS = "That email and password don't match our records. Please try again."
FORGOT_ANSWER = "If an account exists for that email, we sent a 6-digit code."
WRONG_CODE = "That code is not right or has expired. Please check it, or ask for a new one."
NO_FAMILY_CHOSEN = "Please choose a family first."
FAMILY_NOT_FOUND = "We could not find that family."

_COUNTED = ("pending", "failed")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def hash_token(token: str) -> str:
    return _digest(token)


@functools.cache
def dummy_hash() -> str:
    """A hash nobody knows the password of, for the same work on unknown emails (made once per
    process; `create_app` makes it up front so the first unknown email is not slower)."""
    return hash_password(secrets.token_urlsafe(24))


def client_key(client_ip: str, kiosk_id: int | None = None) -> str:
    """The throttle's client: the enrolled kiosk that sent the call, else the peer address (a
    `deviceId` in the body is the caller's own word, so it never counts)."""
    return _digest(f"kiosk:{kiosk_id}") if kiosk_id is not None else _digest(f"ip:{client_ip}")


def find_guardian(session: Session, organisation_id: int, email: str) -> Guardian | None:
    email = rules.normalise_email(email)
    if not rules.looks_like_email(email):
        return None  # nothing stored can match; no odd bytes reach the database
    return session.scalars(
        select(Guardian).where(Guardian.organisation_id == organisation_id, Guardian.email == email)
    ).first()


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime
    row: AuthToken


@dataclass(frozen=True)
class AuthContext:
    """Who is calling: the token's row, its guardian, and the family it is bound to (if any)."""

    token: AuthToken
    guardian: Guardian
    family: Family | None


def issue_token(
    session: Session,
    guardian: Guardian,
    family: Family | None,
    device_id: str = "",
    now: datetime | None = None,
) -> IssuedToken:
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    row = AuthToken(
        organisation_id=guardian.organisation_id,
        guardian_id=guardian.id,
        family_id=family.id if family is not None else None,
        token_hash=hash_token(token),
        device_id=device_id[:200],
        created_at=now,
        expires_at=now + TOKEN_TTL,
    )
    session.add(row)
    return IssuedToken(token, row.expires_at, row)


# One query on every signed-in call: the token, its guardian and its family, the family only
# while it is still one of the guardian's families. Built once (building it cost more than
# running it).
_member = guardian_families.alias("member")
_TOKEN_GUARDIAN_FAMILY = (
    select(AuthToken, Guardian, Family)
    .join(Guardian, Guardian.id == AuthToken.guardian_id)
    .outerjoin(
        _member,
        (_member.c.guardian_id == AuthToken.guardian_id)
        & (_member.c.family_id == AuthToken.family_id),
    )
    .outerjoin(Family, Family.id == _member.c.family_id)
    .where(AuthToken.token_hash == bindparam("token_hash"))
)
_TOKEN_BY_HASH = select(AuthToken).where(AuthToken.token_hash == bindparam("token_hash"))


def authenticate(
    session: Session, organisation: Organisation, token: str, now: datetime | None = None
) -> AuthContext:
    """The caller behind a bearer token; Unauthorized when unknown, expired or revoked."""
    now = now or utcnow()
    if not token or len(token) > MAX_TOKEN_LENGTH or not token.isascii():
        raise Unauthorized()
    found = session.execute(_TOKEN_GUARDIAN_FAMILY, {"token_hash": hash_token(token)}).first()
    if found is None:
        raise Unauthorized()
    row, guardian, family = found
    if (
        row.organisation_id != organisation.id
        or row.revoked_at is not None
        or (as_utc(row.expires_at) or now) <= now
    ):
        raise Unauthorized()
    if row.family_id is not None and family is None:  # no longer one of this guardian's
        raise Unauthorized()
    return AuthContext(row, guardian, family)


def spent_token_principal(session: Session, organisation: Organisation, token: str) -> str:
    """ "guardian:G/family:F" of a token that exists but can no longer be used (revoked at
    logout, or expired less than a day ago), else "" - only for replaying a stored outcome."""
    if not token or len(token) > MAX_TOKEN_LENGTH or not token.isascii():
        return ""
    row = session.scalars(_TOKEN_BY_HASH, {"token_hash": hash_token(token)}).first()
    if row is None or row.organisation_id != organisation.id or row.family_id is None:
        return ""
    return f"guardian:{row.guardian_id}/family:{row.family_id}"


def require_family(context: AuthContext) -> Family:
    """The bound family of a usable session; suspension is checked on every call."""
    if context.family is None:
        raise Conflict(NO_FAMILY_CHOSEN)
    if context.family.suspended:
        raise AccountSuspended()
    return context.family


def login_result(
    issued: IssuedToken, guardian: Guardian, bound: Family | None
) -> schemas.LoginResult:
    return schemas.LoginResult(
        token=issued.token,
        expires_at=issued.expires_at.replace(microsecond=0),
        guardian=schemas.GuardianRef(
            id=guardian.id, first_name=guardian.first_name, last_name=guardian.last_name
        ),
        families=[
            schemas.FamilyChoice(id=f.id, name=f.name, suspended=f.suspended)
            for f in guardian.families
        ],
        family=schemas.FamilyRef(id=bound.id, name=bound.name) if bound is not None else None,
    )


def start_session(
    session: Session, guardian: Guardian, device_id: str, now: datetime | None = None
) -> schemas.LoginResult:
    """Issue a token after the password (or a reset code) was right. Binds the family when
    exactly one is usable; AccountSuspended when none is."""
    usable = [f for f in guardian.families if not f.suspended]
    if not usable:
        raise AccountSuspended()
    bound = usable[0] if len(usable) == 1 else None
    issued = issue_token(session, guardian, bound, device_id, now)
    return login_result(issued, guardian, bound)


def _purge_old(session: Session, organisation_id: int, now: datetime) -> None:
    """Forget attempts and tokens nobody can use any more (cheap, indexed)."""
    session.execute(
        delete(LoginAttempt).where(
            LoginAttempt.organisation_id == organisation_id,
            LoginAttempt.created_at < now - 4 * THROTTLE_WINDOW,
        )
    )
    session.execute(
        delete(AuthToken).where(
            AuthToken.organisation_id == organisation_id,
            AuthToken.expires_at < now - timedelta(days=1),
        )
    )


# --------------------------------------------------------------------------- login


def _failure_times(
    session: Session,
    attempt: LoginAttempt,
    *conditions: Any,
    now: datetime,
    counted: tuple[str, ...] = _COUNTED,
) -> Sequence[datetime]:
    """When the counted attempts matching `conditions` (other than this one) were made."""
    return session.scalars(
        select(LoginAttempt.created_at)
        .where(
            LoginAttempt.organisation_id == attempt.organisation_id,
            *conditions,
            LoginAttempt.created_at > now - THROTTLE_WINDOW,
            LoginAttempt.outcome.in_(counted),
            LoginAttempt.id != attempt.id,
        )
        .order_by(LoginAttempt.created_at, LoginAttempt.id)
    ).all()


def _register_attempt(
    session: Session, organisation_id: int, email: str, client: str, now: datetime
) -> LoginAttempt:
    """Commit a pending attempt, then refuse it (Throttled) when a limit is reached."""
    attempt = LoginAttempt(
        organisation_id=organisation_id,
        email_key=_digest(f"{organisation_id}:{email}"),
        client_key=client,
        outcome="pending",
        created_at=now,
    )
    session.add(attempt)
    session.commit()
    by_email = LoginAttempt.email_key == attempt.email_key
    by_client = LoginAttempt.client_key == client
    here = _failure_times(session, attempt, by_email, by_client, now=now)
    waits = [
        throttle.retry_after(here, MAX_FAILURES_PER_EMAIL_AND_CLIENT, THROTTLE_WINDOW, now),
        # Per client, only what failed: families signing in at once behind one address (a
        # facility's Wi-Fi, registration morning) are not guesses. Attempts still in progress
        # count per email and client, where parallel guessing at one account is stopped.
        throttle.retry_after(
            _failure_times(session, attempt, by_client, now=now, counted=("failed",)),
            MAX_FAILURES_PER_CLIENT,
            THROTTLE_WINDOW,
            now,
        ),
    ]
    if here:  # only a client that already failed at this email waits for the account's ceiling
        waits.append(
            throttle.retry_after(
                _failure_times(session, attempt, by_email, now=now),
                MAX_FAILURES_PER_EMAIL,
                THROTTLE_WINDOW,
                now,
            )
        )
    wait = max((w for w in waits if w is not None), default=None)
    if wait is not None:
        attempt.outcome = "throttled"
        session.commit()
        raise Throttled(wait)
    return attempt


def register_signup(
    session: Session, organisation_id: int, email: str, client: str, now: datetime | None = None
) -> LoginAttempt:
    """Count an account creation like a login attempt of its client (commits); Throttled when
    the client is over a limit. The caller marks it with `finish_signup`."""
    now = now or utcnow()
    _purge_old(session, organisation_id, now)
    return _register_attempt(session, organisation_id, rules.normalise_email(email), client, now)


def finish_signup(session: Session, attempt: LoginAttempt, *, email_in_use: bool) -> None:
    """An account creation that found the email in use counts as a failure (commits)."""
    attempt.outcome = "failed" if email_in_use else "ok"
    session.commit()


def login(
    session: Session,
    organisation: Organisation,
    *,
    email: str,
    password: str,
    device_id: str,
    client: str,
    now: datetime | None = None,
) -> schemas.LoginResult:
    """Check the throttle, then the password. The attempt is committed before the check and a
    refusal commits its count before it is raised; a success is committed by the caller (the
    unit of work). Raises Throttled, Unauthorized (the same for an unknown email and a wrong
    password) or AccountSuspended."""
    now = now or utcnow()
    email = rules.normalise_email(email)
    org_id = organisation.id
    _purge_old(session, org_id, now)
    attempt = _register_attempt(session, org_id, email, client, now)
    guardian = find_guardian(session, org_id, email)
    if guardian is None:
        verify_password(dummy_hash(), password)
        right = False
    else:
        right = verify_password(guardian.password_hash, password)
    if not right:
        attempt.outcome = "failed"
        session.commit()  # a failure counts even though the request is then refused
        raise Unauthorized(WRONG_CREDENTIALS)
    assert guardian is not None
    attempt.outcome = "ok"
    if needs_rehash(guardian.password_hash):
        guardian.password_hash = hash_password(password)
    try:
        return start_session(session, guardian, device_id, now)
    except AccountSuspended:
        session.commit()  # the attempt counts as made; the refusal rolls the request back
        raise


def choose_family(session: Session, context: AuthContext, family_id: int) -> Family:
    """Bind the session to one of the guardian's families (the caller commits)."""
    family = next((f for f in context.guardian.families if f.id == family_id), None)
    if context.token.assisted_by_staff_id is not None and family_id != context.token.family_id:
        family = None  # a session staff opened stays with the family they opened it for
    if family is None:
        raise NotFound(FAMILY_NOT_FOUND)
    if family.suspended:
        raise AccountSuspended()
    context.token.family_id = family.id
    return family


def logout(context: AuthContext, now: datetime | None = None) -> None:
    """Revoke the token (the caller commits); any later use is 401."""
    context.token.revoked_at = now or utcnow()


# --------------------------------------------------------------------------- forgot / reset


def _new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def forgot_password(
    session: Session, organisation: Organisation, email: str, now: datetime | None = None
) -> None:
    """Mail a fresh code to a known address (older codes are spent); the same work and no
    trace for an unknown one. The caller commits; the answer never depends on the address."""
    now = now or utcnow()
    code = _new_code()
    code_hash = hash_password(code)  # always: the timing must not tell whether the email exists
    guardian = find_guardian(session, organisation.id, email)
    if guardian is None:
        return
    recent = session.scalar(
        select(func.count())
        .select_from(PasswordResetCode)
        .where(
            PasswordResetCode.guardian_id == guardian.id,
            PasswordResetCode.created_at > now - CODE_TTL,
        )
    )
    if (recent or 0) >= MAX_CODES_PER_WINDOW:
        log.info("forgot-password: code limit reached for a guardian; no mail sent")
        return
    session.execute(
        update(PasswordResetCode)
        .where(PasswordResetCode.guardian_id == guardian.id, PasswordResetCode.spent_at.is_(None))
        .values(spent_at=now)
    )
    session.add(
        PasswordResetCode(
            organisation_id=organisation.id,
            guardian_id=guardian.id,
            code_hash=code_hash,
            created_at=now,
        )
    )
    minutes = int(CODE_TTL.total_seconds() // 60)
    mail.enqueue(
        session,
        organisation.id,
        kind="password_reset",
        to=guardian.email,
        subject=f"Your {organisation.name} password code",
        body=(
            f"Hello {guardian.first_name},\n\n"
            f"Your code to choose a new password is {code}.\n\n"
            f"It works once and expires in {minutes} minutes. If you did not ask for it, you "
            f"can ignore this email; your password has not changed.\n\n"
            f"{organisation.name}"
        ),
    )


def _wrong_code() -> FormError:
    return FormError.one("code", WRONG_CODE)


def reset_password(
    session: Session,
    organisation: Organisation,
    *,
    email: str,
    code: str,
    new_password: str,
    device_id: str,
    now: datetime | None = None,
) -> schemas.LoginResult:
    """Check the code (single use, 15 minutes, 5 guesses), set the password, revoke the old
    sessions and log in (the caller commits; a guess is counted and committed before it is
    checked). A wrong, spent or expired code is a FormError on `code`."""
    now = now or utcnow()
    guardian = find_guardian(session, organisation.id, email)
    row = None
    if guardian is not None:
        row = session.scalars(
            select(PasswordResetCode)
            .where(
                PasswordResetCode.guardian_id == guardian.id,
                PasswordResetCode.spent_at.is_(None),
            )
            .order_by(PasswordResetCode.id.desc())
        ).first()
    expired = row is not None and (as_utc(row.created_at) or now) + CODE_TTL <= now
    if guardian is None or row is None or expired or not rules.is_code_shaped(code):
        verify_password(dummy_hash(), code)
        raise _wrong_code()
    assert row is not None
    # Reserve a guess before checking it, committed, so concurrent guesses count each other.
    reserved = session.execute(
        update(PasswordResetCode)
        .where(PasswordResetCode.id == row.id, PasswordResetCode.spent_at.is_(None))
        .values(attempts=PasswordResetCode.attempts + 1)
    )
    session.commit()
    guesses = session.scalar(
        select(PasswordResetCode.attempts).where(PasswordResetCode.id == row.id)
    )
    if reserved.rowcount != 1 or (guesses or 0) > MAX_CODE_GUESSES:  # type: ignore[attr-defined]
        verify_password(dummy_hash(), code)
        raise _wrong_code()
    if not verify_password(row.code_hash, code):
        if (guesses or 0) >= MAX_CODE_GUESSES:
            _spend(session, row.id, now)
            session.commit()
        raise _wrong_code()
    if not _spend(session, row.id, now):  # a concurrent reset used it first
        raise _wrong_code()
    assert guardian is not None
    guardian.password_hash = hash_password(new_password)
    session.execute(
        update(PasswordResetCode)
        .where(PasswordResetCode.guardian_id == guardian.id, PasswordResetCode.spent_at.is_(None))
        .values(spent_at=now)
    )
    session.execute(
        update(AuthToken)
        .where(AuthToken.guardian_id == guardian.id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    try:
        return start_session(session, guardian, device_id, now)
    except AccountSuspended:
        session.commit()  # the new password stands; the family still cannot sign in
        raise


def _spend(session: Session, code_id: int, now: datetime) -> bool:
    spent = session.execute(
        update(PasswordResetCode)
        .where(PasswordResetCode.id == code_id, PasswordResetCode.spent_at.is_(None))
        .values(spent_at=now)
    )
    return bool(spent.rowcount == 1)  # type: ignore[attr-defined]
