"""What a probe from the kiosk's network found (issue #17): the portal's start-up rules, its
security headers, the demo-only pages, and client addresses taken from the peer, never from
X-Forwarded-For unless a proxy is configured."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from portal.embedded import EmbeddedPortal
from tests.portal.helpers import V1, bearer, patient_http
from tests.ports import unused_port

ROOT = Path(__file__).resolve().parents[2]


def _cli(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "portal",
        "--host",
        "127.0.0.1",
        "--database",
        f"sqlite:///{tmp_path / 'cli.db'}",
        "--log-level",
        "warning",
        *args,
    ]
    environment = {k: v for k, v in os.environ.items() if k != "PORTAL_SECRET_KEY"}
    environment.update(env or {})
    return subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def _wait_up(process: subprocess.Popen[bytes], url: str) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            httpx.get(f"{url}/api/v1/health", timeout=30)
            return
        except httpx.TransportError:
            assert process.poll() is None, process.stdout.read().decode()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the CLI portal did not come up"
            time.sleep(0.05)


@pytest.fixture
def cli_portal(tmp_path: Path) -> Iterator:
    """Starts `python -m portal --demo` with extra arguments; stopped after the test."""
    started: list[subprocess.Popen[bytes]] = []

    def start(*args: str) -> str:
        port = unused_port()
        process = _cli(tmp_path, "--demo", "--port", str(port), *args)
        started.append(process)
        url = f"http://127.0.0.1:{port}"
        _wait_up(process, url)
        return url

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def test_no_start_without_a_secret_key_outside_demo_mode(tmp_path):
    process = _cli(tmp_path, "--port", str(unused_port()))
    output, _ = process.communicate(timeout=120)  # a busy machine imports slowly
    assert process.returncode != 0
    sentence = output.decode().strip().splitlines()[-1]
    assert sentence.startswith("The portal needs a secret key: set PORTAL_SECRET_KEY")
    assert "Traceback" not in output.decode()


def test_with_a_secret_key_it_starts_without_demo_pages(tmp_path):
    port = unused_port()
    process = _cli(tmp_path, "--port", str(port), env={"PORTAL_SECRET_KEY": "k" * 48})
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_up(process, url)
        for page in ("/docs", "/redoc", "/demo/mailbox?account=demo"):
            assert httpx.get(f"{url}{page}", timeout=30).status_code == 404, page
        assert httpx.get(f"{url}/openapi.json", timeout=30).status_code == 200  # the contract
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_forwarded_addresses_are_believed_only_from_a_configured_proxy(cli_portal):
    """The demo mailbox is served to loopback readers only: a forwarded address changes that
    only when the proxy sending it was configured."""
    forged = {"X-Forwarded-For": "203.0.113.9"}
    plain = cli_portal()
    assert patient_http.get(f"{plain}/demo/mailbox?account=demo", headers=forged).status_code == 200
    behind_proxy = cli_portal("--forwarded-allow-ips", "127.0.0.1")
    refused = patient_http.get(f"{behind_proxy}/api/v1/demo/demo/mailbox", headers=forged)
    assert refused.status_code == 403
    assert refused.json()["message"] == (
        "The demo mailbox can be read only on the computer the portal runs on."
    )
    assert patient_http.get(f"{behind_proxy}/api/v1/demo/demo/mailbox").status_code == 200


def test_security_headers(api):
    catalog = api.get("/api/open/v1/demo/locations")
    assert catalog.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" not in catalog.headers.get("Cache-Control", "")

    login = api.post(
        f"{V1}/auth/login",
        json={"email": "marge@example.com", "password": "springfield-demo", "deviceId": "k"},
    )
    assert login.status_code == 200 and login.json()["token"]
    assert login.headers["Cache-Control"] == "no-store"
    assert login.headers["X-Content-Type-Options"] == "nosniff"
    family = api.get(f"{V1}/family", headers=bearer(login.json()["token"]))
    assert family.headers["Cache-Control"] == "no-store"

    page = api.get("/demo/mailbox", params={"account": "demo"})
    assert page.headers["Content-Type"].startswith("text/html")
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["Cache-Control"] == "no-store"
    assert api.get("/docs").headers["Content-Security-Policy"]  # demo mode: served, with a CSP


def test_api_pages_only_in_demo_mode(tmp_path):
    with EmbeddedPortal(f"sqlite:///{tmp_path / 'plain.db'}", seed_demo=False) as plain:
        assert patient_http.get(f"{plain.url}/docs").status_code == 404
        assert patient_http.get(f"{plain.url}/redoc").status_code == 404
        assert patient_http.get(f"{plain.url}/openapi.json").status_code == 200
