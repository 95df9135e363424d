"""Overloading a real portal on purpose: its admission limit set small, the database held (as
a long transaction elsewhere would), a blocked request holding the one slot."""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import requests
from sqlalchemy import select

from portal.models import ClassOffering, Organisation
from portal.services.locks import lock_organisation
from tests.reliability.harness import PASSWORD, kiosk_client

# Longest the test holds the database (the portal's SQLite busy timeout is 10 s: a request
# that waited longer would fail).
SQLITE_SAFE_HOLD_SECONDS = 8.0
AGE_YEARS = 9


def restart_with(portal: Any, **settings: Any) -> None:
    """The same portal (same port and database) with other PortalSettings."""
    portal.stop()
    portal.settings_overrides.update(settings)
    portal.start()


@contextlib.contextmanager
def database_held(portal: Any) -> Iterator[None]:
    """Hold the booking lock (SQLite's write lock; the organisation row on PostgreSQL), as a
    long transaction elsewhere would: every cart add and checkout waits for it."""
    with portal.session_factory() as session:
        org_id = session.scalars(select(Organisation.id)).one()
        lock_organisation(session, org_id)
        try:
            yield
        finally:
            session.rollback()


def wait_until_full(portal: Any, account: str) -> int:
    """Probe a limited route until the portal answers 429 (every slot taken); the count."""
    url = f"{portal.url}/api/v1/{account}/family/cart/checkout"
    deadline = time.monotonic() + 10
    probes = 0
    with requests.Session() as http:
        while time.monotonic() < deadline:
            probes += 1
            answer = http.post(url, json={}, timeout=10)
            if answer.status_code == 429:
                return probes
            assert answer.status_code == 401, answer.text  # a free slot: refused for no token
    raise AssertionError("the portal never filled up")


def popular_classes(
    portal: Any, count: int, seats_each: int, exclude: tuple[int, ...] = ()
) -> dict[int, int]:
    """`count` classes for 9-year-olds with exactly `seats_each` free seats and no waitlist;
    class id -> capacity."""
    months = AGE_YEARS * 12 + 5
    with portal.session_factory.begin() as session:
        rows = session.scalars(
            select(ClassOffering)
            .where(
                ClassOffering.active.is_(True),
                ClassOffering.allow_web_registration.is_(True),
                ClassOffering.min_age_months <= months,
                ClassOffering.max_age_months >= months,
                ClassOffering.id.not_in(exclude),
            )
            .order_by(ClassOffering.id)
        ).all()[:count]
        assert len(rows) == count
        for cls in rows:
            cls.capacity = cls.enrolled + cls.held_seats + seats_each
            cls.allow_waitlist = False
        return {cls.id: cls.capacity for cls in rows}


@dataclass
class Overload:
    """A one-slot portal, the database held, a blocked cart add holding the slot."""

    portal: Any
    release: threading.Event
    blocker: threading.Thread
    probes: int = 0

    def clear(self) -> None:
        self.release.set()
        self.blocker.join(timeout=15)
        assert not self.blocker.is_alive()


@contextlib.contextmanager
def overloaded(portal: Any, other: Any, class_id: int) -> Iterator[Overload]:
    """Another family's cart add takes the one slot and waits for the held database."""
    release = threading.Event()
    with kiosk_client(portal.url, portal.account) as client:
        token = str(client.login(other.email, PASSWORD)["token"])
    (student_id,) = other.students
    item = {"kind": "class", "classId": class_id, "studentId": student_id}
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())}
    url = f"{portal.url}/api/v1/{portal.account}/family/cart/items"
    answers: list[int] = []

    def add() -> None:
        # Until it has the slot: a probe may have had it for the 50 ms this one waited.
        with requests.Session() as http:
            while not release.is_set():
                answer = http.post(url, json=item, headers=headers, timeout=30)
                if answer.status_code != 429:
                    answers.append(answer.status_code)
                    return

    blocker = threading.Thread(target=add, daemon=True)
    with contextlib.ExitStack() as stack:
        stack.callback(release.set)
        started = threading.Event()
        held = threading.Thread(target=_hold, args=(portal, release, started), daemon=True)
        held.start()
        assert started.wait(10)
        blocker.start()
        state = Overload(portal, release, blocker)
        state.probes = wait_until_full(portal, portal.account)
        yield state
        state.clear()
        held.join(timeout=15)
        assert answers == [201]  # the blocked add went through once the database was free


def _hold(portal: Any, release: threading.Event, started: threading.Event) -> None:
    with database_held(portal):
        started.set()
        release.wait(SQLITE_SAFE_HOLD_SECONDS)
