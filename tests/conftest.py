"""Shared fixtures: `portal`, a started EmbeddedPortal on a fresh copy of the seeded demo database.

By default each test gets a SQLite file in its tmp_path, copied from a template seeded once per
session. With PORTAL_TEST_DATABASE_URL set (e.g.
postgresql+psycopg2://postgres@127.0.0.1:5432/test) each test gets a throwaway PostgreSQL
database created from a seeded template database on that server, dropped afterwards.

`portal.url`, `portal.account` ("demo"), `portal.session_factory` (same database, for changing
data through portal.services), `portal.stop()` / `portal.start()` (restarts on the same port).
`shared_portal` is the same, started once per test module, for tests that do not depend on each
other's changes (a fresh PostgreSQL database costs about a third of a second).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from portal.core.db import make_engine, make_session_factory, migrate
from portal.embedded import EmbeddedPortal
from portal.seed import seed_demo

PG_ENV = "PORTAL_TEST_DATABASE_URL"

# The reliability runs' figures, printed at the end of every run (pytest_terminal_summary).
pytest_plugins = ["tests.reliability.recorder"]


@dataclass(frozen=True)
class _Template:
    kind: str  # "sqlite" | "postgresql"
    location: str  # file path or template database name
    server_url: str = ""


def _seed_into(url: str) -> None:
    engine = make_engine(url)
    try:
        migrate(engine)
        with make_session_factory(engine).begin() as session:
            seed_demo(session)
    finally:
        engine.dispose()


def _admin_engine(server_url: str) -> Engine:
    return create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def _with_database(server_url: str, name: str) -> str:
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _portal_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Template]:
    server_url = os.environ.get(PG_ENV, "").strip()
    if not server_url:
        path = tmp_path_factory.mktemp("portal-template") / "template.db"
        _seed_into(f"sqlite:///{path}")
        yield _Template("sqlite", str(path))
        return
    name = f"portal_tmpl_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine(server_url)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        _seed_into(_with_database(server_url, name))
        yield _Template("postgresql", name, server_url)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextlib.contextmanager
def _portal_on_a_copy(template: _Template, directory: Path) -> Iterator[EmbeddedPortal]:
    """Start a portal on a fresh copy of the seeded template; drop the copy afterwards."""
    dropped: str | None = None
    if template.kind == "sqlite":
        target = directory / "portal.db"
        shutil.copyfile(template.location, target)
        url = f"sqlite:///{target}"
    else:
        dropped = f"portal_test_{uuid.uuid4().hex[:12]}"
        admin = _admin_engine(template.server_url)
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{dropped}" TEMPLATE "{template.location}"'))
        admin.dispose()
        url = _with_database(template.server_url, dropped)
    # The catalog exactly as seeded: tests arrange today's check-in classes themselves
    # (tests/portal/checkin_helpers.py), so no class moves with the time of day.
    instance = EmbeddedPortal(url, seed_demo=True, checkin_day=False)
    try:
        instance.start()
        yield instance
    finally:
        instance.close()
        if dropped is not None:
            admin = _admin_engine(template.server_url)
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{dropped}" WITH (FORCE)'))
            admin.dispose()


@pytest.fixture
def portal(_portal_template: _Template, tmp_path: Path) -> Iterator[EmbeddedPortal]:
    """A started portal with the demo seeded, on a database of its own."""
    with _portal_on_a_copy(_portal_template, tmp_path) as instance:
        yield instance


@pytest.fixture(scope="module")
def shared_portal(
    _portal_template: _Template, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EmbeddedPortal]:
    """One started demo portal for a whole test module: only for tests whose assertions do not
    depend on what earlier tests of the module changed (validation, junk input)."""
    with _portal_on_a_copy(_portal_template, tmp_path_factory.mktemp("shared-portal")) as instance:
        yield instance


@pytest.fixture
def portal_url(portal: EmbeddedPortal) -> str:
    """Base URL of the started `portal`, e.g. http://127.0.0.1:54321."""
    return portal.url
