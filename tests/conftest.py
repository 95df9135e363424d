"""Shared fixtures: `portal`, a started EmbeddedPortal on a fresh copy of the seeded demo database.

By default each test gets a SQLite file in its tmp_path, copied from a template seeded once per
session. With PORTAL_TEST_DATABASE_URL set (e.g.
postgresql+psycopg2://postgres@127.0.0.1:5432/test) each test gets a throwaway PostgreSQL
database created from a seeded template database on that server, dropped afterwards.

`portal.url`, `portal.account` ("demo"), `portal.session_factory` (same database, for changing
data through portal.services), `portal.stop()` / `portal.start()` (restarts on the same port).
`shared_portal` is the same, started once per test module, for tests that do not depend on each
other's changes (a fresh PostgreSQL database costs about a third of a second).

The clock: every test runs with the portal's and the kiosk's clocks pinned (`pinned_clock`), at
DEFAULT_NOW unless it says `@pytest.mark.clock("2027-02-28T23:30-06:00")`. A pinned clock keeps
running from its instant. Tests marked `calendar` read the calendar; with `--calendar-matrix`
each of them runs once per instant of CALENDAR_MATRIX (every weekday, just after midnight and
just before, 29 February, New Year's Eve, both nights the clocks change). The demo is seeded
for the pinned day, so each day gets its own seeded template.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from kiosk import clock as kiosk_clock
from portal.core import clock as portal_clock
from portal.core.db import make_engine, make_session_factory, migrate
from portal.embedded import EmbeddedPortal
from portal.seed import DEMO_TIMEZONE, seed_demo
from tests.ports import unused_port

PG_ENV = "PORTAL_TEST_DATABASE_URL"
FACILITY = ZoneInfo(DEMO_TIMEZONE)


def facility_time(
    year: int, month: int, day: int, hour: int, minute: int, fold: int = 0
) -> datetime:
    """An instant on the demo facility's wall clock."""
    return datetime(year, month, day, hour, minute, tzinfo=FACILITY, fold=fold)


# A Wednesday afternoon at the demo facility: the instant every test starts at unless it says.
DEFAULT_NOW = facility_time(2026, 12, 9, 15, 0)

# The instants the calendar tests run at with --calendar-matrix.
CALENDAR_MATRIX: dict[str, datetime] = {
    "mon-00.30": facility_time(2026, 12, 7, 0, 30),
    "tue-12.00": facility_time(2026, 12, 8, 12, 0),
    "wed-23.30": facility_time(2026, 12, 9, 23, 30),
    "thu-07.00": facility_time(2026, 12, 10, 7, 0),
    "fri-18.00": facility_time(2026, 12, 11, 18, 0),
    "sat-23.30": facility_time(2026, 12, 12, 23, 30),
    "sun-23.30": facility_time(2026, 12, 13, 23, 30),  # Monday 05:30 UTC
    "leap-day": facility_time(2028, 2, 29, 9, 0),
    "new-years-eve-23.30": facility_time(2026, 12, 31, 23, 30),
    "spring-forward-01.30": facility_time(2027, 3, 14, 1, 30),  # 2:00 jumps to 3:00
    "fall-back-01.30": facility_time(2026, 11, 1, 1, 30, fold=1),  # 1:00-2:00 comes twice
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--calendar-matrix",
        action="store_true",
        help="run every test marked `calendar` once per instant of CALENDAR_MATRIX",
    )


def pytest_configure(config: pytest.Config) -> None:
    # Module- and session-wide fixtures (seeded templates, shared portals) see the default too.
    _pin_clocks(DEFAULT_NOW)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if (
        metafunc.config.getoption("--calendar-matrix")
        and metafunc.definition.get_closest_marker("calendar") is not None
        and "calendar_now" in metafunc.fixturenames
    ):
        metafunc.parametrize(
            "calendar_now", list(CALENDAR_MATRIX.values()), ids=list(CALENDAR_MATRIX), indirect=True
        )


def _pin_clocks(at: datetime) -> None:
    """Both clocks at `at`, running; child processes (a portal, the kiosk's sync) follow them."""
    reading = time.monotonic()
    portal_clock.clock.pin(at, reading=reading)
    kiosk_clock.clock.pin(at, reading=reading)
    kiosk_clock.clock.set_zone(DEMO_TIMEZONE)  # a kiosk stands in its facility's time zone
    os.environ[portal_clock.ENV_VAR] = portal_clock.format_start(at, reading)
    os.environ[kiosk_clock.ENV_VAR] = portal_clock.format_start(at, reading)


@pytest.fixture
def calendar_now(request: pytest.FixtureRequest) -> datetime:
    """The instant this test starts at: a matrix instant, the `clock` marker's, or DEFAULT_NOW."""
    param = getattr(request, "param", None)
    if isinstance(param, datetime):
        return param
    marker = request.node.get_closest_marker("clock")
    if marker is not None:
        value = marker.args[0]
        return value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return DEFAULT_NOW


@pytest.fixture(autouse=True)
def pinned_clock(calendar_now: datetime) -> Iterator[datetime]:
    """Pins the portal's and the kiosk's clocks for the test (see the module docstring)."""
    _pin_clocks(calendar_now)
    yield calendar_now
    _pin_clocks(DEFAULT_NOW)


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
def _portal_templates(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[], _Template]]:
    """The demo seeded for the clock's facility day, once per day a test runs on."""
    server_url = os.environ.get(PG_ENV, "").strip()
    made: dict[date, _Template] = {}

    def for_today() -> _Template:
        today = portal_clock.clock.today(FACILITY)
        if today in made:
            return made[today]
        if not server_url:
            path = tmp_path_factory.mktemp(f"portal-template-{today}") / "template.db"
            _seed_into(f"sqlite:///{path}")
            made[today] = _Template("sqlite", str(path))
            return made[today]
        name = f"portal_tmpl_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        made[today] = _Template("postgresql", name, server_url)
        _seed_into(_with_database(server_url, name))
        return made[today]

    admin = _admin_engine(server_url) if server_url else None
    try:
        yield for_today
    finally:
        if admin is not None:
            with admin.connect() as conn:
                for template in made.values():
                    conn.execute(
                        text(f'DROP DATABASE IF EXISTS "{template.location}" WITH (FORCE)')
                    )
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
    # A port outside the kernel's ephemeral range: when a test stops this portal and starts it
    # (or a process of its own) on the same port, no other test's bind(0) can have taken it.
    instance = EmbeddedPortal(url, port=unused_port(), seed_demo=True, checkin_day=False)
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
def portal(
    _portal_templates: Callable[[], _Template], pinned_clock: datetime, tmp_path: Path
) -> Iterator[EmbeddedPortal]:
    """A started portal with the demo seeded for the test's day, on a database of its own."""
    with _portal_on_a_copy(_portal_templates(), tmp_path) as instance:
        yield instance


@pytest.fixture(scope="module")
def shared_portal(
    _portal_templates: Callable[[], _Template], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EmbeddedPortal]:
    """One started demo portal for a whole test module, seeded for DEFAULT_NOW's day: only for
    tests whose assertions do not depend on what earlier tests of the module changed
    (validation, junk input), and not for calendar tests."""
    template = _portal_templates()
    with _portal_on_a_copy(template, tmp_path_factory.mktemp("shared-portal")) as instance:
        yield instance


@pytest.fixture
def portal_url(portal: EmbeddedPortal) -> str:
    """Base URL of the started `portal`, e.g. http://127.0.0.1:54321."""
    return portal.url
