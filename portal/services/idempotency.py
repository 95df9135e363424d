"""Idempotent POSTs: the first outcome for an `Idempotency-Key` is stored and replayed.

`run()` executes an action at most once per (organisation, key):

1. A stored record for the key is replayed when the request is the same one (method, path,
   caller, SHA-256 of the canonical JSON body), and refused with 409 when it is not.
2. Otherwise the record is INSERTed *before* the action, in the action's transaction. The unique
   (organisation, key) makes a concurrent duplicate block on that insert until the first
   transaction ends; it then fails the insert and replays the committed outcome (or, if the first
   rolled back, goes ahead itself). Both never execute.
3. The action runs in a SAVEPOINT. Its outcome is written into the record and committed together
   with the action's writes, so a crash leaves either both or neither. A stored refusal rolls
   back to the savepoint (the action's writes go, the record stays) and commits the record.

Secret fields (a new password) are not part of the SHA-256: a fast hash of a known body would
let anyone who can read the table guess the password offline. They are fingerprinted with
Argon2id instead and checked with a verify on replay.

Form problems (`ServiceError.replayable` false) are not stored: the parent corrects the form and
sends it again. Other refusals (e.g. 409 "this policy has changed") are stored like successes.

The booking and payment routes use it through `portal.api.deps.Idempotency`.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from portal.core.security import hash_password, verify_password
from portal.models import IdempotencyRecord, utcnow
from portal.services.errors import Conflict, ServiceError

REPLAYED_HEADER = "Idempotent-Replayed"
DIFFERENT_DETAILS_MESSAGE = "This request was already sent with different details."
MISSING_KEY_MESSAGE = "This request needs an Idempotency-Key header."


class IdempotencyConflict(Conflict):
    """The key was used before for a different request; never stored itself."""

    replayable = False

    def __init__(self) -> None:
        super().__init__(DIFFERENT_DETAILS_MESSAGE)


class MissingIdempotencyKey(ServiceError):
    """A route that must never run twice (a payment) was called without a key."""

    replayable = False

    def __init__(self) -> None:
        super().__init__(MISSING_KEY_MESSAGE)


class StoredOutcome(Exception):
    """Answer with an outcome stored earlier (see `outcome_for_spent_token`)."""

    def __init__(self, status_code: int, body: dict[str, Any] | None) -> None:
        super().__init__(status_code)
        self.status_code = status_code
        self.body = body


# Where the request's body digest travels in the ASGI scope's state (set by portal.app's
# BodySizeLimit, which reads every body anyway).
REQUEST_DIGEST = "request_sha256"


def request_digest(body: bytes) -> str:
    """SHA-256 of a request body: of its canonical JSON when it is JSON (so key order and
    spacing do not matter), else of its bytes."""
    try:
        return body_digest({"": json.loads(body)})
    except (ValueError, RecursionError):  # not JSON, or nested too deep to be a real body
        return hashlib.sha256(body).hexdigest()


def outcome_for_spent_token(
    session: Session,
    *,
    organisation_id: int,
    key: str,
    method: str,
    path: str,
    principal: str,
    request_sha256: str | None = None,
) -> StoredOutcome | None:
    """The finished outcome of `key` when the same caller sent the same route with it.

    Why: a kiosk whose answer was lost (a dropped connection) sends the payment again with the
    same key - but by then the family may have logged out (the token is revoked) or the token
    may have expired. Without this it would hear 401 and never learn that the payment went
    through. The caller still holds the token that made the record, so telling it the outcome
    it caused reveals nothing new; nothing is run again."""
    record = _find(session, organisation_id, key)
    if (
        record is None
        or record.status_code is None
        or record.method != method
        or record.path != path
        or not principal
        or record.principal != principal
    ):
        return None
    if record.request_sha256 and record.request_sha256 != request_sha256:
        # The same key with another body: never the first outcome (that would tell a holder
        # of a spent token that this is the key of a finished payment), the usual 409.
        raise IdempotencyConflict()
    return StoredOutcome(record.status_code, record.response_body)


@dataclass(frozen=True)
class Outcome:
    """What an action answered. `stored_body` is what replays start from when it must differ
    from the live answer (e.g. without a bearer token, which is never stored in clear)."""

    status_code: int
    body: dict[str, Any] | None
    stored_body: dict[str, Any] | None = None
    replayed: bool = False


Replay = Callable[[Outcome], Outcome]


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def body_digest(payload: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(payload).encode("utf-8", "surrogatepass")).hexdigest()


_RECORD_BY_KEY = select(IdempotencyRecord).where(
    IdempotencyRecord.organisation_id == bindparam("organisation_id"),
    IdempotencyRecord.key == bindparam("key"),
)


_table = cast(Table, IdempotencyRecord.__table__)
_CLAIM_VALUES: dict[str, Any] = {
    name: bindparam(name)
    for name in (
        "organisation_id",
        "key",
        "method",
        "path",
        "principal",
        "body_sha256",
        "request_sha256",
        "secret_hash",
        "created_at",
    )
}
# Insert the record unless the key is taken, in one statement (built once per dialect): a
# concurrent duplicate waits on the unique (organisation, key) until the first one's
# transaction ends, then inserts nothing (it committed) or its own record (it rolled back).
_CLAIM = {
    dialect: insert_for(_table)
    .values(_CLAIM_VALUES)
    .on_conflict_do_nothing(index_elements=["organisation_id", "key"])
    .returning(_table.c.id)
    for dialect, insert_for in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}
_STORE_OUTCOME = (
    update(_table)
    .where(_table.c.id == bindparam("record_id"))
    .values(status_code=bindparam("status_code"), response_body=bindparam("body"))
)


def _claim(session: Session, request: _Request) -> int | None:
    """The new record's id, or None when the key already has one."""
    values = {
        "organisation_id": request.organisation_id,
        "key": request.key,
        "method": request.method,
        "path": request.path[:255],
        "principal": request.principal,
        "body_sha256": request.digest,
        "request_sha256": request.request_sha256,
        "secret_hash": request.secret_hash,
        "created_at": utcnow(),
    }
    statement = _CLAIM[session.get_bind().dialect.name]
    return session.execute(statement, values).scalar()


def _find(session: Session, organisation_id: int, key: str) -> IdempotencyRecord | None:
    return session.scalars(_RECORD_BY_KEY, {"organisation_id": organisation_id, "key": key}).first()


@dataclass(frozen=True)
class _Request:
    organisation_id: int
    key: str
    method: str
    path: str
    principal: str
    digest: str
    secrets: str | None
    request_sha256: str | None = None

    @functools.cached_property
    def secret_hash(self) -> str | None:
        return hash_password(self.secrets) if self.secrets is not None else None

    def matches(self, record: IdempotencyRecord) -> bool:
        if (record.method, record.path, record.principal, record.body_sha256) != (
            self.method,
            self.path[:255],
            self.principal,
            self.digest,
        ):
            return False
        if record.secret_hash is None or self.secrets is None:
            return record.secret_hash is None and self.secrets is None
        return verify_password(record.secret_hash, self.secrets)


def run(
    session: Session,
    *,
    organisation_id: int,
    key: str | None,
    method: str,
    path: str,
    payload: Mapping[str, Any],
    action: Callable[[], Outcome],
    principal: str = "",
    secret_fields: Collection[str] = (),
    replay: Replay | None = None,
    require_key: bool = False,
    request_sha256: str | None = None,
) -> Outcome:
    """Run `action` once per key and commit; see the module docstring. Without a key the action
    simply runs and commits, unless `require_key` (then MissingIdempotencyKey, 400). `replay`
    adjusts a replayed success (e.g. issues a fresh token).

    It commits itself, unlike other services: the claim must be committed before the action
    runs (a concurrent duplicate waits on it), and a replayable refusal's outcome must be
    stored and committed although the request then ends in an error (which the request's unit
    of work would roll back)."""
    if key is None and require_key:
        raise MissingIdempotencyKey()
    if key is None:
        try:
            outcome = action()
            session.commit()
        except BaseException:
            session.rollback()
            raise
        return outcome

    public = {k: v for k, v in payload.items() if k not in secret_fields}
    secrets = (
        canonical_json({k: payload.get(k) for k in sorted(secret_fields)})
        if secret_fields
        else None
    )
    request = _Request(
        organisation_id, key, method, path, principal, body_digest(public), secrets, request_sha256
    )

    record_id = _claim(session, request)
    if record_id is None:  # the key is taken (a concurrent first one has committed by now)
        return _replay_committed(session, request, replay)

    def store(status_code: int, body: Any) -> None:
        session.execute(
            _STORE_OUTCOME, {"record_id": record_id, "status_code": status_code, "body": body}
        )

    try:
        # A SAVEPOINT: a refusal undoes the action's writes but keeps the record (and the lock
        # it holds), so a waiting duplicate replays the refusal instead of running the action.
        with session.begin_nested():
            outcome = action()
            store(
                outcome.status_code,
                outcome.stored_body if outcome.stored_body is not None else outcome.body,
            )
    except ServiceError as refusal:
        if not refusal.replayable:
            session.rollback()
            raise
        try:
            store(refusal.status_code, refusal.body())
            session.commit()
        except BaseException:
            session.rollback()
            raise
        raise
    except BaseException:
        session.rollback()
        raise
    try:
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return outcome


def _replay_committed(session: Session, request: _Request, replay: Replay | None) -> Outcome:
    existing = _find(session, request.organisation_id, request.key)
    if existing is None:  # pragma: no cover - the winner's row is committed when the insert fails
        raise Conflict("This request is being processed. Please try again in a moment.")
    return _replay(session, request, existing, replay)


def _replay(
    session: Session, request: _Request, record: IdempotencyRecord, replay: Replay | None
) -> Outcome:
    if not request.matches(record):
        raise IdempotencyConflict()
    if record.status_code is None:  # pragma: no cover - never committed without an outcome
        raise Conflict("This request is being processed. Please try again in a moment.")
    outcome = Outcome(record.status_code, record.response_body, replayed=True)
    if replay is not None and 200 <= outcome.status_code < 300:
        try:
            outcome = replace(replay(outcome), replayed=True)
            session.commit()
        except BaseException:
            session.rollback()
            raise
    else:
        session.rollback()  # end the read transaction
    return outcome
