"""The cache file: pragmas, versioned schema (create, migrate step by step, refuse newer)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from kiosk.cache import db
from kiosk.cache.db import CacheSchemaError, open_cache, write_session
from kiosk.cache.models import SyncState


def user_version(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def version_1_cache(path) -> None:
    """A cache as the first released kiosk wrote it: the finder's index on (location, name)."""
    open_cache(path)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX ix_cached_class_finder")
        conn.execute(
            "CREATE INDEX ix_cached_class_location_name ON cached_class (location_id, sort_name)"
        )
        conn.execute("PRAGMA user_version = 1")


def test_new_cache_gets_the_current_schema_and_pragmas(tmp_path):
    path = tmp_path / "sub" / "cache.sqlite3"
    factory = open_cache(path)
    assert path.exists() and user_version(path) == db.SCHEMA_VERSION
    with factory() as session:
        pragma = lambda name: session.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 1  # NORMAL
        assert pragma("busy_timeout") == db.BUSY_TIMEOUT_MS
        tables = set(
            session.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
        )
    assert {"catalog_record", "cached_class", "sync_state", "outbox_item", "media_file"} <= tables
    assert db.schema_version(factory) == db.SCHEMA_VERSION
    open_cache(path)  # opening again changes nothing
    assert user_version(path) == db.SCHEMA_VERSION


def test_a_cache_from_a_newer_kiosk_is_refused(tmp_path):
    path = tmp_path / "cache.sqlite3"
    open_cache(path)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {db.SCHEMA_VERSION + 4}")
    with pytest.raises(CacheSchemaError, match="newer kiosk") as caught:
        open_cache(path)
    assert str(path) in str(caught.value)


def test_older_schemas_are_migrated_one_step_at_a_time(tmp_path, monkeypatch):
    path = tmp_path / "cache.sqlite3"
    version_1_cache(path)
    steps = []

    def to_2(conn):
        steps.append(2)
        conn.exec_driver_sql("CREATE TABLE extra (id INTEGER PRIMARY KEY)")

    def to_3(conn):
        steps.append(3)
        conn.exec_driver_sql("ALTER TABLE extra ADD COLUMN note TEXT")

    monkeypatch.setattr(db, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(db, "MIGRATIONS", {1: to_2, 2: to_3})
    open_cache(path)
    assert steps == [2, 3] and user_version(path) == 3
    with sqlite3.connect(path) as conn:
        assert [row[1] for row in conn.execute("PRAGMA table_info(extra)")] == ["id", "note"]


def test_a_failing_migration_leaves_the_previous_version_intact(tmp_path, monkeypatch):
    path = tmp_path / "cache.sqlite3"
    version_1_cache(path)

    def broken(conn):
        conn.exec_driver_sql("CREATE TABLE half_done (id INTEGER)")
        raise RuntimeError("boom")

    monkeypatch.setattr(db, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(db, "MIGRATIONS", {1: broken})
    with pytest.raises(RuntimeError, match="boom"):
        open_cache(path)
    assert user_version(path) == 1
    with sqlite3.connect(path) as conn:  # the DDL was rolled back with the step
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
    assert "half_done" not in names

    monkeypatch.setattr(db, "MIGRATIONS", {})
    with pytest.raises(CacheSchemaError, match="cannot upgrade"):
        open_cache(path)


def test_a_version_1_cache_gets_the_finder_index_and_a_search_reads_only_the_index(tmp_path):
    path = tmp_path / "cache.sqlite3"
    version_1_cache(path)
    open_cache(path)
    assert user_version(path) == db.SCHEMA_VERSION  # and on through every later step
    with sqlite3.connect(path) as conn:
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        plan = " ".join(
            str(row[3])
            for row in conn.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM cached_class WHERE location_id = 1 "
                "AND search_text LIKE '%gym%' AND days_mask & 2 != 0 ORDER BY sort_name, id"
            )
        )
    assert "ix_cached_class_finder" in indexes
    assert "ix_cached_class_location_name" not in indexes
    assert "COVERING INDEX ix_cached_class_finder" in plan


def test_write_session_commits_or_rolls_back(tmp_path):
    factory = open_cache(tmp_path / "cache.sqlite3")
    with write_session(factory) as session:
        session.add(SyncState(id=1, cursor=5))
    with pytest.raises(ValueError), write_session(factory) as session:
        session.get(SyncState, 1).cursor = 99
        session.flush()
        raise ValueError("stop")
    with factory() as session:
        assert session.get(SyncState, 1).cursor == 5
