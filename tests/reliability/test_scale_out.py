"""Scale-out: `python -m portal --workers 2` on PostgreSQL, many families at once through the
kiosk's own PortalClient and CartService. Every seat is sold once, every family that was told
"enrolled" has exactly one order, a checkout sent again with its Idempotency-Key to the other
worker is replayed (not booked again), and both workers served the families' calls.

Runs only with PORTAL_TEST_DATABASE_URL (SQLite serves one process; `--workers 2` on SQLite is
refused, tested here too).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from kiosk.api.client import PortalClient
from kiosk.cart import BookingRefused, CartService
from portal.__main__ import SQLITE_ONE_WORKER
from portal.core.db import current_revision, head_revision, make_engine, migrate
from portal.core.security import SECRET_KEY_ENV
from portal.models import ClassOffering, Enrollment, Order
from portal.services.idempotency import REPLAYED_HEADER
from tests.conftest import PG_ENV
from tests.ports import unused_port
from tests.reliability.overload import popular_classes
from tests.reliability.test_registration_day import CARD, PASSWORD, Household, households

FAMILIES = 40
SEATS_EACH = 8  # two classes: 16 seats for 40 families
WORKER_HEADER = "X-Portal-Worker"
CHECKOUT_PATH = "/family/cart/checkout"
REPLAY_TRIES = 20  # fresh connections per family until one reaches the other worker

needs_postgres = pytest.mark.skipif(
    not os.environ.get(PG_ENV, "").strip(), reason=f"{PG_ENV} is not set (PostgreSQL only)"
)


@dataclass(frozen=True)
class Checkout:
    body: str
    token: str
    worker: str
    order_id: int


@dataclass
class Served:
    """Which worker answered what (a requests response hook on every client)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    workers: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    replayed: int = 0
    checkouts: dict[str, Checkout] = field(default_factory=dict)  # by Idempotency-Key

    def hook(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        worker = response.headers.get(WORKER_HEADER, "")
        request = response.request
        with self.lock:
            self.workers[worker] += 1
            self.statuses[response.status_code] += 1
            self.replayed += response.headers.get(REPLAYED_HEADER) == "true"
            key = request.headers.get("Idempotency-Key")
            path = request.path_url or ""
            if key and path.endswith(CHECKOUT_PATH) and response.status_code == 200:
                body = request.body
                self.checkouts.setdefault(
                    key,
                    Checkout(
                        body=body.decode() if isinstance(body, bytes) else str(body),
                        token=str(request.headers["Authorization"]).removeprefix("Bearer "),
                        worker=worker,
                        order_id=int(response.json()["orderId"]),
                    ),
                )


def client_for(url: str, served: Served, device: str) -> PortalClient:
    http = requests.Session()
    http.hooks["response"].append(served.hook)
    return PortalClient(
        url,
        "demo",
        timeout=30,
        max_retries=25,
        backoff_base=0.25,
        backoff_cap=2.0,
        session=http,
        device_id=device,
    )


class WorkersPortal:
    """`python -m portal --workers 2` as a process of its own, stopped with its workers."""

    def __init__(self, database_url: str, workers: int) -> None:
        self.port = unused_port()
        env = dict(os.environ)
        env[SECRET_KEY_ENV] = "scale-out-test-secret-key-scale-out-test-secret-key"
        env["PORTAL_WORKER_HEADER"] = "1"
        self.stderr: list[str] = []
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "portal",
                "--workers",
                str(workers),
                "--port",
                str(self.port),
                "--database",
                database_url,
                "--log-level",
                "info",
            ],
            env=env,
            stdout=subprocess.DEVNULL,  # the access log
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stderr is not None
        started, listening = 0, False
        for line in self.process.stderr:  # each worker says it is ready; the socket is bound
            self.stderr.append(line)
            started += "Application startup complete" in line
            listening = listening or "Uvicorn running on" in line
            if started == workers and listening:
                break
        if started < workers or not listening:
            self.stop()
            raise AssertionError("the workers did not start:\n" + "".join(self.stderr))
        # Keep reading, so that a full pipe never blocks a worker that logs.
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()  # uvicorn's parent stops its workers on SIGTERM
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def two_workers(portal: Any) -> Iterator[WorkersPortal]:
    """The test's PostgreSQL database served by two worker processes (the embedded portal the
    `portal` fixture started is stopped; its session factory still reaches the database)."""
    portal.stop()
    served = WorkersPortal(portal.database_url, workers=2)
    try:
        yield served
    finally:
        served.stop()


@dataclass
class Outcome:
    family: Household
    class_id: int
    result: str = "not started"
    order_id: int = 0
    message: str = ""


def shop(url: str, outcome: Outcome, served: Served, go: threading.Barrier) -> None:
    family = outcome.family
    client = client_for(url, served, f"scale-{family.family_id}")
    try:
        signed_in = client.login(family.email, PASSWORD, f"scale-{family.family_id}")
        token = str(signed_in["token"])
        card = client.tokenize(dict(CARD), token=token)
        cart = CartService(client, lambda: token)
        go.wait(timeout=600)
        cart.add({"kind": "class", "classId": outcome.class_id, "studentId": family.student_id})
        order = cart.checkout({"token": card["token"], "applyCreditCents": 0})
        outcome.result = "enrolled" if order.status == "confirmed" else f"order {order.status}"
        outcome.order_id = order.order_id
    except BookingRefused as exc:
        outcome.result, outcome.message = "full", exc.message
    except Exception as exc:  # reported by the assertions below
        outcome.result, outcome.message = "error", f"{type(exc).__name__}: {exc}"
    finally:
        client.close()


@needs_postgres
def test_two_workers_on_postgresql_sell_each_seat_once_and_book_each_order_once(
    portal, two_workers
):
    capacity = popular_classes(portal, 2, SEATS_EACH)
    class_ids = sorted(capacity)
    with portal.session_factory() as session:
        before = {c: session.get(ClassOffering, c).enrolled for c in class_ids}
    people = households(portal, FAMILIES)
    outcomes = [Outcome(f, class_ids[n % 2]) for n, f in enumerate(people)]
    served = Served()
    go = threading.Barrier(FAMILIES)
    threads = [
        threading.Thread(target=shop, args=(two_workers.url, o, served, go), daemon=True)
        for o in outcomes
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not any(thread.is_alive() for thread in threads), "a family is still waiting"
    assert [o.message for o in outcomes if o.result not in ("enrolled", "full")] == []
    enrolled = [o for o in outcomes if o.result == "enrolled"]
    assert len(enrolled) == 2 * SEATS_EACH  # more families than seats: every seat sold

    # Each checkout again, with its Idempotency-Key, through the kiosk's client on fresh
    # connections until the other worker answers: the stored outcome is replayed there.
    replayed_elsewhere = 0
    for key, first in list(served.checkouts.items()):
        for _ in range(REPLAY_TRIES):
            answers = Served()
            client = client_for(two_workers.url, answers, "scale-replay")
            try:
                again = client.checkout(
                    json.loads(first.body), idempotency_key=key, token=first.token
                )
            finally:
                client.close()
            assert again["orderId"] == first.order_id
            (worker,) = answers.workers
            assert answers.replayed == 1
            if worker != first.worker:
                replayed_elsewhere += 1
                break
    assert replayed_elsewhere > len(served.checkouts) // 2, "replays never reached the other worker"

    with portal.session_factory() as session:
        rows = session.execute(
            select(Enrollment.student_id, Enrollment.class_id).where(
                Enrollment.class_id.in_(class_ids), Enrollment.status == "enrolled"
            )
        ).all()
        counted = {c: session.get(ClassOffering, c) for c in class_ids}
        orders = Counter(
            session.scalars(
                select(Order.family_id).where(Order.family_id.in_([p.family_id for p in people]))
            ).all()
        )
        order_count = session.scalar(select(func.count()).select_from(Order))
    ours = {p.student_id for p in people}
    per_student = Counter(s for s, _ in rows if s in ours)
    assert all(n == 1 for n in per_student.values())  # nobody enrolled twice
    assert {o.family.student_id for o in enrolled} == set(per_student)
    assert all(orders[o.family.family_id] == 1 for o in enrolled)  # exactly one order each
    assert sum(orders.values()) == len(enrolled) and order_count is not None
    for class_id, cls in counted.items():
        assert cls.enrolled <= cls.capacity  # no seat oversold
        assert cls.enrolled - before[class_id] == sum(
            1 for s, c in rows if c == class_id and s in ours
        )
    assert served.statuses[500] == 0
    workers = {w for w in served.workers if w}
    assert len(workers) == 2, f"one worker served everything: {served.workers}"


def test_several_workers_on_sqlite_are_refused_with_one_sentence(tmp_path):
    finished = subprocess.run(
        [
            sys.executable,
            "-m",
            "portal",
            "--workers",
            "2",
            "--demo",
            "--database",
            f"sqlite:///{tmp_path / 'portal.db'}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 2
    assert finished.stderr.strip() == SQLITE_ONE_WORKER
    assert not (tmp_path / "portal.db").exists()  # refused before touching the database


@needs_postgres
def test_hosts_started_together_migrate_a_new_postgresql_database_once():
    server_url = os.environ[PG_ENV].strip()
    name = f"scale_migrate_{uuid.uuid4().hex[:10]}"
    # Three hosts that start at the same moment on a new database.
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    failures: list[str] = []
    go = threading.Barrier(3)

    def host_starts() -> None:
        engine = make_engine(url)
        try:
            go.wait(timeout=60)
            migrate(engine)
        except Exception as exc:  # what a host that lost the race would die of
            failures.append(f"{type(exc).__name__}: {exc}")
        finally:
            engine.dispose()

    try:
        hosts = [threading.Thread(target=host_starts, daemon=True) for _ in range(3)]
        for host in hosts:
            host.start()
        for host in hosts:
            host.join(timeout=120)
        assert not any(host.is_alive() for host in hosts), "the hosts wait for each other"
        assert failures == []
        engine = make_engine(url)
        try:
            assert current_revision(engine) == head_revision()
        finally:
            engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
