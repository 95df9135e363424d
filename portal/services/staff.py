"""Front-desk staff mode: PIN sign-in, staff tokens, family search, assisted family sessions,
quick-create and the audit trail (docs/staff-contract.md).

PINs are Argon2id hashes on the staff record. A PIN names nobody, so a sign-in checks it
against every staff member who has one, all of them every time, so the time taken says nothing
about which one matched. Failed PINs are counted per device in `staff_login_attempts`
(portal.services.throttle): the attempt is committed as "pending" before the count is
read, and a throttled sign-in is refused before the PIN is looked at, right or wrong.

Staff tokens are 256 random bits, stored as SHA-256, valid 15 minutes and revocable; they open
the staff routes only. An assisted session is an ordinary family token (`auth_tokens`) with
`assisted_by_staff_id` set, bound to one family, valid 15 minutes: every family route accepts
it, and every call made with it is audited (portal.api.audit).

Audit entries are written in the transaction of what they record (a sign-in with its token, an
assist with its family token, a quick-create with its family); the calls of an assisted session
are recorded once their status is known, just before the answer leaves.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from portal import schemas
from portal.core.security import hash_password, verify_password
from portal.models import (
    AuditEntry,
    AuthToken,
    Family,
    Guardian,
    Location,
    Organisation,
    PasswordResetCode,
    SecurityAlert,
    Staff,
    StaffLoginAttempt,
    StaffToken,
    Student,
    as_utc,
    guardian_families,
    utcnow,
)
from portal.services import accounts, auth, checkin, mail, payments, throttle
from portal.services.errors import (
    Conflict,
    EmailInUse,
    NotFound,
    ServiceError,
    TooManyTries,
    Unauthorized,
)

STAFF_TOKEN_TTL = timedelta(minutes=15)
ASSISTED_TOKEN_TTL = timedelta(minutes=15)
PIN_THROTTLE_WINDOW = timedelta(minutes=15)
MAX_PIN_FAILURES = 5  # per enrolled kiosk
# Wrong PINs from all kiosks together: past this, staff PIN sign-in pauses everywhere and staff
# are alerted (in the panel and by mail), so a guess spread over many kiosks stops too.
MAX_ORGANISATION_PIN_FAILURES = 20
MIN_PIN_DIGITS = 6
MAX_PIN_DIGITS = 8
MAX_SEARCH_RESULTS = 20
MIN_QUERY = 2
MAX_QUERY = 100
MAX_QUERY_WORDS = 6
# Families fetched per search before ranking; far more than a front desk ever reads.
SEARCH_CANDIDATES = 500
MAX_AUDIT_ENTRIES = 200

WRONG_PIN = "That PIN didn't work. Please try again."
PIN_THROTTLED = "Too many tries. Please wait 15 minutes or ask a manager."
PIN_PAUSED = (
    "Staff sign-in is paused after many wrong PINs. Please wait 15 minutes or ask a manager."
)
PIN_ALERT = (
    "{count} wrong staff PINs were tried in 15 minutes, so staff PIN sign-in was paused. "
    "If this was not your team, please check your kiosks."
)
STAFF_SESSION_ENDED = "Your staff session has ended. Please sign in with your PIN again."
QUERY_TOO_SHORT = "Please type at least 2 characters of a name, phone number or email."
QUERY_TOO_LONG = f"Please search with at most {MAX_QUERY} characters."
QUERY_UNUSUAL = "Please remove the unusual characters from the search."
FAMILY_NOT_FOUND = "We could not find that family."
NO_GUARDIAN = "This family has no guardian on file, so it cannot be opened here."
CREATED_FAMILY_GONE = "That family no longer exists."

# Audit actions of the staff routes (family-route calls are named by their route template).
LOGIN_ACTION = "POST /staff/login"
LOGOUT_ACTION = "POST /staff/logout"
ASSIST_ACTION = "POST /staff/families/{familyId}/assist"
QUICK_CREATE_ACTION = "POST /staff/families"

# What an assisted session of a suspended family may still read, so staff can see why.
SUSPENDED_READABLE = frozenset({"GET /family", "GET /family/charges", "GET /family/policies"})

_PHONE_QUERY_RE = re.compile(r"[\d\s().+\-]+")
_WORD_SPLIT_RE = re.compile(r"[\s,;]+")
_NAME_SPLIT_RE = re.compile(r"[\s'’\-.]+")


class PinThrottled(TooManyTries):
    """429 with the staff sentence; `retryAfterSeconds` and Retry-After carry the wait."""

    MESSAGE = PIN_THROTTLED


class PinSignInPaused(TooManyTries):
    """429: the organisation-wide ceiling of wrong PINs was reached."""

    MESSAGE = PIN_PAUSED


class StaffSessionEnded(Unauthorized):
    """A missing, unknown, expired or revoked staff token (or a family token on a staff route)."""

    def __init__(self) -> None:
        super().__init__(STAFF_SESSION_ENDED)


class BadQuery(ServiceError):
    status_code = 400
    replayable = False


@dataclass(frozen=True)
class StaffContext:
    """The signed-in staff member behind a staff token."""

    token: StaffToken
    staff: Staff

    @property
    def principal(self) -> str:
        return f"staff:{self.staff.id}"


# --------------------------------------------------------------------------- audit


def record(
    session: Session,
    organisation_id: int,
    action: str,
    outcome: int,
    *,
    staff: Staff | None = None,
    family_id: int | None = None,
    device: str = "",
    at: datetime | None = None,
) -> AuditEntry:
    """Add an audit entry in the caller's transaction (the caller commits)."""
    entry = AuditEntry(
        organisation_id=organisation_id,
        at=at or utcnow(),
        staff_id=staff.id if staff is not None else None,
        staff_name=staff.full_name[:201] if staff is not None else "",
        family_id=family_id,
        device=device[:200],
        action=action[:200],
        outcome=outcome,
    )
    session.add(entry)
    return entry


def record_assisted_call(
    session_factory: sessionmaker[Session],
    *,
    organisation_id: int,
    staff_id: int,
    family_id: int | None,
    device: str,
    action: str,
    outcome: int,
) -> None:
    """One call of an assisted session, in a transaction of its own (its status is known only
    once the call's own transaction is over)."""
    with session_factory.begin() as session:
        record(
            session,
            organisation_id,
            action,
            outcome,
            staff=session.get(Staff, staff_id),
            family_id=family_id,
            device=device,
        )


def audit_log(
    session: Session, organisation: Organisation, *, family_id: int | None, limit: int
) -> schemas.AuditLog:
    """The newest entries first, of one family when `family_id` is given."""
    query = select(AuditEntry).where(AuditEntry.organisation_id == organisation.id)
    if family_id is not None:
        query = query.where(AuditEntry.family_id == family_id)
    limit = max(1, min(limit, MAX_AUDIT_ENTRIES))
    rows = session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit)).all()
    return schemas.AuditLog(
        entries=[
            schemas.AuditEntryOut(
                at=(as_utc(row.at) or utcnow()).replace(microsecond=0),
                staff_name=row.staff_name or None,
                family_id=row.family_id,
                action=row.action,
                outcome=row.outcome,
            )
            for row in rows
        ]
    )


# --------------------------------------------------------------------------- PIN sign-in


def _purge_old(session: Session, organisation_id: int, now: datetime) -> None:
    """Forget attempts and tokens nobody can use any more (cheap, indexed)."""
    throttle.purge(session, StaffLoginAttempt, organisation_id, PIN_THROTTLE_WINDOW, now)
    session.execute(
        delete(StaffToken).where(
            StaffToken.organisation_id == organisation_id,
            StaffToken.expires_at < now - timedelta(days=1),
        )
    )


def _register_attempt(
    session: Session, organisation_id: int, client: str, device: str, now: datetime
) -> StaffLoginAttempt:
    """Commit a pending attempt, then refuse it (audited) when the device is over its limit."""
    attempt, wait = throttle.register(
        session,
        StaffLoginAttempt,
        organisation_id,
        client,
        now,
        window=PIN_THROTTLE_WINDOW,
        limit=MAX_PIN_FAILURES,
    )
    refusal: TooManyTries | None = PinThrottled(wait) if wait is not None else None
    if attempt is None:  # over the limit already: audited, nothing else written
        record(
            session, organisation_id, LOGIN_ACTION, PinThrottled.status_code, device=device, at=now
        )
        session.commit()
        raise PinThrottled(wait or 1)
    if refusal is None:
        paused = throttle.organisation_wait(
            session,
            StaffLoginAttempt,
            organisation_id,
            now,
            window=PIN_THROTTLE_WINDOW,
            limit=MAX_ORGANISATION_PIN_FAILURES,
        )
        if paused is not None:
            refusal = PinSignInPaused(paused)
            _alert_once(session, organisation_id, now)
    if refusal is None:
        return attempt
    attempt.outcome = "throttled"
    record(session, organisation_id, LOGIN_ACTION, refusal.status_code, device=device, at=now)
    session.commit()
    raise refusal


def _alert_once(session: Session, organisation_id: int, now: datetime) -> None:
    """One alert per pause: in the staff panel and mailed to every location's address."""
    recent = session.scalar(
        select(func.count())
        .select_from(SecurityAlert)
        .where(
            SecurityAlert.organisation_id == organisation_id,
            SecurityAlert.kind == "staff_pin",
            SecurityAlert.at > now - PIN_THROTTLE_WINDOW,
        )
    )
    if recent:
        return
    message = PIN_ALERT.format(count=MAX_ORGANISATION_PIN_FAILURES)
    session.add(
        SecurityAlert(organisation_id=organisation_id, kind="staff_pin", message=message, at=now)
    )
    addresses = sorted(
        {
            address
            for address in session.scalars(
                select(Location.email).where(Location.organisation_id == organisation_id)
            )
            if address
        }
    )
    for address in addresses:
        mail.enqueue(
            session,
            organisation_id,
            kind="security_alert",
            to=address,
            subject="Staff PIN sign-in was paused",
            body=message,
        )


def security_alerts(
    session: Session, organisation_id: int, now: datetime | None = None
) -> list[SecurityAlert]:
    """Alerts of the last day, newest first (for the staff panel)."""
    now = now or utcnow()
    return list(
        session.scalars(
            select(SecurityAlert)
            .where(
                SecurityAlert.organisation_id == organisation_id,
                SecurityAlert.at > now - timedelta(days=1),
            )
            .order_by(SecurityAlert.at.desc(), SecurityAlert.id.desc())
            .limit(20)
        )
    )


def is_pin_shaped(pin: str) -> bool:
    return pin.isascii() and pin.isdigit() and MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS


def _match_pin(session: Session, organisation_id: int, pin: str) -> Staff | None:
    """The staff member whose PIN this is; every PIN hash is checked, match or not."""
    people = session.scalars(
        select(Staff)
        .where(Staff.organisation_id == organisation_id, Staff.pin_hash.is_not(None))
        .order_by(Staff.id)
    ).all()
    if not people or not is_pin_shaped(pin):
        verify_password(auth.dummy_hash(), pin)
        return None
    found: Staff | None = None
    for person in people:
        if verify_password(person.pin_hash or "", pin) and found is None:
            found = person
    return found


def login(
    session: Session,
    organisation: Organisation,
    *,
    pin: str,
    device_id: str,
    client: str,
    device: str,
    kiosk_id: int | None = None,
    now: datetime | None = None,
) -> schemas.StaffLoginResult:
    """Check the device's throttle, then the PIN; audited either way. A refusal commits its
    audit and count before it is raised (the request is then rolled back); a success is
    committed by the caller. Raises PinThrottled or Unauthorized (wrong PIN)."""
    now = now or utcnow()
    org_id = organisation.id
    _purge_old(session, org_id, now)
    attempt = _register_attempt(session, org_id, client, device, now)
    person = _match_pin(session, org_id, pin)
    if person is None:
        attempt.outcome = "failed"
        record(session, org_id, LOGIN_ACTION, Unauthorized.status_code, device=device, at=now)
        session.commit()
        raise Unauthorized(WRONG_PIN)
    attempt.outcome = "ok"
    token = secrets.token_urlsafe(32)
    row = StaffToken(
        organisation_id=org_id,
        staff_id=person.id,
        token_hash=auth.hash_token(token),
        device_id=device_id[:200],
        kiosk_id=kiosk_id,
        created_at=now,
        expires_at=now + STAFF_TOKEN_TTL,
    )
    session.add(row)
    record(session, org_id, LOGIN_ACTION, 200, staff=person, device=device, at=now)
    return schemas.StaffLoginResult(
        token=token,
        expires_at=row.expires_at.replace(microsecond=0),
        staff=schemas.StaffMemberOut(
            id=person.id,
            first_name=person.first_name,
            last_name=person.last_name,
            role=person.role,
        ),
    )


def authenticate(
    session: Session,
    organisation: Organisation,
    token: str,
    now: datetime | None = None,
    *,
    kiosk_id: int | None = None,
) -> StaffContext:
    """The staff member behind a staff token; StaffSessionEnded when unknown, expired, revoked,
    of another organisation, used from another kiosk than the one it was signed in on, or when
    the member no longer has a PIN."""
    now = now or utcnow()
    if not token or len(token) > auth.MAX_TOKEN_LENGTH or not token.isascii():
        raise StaffSessionEnded()
    row = session.scalars(
        select(StaffToken).where(StaffToken.token_hash == auth.hash_token(token))
    ).first()
    if (
        row is None
        or row.organisation_id != organisation.id
        or row.revoked_at is not None
        or (as_utc(row.expires_at) or now) <= now
        or row.kiosk_id != kiosk_id
    ):
        raise StaffSessionEnded()
    person = session.get(Staff, row.staff_id)
    if person is None or person.pin_hash is None:
        raise StaffSessionEnded()
    return StaffContext(row, person)


def logout(session: Session, context: StaffContext, now: datetime | None = None) -> None:
    """Revoke the staff token (audited; the caller commits). Assisted sessions it opened run
    to their own end (at most 15 minutes)."""
    now = now or utcnow()
    context.token.revoked_at = now
    record(
        session,
        context.staff.organisation_id,
        LOGOUT_ACTION,
        204,
        staff=context.staff,
        device=context.token.device_id,
        at=now,
    )


# --------------------------------------------------------------------------- search


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _clean_query(query: str) -> str:
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in query):
        raise BadQuery(QUERY_UNUSUAL)
    text = unicodedata.normalize("NFC", query).strip()
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text):
        raise BadQuery(QUERY_UNUSUAL)
    text = re.sub(r"\s+", " ", text)
    if len(text) < MIN_QUERY:
        raise BadQuery(QUERY_TOO_SHORT)
    if len(text) > MAX_QUERY:
        raise BadQuery(QUERY_TOO_LONG)
    return text


def _guardians_where(
    session: Session, organisation_id: int, condition: Any
) -> list[tuple[int, Guardian]]:
    """(family id, guardian) for the organisation's guardians that meet `condition`."""
    rows = session.execute(
        select(guardian_families.c.family_id, Guardian)
        .join(Guardian, Guardian.id == guardian_families.c.guardian_id)
        .where(Guardian.organisation_id == organisation_id, condition)
        .limit(SEARCH_CANDIDATES)
    ).all()
    return [(int(family_id), guardian) for family_id, guardian in rows]


def _by_email(session: Session, organisation_id: int, text: str) -> dict[int, tuple[int, int]]:
    needle = text.lower()
    condition = Guardian.email.like(_like(needle), escape="\\")
    scores: dict[int, tuple[int, int]] = {}
    for family_id, guardian in _guardians_where(session, organisation_id, condition):
        email = guardian.email.lower()
        score = 3 if email == needle else 2 if email.startswith(needle) else 1
        scores[family_id] = max(scores.get(family_id, (0, 0)), (1, score))
    return scores


def _phone_digits_expr() -> Any:
    expr: Any = Guardian.phone
    for char in (" ", "(", ")", "-", ".", "+"):
        expr = func.replace(expr, char, "")
    return expr


def _query_digits(text: str) -> str:
    """The ASCII digits of a phone-like query; an 11-digit number's leading 1 is dropped."""
    digits = re.sub(r"[^0-9]", "", text)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def _by_phone(session: Session, organisation_id: int, digits: str) -> dict[int, tuple[int, int]]:
    condition = _phone_digits_expr().like(_like(digits), escape="\\")
    scores: dict[int, tuple[int, int]] = {}
    for family_id, guardian in _guardians_where(session, organisation_id, condition):
        stored = re.sub(r"\D", "", guardian.phone)
        score = 3 if stored == digits else 2 if stored.endswith(digits) else 1
        scores[family_id] = max(scores.get(family_id, (0, 0)), (1, score))
    return scores


def _name_tokens(family: Family) -> list[str]:
    names = [family.name]
    names += [f"{g.first_name} {g.last_name}" for g in family.guardians]
    names += [f"{s.first_name} {s.last_name}" for s in family.students]
    tokens: list[str] = []
    for name in names:
        tokens += [t for t in _NAME_SPLIT_RE.split(name.casefold()) if t]
    return tokens


def _word_score(word: str, tokens: Iterable[str]) -> int:
    best = 0
    for token in tokens:
        if token == word:
            return 3
        if token.startswith(word):
            best = max(best, 2)
        elif word in token:
            best = max(best, 1)
    return best


def _by_name(session: Session, organisation_id: int, text: str) -> dict[int, tuple[int, int]]:
    """Any word of the query in a guardian's, a student's or the family's name (ranked: more
    words matched, then whole words before beginnings before parts)."""
    words = list(dict.fromkeys(w for w in _WORD_SPLIT_RE.split(text.casefold()) if w))
    words = words[:MAX_QUERY_WORDS]
    if not words:  # only separators (", ;"): nothing to look for, and no empty or_()
        return {}
    patterns = [_like(w) for w in words]

    def matching(*columns: Any) -> Any:
        return or_(
            *(func.lower(column).like(p, escape="\\") for column in columns for p in patterns)
        )

    family_ids: set[int] = set()
    family_ids.update(
        session.scalars(
            select(guardian_families.c.family_id)
            .join(Guardian, Guardian.id == guardian_families.c.guardian_id)
            .where(
                Guardian.organisation_id == organisation_id,
                matching(Guardian.first_name, Guardian.last_name),
            )
            .limit(SEARCH_CANDIDATES)
        )
    )
    family_ids.update(
        session.scalars(
            select(Student.family_id)
            .where(
                Student.organisation_id == organisation_id,
                matching(Student.first_name, Student.last_name),
            )
            .limit(SEARCH_CANDIDATES)
        )
    )
    family_ids.update(
        session.scalars(
            select(Family.id)
            .where(Family.organisation_id == organisation_id, matching(Family.name))
            .limit(SEARCH_CANDIDATES)
        )
    )
    if not family_ids:
        return {}
    families = session.scalars(
        select(Family)
        .where(Family.id.in_(family_ids))
        .options(selectinload(Family.guardians), selectinload(Family.students))
    ).all()
    scores: dict[int, tuple[int, int]] = {}
    for family in families:
        tokens = _name_tokens(family)
        word_scores = [_word_score(w, tokens) for w in words]
        matched = sum(1 for s in word_scores if s)
        if matched:
            scores[family.id] = (matched, sum(word_scores))
    return scores


@dataclass(frozen=True)
class _CheckInRules:
    """What decides a family's check-in blocks, read once per search."""

    balance_limit_cents: int | None
    required_policy_ids: set[int]


def _match_out(
    session: Session, family: Family, primary: set[tuple[int, int]], rules: _CheckInRules
) -> schemas.StaffFamilyMatch:
    guardians = sorted(family.guardians, key=lambda g: ((family.id, g.id) not in primary, g.id))
    policies = accounts.policies_view(session, family)
    balance = payments.balance_due(session, family.id)
    blocks = checkin.blocks_of(
        family,
        outstanding_required=checkin.count_required(policies, rules.required_policy_ids),
        balance_due_cents=balance,
        limit_cents=rules.balance_limit_cents,
    )
    return schemas.StaffFamilyMatch(
        family_id=family.id,
        name=family.name,
        suspended=family.suspended,
        guardians=[
            schemas.StaffGuardianMatch(
                first_name=g.first_name, last_name=g.last_name, email=g.email, phone=g.phone
            )
            for g in guardians
        ],
        students=[
            schemas.StaffStudentMatch(first_name=s.first_name, last_name=s.last_name)
            for s in family.students
        ],
        balance_due_cents=balance,
        outstanding_policies=len(policies.outstanding),
        check_in_blocks=list(blocks.reasons),
    )


def search_families(
    session: Session, organisation: Organisation, query: str
) -> schemas.StaffFamilySearch:
    """Families by guardian or student name (any word, any case), phone digits (punctuation
    ignored) or email; at most 20, best matches first. BadQuery for a query that is too short,
    too long or holds control characters."""
    text = _clean_query(query)
    org_id = organisation.id
    digits = _query_digits(text)
    if "@" in text:
        scores = _by_email(session, org_id, text)
    elif _PHONE_QUERY_RE.fullmatch(text) and len(digits) >= MIN_QUERY:
        scores = _by_phone(session, org_id, digits)
    else:
        scores = _by_name(session, org_id, text)
    if not scores:
        return schemas.StaffFamilySearch(families=[])
    families = {
        f.id: f
        for f in session.scalars(
            select(Family)
            .where(Family.id.in_(list(scores)))
            .options(selectinload(Family.guardians), selectinload(Family.students))
        )
    }
    ranked = sorted(
        families.values(),
        key=lambda f: (-scores[f.id][0], -scores[f.id][1], f.name.casefold(), f.id),
    )[:MAX_SEARCH_RESULTS]
    primary = {
        (int(family_id), int(guardian_id))
        for family_id, guardian_id in session.execute(
            select(guardian_families.c.family_id, guardian_families.c.guardian_id).where(
                guardian_families.c.family_id.in_([f.id for f in ranked]),
                guardian_families.c.is_primary.is_(True),
            )
        )
    }
    rules = _CheckInRules(
        checkin.settings_of(session, org_id).check_in_balance_limit_cents,
        checkin.required_policy_ids(session, org_id),
    )
    return schemas.StaffFamilySearch(
        families=[_match_out(session, f, primary, rules) for f in ranked]
    )


# --------------------------------------------------------------------------- assisted sessions


def _primary_guardian(session: Session, family: Family) -> Guardian | None:
    primary = session.scalars(
        select(guardian_families.c.guardian_id).where(
            guardian_families.c.family_id == family.id, guardian_families.c.is_primary.is_(True)
        )
    ).all()
    guardians = sorted(family.guardians, key=lambda g: (g.id not in primary, g.id))
    return guardians[0] if guardians else None


def _assisted_session(
    session: Session,
    context: StaffContext,
    guardian: Guardian,
    family: Family,
    now: datetime,
) -> schemas.AssistedLoginResult:
    """A family token bound to `family`, on the staff member's name (the caller commits)."""
    token = secrets.token_urlsafe(32)
    row = AuthToken(
        organisation_id=family.organisation_id,
        guardian_id=guardian.id,
        family_id=family.id,
        token_hash=auth.hash_token(token),
        device_id=context.token.device_id,
        created_at=now,
        expires_at=now + ASSISTED_TOKEN_TTL,
        assisted_by_staff_id=context.staff.id,
    )
    session.add(row)
    return schemas.AssistedLoginResult(
        token=token,
        expires_at=row.expires_at.replace(microsecond=0),
        guardian=schemas.GuardianRef(
            id=guardian.id, first_name=guardian.first_name, last_name=guardian.last_name
        ),
        # Only the assisted family: the session cannot switch to another one.
        families=[schemas.FamilyChoice(id=family.id, name=family.name, suspended=family.suspended)],
        family=schemas.FamilyRef(id=family.id, name=family.name),
        assisted_by=schemas.StaffRef(
            id=context.staff.id,
            first_name=context.staff.first_name,
            last_name=context.staff.last_name,
        ),
    )


def assist(
    session: Session,
    organisation: Organisation,
    context: StaffContext,
    family_id: int,
    now: datetime | None = None,
) -> schemas.AssistedLoginResult:
    """Open an assisted session for a family (suspended ones too, so staff can see why). The
    caller commits; refusals are audited and committed here, then raised."""
    now = now or utcnow()
    family = session.get(Family, family_id)
    device = context.token.device_id
    if family is None or family.organisation_id != organisation.id:
        record(
            session, organisation.id, ASSIST_ACTION, 404, staff=context.staff, device=device, at=now
        )
        session.commit()
        raise NotFound(FAMILY_NOT_FOUND)
    guardian = _primary_guardian(session, family)
    if guardian is None:
        record(
            session,
            organisation.id,
            ASSIST_ACTION,
            Conflict.status_code,
            staff=context.staff,
            family_id=family.id,
            device=device,
            at=now,
        )
        session.commit()
        raise Conflict(NO_GUARDIAN)
    result = _assisted_session(session, context, guardian, family, now)
    record(
        session,
        organisation.id,
        ASSIST_ACTION,
        200,
        staff=context.staff,
        family_id=family.id,
        device=device,
        at=now,
    )
    return result


# --------------------------------------------------------------------------- quick-create


def _new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def quick_create(
    session: Session,
    organisation: Organisation,
    context: StaffContext,
    request: schemas.QuickCreateRequest,
    now: datetime | None = None,
) -> schemas.AssistedLoginResult:
    """A family for a walk-in: guardian (no password yet), students, a welcome mail with a code
    to choose a password, and an assisted session for it. The caller commits."""
    now = now or utcnow()
    g = request.guardian
    if accounts.email_taken(session, organisation.id, g.email):
        raise EmailInUse("guardian.email")
    guardian = Guardian(
        organisation_id=organisation.id,
        first_name=g.first_name,
        last_name=g.last_name,
        email=g.email,
        phone=g.phone,
        # Nobody knows this password: the guardian chooses one with the mailed code.
        password_hash=hash_password(secrets.token_urlsafe(32)),
    )
    family = Family(
        organisation_id=organisation.id,
        name=g.last_name,
        students=[
            Student(
                organisation_id=organisation.id,
                first_name=s.first_name,
                last_name=s.last_name,
                birth_date=s.birth_date,
                gender=s.gender,
            )
            for s in request.students
        ],
    )
    session.add_all([guardian, family])
    try:
        session.flush()
    except IntegrityError:  # a concurrent request took the address first
        raise EmailInUse("guardian.email") from None
    session.execute(
        guardian_families.insert().values(
            guardian_id=guardian.id, family_id=family.id, is_primary=True
        )
    )
    session.refresh(guardian, ["families"])
    session.refresh(family, ["guardians"])
    code = _new_code()
    session.add(
        PasswordResetCode(
            organisation_id=organisation.id,
            guardian_id=guardian.id,
            code_hash=hash_password(code),
            created_at=now,
        )
    )
    minutes = int(auth.CODE_TTL.total_seconds() // 60)
    names = ", ".join(s.first_name for s in request.students)
    mail.enqueue(
        session,
        organisation.id,
        kind="welcome",
        to=guardian.email,
        subject=f"Welcome to {organisation.name} - set your password",
        body=(
            f"Hello {guardian.first_name},\n\n"
            f"Our front desk created your family account at {organisation.name} for {names}.\n\n"
            f"To choose your password, open Forgot Password at the kiosk in the lobby or in "
            f"the Customer Portal, enter this email address and this code: {code}\n\n"
            f"The code works once and expires in {minutes} minutes; after that, Forgot "
            f"Password sends you a new one.\n\n"
            f"See you soon!\n{organisation.name}"
        ),
    )
    result = _assisted_session(session, context, guardian, family, now)
    record(
        session,
        organisation.id,
        QUICK_CREATE_ACTION,
        201,
        staff=context.staff,
        family_id=family.id,
        device=context.token.device_id,
        at=now,
    )
    session.flush()
    return result


def resume_quick_create(
    session: Session,
    organisation: Organisation,
    context: StaffContext,
    stored: Mapping[str, Any],
    now: datetime | None = None,
) -> schemas.AssistedLoginResult:
    """A replayed quick-create: the same family, in a fresh assisted session (the first token
    is never stored in clear); audited like the first. The caller commits."""
    now = now or utcnow()
    try:
        guardian_id = int(stored["guardian"]["id"])
        family_id = int(stored["family"]["id"])
    except (KeyError, TypeError, ValueError):
        raise NotFound(CREATED_FAMILY_GONE) from None
    guardian = session.get(Guardian, guardian_id)
    family = session.get(Family, family_id)
    if (
        guardian is None
        or family is None
        or family.organisation_id != organisation.id
        or guardian not in family.guardians
    ):
        raise NotFound(CREATED_FAMILY_GONE)
    result = _assisted_session(session, context, guardian, family, now)
    record(
        session,
        organisation.id,
        QUICK_CREATE_ACTION,
        201,
        staff=context.staff,
        family_id=family.id,
        device=context.token.device_id,
        at=now,
    )
    return result
