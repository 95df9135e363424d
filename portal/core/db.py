"""Engine, session factory and programmatic Alembic migrations of the portal database."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import deque
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

import portal.services.changes  # noqa: F401  (installs the change-feed listeners)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000


class WriterQueue:
    """A first-come, first-served lock: the SQLite writers of this process wait their turn here.

    Why: SQLite has one write lock per database, and a connection that finds it taken sleeps
    in its busy handler and polls (after 1, 2, 5, ... up to 100 ms), so under a rush a waiting
    writer sleeps long after the lock came free and the unluckiest wait for seconds. Writers of
    one process queue here instead and are woken in order the moment the one before commits;
    the busy timeout still covers other processes."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._held = False
        self._waiters: deque[threading.Lock] = deque()

    def acquire(self, timeout: float) -> bool:
        with self._mutex:
            if not self._held:
                self._held = True
                return True
            turn = threading.Lock()
            turn.acquire()
            self._waiters.append(turn)
        if turn.acquire(timeout=timeout):
            return True  # handed over by release()
        with self._mutex:
            try:
                self._waiters.remove(turn)
            except ValueError:  # handed over between the timeout and here
                return True
        return False

    def release(self) -> None:
        with self._mutex:
            if self._waiters:
                self._waiters.popleft().release()  # still held: now by the next in line
            else:
                self._held = False


_QUEUES: dict[str, WriterQueue] = {}
_QUEUES_LOCK = threading.Lock()
# Statements that never start a write transaction; anything else may (INSERT, UPDATE,
# DELETE, BEGIN IMMEDIATE, DDL...).
_READ_ONLY = ("SELECT", "PRAGMA", "EXPLAIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT", "END")


def _writer_queue(path: str) -> WriterQueue:
    with _QUEUES_LOCK:
        return _QUEUES.setdefault(path, WriterQueue())


def _starts_write(statement: str) -> bool:
    head = statement.lstrip()[:16].upper()
    if head.startswith(_READ_ONLY):
        return False
    return not (head.startswith("BEGIN") and head.split()[1:2] in ([], ["DEFERRED"]))


class _QueuedCursor(sqlite3.Cursor):
    connection: _QueuedConnection

    def execute(self, sql: str, parameters: Any = (), /) -> _QueuedCursor:
        self.connection._before(sql)
        try:
            super().execute(sql, parameters)
        finally:
            self.connection._after()
        return self

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> _QueuedCursor:
        self.connection._before(sql)
        try:
            super().executemany(sql, seq_of_parameters)
        finally:
            self.connection._after()
        return self


class _QueuedConnection(sqlite3.Connection):
    """A sqlite3 connection that waits in its database's WriterQueue before its first write
    and leaves it when the transaction ends (commit, rollback, close)."""

    queue: WriterQueue
    _in_queue = False

    def cursor(self, factory: Any = None) -> Any:
        return super().cursor(factory or _QueuedCursor)

    def _before(self, sql: str) -> None:
        if self._in_queue or not _starts_write(sql):
            return
        if not self.queue.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000):
            raise sqlite3.OperationalError("database is locked")
        self._in_queue = True

    def _after(self) -> None:
        if self._in_queue and not self.in_transaction:
            self._leave()

    def _leave(self) -> None:
        self._in_queue = False
        self.queue.release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._after()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._after()

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._in_queue:
                self._leave()

    def __del__(self) -> None:
        # A connection dropped without close() must not keep the others waiting.
        if self._in_queue:
            self._leave()


def _queued_connection_class(database: str) -> type[_QueuedConnection]:
    queue = _writer_queue(os.path.realpath(database))
    return type("QueuedConnection", (_QueuedConnection,), {"queue": queue})


def make_engine(database_url: str, **kwargs: Any) -> Engine:
    """An engine for SQLite (WAL, foreign keys, busy timeout) or PostgreSQL."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        kwargs.setdefault("pool_pre_ping", True)
        return create_engine(url, **kwargs)
    in_memory = url.database in (None, "", ":memory:")
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("check_same_thread", False)  # uvicorn's threadpool shares the pool
    connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
    if in_memory:
        kwargs.setdefault("poolclass", StaticPool)
    else:
        connect_args.setdefault("factory", _queued_connection_class(str(url.database)))
    engine = create_engine(url, connect_args=connect_args, **kwargs)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic configured in code: no alembic.ini, scripts in portal/migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.set_main_option(
            "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


# The advisory lock PostgreSQL hosts take around a migration ("mig" + 1).
MIGRATION_LOCK_KEY = 0x6D696731


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (`alembic upgrade head`); cheap when current.
    On PostgreSQL, hosts started at the same moment migrate one after the other: the first
    upgrades, the others find the schema current once it has committed."""
    head = head_revision()
    if current_revision(engine) == head:
        return
    config = alembic_config(engine)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK_KEY)))
            if MigrationContext.configure(connection).get_current_revision() == head:
                return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
