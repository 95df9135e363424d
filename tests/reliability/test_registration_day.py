"""Registration day: hundreds of families at once on the same popular classes, and the portal's
admission limit on sign-ins, cart adds, checkouts and payments (portal/api/overload.py).

The big test runs 200 client threads against a real portal on loopback (the kiosk's own
PortalClient and CartService, which retry 429 honouring Retry-After): each logs in, adds one of
three popular classes to its cart and checks out, all starting together, while the database
is held for a moment (as a slow disk or a long report would) so that the rush backs up. No
seat may be sold twice (checked in the portal's database), every family ends enrolled or with
a sentence, and the portal answers the overflow with 429, the sentence and Retry-After instead
of leaving requests to time out.

The kiosk tests overload a portal with one slot: a checkout retries after Retry-After and goes
through once the load clears; when it gives up, the error it shows is the portal's sentence.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from kiosk.api.client import PortalClient
from kiosk.api.errors import PortalError, PortalUnavailable, RateLimited, ServerError
from kiosk.cache.db import open_cache
from kiosk.cart import BookingRefused, CartService
from kiosk.outbox import OutboxSender, SavedForLater
from kiosk.payments import PaymentMethod, PaymentService
from portal.api.overload import OVERLOADED_MESSAGE
from portal.core.security import hash_password
from portal.models import (
    ClassOffering,
    Enrollment,
    Family,
    Guardian,
    Order,
    Organisation,
    Student,
    guardian_families,
)
from portal.services import accounts
from tests.clock_helpers import born, card_expiry_year
from tests.reliability.harness import (
    PASSWORD,
    VISA,
    close_cache,
    create_families,
    deliver_pending,
    kiosk_client,
    outbox_items,
)
from tests.reliability.overload import (
    AGE_YEARS,
    SQLITE_SAFE_HOLD_SECONDS,
    database_held,
    overloaded,
    popular_classes,
    restart_with,
)
from tests.reliability.recorder import record

READY_SECONDS = 600  # 600 Argon2 sign-ins on a busy 2-core machine
CARD = {
    "type": "card",
    "number": VISA,
    "expMonth": 12,
    "expYear": card_expiry_year(),
    "cvv": "123",
    "zip": "62704",
    "holderName": "Rush Tester",
}


# ----- the portal side --------------------------------------------------------------------------


@dataclass(frozen=True)
class Household:
    email: str
    family_id: int
    student_id: int


def households(portal: Any, count: int) -> list[Household]:
    """`count` families (one 9-year-old each) straight in the portal's database, all with the
    same password (hashed once: 200 hashes would take longer than the rush itself)."""
    password_hash = hash_password(PASSWORD)
    birth_date = born(AGE_YEARS, days=150)
    made = []
    with portal.session_factory.begin() as session:
        org_id = session.scalars(select(Organisation.id)).one()
        for n in range(count):
            slug = f"rush{n}.{uuid.uuid4().hex[:6]}"
            guardian = Guardian(
                organisation_id=org_id,
                first_name="Pat",
                last_name=f"Rush{n}",
                email=f"{slug}@example.com",
                password_hash=password_hash,
            )
            family = Family(
                organisation_id=org_id,
                name=f"Rush{n}",
                students=[
                    Student(
                        organisation_id=org_id,
                        first_name="Kid",
                        last_name=f"Rush{n}",
                        birth_date=birth_date,
                    )
                ],
            )
            session.add_all([guardian, family])
            session.flush()
            session.execute(
                guardian_families.insert().values(
                    guardian_id=guardian.id, family_id=family.id, is_primary=True
                )
            )
            accounts.accept_required_policies(session, family, guardian.id)
            made.append(Household(guardian.email, family.id, family.students[0].id))
    return made


# ----- the families' side ----------------------------------------------------------------------


@dataclass
class Tally:
    """Every answer any client got, counted as it arrives (a requests response hook)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter[int] = field(default_factory=Counter)
    unclear_429s: list[str] = field(default_factory=list)
    throttled: threading.Condition = field(default_factory=threading.Condition)

    def hook(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        status = response.status_code
        with self.lock:
            self.statuses[status] += 1
        if status == 429:
            try:
                message = response.json().get("message")
            except ValueError:
                message = None
            if message != OVERLOADED_MESSAGE or not response.headers.get("Retry-After"):
                with self.lock:
                    self.unclear_429s.append(f"{message!r} {response.headers!r}")
            with self.throttled:
                self.throttled.notify_all()

    def count(self, status: int) -> int:
        with self.lock:
            return self.statuses[status]


def rush_client(url: str, account: str, tally: Tally, device: str) -> PortalClient:
    """The kiosk's client as a busy family's phone or kiosk would run it: retries 429 and 5xx
    after Retry-After (at least), backoff capped at 2 s so that the test ends."""
    http = requests.Session()
    http.hooks["response"].append(tally.hook)
    return PortalClient(
        url,
        account,
        timeout=20,
        max_retries=25,
        backoff_base=0.25,
        backoff_cap=2.0,
        session=http,
        device_id=device,
    )


class StartingLine:
    """Where the families gather before registration opens. Each reports once, signed in or
    not, so that one family that could not sign in does not hold (or, like a Barrier that times
    out, break) the start for everyone else."""

    def __init__(self, families: int) -> None:
        self.still_coming = families
        self.changed = threading.Condition()

    def arrived(self) -> None:
        with self.changed:
            self.still_coming -= 1
            self.changed.notify_all()

    def everyone_arrived(self, timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.still_coming == 0, timeout=timeout)


def patiently(call: Callable[[], Any]) -> Any:
    """A parent keeps tapping (Log In, Add to Cart, Pay) while the portal says it is busy: on a
    loaded machine a request can be turned away more times than the client's own retries cover,
    and a family that gave up would leave a seat unsold that the test expects to be sold."""
    deadline = time.monotonic() + READY_SECONDS
    while True:
        try:
            return call()
        except RateLimited:
            if time.monotonic() >= deadline:
                raise


@dataclass
class Outcome:
    student_id: int
    class_id: int
    result: str = "not started"  # enrolled | full | busy | error
    message: str = ""


def family_at_the_kiosk(
    url: str,
    account: str,
    family: Household,
    class_id: int,
    tally: Tally,
    line: StartingLine,
    go: threading.Event,
    outcome: Outcome,
) -> None:
    client = rush_client(url, account, tally, f"rush-{family.family_id}")
    try:
        try:
            signed_in = patiently(
                lambda: client.login(family.email, PASSWORD, f"rush-{family.family_id}")
            )
            token = str(signed_in["token"])
            card = patiently(lambda: client.tokenize(dict(CARD), token=token))
            cart = CartService(client, lambda: token)
            outcome.result = "ready"
        except Exception as exc:  # said before the start goes on without this family
            outcome.message = f"signing in: {type(exc).__name__}: {exc}"
            raise
        finally:
            line.arrived()
        go.wait(timeout=READY_SECONDS)
        try:
            # A parent told "busy" taps again while there may be seats; each step on its own,
            # so that a class already in the cart is not added twice.
            patiently(
                lambda: cart.add(
                    {"kind": "class", "classId": class_id, "studentId": family.student_id}
                )
            )
            order = patiently(
                lambda: cart.checkout({"token": card["token"], "applyCreditCents": 0})
            )
        except BookingRefused as exc:  # full, or the seat went while paying
            outcome.result, outcome.message = "full", exc.message
            return
        except RateLimited as exc:  # still turned away after READY_SECONDS of trying
            outcome.result, outcome.message = "busy", exc.message
            return
        lines = [line.result for line in order.lines]
        outcome.result = "enrolled" if order.status == "confirmed" else f"order {order.status}"
        outcome.message = ",".join(lines)
    except (PortalUnavailable, ServerError) as exc:
        outcome.result, outcome.message = "error", f"{type(exc).__name__}: {exc.message}"
    except PortalError as exc:
        outcome.result, outcome.message = "error", f"{type(exc).__name__}: {exc}"
    finally:
        client.close()


@pytest.mark.parametrize(
    ("families", "slots", "wait"),
    # make test: few slots and a short wait, so that 200 families are sure to overflow them.
    # make soak: three times the families on the default slots and wait.
    [(200, 4, 0.25), pytest.param(600, 8, 2.0, marks=pytest.mark.slow)],
    ids=["200-families", "600-families"],
)
def test_registration_day_sells_every_seat_once_and_turns_the_rush_away_politely(
    portal, families, slots, wait
):
    started = time.monotonic()
    seats_each = families // 5  # 3 classes: 60 % of the families can get a seat
    restart_with(
        portal, overload_slots=slots, overload_wait_seconds=wait, overload_retry_after_seconds=1
    )
    capacity = popular_classes(portal, 3, seats_each)
    class_ids = sorted(capacity)
    with portal.session_factory() as session:
        before = {c: session.get(ClassOffering, c).enrolled for c in class_ids}
    people = households(portal, families)
    tally = Tally()
    line, go = StartingLine(families), threading.Event()
    outcomes = [Outcome(f.student_id, class_ids[n % 3]) for n, f in enumerate(people)]
    threads = [
        threading.Thread(
            target=family_at_the_kiosk,
            args=(portal.url, portal.account, f, o.class_id, tally, line, go, o),
            daemon=True,
        )
        for f, o in zip(people, outcomes, strict=True)
    ]
    for thread in threads:
        thread.start()
    if not line.everyone_arrived(timeout=READY_SECONDS):  # everyone signed in, a card ready
        go.set()
        pytest.fail("some families were still signing in after READY_SECONDS")
    not_signed_in = [o.message for o in outcomes if o.result != "ready"]
    if not_signed_in:
        go.set()
        pytest.fail(f"{len(not_signed_in)} families could not sign in: {not_signed_in[:5]}")
    # Registration opens: everyone taps at once while the database is busy for a moment.
    signing_in_429s = tally.count(429)  # the sign-in gate turned some away already
    with database_held(portal):
        go.set()
        rush_started = time.monotonic()
        with tally.throttled:
            tally.throttled.wait_for(
                lambda: tally.count(429) - signing_in_429s >= families // 2,
                timeout=SQLITE_SAFE_HOLD_SECONDS,
            )
    for thread in threads:
        thread.join(timeout=300)
    rush_seconds = time.monotonic() - rush_started
    assert not any(thread.is_alive() for thread in threads), "a family is still waiting"

    results = Counter(o.result for o in outcomes)
    with portal.session_factory() as session:
        enrolled_rows = session.execute(
            select(Enrollment.student_id, Enrollment.class_id).where(
                Enrollment.class_id.in_(class_ids), Enrollment.status == "enrolled"
            )
        ).all()
        counters = {c: session.get(ClassOffering, c) for c in class_ids}
        counted = {c: (cls.enrolled, cls.capacity, cls.held_seats) for c, cls in counters.items()}
        orders = session.scalar(
            select(func.count())
            .select_from(Order)
            .where(Order.family_id.in_([f.family_id for f in people]))
        )
    ours = {o.student_id for o in outcomes}
    per_class = Counter(c for s, c in enrolled_rows if s in ours)
    enrolled_students = Counter(s for s, _ in enrolled_rows if s in ours)
    duplicates = sum(n - 1 for n in enrolled_students.values())
    oversold = sum(max(0, enrolled - cap) for enrolled, cap, _ in counted.values())
    told_enrolled = {o.student_id for o in outcomes if o.result == "enrolled"}
    mismatched = told_enrolled ^ set(enrolled_students)
    server_errors = sum(n for status, n in tally.statuses.items() if status >= 500)
    record(
        f"registration day, {families} families",
        operations=sum(tally.statuses.values()),
        duplicates=duplicates,
        losses=len(told_enrolled - set(enrolled_students)),
        server_errors=server_errors,
        oversold=oversold,
        throttled=tally.count(429),
        note=f"{families} families, 3 classes x {seats_each} seats: "
        + ", ".join(f"{k} {v}" for k, v in sorted(results.items()))
        + f"; {orders} orders; 429s {signing_in_429s} signing in, "
        + f"{tally.count(429) - signing_in_429s} booking; rush {rush_seconds:.1f} s, "
        + f"all {time.monotonic() - started:.1f} s",
    )

    errors = [o.message for o in outcomes if o.result not in ("enrolled", "full", "busy")]
    assert errors == []
    assert server_errors == 0 and tally.unclear_429s == []
    assert tally.count(429) > 0  # the rush was turned away, not queued until it timed out
    assert oversold == 0 and duplicates == 0 and mismatched == set()
    for class_id, (enrolled, cap, _held) in counted.items():
        assert enrolled - before[class_id] == per_class[class_id]
        assert enrolled <= cap
    assert all(o.message for o in outcomes if o.result in ("full", "busy"))
    assert all(o.message == OVERLOADED_MESSAGE for o in outcomes if o.result == "busy")
    # Every seat went to someone (or is still held in the cart of a family that gave up).
    holds_left = sum(held for _, _, held in counted.values())
    assert len(told_enrolled) + holds_left == 3 * seats_each
    assert orders == len(told_enrolled)


# ----- the kiosk during an overload --------------------------------------------------------------


class BackoffHook(PortalClient):
    """A kiosk's PortalClient whose waits are instant; `on_wait` runs at each one."""

    def __init__(self, *args: Any, on_wait: Callable[[float], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.waits: list[float] = []
        self.on_wait = on_wait

    def _sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.on_wait(seconds)


@pytest.fixture
def shopper(portal: Any) -> Iterator[tuple[Any, dict[str, Any], int]]:
    """A family with a class in its cart and a card: (family, card body for checkout, class)."""
    restart_with(
        portal, overload_slots=1, overload_wait_seconds=0.05, overload_retry_after_seconds=1
    )
    class_id = next(iter(popular_classes(portal, 1, 5)))
    with kiosk_client(portal.url, portal.account) as direct:
        family, other = create_families(direct, 2, tag="busy")
    with kiosk_client(portal.url, portal.account) as client:
        token = str(client.login(family.email, PASSWORD)["token"])
        (student_id,) = family.students
        CartService(client, lambda: token).add(
            {"kind": "class", "classId": class_id, "studentId": student_id}
        )
        card = client.tokenize(dict(CARD), token=token)
        yield (family, other), {"token": card["token"], "applyCreditCents": 0}, class_id


def _orders(portal: Any, family_id: int) -> int:
    with portal.session_factory() as session:
        query = select(func.count()).select_from(Order).where(Order.family_id == family_id)
        return int(session.scalar(query) or 0)


def _enrolled(portal: Any, student_id: int, class_id: int) -> int:
    with portal.session_factory() as session:
        query = (
            select(func.count())
            .select_from(Enrollment)
            .where(
                Enrollment.student_id == student_id,
                Enrollment.class_id == class_id,
                Enrollment.status == "enrolled",
            )
        )
        return int(session.scalar(query) or 0)


def test_a_kiosk_checkout_during_an_overload_goes_through_once_the_load_clears(portal, shopper):
    (family, other), payment, class_id = shopper
    (student_id,) = family.students
    seen: Counter[int] = Counter()
    http = requests.Session()
    http.hooks["response"].append(lambda answer, *a, **k: seen.update([answer.status_code]))
    clear: list[Callable[[], None]] = []
    client = BackoffHook(
        portal.url, portal.account, max_retries=3, session=http, on_wait=lambda _s: clear[0]()
    )
    with client:
        token = str(client.login(family.email, PASSWORD)["token"])  # signing in writes
        with overloaded(portal, other, class_id) as load:
            clear.append(load.clear)  # the rush is over by the time the kiosk tries again
            order = CartService(client, lambda: token).checkout(payment)
    assert seen[429] == 1 and seen[200] == 2  # the login; turned away once; the checkout
    assert client.waits and client.waits[0] >= 1.0  # it waited Retry-After, not less
    assert order.status == "confirmed" and [line.result for line in order.lines] == ["enrolled"]
    assert _enrolled(portal, student_id, class_id) == 1 and _orders(portal, family.family_id) == 1


def test_a_kiosk_that_gives_up_during_an_overload_says_the_portals_sentence(portal, shopper):
    (family, other), payment, class_id = shopper
    (student_id,) = family.students
    client = BackoffHook(portal.url, portal.account, max_retries=2, on_wait=lambda _s: None)
    with client:
        token = str(client.login(family.email, PASSWORD)["token"])
        with overloaded(portal, other, class_id), pytest.raises(RateLimited) as busy:
            CartService(client, lambda: token).checkout(payment)
    assert busy.value.message == OVERLOADED_MESSAGE  # what the cart screen shows
    assert busy.value.retry_after == 1.0 and len(client.waits) == 2
    assert _orders(portal, family.family_id) == 0  # turned away before anything was done
    with kiosk_client(portal.url, portal.account) as client:
        token = str(client.login(family.email, PASSWORD)["token"])
        assert CartService(client, lambda: token).checkout(payment).status == "confirmed"
    assert _enrolled(portal, student_id, class_id) == 1


def test_a_paid_checkout_the_kiosk_gave_up_on_is_finished_once_after_the_overload(
    portal, shopper, tmp_path
):
    (family, other), payment, class_id = shopper
    (student_id,) = family.students
    cache = open_cache(tmp_path / "kiosk" / "kiosk-cache.sqlite3")
    method = PaymentMethod(token=str(payment["token"]), type="card", brand="Visa", last4="4242")
    client = BackoffHook(portal.url, portal.account, max_retries=2, on_wait=lambda _s: None)
    with client:
        token = str(client.login(family.email, PASSWORD)["token"])
        payments = PaymentService(client, OutboxSender(client, cache), token=lambda: token)
        with overloaded(portal, other, class_id), pytest.raises(PortalError) as gave_up:
            payments.checkout(0, method)
    assert isinstance(gave_up.value, PortalUnavailable)  # "saved, it will be sent"
    assert _orders(portal, family.family_id) == 0
    (item,) = outbox_items(cache)
    assert item.state == "pending"
    (delivery,) = deliver_pending(portal.url, portal.account, cache)  # the next sync
    assert delivery.ok and token
    assert _enrolled(portal, student_id, class_id) == 1 and _orders(portal, family.family_id) == 1
    assert deliver_pending(portal.url, portal.account, cache) == []
    close_cache(cache)


def test_a_paid_checkout_that_gives_up_during_an_overload_says_the_portals_sentence(
    portal, shopper, tmp_path
):
    (family, other), payment, class_id = shopper
    cache = open_cache(tmp_path / "kiosk" / "kiosk-cache.sqlite3")
    method = PaymentMethod(token=str(payment["token"]), type="card", brand="Visa", last4="4242")
    client = BackoffHook(portal.url, portal.account, max_retries=2, on_wait=lambda _s: None)
    try:
        with client:
            token = str(client.login(family.email, PASSWORD)["token"])
            payments = PaymentService(client, OutboxSender(client, cache), token=lambda: token)
            with overloaded(portal, other, class_id), pytest.raises(PortalError) as gave_up:
                payments.checkout(0, method)
        # The portal's sentence, and the payment kept to go through by itself exactly once.
        assert gave_up.value.message == OVERLOADED_MESSAGE
        assert isinstance(gave_up.value, SavedForLater) and gave_up.value.overloaded
        assert [item.state for item in outbox_items(cache)] == ["pending"]
    finally:
        close_cache(cache)


def test_no_database_connection_free_is_answered_429_with_the_sentence(portal):
    """Every pooled database connection busy for longer than the pool waits: the portal says
    the overload sentence with Retry-After (the kiosk's retry path) instead of a 500."""
    from portal.core.db import make_engine, make_session_factory

    small = make_engine(portal.database_url, pool_size=1, max_overflow=0, pool_timeout=0.2)
    portal.stop()
    portal.session_factory = make_session_factory(small)
    portal.start()
    url = f"{portal.url}/api/v1/{portal.account}/sync/changes?after=0&limit=1"
    try:
        with small.connect():  # the only connection, held as a long request would
            held = requests.get(url, timeout=10)
        assert held.status_code == 429
        assert held.json()["message"] == OVERLOADED_MESSAGE
        assert int(held.headers["Retry-After"]) >= 1
        assert requests.get(url, timeout=10).status_code == 200  # free again: served
    finally:
        portal.stop()
        small.dispose()
