"""EmbeddedPortal: the portal served from a daemon thread, for the kiosk demo and for tests."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from portal.app import create_app
from portal.core.config import PortalSettings
from portal.core.db import make_engine, make_session_factory, migrate
from portal.models import Organisation
from portal.seed import (
    DEMO_ACCOUNT,
    database_is_empty,
    seed_checkin_day,
    seed_demo,
    seeded_before_today,
)
from portal.services import kiosks

START_TIMEOUT_SECONDS = 10.0


class _Server(uvicorn.Server):
    """uvicorn.Server that notices `should_exit` within 20 ms instead of 100 ms."""

    async def main_loop(self) -> None:
        counter = 0
        should_exit = await self.on_tick(counter)
        while not should_exit:
            counter = (counter + 1) % 864000
            await asyncio.sleep(0.02)
            should_exit = await self.on_tick(counter)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's graceful shutdown, polling every 5 ms instead of sleeping 0.1 s first."""
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (self.config.timeout_graceful_shutdown or 0)
        state = self.server_state
        while (state.connections or state.tasks) and not self.force_exit:
            if loop.time() > deadline:
                for task in state.tasks:
                    task.cancel(msg="Task cancelled, timeout graceful shutdown exceeded")
                break
            await asyncio.sleep(0.005)
        for server in self.servers:
            await server.wait_closed()
        if not self.force_exit:
            await self.lifespan.shutdown()


def discard_aged_demo(database_path: Path) -> bool:
    """Delete the demo's SQLite file when it was seeded on an earlier day, so the next start
    seeds it again for today (its parties, camps and cancellations are dated from the day of
    the seed). True when it was deleted; the kiosk's cache of it must go too."""
    if not database_path.exists():
        return False
    engine = make_engine(f"sqlite:///{database_path}")
    try:
        with make_session_factory(engine)() as session:
            aged = seeded_before_today(session)
    except Exception:  # not a database we can read: leave it to the migrations to say so
        aged = False
    finally:
        engine.dispose()
    if aged:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database_path}{suffix}").unlink(missing_ok=True)
    return aged


class EmbeddedPortal:
    """Run the portal in-process on a real socket.

    `start()` migrates the database, seeds the demo when `seed_demo` and the database is empty
    (`seed_demo` also turns on the portal's demo mode: the demo mailbox), moves the demo's
    check-in classes to today around the current time when `checkin_day` (so the demo can check
    in at any hour; tests that want the catalog exactly as seeded pass False),
    binds the socket itself (port 0 picks a free port) and returns the base URL once the server
    accepts connections. `stop()` shuts down gracefully. A stopped portal can be started again on
    the same database; it binds the same port as before (so a kiosk configured with `.url`
    keeps working) and raises OSError if another process has taken that port meanwhile.
    """

    account = DEMO_ACCOUNT

    def __init__(
        self,
        database_url: str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        seed_demo: bool = True,
        checkin_day: bool = True,
        log_level: str = "warning",
        smtp_host: str | None = None,
        smtp_port: int = 25,
        settings: Mapping[str, Any] | None = None,
    ) -> None:
        self.database_url = database_url
        self.host = host
        self.port = port
        self.seed_demo = seed_demo
        self.checkin_day = checkin_day
        self.log_level = log_level
        self.smtp_host = smtp_host
        self.smtp_port = smtp_port
        # More PortalSettings fields (e.g. overload_slots); read at each start().
        self.settings_overrides: dict[str, Any] = dict(settings or {})
        self.engine: Engine = make_engine(database_url)
        self.session_factory: sessionmaker[Session] = make_session_factory(self.engine)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._prepared = False

    @property
    def url(self) -> str:
        if not self.port:
            raise RuntimeError("the portal has not been started yet")
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _prepare_database(self) -> None:
        migrate(self.engine)
        if self.seed_demo:
            with self.session_factory.begin() as session:
                if database_is_empty(session):
                    seed_demo(session)
                if self.checkin_day:
                    seed_checkin_day(session)
        self._prepared = True

    def _bind(self) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError:
            sock.close()
            raise
        sock.set_inheritable(True)
        self.port = sock.getsockname()[1]
        return sock

    def start(self) -> str:
        if self.running:
            return self.url
        if not self._prepared:
            self._prepare_database()
        sock = self._bind()
        settings = PortalSettings(
            database_url=self.database_url,
            log_level=self.log_level,
            demo=self.seed_demo,
            smtp_host=self.smtp_host,
            smtp_port=self.smtp_port,
            **self.settings_overrides,
        )
        app = create_app(settings, session_factory=self.session_factory)
        config = uvicorn.Config(
            app,
            log_level=self.log_level,
            lifespan="off",
            access_log=False,
            timeout_graceful_shutdown=5,
            proxy_headers=False,  # never believe X-Forwarded-For (see portal/__main__.py)
        )
        server = _Server(config)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name=f"portal:{self.port}", daemon=True
        )
        self._server, self._thread = server, thread
        thread.start()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                sock.close()
                raise RuntimeError("the embedded portal did not start")
            time.sleep(0.005)
        return self.url

    def pairing_code(self, account: str = "demo", location_id: int | None = None) -> str | None:
        """A fresh single-use kiosk pairing code, as `python -m portal enroll-kiosk` prints:
        the embedded demo enrolls its own kiosk with it, so `make run` just works. None for an
        account the demo does not have (the kiosk then says it is not ready, as it should)."""
        with self.session_factory.begin() as session:
            organisation = session.scalars(
                select(Organisation).where(Organisation.account == account)
            ).first()
            if organisation is None:
                return None
            return kiosks.new_pairing_code(
                session, organisation, location_id=location_id, created_by="embedded demo"
            ).code

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.should_exit = True
        if thread is not None:
            thread.join(timeout=START_TIMEOUT_SECONDS)

    def close(self) -> None:
        """Stop and release the database connections (the database itself is kept)."""
        self.stop()
        with contextlib.suppress(Exception):
            self.engine.dispose()

    def __enter__(self) -> EmbeddedPortal:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
