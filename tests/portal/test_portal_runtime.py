"""EmbeddedPortal lifecycle, the `python -m portal` CLI and the migrations."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from portal.core.db import head_revision, make_engine, migrate
from portal.embedded import EmbeddedPortal
from portal.models import Base
from tests.portal.helpers import patient_http
from tests.ports import unused_port

ROOT = Path(__file__).resolve().parents[2]


def test_restart_keeps_the_url_and_the_data(portal):
    url = portal.url
    with portal.session_factory.begin() as session:
        from portal.services import catalog

        catalog.update_news(session, 2, title="Survives a restart")
    portal.stop()
    assert not portal.running
    try:
        patient_http.get(f"{url}/api/v1/health", timeout=0.5)
        reachable = True
    except httpx.TransportError:
        reachable = False
    assert not reachable
    assert portal.start() == url
    body = patient_http.get(f"{url}/api/open/v1/demo/news/2").json()
    assert body["data"]["title"] == "Survives a restart"


def test_embedded_context_manager_seeds_an_empty_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    with EmbeddedPortal(url) as embedded:
        assert embedded.url.startswith("http://127.0.0.1:")
        response = patient_http.get(f"{embedded.url}/api/open/v1/demo/locations")
        assert response.status_code == 200 and response.json()["totalRecords"] == 2
        with embedded.session_factory.begin() as session:
            from portal.services import catalog

            catalog.update_news(session, 2, title="Kept across starts")
    with EmbeddedPortal(url) as again:  # already seeded: kept, not seeded over
        assert patient_http.get(f"{again.url}/api/v1/demo/kiosk/settings").status_code == 200
        body = patient_http.get(f"{again.url}/api/open/v1/demo/news/2").json()
        assert body["data"]["title"] == "Kept across starts"


def test_embedded_without_seed_has_no_demo(tmp_path):
    with EmbeddedPortal(f"sqlite:///{tmp_path / 'empty.db'}", seed_demo=False) as embedded:
        assert patient_http.get(f"{embedded.url}/api/v1/demo/kiosk/settings").status_code == 404


def test_migrations_match_the_models(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'schema.db'}")
    migrate(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []
    assert set(inspect(engine).get_table_names()) >= set(Base.metadata.tables)
    engine.dispose()


def test_cli_serves_the_demo(tmp_path):
    port = unused_port()
    database = f"sqlite:///{tmp_path / 'cli.db'}"
    command = [
        sys.executable,
        "-m",
        "portal",
        "--port",
        str(port),
        "--host",
        "127.0.0.1",
        "--database",
        database,
        "--demo",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = patient_http.get(f"http://127.0.0.1:{port}/api/open/v1/demo/locations")
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stdout.read().decode()  # type: ignore[union-attr]
                assert time.monotonic() < deadline, "the CLI portal did not come up"
                time.sleep(0.05)
        assert response.status_code == 200 and response.json()["totalRecords"] == 2
        # --demo also turns on the demo mailbox.
        assert patient_http.get(f"http://127.0.0.1:{port}/demo/mailbox").status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
