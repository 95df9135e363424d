"""The fault proxy itself: framing, keep-alive, each fault as documented, the seed, the bounds."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests

from tests.reliability.fault_proxy import NO_FAULTS, Fault, FaultProxy, Gate, Plan

BIG = b"x" * 200_000


class Upstream:
    """A plain HTTP/1.1 server with keep-alive, Content-Length and chunked answers."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, bytes]] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive unless told otherwise

            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with outer.lock:
                    outer.seen.append((self.command, self.path, body))
                if self.path == "/chunked":
                    self.send_response(200)
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for piece in (b'{"parts": ', b"[1, 2, 3]", b"}"):
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    self.wfile.write(b"0\r\nX-Trailer: yes\r\n\r\n")
                    return
                if self.path == "/empty":
                    self.send_response(204)
                    self.end_headers()
                    return
                payload = (
                    BIG
                    if self.path == "/big"
                    else json.dumps({"path": self.path, "got": len(body)}).encode()
                )
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_HEAD = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    server = Upstream()
    yield server
    server.close()


@pytest.fixture
def proxy(upstream: Upstream) -> Iterator[FaultProxy]:
    with FaultProxy(upstream.url, seed=1, weights=NO_FAULTS, io_timeout=5) as running:
        yield running


def test_keep_alive_client_gets_one_request_per_connection(proxy, upstream):
    with requests.Session() as session:
        for index in range(5):
            response = session.post(f"{proxy.url}/echo/{index}", json={"n": index}, timeout=5)
            assert response.status_code == 200
            assert response.json() == {"path": f"/echo/{index}", "got": len(b'{"n": 0}')}
            assert response.headers["Connection"] == "close"
        assert session.get(f"{proxy.url}/big", timeout=5).content == BIG
        assert session.head(f"{proxy.url}/big", timeout=5).status_code == 200
        assert session.get(f"{proxy.url}/empty", timeout=5).status_code == 204
    assert proxy.wait_idle()
    figures = proxy.snapshot()
    assert figures["connections"] == figures["requests"] == figures["forwarded"] == 8
    assert [method for method, _, _ in upstream.seen] == ["POST"] * 5 + ["GET", "HEAD", "GET"]


def test_chunked_answers_are_relayed_whole(proxy):
    response = requests.get(f"{proxy.url}/chunked", timeout=5)
    assert response.status_code == 200 and response.json() == {"parts": [1, 2, 3]}


@pytest.mark.parametrize(
    ("plan", "error", "reached_upstream"),
    [
        (Plan(Fault.DROP_REQUEST), requests.ConnectionError, False),
        (Plan(Fault.DROP_RESPONSE), requests.ConnectionError, True),
        (Plan(Fault.RESET), requests.ConnectionError, False),
        (Plan(Fault.RESET, reset_after_forward=True), requests.ConnectionError, True),
        (Plan(Fault.TRUNCATE), requests.exceptions.ChunkedEncodingError, True),
    ],
    ids=["drop_request", "drop_response", "reset_before", "reset_after", "truncate"],
)
def test_each_broken_connection_fails_the_call(proxy, upstream, plan, error, reached_upstream):
    proxy.script(plan)
    with pytest.raises(error):
        requests.post(f"{proxy.url}/pay", json={"amount": 1}, timeout=5)
    assert proxy.wait_idle()
    assert len(upstream.seen) == (1 if reached_upstream else 0)
    assert proxy.snapshot()["faults"][plan.fault.value] == 1  # type: ignore[index]


def test_truncated_chunked_and_bodiless_answers_fail_too(proxy):
    proxy.script(Plan(Fault.TRUNCATE), Plan(Fault.TRUNCATE))
    with pytest.raises(requests.RequestException):
        requests.get(f"{proxy.url}/chunked", timeout=5)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{proxy.url}/empty", timeout=5)


def test_an_answer_cut_inside_its_headers_reads_as_an_empty_success(proxy, upstream):
    """What a real kiosk met: the success status, then nothing. The client must not take it
    as a success (kiosk.api.client reads it as an unknown outcome)."""
    proxy.script(Plan(Fault.CUT_HEADERS))
    response = requests.post(f"{proxy.url}/pay", json={"amount": 1}, timeout=5)
    assert response.status_code == 200 and response.content == b""
    assert len(upstream.seen) == 1


def test_a_request_scripted_by_its_path_gets_its_plan_whatever_comes_between(proxy, upstream):
    """Only the first POST to /pay is cut; the calls before and after it, and a GET of the
    same path, pass untouched."""
    proxy.script_request("POST", "/pay", Plan(Fault.CUT_HEADERS))
    assert requests.get(f"{proxy.url}/echo/1", timeout=5).status_code == 200
    assert requests.get(f"{proxy.url}/pay", timeout=5).content
    cut = requests.post(f"{proxy.url}/pay", json={"amount": 1}, timeout=5)
    assert cut.status_code == 200 and cut.content == b""
    again = requests.post(f"{proxy.url}/pay", json={"amount": 1}, timeout=5)
    assert again.status_code == 200 and again.json() == {"path": "/pay", "got": 13}
    assert proxy.wait_idle()
    assert proxy.snapshot()["faults"]["cut_headers"] == 1  # type: ignore[index]
    assert [(m, p) for m, p, _ in upstream.seen] == [
        ("GET", "/echo/1"),
        ("GET", "/pay"),
        ("POST", "/pay"),
        ("POST", "/pay"),
    ]


def test_injected_answers_never_reach_the_portal(proxy, upstream):
    proxy.script(Plan(Fault.ERROR_500), Plan(Fault.ERROR_429), Plan(Fault.LATENCY, delay=0.05))
    assert requests.post(f"{proxy.url}/pay", json={}, timeout=5).status_code == 500
    throttled = requests.post(f"{proxy.url}/pay", json={}, timeout=5)
    assert throttled.status_code == 429 and throttled.headers["Retry-After"] == "0"
    started = time.monotonic()
    assert requests.get(f"{proxy.url}/late", timeout=5).status_code == 200
    assert time.monotonic() - started >= 0.05
    assert [path for _, path, _ in upstream.seen] == ["/late"]
    assert proxy.snapshot()["5xx_injected"] == 1


def test_gates_hold_a_connection_until_released(proxy, upstream):
    gate = Gate()
    proxy.script(Plan(Fault.PASS, hold_response=gate))
    result: list[int] = []
    caller = threading.Thread(
        target=lambda: result.append(requests.get(f"{proxy.url}/held", timeout=5).status_code)
    )
    caller.start()
    assert gate.reached.wait(5)
    assert len(upstream.seen) == 1 and result == []  # the portal answered; the client waits
    gate.release.set()
    caller.join(5)
    assert result == [200]


def test_the_seed_decides_the_faults(upstream):
    def sequence(seed: int) -> list[Fault]:
        with FaultProxy(upstream.url, seed=seed, io_timeout=5) as proxy:
            for _ in range(40):
                with contextlib.suppress(requests.RequestException):
                    requests.get(f"{proxy.url}/x", timeout=5)
            proxy.wait_idle()
            return [event.fault for event in proxy.events]

    first = sequence(11)
    assert first == sequence(11)
    assert first != sequence(12)
    assert len(set(first)) >= 5


def test_only_loopback_and_it_stops_by_itself(upstream):
    with pytest.raises(ValueError):
        FaultProxy("http://example.com:80")
    proxy = FaultProxy(upstream.url, weights=NO_FAULTS, lifetime=0.2)
    proxy.start()
    assert requests.get(f"{proxy.url}/x", timeout=5).status_code == 200
    assert proxy.wait_closed(timeout=5)  # its lifetime ran out: it closed by itself
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{proxy.url}/x", timeout=2)
    proxy.stop()
