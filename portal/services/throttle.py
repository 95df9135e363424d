"""Failed guesses counted per device in a table, so the limit holds across processes (staff PIN
sign-in, check-in identification).

An attempt is committed as "pending" *before* the count is read, so concurrent guesses see each
other and cannot all slip under the limit; the caller then marks it "ok" (which never counts)
or "failed". A throttled attempt is refused before anything is looked at, right or wrong.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal.models import CheckInAttempt, StaffLoginAttempt, as_utc

# The tables of attempts (portal.models.DeviceAttemptMixin).
Attempt = TypeVar("Attempt", StaffLoginAttempt, CheckInAttempt)

COUNTED = ("pending", "failed")


def purge(
    session: Session, model: type[Attempt], organisation_id: int, window: timedelta, now: datetime
) -> None:
    """Forget attempts long out of the window (cheap, indexed)."""
    session.execute(
        delete(model).where(
            model.organisation_id == organisation_id, model.created_at < now - 4 * window
        )
    )


def _counted_times(
    session: Session,
    model: type[Attempt],
    organisation_id: int,
    client: str,
    since: datetime,
    *,
    other_than: int | None = None,
) -> Sequence[datetime]:
    query = (
        select(model.created_at)
        .where(
            model.organisation_id == organisation_id,
            model.client_key == client,
            model.created_at > since,
            model.outcome.in_(COUNTED),
        )
        .order_by(model.created_at, model.id)
    )
    if other_than is not None:
        query = query.where(model.id != other_than)
    return session.scalars(query).all()


def register(
    session: Session,
    model: type[Attempt],
    organisation_id: int,
    client: str,
    now: datetime,
    *,
    window: timedelta,
    limit: int,
) -> tuple[Attempt | None, int | None]:
    """Commit a pending attempt of `client`, then count its other pending and failed attempts
    in the window: (attempt, None) when under `limit`, else (attempt, seconds until it is
    under again). The caller marks the attempt and commits.

    A client already over its limit is answered (None, seconds) from one read, with nothing
    written: a sweep of thousands of guesses costs the database a read each, not two commits."""
    already = retry_after(
        _counted_times(session, model, organisation_id, client, now - window), limit, window, now
    )
    if already is not None:
        session.rollback()  # end the read
        return None, already
    attempt = model(
        organisation_id=organisation_id, client_key=client, outcome="pending", created_at=now
    )
    session.add(attempt)
    session.commit()
    times = _counted_times(
        session, model, organisation_id, client, now - window, other_than=attempt.id
    )
    return attempt, retry_after(times, limit, window, now)


def organisation_wait(
    session: Session,
    model: type[Attempt],
    organisation_id: int,
    now: datetime,
    *,
    window: timedelta,
    limit: int,
) -> int | None:
    """The organisation-wide ceiling: seconds until fewer than `limit` failed (or pending)
    attempts from all clients together are left in the window, or None when under it. It stops
    a guess spread over many kiosks that each stay under their own limit."""
    times = session.scalars(
        select(model.created_at)
        .where(
            model.organisation_id == organisation_id,
            model.created_at > now - window,
            model.outcome.in_(COUNTED),
        )
        .order_by(model.created_at, model.id)
    ).all()
    # The caller's own pending attempt is among them: the ceiling is reached at `limit` others.
    return retry_after(times, limit + 1, window, now)


def retry_after(
    times: Sequence[datetime], limit: int, window: timedelta, now: datetime
) -> int | None:
    """Seconds until fewer than `limit` of `times` (oldest first, inside the window) are left in
    the window, or None when there are fewer now."""
    if len(times) < limit:
        return None
    # Under the limit again when the (n - limit + 1)-th oldest leaves the window.
    frees_at = (as_utc(times[len(times) - limit]) or now) + window
    return max(1, math.ceil((frees_at - now).total_seconds()))
