"""Write locks for booking and payments, so that a read-check-write cannot race.

PostgreSQL: row locks (`SELECT ... FOR UPDATE`), always in the same order — the family row
first, then its cart items by id, then the appointment and party times of the organisation (an
advisory lock: they are counted from bookings and holds, there is no row to lock), then classes,
camps and products by id, then punch passes by id (check-in), then charges by id, and the
organisation row last, just before the commit (the change feed numbers the transaction's
catalog changes under it, see portal.services.changes) — so two transactions can never wait for
each other in a circle, and the one lock every catalog writer shares is held only for the few
statements that write the feed. Seats of a class or camp are guarded by its row, so families
booking different classes do not wait for each other.

SQLite has one write lock for the whole database. The `sqlite3` driver's legacy transaction
control (SQLAlchemy's default) issues a deferred BEGIN only before the first INSERT, UPDATE or
DELETE, and runs SELECTs outside any transaction: a check made before the first write would see
data another writer may change before ours. So the first thing a booking does is `BEGIN
IMMEDIATE`, which takes the write lock (waiting its turn, see portal.core.db.WriterQueue) before
anything is read. When the connection is already in a transaction, that transaction began with
a write (legacy mode begins no other way; e.g. the Idempotency-Key record inserted before the
action), so it already holds the write lock and every read in it is current.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from portal.models import CartItem, Family, Organisation

T = TypeVar("T")

# The first key of the advisory lock on an organisation's appointment and party times.
SLOTS_LOCK_SPACE = 0x6B696F73  # "kios"


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
    """Everything of the organisation at once: SQLite's write lock; on PostgreSQL the
    organisation row, which every cart add, checkout and catalog change needs at its commit
    (the change feed). For maintenance and tests that hold the database as a long transaction
    would; services never take it first (it is the last lock of a transaction, see above)."""
    take_write_lock(session)
    if not is_sqlite(session):
        session.execute(
            select(Organisation.id)
            .where(Organisation.id == organisation_id)
            .with_for_update(key_share=True)
        )


def lock_slots(session: Session, organisation_id: int) -> None:
    """The organisation's appointment and party times (after the family and its cart)."""
    take_write_lock(session)
    if not is_sqlite(session):
        session.execute(select(func.pg_advisory_xact_lock(SLOTS_LOCK_SPACE, organisation_id)))


# The locking reads, built once per model (building a statement cost more than running it).
_LOCK_ROWS: dict[type[Any], Select[Any]] = {}


def _lock_rows_statement(model: type[Any]) -> Select[Any]:
    statement = _LOCK_ROWS.get(model)
    if statement is None:
        key: Any = model.id
        statement = _LOCK_ROWS[model] = (
            select(model)
            .where(key.in_(bindparam("ids", expanding=True)))
            .order_by(key)
            .with_for_update(key_share=True)
            .execution_options(populate_existing=True)
        )
    return statement


def lock_rows(session: Session, model: type[T], ids: Iterable[int]) -> dict[int, T]:
    """Fresh copies of the rows (locked on PostgreSQL, in id order), by id."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    take_write_lock(session)
    rows = session.scalars(_lock_rows_statement(model), {"ids": wanted}).all()
    return {row.id: row for row in rows}


def hold_family(session: Session, family_id: int) -> None:
    """The booking lock of one family (its cart, enrollments and credit): SQLite's write lock;
    on PostgreSQL the family row, taken before any other lock."""
    take_write_lock(session)
    if not is_sqlite(session):
        session.execute(
            select(Family.id).where(Family.id == family_id).with_for_update(key_share=True)
        )


def lock_family(session: Session, family_id: int) -> Family:
    """The family row, fresh and locked: its cart and credit balance are about to change."""
    rows = lock_rows(session, Family, [family_id])
    return rows[family_id]


_LOCK_CART = (
    select(CartItem)
    .where(CartItem.family_id == bindparam("family_id"))
    .order_by(CartItem.id)
    .with_for_update(key_share=True)
    .execution_options(populate_existing=True)
)


def lock_cart(session: Session, family_id: int) -> list[CartItem]:
    """The family's cart lines, fresh and locked (after the family row), in id order."""
    take_write_lock(session)
    return list(session.scalars(_LOCK_CART, {"family_id": family_id}).all())
