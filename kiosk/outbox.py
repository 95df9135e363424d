"""Actions that must reach the portal exactly once (payments, checkouts).

The action and its Idempotency-Key are written to SQLite in one transaction BEFORE the first
send. A dropped connection is retried with the same key; a kiosk that crashed mid-send
finishes the item at its next start (`deliver_pending`). The portal stores the first outcome
per key and replays it, so a repeat never charges or books twice.

What is written: the API path, the JSON body (a payment token and ids — never card or bank
numbers, never names) and the family's short-lived bearer token, which is needed to finish
the action after a crash. Token and body are erased the moment the outcome is known.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.client import PortalClient
from kiosk.api.errors import (
    AccountSuspended,
    AuthFailed,
    PortalError,
    PortalUnavailable,
    RateLimited,
    ServerError,
)
from kiosk.cache.db import write_session
from kiosk.cache.models import OutboxItem
from kiosk.cache.repositories import OutboxRepository

log = logging.getLogger(__name__)

# Outcomes that are not final: the item stays pending and is tried again later.
_TRANSIENT = (PortalUnavailable, ServerError, RateLimited)


class SavedForLater(PortalUnavailable):
    """Not delivered yet: the item is kept and finished by the next sync. `overloaded` when the
    portal said it was too busy (its sentence is the message) rather than out of reach."""

    def __init__(self, message: str, *, overloaded: bool = False) -> None:
        super().__init__(message)
        self.overloaded = overloaded


@dataclass(frozen=True)
class Delivery:
    """The final outcome of one outbox item: a result body, or the portal's refusal."""

    key: str
    kind: str
    ok: bool
    result: dict[str, Any] | None
    error: PortalError | None = None


class OutboxSender:
    def __init__(self, client: PortalClient, session_factory: sessionmaker[Session]) -> None:
        self._client = client
        self._session_factory = session_factory
        # Keys being delivered by this process right now. The Worker runs the periodic sync
        # (deliver_pending) next to a payment: without this, both send the same item, and when
        # one has finished it (body erased) the other's late transient failure puts it back to
        # pending with nothing to send, which stops every later deliver_pending.
        self._in_flight: set[str] = set()
        self._in_flight_changed = threading.Condition()

    def enqueue(
        self,
        kind: str,
        path: str,
        body: dict[str, Any],
        token: str | None,
        family_id: int | None = None,
    ) -> str:
        """Write the action durably; returns its Idempotency-Key."""
        key = str(uuid.uuid4())
        payload = {"path": path, "body": body, "token": token, "familyId": family_id}
        with write_session(self._session_factory) as session:
            OutboxRepository(session).add(kind, payload, idempotency_key=key)
        return key

    def send(
        self,
        kind: str,
        path: str,
        body: dict[str, Any],
        token: str | None,
        family_id: int | None = None,
    ) -> Delivery:
        """Enqueue and deliver now. Raises the portal's error for a final refusal and
        PortalUnavailable (item kept, delivered later) when the portal cannot be reached."""
        key = self.enqueue(kind, path, body, token, family_id)
        self._claim(key, wait=True)  # a sync may have picked it up since: wait for its outcome
        transient: list[Exception] = []
        try:
            delivery = self._deliver(key, live=True, transient=transient)
        finally:
            self._release(key)
        if delivery is None:
            busy = next((e for e in transient if isinstance(e, RateLimited)), None)
            if busy is not None:
                raise SavedForLater(busy.message, overloaded=True)
            raise SavedForLater("The portal could not be reached; the action is saved.")
        if not delivery.ok and delivery.error is not None:
            raise delivery.error
        return delivery

    def deliver_pending(self) -> list[Delivery]:
        """Finish what an earlier run (or a dropped connection) left; oldest first."""
        with self._session_factory() as session:
            keys = [entry.idempotency_key for entry in OutboxRepository(session).pending()]
        done = []
        for key in keys:
            if not self._claim(key, wait=False):
                continue  # being sent right now (the payment screen): it finishes it itself
            try:
                delivery = self._deliver(key, live=False)
            finally:
                self._release(key)
            if delivery is None:
                break  # still unreachable: keep the order, try again later
            done.append(delivery)
        return done

    def _claim(self, key: str, *, wait: bool) -> bool:
        """Take `key` for one delivery; False when another thread has it and not `wait`."""
        with self._in_flight_changed:
            while key in self._in_flight:
                if not wait:
                    return False
                self._in_flight_changed.wait()
            self._in_flight.add(key)
            return True

    def _release(self, key: str) -> None:
        with self._in_flight_changed:
            self._in_flight.discard(key)
            self._in_flight_changed.notify_all()

    def _deliver(
        self, key: str, *, live: bool, transient: list[Exception] | None = None
    ) -> Delivery | None:
        """The outcome, or None when it could not be delivered now (the reason is appended to
        `transient`)."""
        with write_session(self._session_factory) as session:
            repo = OutboxRepository(session)
            entry = repo.by_key(key)
            if entry is None or entry.state in ("delivered", "failed", "unconfirmed"):
                return None if entry is None else _delivery_from(entry)
            repo.mark_sending(entry.id)
        payload = dict(entry.payload)
        # Finished after the family left (a restart, a later sync): told at their next login.
        later = {"familyId": payload.get("familyId"), "finishedLater": not live}
        try:
            result = self._client.send_with_key(
                str(payload["path"]),
                payload.get("body"),
                idempotency_key=key,
                token=str(payload["token"]) if payload.get("token") else None,
            )
        except _TRANSIENT as exc:
            if transient is not None:
                transient.append(exc)
            with write_session(self._session_factory) as session:
                OutboxRepository(session).mark_failed(entry.id, type(exc).__name__, retry=True)
            log.info("outbox %s %s not delivered yet (%s)", entry.kind, key[:8], type(exc).__name__)
            return None
        except AccountSuspended as exc:
            self._finish(
                entry.id, "failed", {"status": exc.status, "message": exc.message, **later}
            )
            return Delivery(key, entry.kind, False, None, exc)
        except AuthFailed as exc:
            # The family's session ended before the answer arrived: the portal may well have
            # done it (a lost answer) but will not say so without the session. Not "failed":
            # staff check it, and the family is asked to.
            self._finish(
                entry.id, "unconfirmed", {"status": exc.status, "message": exc.message, **later}
            )
            log.warning("outbox %s %s unconfirmed (session ended)", entry.kind, key[:8])
            return Delivery(key, entry.kind, False, None, exc)
        except PortalError as exc:
            self._finish(
                entry.id, "failed", {"status": exc.status, "message": exc.message, **later}
            )
            log.info("outbox %s %s refused (%s)", entry.kind, key[:8], exc.status)
            return Delivery(key, entry.kind, False, None, exc)
        self._finish(entry.id, "delivered", {**_summary(result), **later})
        log.info("outbox %s %s delivered", entry.kind, key[:8])
        return Delivery(key, entry.kind, True, result)

    def _finish(self, item_id: int, state: str, result: dict[str, Any]) -> None:
        # The outcome is known: erase the token and the body in the same write.
        with write_session(self._session_factory) as session:
            session.execute(
                update(OutboxItem)
                .where(OutboxItem.id == item_id)
                .values(state=state, payload="{}", result=json.dumps(result))
            )

    def outcomes_for_family(self, family_id: int) -> list[dict[str, Any]]:
        """Payments and checkouts of this family that were finished after they left the kiosk
        (a crash, a lost connection) and not yet shown to them; each is shown once."""
        found = []
        with write_session(self._session_factory) as session:
            rows = session.query(OutboxItem).filter(
                OutboxItem.state.in_(("delivered", "failed", "unconfirmed")),
                OutboxItem.result.is_not(None),
            )
            for row in rows:
                result = json.loads(row.result or "{}")
                if result.get("familyId") == family_id and result.get("finishedLater"):
                    found.append({"kind": row.kind, "state": row.state, **result})
                    result["finishedLater"] = False
                    row.result = json.dumps(result)
        return found

    def status(self) -> list[dict[str, Any]]:
        """For staff: every item still pending or recently finished (no personal data)."""
        with self._session_factory() as session:
            rows = session.query(OutboxItem).order_by(OutboxItem.id.desc()).limit(50).all()
            return [
                {
                    "key": row.idempotency_key[:8],
                    "kind": row.kind,
                    "state": row.state,
                    "attempts": row.attempts,
                    "lastError": row.last_error or "",
                    "createdAt": row.created_at.isoformat() if row.created_at else "",
                }
                for row in rows
            ]


def _summary(result: Any) -> dict[str, Any]:
    """What staff may see of an outcome: ids, amounts and status, never names or emails."""
    if not isinstance(result, dict):
        return {}
    keep = (
        "paymentId",
        "orderId",
        "status",
        "amountCents",
        "totalCents",
        "paidCents",
        "receiptNumber",
        "creditAppliedCents",
    )
    return {k: result[k] for k in keep if k in result}


def _delivery_from(entry: Any) -> Delivery:
    return Delivery(entry.idempotency_key, entry.kind, entry.state == "delivered", entry.result)
