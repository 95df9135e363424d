"""FaultProxy: a loopback HTTP/1.1 proxy that breaks connections on purpose, from a seed.

It sits between the kiosk and the portal on 127.0.0.1 and picks one fault per connection with
a seeded `random.Random`, in the order connections are accepted, so a sequential test sees the
same faults on every run:

- `pass`: forward the request and the answer untouched;
- `latency`: the same, late: `delay` before forwarding and again before answering;
- `drop_request`: close the connection before forwarding (the portal never sees it);
- `drop_response`: forward, let the portal do the work, then close without answering (the
  dangerous one: the action happened, the kiosk cannot know);
- `reset`: a TCP reset (SO_LINGER 0), before forwarding or after the portal answered;
- `truncate`: forward, then send the headers and only half of the body, and close;
- `error_500` / `error_429` (`Retry-After: 0`): answer without forwarding.

Every connection carries exactly one request: `Connection: close` is forced on both legs, and
message ends are found by Content-Length or chunked framing (or the close, for an answer
without either), so keep-alive clients never see a half-used connection. The proxy listens
on 127.0.0.1 only, forwards to 127.0.0.1 only, times out every socket and stops on its own
after `lifetime` seconds.
"""

from __future__ import annotations

import contextlib
import json
import random
import socket
import struct
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import BinaryIO
from urllib.parse import urlsplit

MAX_LINE = 65_536
MAX_HEADERS = 200
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "upgrade", "te"}
_LOOPBACK = {"127.0.0.1", "localhost"}


class Fault(StrEnum):
    PASS = "pass"
    LATENCY = "latency"
    DROP_REQUEST = "drop_request"
    DROP_RESPONSE = "drop_response"
    RESET = "reset"
    TRUNCATE = "truncate"
    # The answer cut inside its header block, after a complete status line: http.client reads
    # it as a complete success with an empty body (seen from a real kiosk).
    CUT_HEADERS = "cut_headers"
    ERROR_500 = "error_500"
    ERROR_429 = "error_429"


# About 45 % of connections fail in some way; a client with 2 retries gives up on ~9 % of calls.
DEFAULT_WEIGHTS: dict[Fault, float] = {
    Fault.PASS: 0.42,
    Fault.LATENCY: 0.10,
    Fault.DROP_REQUEST: 0.07,
    Fault.DROP_RESPONSE: 0.12,
    Fault.RESET: 0.08,
    Fault.TRUNCATE: 0.07,
    Fault.ERROR_500: 0.06,
    Fault.ERROR_429: 0.05,
    Fault.CUT_HEADERS: 0.03,
}
NO_FAULTS: dict[Fault, float] = {Fault.PASS: 1.0}
# The faults after which the portal may have done the work without the client hearing of it.
AFTER_FORWARD = frozenset({Fault.DROP_RESPONSE, Fault.TRUNCATE, Fault.CUT_HEADERS})


@dataclass
class Gate:
    """Holds one connection at a point until the test releases it; `reached` tells when."""

    reached: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class Plan:
    """What the proxy does to one connection."""

    fault: Fault = Fault.PASS
    delay: float = 0.0  # seconds, for LATENCY: before forwarding and again before answering
    reset_after_forward: bool = False  # for RESET: after the portal answered
    hold_request: Gate | None = None  # before forwarding
    hold_response: Gate | None = None  # after the portal answered, before replying


@dataclass(frozen=True)
class Handled:
    """One request as the proxy handled it (no bodies, no headers: nothing personal)."""

    method: str
    path: str
    fault: Fault
    forwarded: bool
    upstream_status: int | None


class ProtocolError(Exception):
    """The peer sent something that is not HTTP/1.1 as this proxy understands it."""


@dataclass
class _Head:
    start: bytes  # request line or status line, without CRLF
    headers: list[tuple[str, str]]

    def get(self, name: str) -> str | None:
        name = name.lower()
        values = [v for k, v in self.headers if k.lower() == name]
        return ", ".join(values) if values else None

    def encode(self) -> bytes:
        """The head with `Connection: close` in place of every hop-by-hop header."""
        named = {
            token.strip().lower()
            for value in (self.get("connection") or "").split(",")
            if (token := value.strip())
        }
        lines = [self.start]
        for name, value in self.headers:
            if name.lower() in _HOP_BY_HOP or name.lower() in named:
                continue
            lines.append(f"{name}: {value}".encode("latin-1"))
        lines.append(b"Connection: close")
        return b"\r\n".join(lines) + b"\r\n\r\n"


def _read_head(rfile: BinaryIO) -> _Head | None:
    """A message head, or None when the peer closed before sending anything."""
    line = rfile.readline(MAX_LINE)
    while line in (b"\r\n", b"\n"):  # RFC 9112 2.2: ignore empty lines before a request
        line = rfile.readline(MAX_LINE)
    if not line:
        return None
    if not line.endswith(b"\n"):
        raise ProtocolError("start line too long or cut off")
    headers: list[tuple[str, str]] = []
    while True:
        raw = rfile.readline(MAX_LINE)
        if not raw:
            raise ProtocolError("connection closed inside the header block")
        if raw in (b"\r\n", b"\n"):
            break
        if len(headers) >= MAX_HEADERS:
            raise ProtocolError("too many header lines")
        name, sep, value = raw.decode("latin-1").partition(":")
        if not sep or not name or name != name.strip():
            raise ProtocolError("malformed header line")
        headers.append((name, value.strip()))
    return _Head(line.rstrip(b"\r\n"), headers)


def _read_exactly(rfile: BinaryIO, size: int) -> bytes:
    data = rfile.read(size)
    if len(data) != size:
        raise ProtocolError(f"body cut off after {len(data)} of {size} bytes")
    return data


def _read_chunked(rfile: BinaryIO) -> bytes:
    """A chunked body exactly as sent (sizes, data, trailers), up to its final CRLF."""
    parts: list[bytes] = []
    while True:
        line = rfile.readline(MAX_LINE)
        if not line.endswith(b"\n"):
            raise ProtocolError("chunk size line cut off")
        parts.append(line)
        try:
            size = int(line.split(b";", 1)[0].strip(), 16)
        except ValueError as exc:
            raise ProtocolError("bad chunk size") from exc
        if size < 0:
            raise ProtocolError("bad chunk size")
        if size == 0:
            while True:  # trailer section, ended by an empty line
                trailer = rfile.readline(MAX_LINE)
                if not trailer.endswith(b"\n"):
                    raise ProtocolError("trailers cut off")
                parts.append(trailer)
                if trailer in (b"\r\n", b"\n"):
                    return b"".join(parts)
        chunk = _read_exactly(rfile, size + 2)
        if not chunk.endswith(b"\r\n"):
            raise ProtocolError("chunk not followed by CRLF")
        parts.append(chunk)


def _read_body(rfile: BinaryIO, head: _Head, *, until_close: bool) -> bytes:
    encoding = head.get("transfer-encoding")
    if encoding is not None:
        if encoding.lower().split(",")[-1].strip() != "chunked":
            raise ProtocolError("unsupported transfer-encoding")
        return _read_chunked(rfile)
    length = head.get("content-length")
    if length is not None:
        values = {v.strip() for v in length.split(",")}
        if len(values) != 1 or not next(iter(values)).isdigit():
            raise ProtocolError("bad content-length")
        return _read_exactly(rfile, int(values.pop()))
    # A request without framing has no body; an answer without it ends when the peer closes.
    return rfile.read() if until_close else b""


def _status_of(head: _Head) -> int:
    parts = head.start.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
        raise ProtocolError("bad status line")
    return int(parts[1])


def _canned(status: int, reason: str, message: str, *extra: str) -> bytes:
    body = json.dumps({"message": message}).encode()
    lines = [
        f"HTTP/1.1 {status} {reason}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        *extra,
        "Connection: close",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


ANSWER_500 = _canned(500, "Internal Server Error", "Injected failure.")
ANSWER_429 = _canned(429, "Too Many Requests", "Injected throttle.", "Retry-After: 0")
ANSWER_502 = _canned(502, "Bad Gateway", "The portal could not be reached.")


def _reset(sock: socket.socket) -> None:
    """Close with a TCP RST instead of a FIN."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _close(sock: socket.socket) -> None:
    """Close with a FIN, after whatever was written."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_WR)
    sock.close()


class FaultProxy:
    """`FaultProxy(portal.url, seed=7).start()` returns the proxy's URL; use it as a context
    manager, or call `stop()`. `weights` maps faults to relative odds (DEFAULT_WEIGHTS);
    `script(plan, ...)` fixes the plans of the next connections, ahead of the random ones;
    `script_request(method, path, plan, ...)` those of the next requests for one path."""

    def __init__(
        self,
        upstream_url: str,
        *,
        seed: int = 0,
        weights: Mapping[Fault, float] | None = None,
        latency: tuple[float, float] = (0.001, 0.015),
        io_timeout: float = 15.0,
        lifetime: float = 1800.0,
    ) -> None:
        parts = urlsplit(upstream_url)
        if parts.scheme != "http" or parts.hostname not in _LOOPBACK or not parts.port:
            raise ValueError(
                f"the proxy only forwards to http://127.0.0.1:<port>, not {upstream_url!r}"
            )
        self.upstream = ("127.0.0.1", parts.port)
        self.io_timeout = io_timeout
        self.lifetime = lifetime
        self.latency = latency
        self._random = random.Random(seed)
        self._weights = dict(weights or DEFAULT_WEIGHTS)
        self._script: deque[Plan] = deque()
        self._by_request: dict[tuple[str, str], deque[Plan]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._listener: socket.socket | None = None
        self._acceptor: threading.Thread | None = None
        self._handlers: set[threading.Thread] = set()
        self._idle = threading.Condition(self._lock)
        self.port = 0
        # Figures, read them under `snapshot()` while connections may still run.
        self.connections = 0
        self.faults: Counter[Fault] = Counter()
        self.forwarded = 0
        self.upstream_status: Counter[int] = Counter()
        self.upstream_failures = 0
        self.bad_requests = 0
        self.events: deque[Handled] = deque(maxlen=20_000)

    # ----- life cycle ----------------------------------------------------------------------

    @property
    def url(self) -> str:
        if not self.port:
            raise RuntimeError("the proxy has not been started")
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> str:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        listener.settimeout(0.05)
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._acceptor = threading.Thread(
            target=self._accept_loop, name=f"fault-proxy:{self.port}", daemon=True
        )
        self._acceptor.start()
        return self.url

    def stop(self) -> None:
        self._stop.set()
        if self._acceptor is not None:
            self._acceptor.join(timeout=5)
        with self._lock:
            handlers = list(self._handlers)
        for thread in handlers:
            thread.join(timeout=self.io_timeout + 1)

    def __enter__(self) -> FaultProxy:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait_closed(self, timeout: float = 10.0) -> bool:
        """True once the proxy has stopped listening (stopped, or its lifetime is over)."""
        if self._acceptor is not None:
            self._acceptor.join(timeout=timeout)
        return self._acceptor is None or not self._acceptor.is_alive()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """True once no connection is being handled."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._handlers:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True

    # ----- what happens to the next connections --------------------------------------------

    def set_weights(self, weights: Mapping[Fault, float]) -> None:
        with self._lock:
            self._weights = dict(weights)

    @contextlib.contextmanager
    def faults_off(self) -> Iterator[None]:
        with self._lock:
            saved, self._weights = self._weights, dict(NO_FAULTS)
        try:
            yield
        finally:
            self.set_weights(saved)

    def script(self, *plans: Plan) -> None:
        with self._lock:
            self._script.extend(plans)

    def script_request(self, method: str, path: str, *plans: Plan) -> None:
        """Fix the plans of the next requests for `method path` (e.g. "POST",
        "/api/v1/demo/family/payments"), however many other requests come between: each such
        request gets the next of these plans instead of its connection's. For a client that
        makes other calls meanwhile (a kiosk's syncs and heartbeats)."""
        with self._lock:
            self._by_request.setdefault((method.upper(), path), deque()).extend(plans)

    def _plan_for_request(self, method: str, path: str, plan: Plan) -> Plan:
        with self._lock:
            plans = self._by_request.get((method.upper(), path))
            return plans.popleft() if plans else plan

    def _next_plan(self) -> Plan:
        with self._lock:
            if self._script:
                return self._script.popleft()
            kinds = list(self._weights)
            fault = self._random.choices(kinds, weights=[self._weights[k] for k in kinds])[0]
            if fault is Fault.LATENCY:
                return Plan(fault, delay=self._random.uniform(*self.latency))
            if fault is Fault.RESET:
                return Plan(fault, reset_after_forward=self._random.random() < 0.5)
            return Plan(fault)

    # ----- figures ---------------------------------------------------------------------------

    def snapshot(self) -> dict[str, object]:
        with self._lock:
            upstream_5xx = sum(n for status, n in self.upstream_status.items() if status >= 500)
            injected_5xx = self.faults[Fault.ERROR_500] + self.upstream_failures
            return {
                "connections": self.connections,
                "requests": sum(self.faults.values()),
                "forwarded": self.forwarded,
                "faults": {kind.value: self.faults[kind] for kind in Fault},
                "5xx_injected": injected_5xx,
                "5xx_from_portal": upstream_5xx,
                "upstream_failures": self.upstream_failures,
                "bad_requests": self.bad_requests,
            }

    def report(self) -> str:
        figures = self.snapshot()
        faults = figures.pop("faults")
        assert isinstance(faults, dict)
        injected = ", ".join(f"{k} {v}" for k, v in faults.items() if k != Fault.PASS)
        return (
            f"requests {figures['requests']} on {figures['connections']} connections, "
            f"{figures['forwarded']} reached the portal; faults: {injected}; "
            f"5xx seen: {figures['5xx_injected']} injected, "
            f"{figures['5xx_from_portal']} from the portal"
        )

    # ----- the work ----------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        assert self._listener is not None
        deadline = time.monotonic() + self.lifetime
        try:
            while not self._stop.is_set() and time.monotonic() < deadline:
                try:
                    client, _addr = self._listener.accept()
                except TimeoutError:
                    continue
                except OSError:
                    break
                plan = self._next_plan()  # in accept order: the seed decides, not the scheduler
                thread = threading.Thread(
                    target=self._serve, args=(client, plan), name="fault-proxy-conn", daemon=True
                )
                with self._lock:
                    self.connections += 1
                    self._handlers.add(thread)
                thread.start()
        finally:
            self._listener.close()

    def _done(self) -> None:
        with self._idle:
            self._handlers.discard(threading.current_thread())
            self._idle.notify_all()

    def _wait(self, gate: Gate) -> None:
        gate.reached.set()
        gate.release.wait(self.io_timeout)

    def _serve(self, client: socket.socket, plan: Plan) -> None:
        try:
            self._serve_one(client, plan)
        except OSError:
            pass  # the kiosk went away (or was killed) mid-answer: nothing to do
        finally:
            with contextlib.suppress(OSError):
                client.close()
            self._done()

    def _serve_one(self, client: socket.socket, plan: Plan) -> None:
        client.settimeout(self.io_timeout)
        with client.makefile("rb") as rfile:
            try:
                head = _read_head(rfile)
                if head is None:
                    return  # connected, sent nothing, left
                body = _read_body(rfile, head, until_close=False)
            except (ProtocolError, OSError):
                with self._lock:
                    self.bad_requests += 1
                return
        method, _, rest = head.start.decode("latin-1").partition(" ")
        path = urlsplit(rest.rsplit(" ", 1)[0]).path
        plan = self._plan_for_request(method, path, plan)
        fault = plan.fault
        with self._lock:
            self.faults[fault] += 1

        def record(forwarded: bool, status: int | None = None) -> None:
            with self._lock:
                self.events.append(Handled(method, path, fault, forwarded, status))

        if plan.hold_request is not None:
            self._wait(plan.hold_request)
        if fault is Fault.LATENCY:
            time.sleep(plan.delay)
        if fault is Fault.DROP_REQUEST:
            record(False)
            _close(client)
            return
        if fault is Fault.RESET and not plan.reset_after_forward:
            record(False)
            _reset(client)
            return
        if fault in (Fault.ERROR_500, Fault.ERROR_429):
            record(False)
            client.sendall(ANSWER_500 if fault is Fault.ERROR_500 else ANSWER_429)
            _close(client)
            return

        try:
            answer_head, answer_body = self._forward(method, head, body)
        except (ProtocolError, OSError):
            with self._lock:
                self.upstream_failures += 1
            record(False)
            client.sendall(ANSWER_502)
            _close(client)
            return
        status = _status_of(answer_head)
        with self._lock:
            self.forwarded += 1
            self.upstream_status[status] += 1
        record(True, status)

        if plan.hold_response is not None:
            self._wait(plan.hold_response)
        if fault is Fault.LATENCY:
            time.sleep(plan.delay)
        if fault is Fault.DROP_RESPONSE:
            _close(client)
            return
        if fault is Fault.RESET:
            _reset(client)
            return
        encoded = answer_head.encode()
        if fault is Fault.CUT_HEADERS:
            status_line, _, _rest = encoded.partition(b"\r\n")
            client.sendall(status_line + b"\r\nContent-Type: applica")
            _close(client)
            return
        if fault is Fault.TRUNCATE:
            # Half the body, under the full Content-Length: the client can tell it was cut. A
            # bodiless answer is cut inside its status line (CUT_HEADERS is the other case).
            cut = encoded + answer_body[: len(answer_body) // 2] if answer_body else encoded[:5]
            client.sendall(cut)
            _close(client)
            return
        client.sendall(encoded + answer_body)
        _close(client)

    def _forward(self, method: str, head: _Head, body: bytes) -> tuple[_Head, bytes]:
        """Send the request to the portal on a new connection; its whole answer."""
        with socket.create_connection(self.upstream, timeout=self.io_timeout) as upstream:
            upstream.sendall(head.encode() + body)
            with upstream.makefile("rb") as ufile:
                while True:
                    answer = _read_head(ufile)
                    if answer is None:
                        raise ProtocolError("the portal closed without answering")
                    status = _status_of(answer)
                    if status >= 200 or status == 101:
                        break  # 1xx interim answers are not passed on
                if method == "HEAD" or status in (204, 304) or status < 200:
                    return answer, b""
                return answer, _read_body(ufile, answer, until_close=True)
