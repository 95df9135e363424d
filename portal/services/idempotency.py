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
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.core.security import hash_password, verify_password
from portal.models import IdempotencyRecord
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


def outcome_for_spent_token(
    session: Session, *, organisation_id: int, key: str, method: str, path: str, principal: str
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

    @functools.cached_property
    def secret_hash(self) -> str | None:
        return hash_password(self.secrets) if self.secrets is not None else None

    def record(self, **outcome: Any) -> IdempotencyRecord:
        return IdempotencyRecord(
            organisation_id=self.organisation_id,
            key=self.key,
            method=self.method,
            path=self.path[:255],
            principal=self.principal,
            body_sha256=self.digest,
            secret_hash=self.secret_hash,
            **outcome,
        )

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
) -> Outcome:
    """Run `action` once per key and commit; see the module docstring. Without a key the action
    simply runs and commits, unless `require_key` (then MissingIdempotencyKey, 400). `replay`
    adjusts a replayed success (e.g. issues a fresh token)."""
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
    request = _Request(organisation_id, key, method, path, principal, body_digest(public), secrets)

    existing = _find(session, organisation_id, key)
    if existing is not None:
        return _replay(session, request, existing, replay)

    record = request.record(status_code=None, response_body=None)
    session.add(record)
    try:
        session.flush()  # a concurrent duplicate waits here until the first one commits
    except IntegrityError:
        session.rollback()
        return _replay_committed(session, request, replay)

    try:
        # A SAVEPOINT: a refusal undoes the action's writes but keeps the record (and the lock
        # it holds), so a waiting duplicate replays the refusal instead of running the action.
        with session.begin_nested():
            outcome = action()
            # Set here, so the outcome is flushed with the action's last writes (one flush).
            record.status_code = outcome.status_code
            record.response_body = (
                outcome.stored_body if outcome.stored_body is not None else outcome.body
            )
    except ServiceError as refusal:
        if not refusal.replayable:
            session.rollback()
            raise
        record.status_code = refusal.status_code
        record.response_body = refusal.body()
        try:
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
