"""Opening the SQLite cache: pragmas, transactions that really begin, and a versioned schema."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from .models import FINDER_COLUMNS, Base, StaffPinVerifier

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4
BUSY_TIMEOUT_MS = 5_000

# MIGRATIONS[n] upgrades a cache at schema version n to n + 1, inside one transaction.
Migration = Callable[[Connection], None]


def _finder_index(conn: Connection) -> None:
    """2: the class finder's covering index replaces the (location, name) one."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_cached_class_location_name")
    conn.exec_driver_sql(
        f"CREATE INDEX ix_cached_class_finder ON cached_class ({', '.join(FINDER_COLUMNS)})"
    )


def _staff_pin_verifiers(conn: Connection) -> None:
    """3: staff PINs the portal accepted here, for staff access while it cannot answer."""
    Base.metadata.tables[StaffPinVerifier.__tablename__].create(conn, checkfirst=True)


def _pull_the_catalog_again(conn: Connection) -> None:
    """4: the portal now sends data the kiosk words itself (opening days as numbers) and the
    organisation's texts in other languages; records cached before carry neither, and the
    change feed sends a record only when it changes, so the next sync starts from the first
    change again (upserting over what is cached: screens keep working meanwhile)."""
    conn.exec_driver_sql("UPDATE sync_state SET cursor = 0")


MIGRATIONS: dict[int, Migration] = {
    1: _finder_index,
    2: _staff_pin_verifiers,
    3: _pull_the_catalog_again,
}

_BEGIN_OPTION = "kiosk_sqlite_begin"


class CacheSchemaError(RuntimeError):
    """The cache file cannot be used by this version of the kiosk."""


def create_cache_engine(path: Path) -> Engine:
    """An engine for the SQLite file at `path` with the kiosk's pragmas.

    sqlite3's legacy transaction handling neither begins a transaction for SELECT nor for DDL;
    we emit BEGIN ourselves so a page of the sync (and a migration) is truly atomic.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer asks for BEGIN IMMEDIATE (see write_session) so it takes the write lock up
        # front and waits on busy_timeout instead of failing when it upgrades a read lock.
        conn.exec_driver_sql(conn.get_execution_options().get(_BEGIN_OPTION, "BEGIN"))

    return engine


def _user_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def _prepare_schema(engine: Engine, path: Path) -> None:
    with engine.connect().execution_options(**{_BEGIN_OPTION: "BEGIN IMMEDIATE"}) as conn:
        while True:
            with conn.begin():
                version = _user_version(conn)
                if version > SCHEMA_VERSION:
                    raise CacheSchemaError(
                        f"The cache {str(path)!r} was written by a newer kiosk (schema version "
                        f"{version}; this kiosk understands up to {SCHEMA_VERSION}). Update the "
                        "kiosk, or delete the cache file and let it sync again."
                    )
                if version == SCHEMA_VERSION:
                    return
                if version == 0:
                    Base.metadata.create_all(conn)
                    conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")
                    log.info("created cache schema version %d", SCHEMA_VERSION)
                    return
                migrate = MIGRATIONS.get(version)
                if migrate is None:
                    raise CacheSchemaError(
                        f"The cache {str(path)!r} has schema version {version}, which this kiosk "
                        "cannot upgrade. Delete the cache file and let it sync again."
                    )
                migrate(conn)
                conn.exec_driver_sql(f"PRAGMA user_version={version + 1}")
                log.info("migrated cache schema from version %d to %d", version, version + 1)


def open_cache(path: Path) -> sessionmaker[Session]:
    """The session factory for the cache at `path`, created or migrated to SCHEMA_VERSION.

    Raises CacheSchemaError for a cache written by a newer kiosk. Callers own their sessions
    and commits.
    """
    engine = create_cache_engine(path)
    try:
        _prepare_schema(engine, path)
    except Exception:
        engine.dispose()
        raise
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def write_session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose transaction holds SQLite's write lock from the start; commits on success."""
    with session_factory() as session:
        session.connection(execution_options={_BEGIN_OPTION: "BEGIN IMMEDIATE"})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def schema_version(session_factory: sessionmaker[Session]) -> int:
    with session_factory() as session:
        return int(session.execute(text("PRAGMA user_version")).scalar_one())
