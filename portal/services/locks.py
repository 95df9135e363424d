"""Write locks for booking and payments, so that a read-check-write cannot race.

PostgreSQL: row locks (`SELECT ... FOR UPDATE`), always in the same order — the organisation row
first (the change feed locks it before any catalog row, see portal.services.changes), then
classes and camps by id, then punch passes by id (check-in), then the family row, then charges
by id — so two transactions can never wait for each other in a circle.

SQLite has one write lock for the whole database. The `sqlite3` driver's legacy transaction
control (SQLAlchemy's default) issues a deferred BEGIN only before the first INSERT, UPDATE or
DELETE, and runs SELECTs outside any transaction: a check made before the first write would see
data another writer may change before ours. So the first thing a booking does is `BEGIN
IMMEDIATE`, which takes the write lock (waiting up to the busy timeout) before anything is read.
When the connection is already in a transaction, that transaction began with a write (legacy
mode begins no other way; e.g. the Idempotency-Key record inserted before the action), so it
already holds the write lock and every read in it is current.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Family, Organisation

T = TypeVar("T")


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def take_write_lock(session: Session) -> None:
    """SQLite: hold the database write lock from here to the commit or rollback."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    dbapi_connection: Any = connection.connection.dbapi_connection
    if not dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def lock_organisation(session: Session, organisation_id: int) -> None:
    """The booking lock: every seat, slot and party time of the organisation."""
    take_write_lock(session)
    if not is_sqlite(session):
        session.execute(
            select(Organisation.id)
            .where(Organisation.id == organisation_id)
            .with_for_update(key_share=True)
        )


def lock_rows(session: Session, model: type[T], ids: Iterable[int]) -> dict[int, T]:
    """Fresh copies of the rows (locked on PostgreSQL, in id order), by id."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    take_write_lock(session)
    key: Any = model.id  # type: ignore[attr-defined]
    rows = session.scalars(
        select(model)
        .where(key.in_(wanted))
        .order_by(key)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    ).all()
    return {row.id: row for row in rows}  # type: ignore[attr-defined]


def lock_family(session: Session, family_id: int) -> Family:
    """The family row, fresh and locked (its credit balance is about to change)."""
    rows = lock_rows(session, Family, [family_id])
    return rows[family_id]
