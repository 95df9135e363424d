"""The catalog change feed: every catalog write is recorded, in the same transaction, by ORM events.

How it works: mapper events on every `CatalogMixin` model queue (row, op) while a flush runs;
the session's `after_flush_postexec` turns the queue into records (entity, id, op and the row's
contract data as of that flush), kept with the session until its transaction ends. A savepoint
rolled back drops the records made inside it; a rollback drops them all. Just before the
commit (`before_commit`) the records are written as `catalog_changes` rows: the organisation row
is locked (`SELECT ... FOR UPDATE` on PostgreSQL; on SQLite the database write lock already
serialises writers), `Organisation.change_seq` is read and incremented and the rows get the
next sequence numbers. The lock is held until the commit, so seqs are handed out in commit
order and a reader can never see seq N+1 committed before N. Taking it last, once everything
else of the transaction is done, keeps the time it is held short and makes it the last lock
of every transaction (portal.services.locks), so catalog writers cannot deadlock on it.
Only the newest change per (entity, id) is kept: a new change deletes the older one, so a feed
read from 0 is a compact snapshot plus tombstones. The listeners are global (on `Session`), so
no service, script or test can forget to record; bulk catalog UPDATE/DELETE/INSERT statements,
which would bypass them, are refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, delete, event, insert, inspect, select, update
from sqlalchemy.orm import (
    Mapper,
    ORMExecuteState,
    Session,
    SessionTransaction,
    UOWTransaction,
    object_session,
)
from sqlalchemy.orm.attributes import set_committed_value

from portal import serializers
from portal.models import (
    CATALOG_MODELS,
    CatalogChange,
    CatalogMixin,
    Organisation,
    utcnow,
)

MAX_PAGE = 1000
DEFAULT_PAGE = 500

_PENDING = "portal.pending_changes"
_DELETED_DEPENDENTS = "portal.deleted_dependents"
_UNWRITTEN = "portal.unwritten_changes"

# (savepoint the flush ran in, or None; organisation id, entity, entity id, op, data)
_Record = tuple[SessionTransaction | None, int, str, str, str, dict[str, Any] | None]

_organisations = cast(Table, Organisation.__table__)
_changes = cast(Table, CatalogChange.__table__)


class FeedAheadError(Exception):
    """The reader's cursor is past the newest change (e.g. the database was re-created)."""

    def __init__(self, latest: int) -> None:
        super().__init__(f"cursor is ahead of the newest change {latest}")
        self.latest = latest


@dataclass(frozen=True)
class FeedChange:
    seq: int
    entity: str
    id: str
    op: str
    data: dict[str, Any] | None


@dataclass(frozen=True)
class FeedPage:
    changes: list[FeedChange]
    cursor: int
    has_more: bool
    latest: int


# --------------------------------------------------------------------------- reading


def latest_seq(session: Session, organisation_id: int) -> int:
    value = session.execute(
        select(_organisations.c.change_seq).where(_organisations.c.id == organisation_id)
    ).scalar_one()
    return int(value)


def read_changes(
    session: Session, organisation_id: int, after: int, limit: int = DEFAULT_PAGE
) -> FeedPage:
    """One page of the feed after `after`; raises FeedAheadError when `after` > latest."""
    if after < 0 or not 1 <= limit <= MAX_PAGE:
        raise ValueError("after must be >= 0 and limit between 1 and 1000")
    # Read `latest` first and bound the page by it: everything up to `latest` is committed
    # (seqs are handed out in commit order under the organisation lock).
    latest = latest_seq(session, organisation_id)
    if after > latest:
        raise FeedAheadError(latest)
    rows = session.execute(
        select(
            _changes.c.seq, _changes.c.entity, _changes.c.entity_id, _changes.c.op, _changes.c.data
        )
        .where(
            _changes.c.organisation_id == organisation_id,
            _changes.c.seq > after,
            _changes.c.seq <= latest,
        )
        .order_by(_changes.c.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    changes = [
        FeedChange(seq=int(r.seq), entity=r.entity, id=r.entity_id, op=r.op, data=r.data)
        for r in rows[:limit]
    ]
    cursor = changes[-1].seq if changes else after
    return FeedPage(changes=changes, cursor=cursor, has_more=has_more, latest=latest)


# --------------------------------------------------------------------------- recording


def _pending(session: Session) -> list[tuple[object, str, str]]:
    pending: list[tuple[object, str, str]] = session.info.setdefault(_PENDING, [])
    return pending


def _queue(target: object, op: str) -> None:
    session = object_session(target)
    if session is None:  # pragma: no cover - flushes always happen in a session
        raise RuntimeError("catalog rows must be written through a Session")
    entity_id = target.change_id() if isinstance(target, CatalogMixin) else ""
    _pending(session).append((target, op, entity_id))


def _record_changed(target: CatalogMixin) -> bool:
    """True when a column or a record-relevant relationship of `target` really changed."""
    state = inspect(target)
    keys = [attr.key for attr in state.mapper.column_attrs]
    keys.extend(target.__change_relationships__)
    return any(state.attrs[key].history.has_changes() for key in keys)


def _after_insert(mapper: Mapper[Any], connection: Any, target: Any) -> None:
    _queue(target, "upsert")


def _after_update(mapper: Mapper[Any], connection: Any, target: Any) -> None:
    if _record_changed(target):
        _queue(target, "upsert")


def _after_delete(mapper: Mapper[Any], connection: Any, target: Any) -> None:
    _queue(target, "delete")


def _after_org_update(mapper: Mapper[Any], connection: Any, target: Organisation) -> None:
    # The settings record carries the organisation's name and account.
    state = inspect(target)
    if state.attrs["name"].history.has_changes() or state.attrs["account"].history.has_changes():
        _queue(target, "settings")


def _catalog_rows(objects: Any) -> list[CatalogMixin]:
    return [obj for obj in objects if isinstance(obj, CatalogMixin)]


def _before_flush(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    session.info[_PENDING] = []
    deleted = _catalog_rows(session.deleted)
    # Dependents of a deleted row must be found before the row is gone.
    session.info[_DELETED_DEPENDENTS] = {id(obj): obj.dependent_records() for obj in deleted}


def _after_flush_postexec(session: Session, flush_context: UOWTransaction) -> None:
    # Runs once the flushed rows are persistent, so their relationships load normally.
    pending = session.info.pop(_PENDING, None)
    deleted_dependents: dict[int, list[CatalogMixin]] = session.info.pop(_DELETED_DEPENDENTS, {})
    if not pending:
        return
    # (org, entity, id) -> row to serialise, or None for a delete; the last word wins and
    # moves to the end so that the feed order matches the order of events.
    records: dict[tuple[int, str, str], CatalogMixin | None] = {}

    def put(key: tuple[int, str, str], row: CatalogMixin | None) -> None:
        records.pop(key, None)
        records[key] = row

    refresh: list[CatalogMixin] = []
    for target, op, entity_id in pending:
        if isinstance(target, Organisation):
            if target.settings is not None:
                settings = target.settings
                put((target.id, settings.__change_entity__, settings.change_id()), settings)
            continue
        assert isinstance(target, CatalogMixin)
        key = (target.organisation_id, target.__change_entity__, entity_id)
        if op == "delete":
            put(key, None)
            dependents = deleted_dependents.get(id(target), [])
            refresh.extend(dependents)
        else:
            put(key, target)
            dependents = target.dependent_records()
        for dep in dependents:
            dep_key = (dep.organisation_id, dep.__change_entity__, dep.change_id())
            if dep_key not in records or records[dep_key] is not None:
                put(dep_key, dep)
    # A dependent of a deleted row may hold the deleted row in a loaded relationship.
    for row in refresh:
        if inspect(row).persistent and row.__change_relationships__:
            session.expire(row, list(row.__change_relationships__))

    savepoint = session.get_nested_transaction()
    unwritten: list[_Record] = session.info.setdefault(_UNWRITTEN, [])
    for (org_id, entity, entity_id), record in records.items():
        if record is not None and inspect(record).deleted:
            continue  # dependent deleted in the same flush; its own delete is recorded
        op = "delete" if record is None else "upsert"
        data = None if record is None else serializers.contract_data(record)
        unwritten.append((savepoint, org_id, entity, entity_id, op, data))


def _inside(transaction: SessionTransaction | None, ended: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ended:
            return True
        transaction = transaction.parent
    return False


def _after_soft_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    unwritten: list[_Record] | None = session.info.get(_UNWRITTEN)
    if not unwritten:
        return
    if previous_transaction.parent is None:
        unwritten.clear()
    elif previous_transaction.nested:
        unwritten[:] = [r for r in unwritten if not _inside(r[0], previous_transaction)]


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: its records wait for the transaction's own commit
    session.flush()  # what the commit would flush next, so that its records are written too
    unwritten: list[_Record] = session.info.pop(_UNWRITTEN, [])
    if not unwritten:
        return
    # The last word per (org, entity, id) wins and moves to the end, so that the feed order
    # matches the order of events.
    latest: dict[tuple[int, str, str], tuple[str, dict[str, Any] | None]] = {}
    for _savepoint, org_id, entity, entity_id, op, data in unwritten:
        key = (org_id, entity, entity_id)
        latest.pop(key, None)
        latest[key] = (op, data)
    by_org: dict[int, list[tuple[str, str, str, dict[str, Any] | None]]] = {}
    for (org_id, entity, entity_id), (op, data) in latest.items():
        by_org.setdefault(org_id, []).append((entity, entity_id, op, data))
    for org_id, items in sorted(by_org.items()):
        _write(session, org_id, items)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_UNWRITTEN, None)


def _write(
    session: Session,
    organisation_id: int,
    items: Sequence[tuple[str, str, str, dict[str, Any] | None]],
) -> None:
    connection = session.connection()
    # One statement reads, bumps and locks the counter (the row lock is held to the commit).
    newest = int(
        connection.execute(
            update(_organisations)
            .where(_organisations.c.id == organisation_id)
            .values(change_seq=_organisations.c.change_seq + len(items))
            .returning(_organisations.c.change_seq)
        ).scalar_one()
    )
    current = newest - len(items)
    by_entity: dict[str, list[str]] = {}
    for entity, entity_id, _op, _data in items:
        by_entity.setdefault(entity, []).append(entity_id)
    for entity, ids in by_entity.items():
        connection.execute(
            delete(_changes).where(
                _changes.c.organisation_id == organisation_id,
                _changes.c.entity == entity,
                _changes.c.entity_id.in_(ids),
            )
        )
    now = utcnow()
    connection.execute(
        insert(_changes),
        [
            {
                "organisation_id": organisation_id,
                "seq": int(current) + index,
                "entity": entity,
                "entity_id": entity_id,
                "op": op,
                "data": data,
                "created_at": now,
            }
            for index, (entity, entity_id, op, data) in enumerate(items, start=1)
        ],
    )
    # Keep a loaded Organisation in step without marking it dirty.
    key = inspect(Organisation).identity_key_from_primary_key((organisation_id,))
    org = session.identity_map.get(key)
    if org is not None:
        set_committed_value(org, "change_seq", newest)


def _forbid_bulk_catalog_writes(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    mapper = state.bind_mapper
    if mapper is not None and issubclass(mapper.class_, CatalogMixin):
        raise RuntimeError(
            f"bulk {mapper.class_.__name__} writes bypass the change feed; "
            "change catalog rows through the ORM unit of work"
        )


def _install() -> None:
    for model in CATALOG_MODELS:
        event.listen(model, "after_insert", _after_insert)
        event.listen(model, "after_update", _after_update)
        event.listen(model, "after_delete", _after_delete)
    event.listen(Organisation, "after_update", _after_org_update)
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "after_flush_postexec", _after_flush_postexec)
    event.listen(Session, "after_soft_rollback", _after_soft_rollback)
    event.listen(Session, "before_commit", _before_commit)
    event.listen(Session, "after_transaction_end", _after_transaction_end)
    event.listen(Session, "do_orm_execute", _forbid_bulk_catalog_writes)


_install()
