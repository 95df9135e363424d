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
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.client import PortalClient
from kiosk.api.errors import PortalError, PortalUnavailable, RateLimited, ServerError
from kiosk.cache.db import write_session
from kiosk.cache.models import OutboxItem
from kiosk.cache.repositories import OutboxRepository

log = logging.getLogger(__name__)

# Outcomes that are not final: the item stays pending and is tried again later.
_TRANSIENT = (PortalUnavailable, ServerError, RateLimited)


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

    def enqueue(self, kind: str, path: str, body: dict[str, Any], token: str | None) -> str:
        """Write the action durably; returns its Idempotency-Key."""
        key = str(uuid.uuid4())
        with write_session(self._session_factory) as session:
            OutboxRepository(session).add(
                kind, {"path": path, "body": body, "token": token}, idempotency_key=key
            )
        return key

    def send(self, kind: str, path: str, body: dict[str, Any], token: str | None) -> Delivery:
        """Enqueue and deliver now. Raises the portal's error for a final refusal and
        PortalUnavailable (item kept, delivered later) when the portal cannot be reached."""
        key = self.enqueue(kind, path, body, token)
        delivery = self._deliver(key)
        if delivery is None:
            raise PortalUnavailable("The portal could not be reached; the action is saved.")
        if not delivery.ok and delivery.error is not None:
            raise delivery.error
        return delivery

    def deliver_pending(self) -> list[Delivery]:
        """Finish what an earlier run (or a dropped connection) left; oldest first."""
        with self._session_factory() as session:
            keys = [entry.idempotency_key for entry in OutboxRepository(session).pending()]
        done = []
        for key in keys:
            delivery = self._deliver(key)
            if delivery is None:
                break  # still unreachable: keep the order, try again later
            done.append(delivery)
        return done

    def _deliver(self, key: str) -> Delivery | None:
        with write_session(self._session_factory) as session:
            repo = OutboxRepository(session)
            entry = repo.by_key(key)
            if entry is None or entry.state in ("delivered", "failed"):
                return None if entry is None else _delivery_from(entry)
            repo.mark_sending(entry.id)
        payload = dict(entry.payload)
        try:
            result = self._client.send_with_key(
                str(payload["path"]),
                payload.get("body"),
                idempotency_key=key,
                token=str(payload["token"]) if payload.get("token") else None,
            )
        except _TRANSIENT as exc:
            with write_session(self._session_factory) as session:
                OutboxRepository(session).mark_failed(entry.id, type(exc).__name__, retry=True)
            log.info("outbox %s %s not delivered yet (%s)", entry.kind, key[:8], type(exc).__name__)
            return None
        except PortalError as exc:
            self._finish(entry.id, "failed", {"status": exc.status, "message": exc.message})
            log.info("outbox %s %s refused (%s)", entry.kind, key[:8], exc.status)
            return Delivery(key, entry.kind, False, None, exc)
        self._finish(entry.id, "delivered", _summary(result))
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
