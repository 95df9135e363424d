"""Exactly once through a faulty network: payments, a kiosk that dies mid-payment, checkouts,
and the catalog sync.

A seeded FaultProxy sits between the real kiosk core (PortalClient, OutboxSender,
PaymentService, CartService, CatalogSync) and a real demo portal, and breaks connections:
requests dropped, answers dropped after the portal did the work, resets, cut bodies, 500s and
429s. The kiosk retries with the same Idempotency-Key; when it gives up, the action waits in
its outbox and `deliver_pending()` finishes it, as the kiosk does at its next sync. The checks
are made on the portal's database: every action happened once, none twice, none lost.
Each test prints its figures (run with `-s` to see them).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import random
import selectors
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.api.errors import PortalError, PortalUnavailable
from kiosk.cache.db import open_cache
from kiosk.cache.models import CachedClass, CatalogRecord, MediaFile, SyncState
from kiosk.cart import BookingRefused, CartService
from kiosk.outbox import OutboxSender
from kiosk.payments import PaymentDeclined, PaymentMethod, PaymentService, Receipt
from kiosk.sync.catalog import CatalogSync
from portal.models import (
    CartItem,
    Charge,
    ClassOffering,
    Enrollment,
    News,
    Order,
    OrderItem,
    Payment,
    PaymentAllocation,
)
from tests.clock_helpers import card_expiry_year
from tests.reliability.fault_proxy import NO_FAULTS, Fault, FaultProxy, Gate, Plan
from tests.reliability.harness import (
    VISA,
    InstantClient,
    add_charges,
    again,
    card,
    close_cache,
    create_families,
    deliver_pending,
    integrity,
    kiosk_client,
    log_in,
    outbox_items,
    token_of,
)
from tests.reliability.recorder import record

ROOT = Path(__file__).resolve().parents[2]
SEED = 202411
# Three attempts (a client with 2 retries): the portal does the work but the answer is lost,
# then the replay's answer is cut, then a 500. The client gives up on an action that happened.
LOST_AFTER_THE_PORTAL_DID_IT = (
    Plan(Fault.DROP_RESPONSE),
    Plan(Fault.TRUNCATE),
    Plan(Fault.ERROR_500),
)


def report(title: str, *lines: str, **figures: int) -> None:
    """Print the run's lines; its figures also go to the end-of-run summary."""
    print(f"\n== reliability: {title}")
    for line in lines:
        print(f"   {line}")
    record(title, **figures)


def network_figures(snapshot: dict[str, Any]) -> dict[str, int]:
    """A FaultProxy snapshot as recorder figures."""
    faults = snapshot["faults"]
    return {
        "faults": sum(n for kind, n in faults.items() if kind != Fault.PASS),
        "server_errors": int(snapshot["5xx_from_portal"]),
        "throttled": int(faults[Fault.ERROR_429]),
    }


def payments_of(portal: Any, charge_id: int) -> list[Payment]:
    with portal.session_factory() as session:
        return list(
            session.scalars(
                select(Payment)
                .join(PaymentAllocation, PaymentAllocation.payment_id == Payment.id)
                .where(PaymentAllocation.charge_id == charge_id)
            )
        )


# ----- 1. payments ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "operations", [200, pytest.param(5000, marks=pytest.mark.slow)], ids=lambda n: f"{n}-payments"
)
def test_payments_through_a_faulty_network_happen_exactly_once(portal, tmp_path, operations):
    started = time.monotonic()
    rng = random.Random(SEED)
    per_family = 50
    with kiosk_client(portal.url, portal.account) as direct:
        families = create_families(direct, math.ceil(operations / per_family))
    charges = add_charges(portal.session_factory, families, per_family, rng)
    order = sorted(charges)[:operations]
    rng.shuffle(order)
    cache_path = tmp_path / "kiosk" / "kiosk-cache.sqlite3"
    factory = open_cache(cache_path)

    stats: Counter[str] = Counter()
    receipts: dict[int, Receipt] = {}
    finished_later: dict[int, int] = {}  # charge -> paymentId, from deliver_pending
    refused: list[str] = []
    with FaultProxy(portal.url, seed=SEED) as proxy:
        for n, charge_id in enumerate(order):
            family, _cents = charges[charge_id]
            with kiosk_client(proxy.url, portal.account) as client:
                visit = log_in(client, family.email, stats)
                payments = PaymentService(
                    client, OutboxSender(client, factory), token=token_of(visit)
                )
                method = card(payments, stats)
                if n % 25 == 12:
                    proxy.script(*LOST_AFTER_THE_PORTAL_DID_IT)
                try:
                    receipts[charge_id] = payments.pay([charge_id], 0, method)
                except PortalUnavailable:  # the client gave up; the payment waits in the outbox
                    stats["pay gave up"] += 1
                    if payments_of(portal, charge_id):
                        stats["gave up after the portal had paid"] += 1
                    for delivery in deliver_pending(portal.url, portal.account, factory):
                        result = delivery.result or {}
                        if not delivery.ok:
                            refused.append(f"outbox {delivery.key[:8]}: {delivery.error}")
                        for paid in result.get("charges") or []:
                            finished_later[int(paid["id"])] = int(result["paymentId"])
                except (PortalError, PaymentDeclined) as exc:
                    refused.append(f"charge {charge_id}: {type(exc).__name__}: {exc}")
        assert proxy.wait_idle()
        network = proxy.report()
        figures = proxy.snapshot()
    left_over = deliver_pending(portal.url, portal.account, factory)

    family_ids = {f.family_id for f in families}
    with portal.session_factory() as session:
        paid_flags = dict(
            session.execute(
                select(Charge.id, Charge.paid).where(Charge.family_id.in_(family_ids))
            ).all()
        )
        allocations = session.execute(
            select(PaymentAllocation.charge_id, Payment.id, Payment.amount_cents)
            .join(Payment, PaymentAllocation.payment_id == Payment.id)
            .where(Payment.family_id.in_(family_ids))
        ).all()
        payment_rows = session.scalar(
            select(func.count()).select_from(Payment).where(Payment.family_id.in_(family_ids))
        )
    by_charge: dict[int, set[int]] = defaultdict(set)
    for charge_id, payment_id, amount in allocations:
        by_charge[charge_id].add(payment_id)
        assert amount == charges[charge_id][1], f"charge {charge_id} paid {amount}"
    duplicates = sum(len(p) - 1 for p in by_charge.values()) + (
        (payment_rows or 0) - len({p for _, p, _ in allocations})
    )
    lost = [c for c in order if not paid_flags.get(c) or not by_charge.get(c)]
    unasked = [c for c in charges if c not in order and (paid_flags.get(c) or by_charge.get(c))]
    wrong_receipts = [c for c, r in receipts.items() if by_charge.get(c) != {r.payment_id}]
    wrong_receipts += [c for c, p in finished_later.items() if by_charge.get(c) != {p}]
    items = outbox_items(factory)
    unfinished = [i for i in items if i.state != "delivered" or i.payload != "{}"]
    elapsed = time.monotonic() - started
    report(
        f"{operations} payments",
        f"{operations} operations ({len(families)} families) in {elapsed:.1f} s",
        f"receipts at once {len(receipts)}; client gave up {stats['pay gave up']} "
        f"({stats['gave up after the portal had paid']} after the portal had paid), "
        f"finished by deliver_pending {len(finished_later)}",
        f"tried again: login {stats['login tried again']}, "
        f"tokenize {stats['tokenize tried again']}",
        network,
        f"duplicates {duplicates}, losses {len(lost)}, wrong receipts {len(wrong_receipts)}, "
        f"refusals {len(refused)}, outbox items not finished {len(unfinished)}",
        operations=operations,
        duplicates=duplicates,
        losses=len(lost) + len(unfinished),
        **network_figures(figures),
    )

    assert refused == []
    assert left_over == []
    assert duplicates == 0
    assert lost == [] and unasked == []
    assert wrong_receipts == []
    assert len(receipts) + len(finished_later) == operations
    assert len(items) == operations and unfinished == []
    assert integrity(cache_path) == "ok"
    assert figures["5xx_from_portal"] == 0
    # The run really exercised what it claims to: every fault, and the outbox's second chance.
    assert all(figures["faults"][kind.value] > 0 for kind in Fault)  # type: ignore[index]
    assert stats["gave up after the portal had paid"] >= operations // 25


# ----- 2. a kiosk that dies mid-payment ----------------------------------------------------------


class KioskDied(BaseException):
    """The kiosk process ends here: nothing after this point runs, nothing is cleaned up."""


class DiesBeforeRetrying(InstantClient):
    def _sleep(self, seconds: float) -> None:
        raise KioskDied


class DiesBeforeRecording(OutboxSender):
    def _finish(self, item_id: int, state: str, result: dict[str, Any]) -> None:
        raise KioskDied


def _one_charge(portal: Any) -> tuple[int, str, dict[str, Any]]:
    """A new family with one open charge: (charge id, bearer token, payment body)."""
    stats: Counter[str] = Counter()
    with kiosk_client(portal.url, portal.account) as direct:
        (family,) = create_families(direct, 1, tag="crash")
        (charge_id,) = add_charges(portal.session_factory, [family], 1, random.Random(SEED))
        visit = log_in(direct, family.email, stats)
        method = direct.tokenize(
            {"type": "card", "number": VISA, "expMonth": 12, "expYear": card_expiry_year()}
            | {"cvv": "123", "zip": "62704", "holderName": "Kiosk Test"},
            token=visit.token,
        )
        token = visit.token
    assert token
    body = {"chargeIds": [charge_id], "applyCreditCents": 0, "token": method["token"]}
    return charge_id, token, body


def _restart_and_check(portal: Any, cache_path: Path, charge_id: int) -> None:
    """A fresh kiosk on the same SQLite file finishes the item; the payment exists once."""
    restarted = open_cache(cache_path)
    try:
        deliveries = deliver_pending(portal.url, portal.account, restarted)
        assert [d.ok for d in deliveries] == [True]
        (payment,) = payments_of(portal, charge_id)
        with portal.session_factory() as session:
            assert session.get(Charge, charge_id).paid
        assert deliveries[0].result is not None
        assert deliveries[0].result["paymentId"] == payment.id
        (item,) = outbox_items(restarted)
        assert item.state == "delivered" and item.payload == "{}"
        assert json.loads(item.result or "{}")["paymentId"] == payment.id
        assert deliver_pending(portal.url, portal.account, restarted) == []  # nothing twice
        assert len(payments_of(portal, charge_id)) == 1
        assert integrity(cache_path) == "ok"
        record("kiosk died mid-payment, restarted", operations=1, faults=1, duplicates=0, losses=0)
    finally:
        close_cache(restarted)


@pytest.mark.parametrize(
    "moment", ["written, never sent", "sent, answer lost", "answered, never recorded"]
)
def test_a_kiosk_that_dies_mid_payment_finishes_it_once_after_restart(portal, tmp_path, moment):
    charge_id, token, body = _one_charge(portal)
    cache_path = tmp_path / "kiosk" / "kiosk-cache.sqlite3"
    factory = open_cache(cache_path)
    if moment == "written, never sent":
        with kiosk_client(portal.url, portal.account) as client:
            OutboxSender(client, factory).enqueue("payment", "family/payments", body, token)
        expected_state, portal_has_it = "pending", False
    elif moment == "sent, answer lost":
        with FaultProxy(portal.url, seed=SEED, weights=NO_FAULTS) as proxy:
            proxy.script(Plan(Fault.DROP_RESPONSE))
            client = DiesBeforeRetrying(proxy.url, portal.account, max_retries=3)
            with client, pytest.raises(KioskDied):
                OutboxSender(client, factory).send("payment", "family/payments", body, token)
            assert proxy.snapshot()["forwarded"] == 1
        expected_state, portal_has_it = "sending", True
    else:
        client = kiosk_client(portal.url, portal.account)
        with client, pytest.raises(KioskDied):
            DiesBeforeRecording(client, factory).send("payment", "family/payments", body, token)
        expected_state, portal_has_it = "sending", True
    (item,) = outbox_items(factory)
    assert item.state == expected_state
    assert json.loads(item.payload)["token"] == token  # what the restart needs to finish it
    assert len(payments_of(portal, charge_id)) == (1 if portal_has_it else 0)
    close_cache(factory)  # the process is gone
    _restart_and_check(portal, cache_path, charge_id)


def test_a_payment_whose_answer_was_lost_is_not_recorded_as_failed_after_logout(portal, tmp_path):
    charge_id, token, body = _one_charge(portal)
    factory = open_cache(tmp_path / "kiosk" / "kiosk-cache.sqlite3")
    with FaultProxy(portal.url, seed=SEED, weights=NO_FAULTS) as proxy:
        proxy.script(*LOST_AFTER_THE_PORTAL_DID_IT)
        with kiosk_client(proxy.url, portal.account) as client:
            with pytest.raises(PortalUnavailable):  # "Your payment is saved and will be sent"
                PaymentService(client, OutboxSender(client, factory), token=lambda: token).pay(
                    [charge_id], 0, _method(body)
                )
            # The family walks away; FamilySession.end() revokes the token, on a network that
            # works again.
            client.logout(token)
    assert len(payments_of(portal, charge_id)) == 1  # the portal did take the payment
    (delivery,) = deliver_pending(portal.url, portal.account, factory)  # the next sync
    (item,) = outbox_items(factory)
    assert len(payments_of(portal, charge_id)) == 1  # still once
    # The portal answered the stored outcome to the (now revoked) token that made it.
    assert delivery.ok and item.state == "delivered"


def _run_dying_kiosk(
    portal: Any, proxy_url: str, cache_path: Path, token: str, body: dict[str, Any]
) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RELIABILITY_TOKEN": token,
        "RELIABILITY_BODY": json.dumps(body),
    }
    module = "tests.reliability._dying_kiosk"
    return subprocess.Popen(
        [sys.executable, "-m", module, str(cache_path), proxy_url, portal.account],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _kill(child: subprocess.Popen[str]) -> str:
    if child.poll() is None:
        child.send_signal(signal.SIGKILL)
    output, _ = child.communicate(timeout=15)
    return output


@pytest.mark.parametrize(
    "kill_point", ["request held before the portal", "request in flight", "portal answered"]
)
def test_a_kiosk_killed_mid_payment_finishes_it_once_after_restart(portal, tmp_path, kill_point):
    """kill -9 of a real kiosk process while the proxy holds its payment at a known point."""
    charge_id, token, body = _one_charge(portal)
    cache_path = tmp_path / "kiosk" / "kiosk-cache.sqlite3"
    open_cache(cache_path).kw["bind"].dispose()  # the schema exists before the kiosk starts
    gate = Gate()
    plan = {
        "request held before the portal": Plan(Fault.DROP_REQUEST, hold_request=gate),
        "request in flight": Plan(Fault.PASS, hold_request=gate),  # arrives after the kill
        "portal answered": Plan(Fault.PASS, hold_response=gate),
    }[kill_point]
    with FaultProxy(portal.url, seed=SEED, weights=NO_FAULTS) as proxy:
        proxy.script(plan)
        child = _run_dying_kiosk(portal, proxy.url, cache_path, token, body)
        try:
            reached = gate.reached.wait(60)
        finally:
            output = _kill(child)
        assert reached, output
        gate.release.set()
        assert proxy.wait_idle(15)
    assert child.returncode == -signal.SIGKILL
    expected = 0 if kill_point == "request held before the portal" else 1
    assert len(payments_of(portal, charge_id)) == expected
    _restart_and_check(portal, cache_path, charge_id)


@pytest.mark.slow
def test_a_kiosk_killed_at_random_moments_never_pays_twice(portal, tmp_path):
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    for run in range(20):
        charge_id, token, body = _one_charge(portal)
        cache_path = tmp_path / f"run{run}" / "kiosk-cache.sqlite3"
        open_cache(cache_path).kw["bind"].dispose()
        with FaultProxy(portal.url, seed=SEED + run, latency=(0.1, 0.25)) as proxy:
            proxy.set_weights({Fault.LATENCY: 1})  # widens the moments worth hitting
            child = _run_dying_kiosk(portal, proxy.url, cache_path, token, body)
            assert child.stdout is not None
            with selectors.DefaultSelector() as waiting:
                waiting.register(child.stdout, selectors.EVENT_READ)
                ready = waiting.select(timeout=60)
            assert ready and child.stdout.readline().strip() == "ready", _kill(child)
            # From "about to write the item" to well after the answer: each moment can be hit.
            time.sleep(rng.uniform(0.0, 0.6))
            _kill(child)
            assert proxy.wait_idle(15)
        factory = open_cache(cache_path)
        items = outbox_items(factory)
        close_cache(factory)
        if not items:  # killed before it wrote anything: nothing may have been paid
            outcomes["killed before the outbox write"] += 1
            assert payments_of(portal, charge_id) == []
            continue
        paid = "portal has it" if payments_of(portal, charge_id) else "portal never saw it"
        outcomes[f"killed with the item {items[0].state} ({paid})"] += 1
        if items[0].state == "delivered":
            assert len(payments_of(portal, charge_id)) == 1
            continue
        _restart_and_check(portal, cache_path, charge_id)
    report(
        "kill -9 at random moments",
        ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())),
        operations=sum(outcomes.values()),
        faults=sum(outcomes.values()),
        duplicates=0,  # each run asserts one payment at most
        losses=0,
    )


def test_a_sync_that_runs_during_a_payment_does_not_deliver_it_a_second_time(portal, tmp_path):
    """The kiosk's Worker runs the periodic sync (which calls deliver_pending) next to a
    payment, on one client and one OutboxSender. While the payment's first attempt hangs in
    the network, the sync must not send the same item again: if it does, and the payment's
    own retry then fails, the item is put back to `pending` with its body already erased, and
    every later deliver_pending stops on it (KeyError) - the outbox is stuck for good."""
    charge_id, token, body = _one_charge(portal)
    cache_path = tmp_path / "kiosk" / "kiosk-cache.sqlite3"
    factory = open_cache(cache_path)
    held = Gate()
    outcome: list[object] = []
    with FaultProxy(portal.url, seed=SEED, weights=NO_FAULTS) as proxy:
        # The payment's first attempt hangs, then is lost; whatever comes next passes, then
        # the one after that is a 500 (the payment's retry, when the sync went in between).
        proxy.script(
            Plan(Fault.DROP_REQUEST, hold_request=held), Plan(Fault.PASS), Plan(Fault.ERROR_500)
        )
        with kiosk_client(proxy.url, portal.account, max_retries=1) as client:
            sender = OutboxSender(client, factory)
            payments = PaymentService(client, sender, token=lambda: token)

            def pay() -> None:
                try:
                    outcome.append(payments.pay([charge_id], 0, _method(body)))
                except PortalError as exc:
                    outcome.append(exc)

            worker = threading.Thread(target=pay)
            worker.start()
            try:
                assert held.reached.wait(15)
                during = sender.deliver_pending()  # the periodic sync, on the other thread
            finally:
                held.release.set()
                worker.join(15)
        assert proxy.wait_idle()
    after = deliver_pending(portal.url, portal.account, factory)  # the next sync
    (item,) = outbox_items(factory)
    report(
        "a sync during a payment",
        f"sync delivered {len(during)} item(s) while the payment was in flight; the payment "
        f"call ended with {type(outcome[0]).__name__}; the next sync delivered {len(after)}",
        f"outbox item {item.state}, payments on the portal {len(payments_of(portal, charge_id))}",
        operations=1,
        duplicates=max(0, len(payments_of(portal, charge_id)) - 1),
        losses=int(item.state != "delivered"),
    )
    assert item.state == "delivered" and item.payload == "{}"
    assert len(payments_of(portal, charge_id)) == 1
    assert integrity(cache_path) == "ok"


def _method(body: dict[str, Any]) -> PaymentMethod:
    return PaymentMethod(token=str(body["token"]), type="card", brand="Visa", last4="4242")


# ----- 3. checkouts ------------------------------------------------------------------------------


def _classes_for(portal: Any, age_months: int, count: int) -> list[int]:
    with portal.session_factory() as session:
        rows = session.scalars(
            select(ClassOffering)
            .where(
                ClassOffering.active.is_(True),
                ClassOffering.allow_web_registration.is_(True),
                ClassOffering.min_age_months <= age_months,
                ClassOffering.max_age_months >= age_months,
            )
            .order_by(ClassOffering.id)
        ).all()
        return [c.id for c in rows[:count]]


@pytest.mark.parametrize(
    "checkouts", [30, pytest.param(300, marks=pytest.mark.slow)], ids=lambda n: f"{n}-checkouts"
)
def test_checkouts_through_a_faulty_network_enroll_exactly_once(portal, tmp_path, checkouts):
    started = time.monotonic()
    kids = 3
    with kiosk_client(portal.url, portal.account) as direct:
        families = create_families(direct, math.ceil(checkouts / kids), kids=kids, tag="cart")
    students = [(f, sid, name) for f in families for sid, name in f.students.items()][:checkouts]
    class_ids = _classes_for(portal, 9 * 12 + 2, 3)
    assert len(class_ids) == 3
    wanted: dict[int, int] = {sid: class_ids[n % 3] for n, (_, sid, _) in enumerate(students)}
    attempts = Counter(wanted.values())
    before: dict[int, int] = {}
    with portal.session_factory.begin() as session:
        for class_id in class_ids:  # one seat fewer than students who want one
            cls = session.get(ClassOffering, class_id)
            cls.capacity = cls.enrolled + cls.held_seats + attempts[class_id] - 1
            cls.allow_waitlist = False
            before[class_id] = cls.enrolled
    seats = sum(attempts.values()) - len(class_ids)

    cache_path = tmp_path / "kiosk" / "kiosk-cache.sqlite3"
    factory = open_cache(cache_path)
    stats: Counter[str] = Counter()
    answers: dict[int, dict[str, Any]] = {}  # student -> the Order the kiosk was told about
    full: list[int] = []
    refused: list[str] = []
    done_for: Counter[int] = Counter()  # family -> orders the kiosk was told about
    with FaultProxy(portal.url, seed=SEED + 1) as proxy:
        for family, student_id, name in students:
            with kiosk_client(proxy.url, portal.account) as client:
                visit = log_in(client, family.email, stats)
                cart = CartService(client, token_of(visit))
                item = {"kind": "class", "classId": wanted[student_id], "studentId": student_id}
                try:
                    again(lambda: cart.add(item), stats, "add to cart")  # noqa: B023
                except BookingRefused as exc:
                    # After a lost answer the parent taps again with a new key: "already in
                    # your cart" means the first one got through. The cart below decides.
                    stats[f"add refused: {exc.reason}"] += 1
                lines = again(cart.load, stats, "load cart").lines
                if not any(line.student_name == name for line in lines):
                    full.append(student_id)
                    continue
                payments = PaymentService(
                    client, OutboxSender(client, factory), token=token_of(visit)
                )
                method = card(payments, stats)
                if len(answers) % 10 == 4:
                    proxy.script(*LOST_AFTER_THE_PORTAL_DID_IT)
                try:
                    answers[student_id] = payments.checkout(0, method)
                except PortalUnavailable:
                    stats["checkout gave up"] += 1
                    if _orders_of(portal, family.family_id) > done_for[family.family_id]:
                        stats["gave up after the portal had confirmed"] += 1
                    (delivery,) = deliver_pending(portal.url, portal.account, factory)
                    if delivery.ok and delivery.result:
                        answers[student_id] = delivery.result
                    else:
                        refused.append(f"student {student_id}: {delivery.error}")
                except (PortalError, PaymentDeclined) as exc:
                    refused.append(f"student {student_id}: {type(exc).__name__}: {exc}")
                if student_id in answers:
                    done_for[family.family_id] += 1
        assert proxy.wait_idle()
        network = proxy.report()
        figures = proxy.snapshot()

    family_ids = {f.family_id for f in families}
    student_ids = set(wanted)
    mismatched: list[str] = []
    with portal.session_factory() as session:
        enrollments = session.execute(
            select(Enrollment.student_id, Enrollment.class_id, Enrollment.status).where(
                Enrollment.student_id.in_(student_ids)
            )
        ).all()
        orders = {
            o.id: o for o in session.scalars(select(Order).where(Order.family_id.in_(family_ids)))
        }
        order_items = session.execute(
            select(OrderItem.order_id, OrderItem.student_name, OrderItem.result).where(
                OrderItem.order_id.in_(list(orders)), OrderItem.kind == "class"
            )
        ).all()
        payment_ids = list(
            session.scalars(select(Payment.id).where(Payment.family_id.in_(family_ids)))
        )
        classes = {c: session.get(ClassOffering, c) for c in class_ids}
        class_rows = {c: (cls.capacity, cls.enrolled, cls.held_seats) for c, cls in classes.items()}
        carts_left = session.scalar(
            select(func.count()).select_from(CartItem).where(CartItem.family_id.in_(family_ids))
        )
    per_pair = Counter((s, c) for s, c, _ in enrollments)
    duplicates = sum(n - 1 for n in per_pair.values() if n > 1)
    duplicates += sum(n - 1 for n in Counter(s for s, _, _ in enrollments).values() if n > 1)
    family_of = {sid: f for f, sid, _ in students}
    name_of = {sid: name for _, sid, name in students}
    for student_id, answer in answers.items():
        row = orders.get(int(answer.get("orderId") or 0))
        lines = [(n, r) for o, n, r in order_items if row is not None and o == row.id]
        if (
            row is None
            or row.status != "confirmed"
            or answer.get("status") != "confirmed"
            or row.family_id != family_of[student_id].family_id
            or row.paid_cents != row.total_cents
            or lines != [(name_of[student_id], "enrolled")]
            or (student_id, wanted[student_id], "enrolled") not in enrollments
        ):
            mismatched.append(f"student {student_id}: {answer}")
    lost = [s for s in answers if (s, wanted[s], "enrolled") not in enrollments]
    strays = [s for s, _, _ in enrollments if s not in answers]
    oversold = [c for c, (cap, enrolled, _held) in class_rows.items() if enrolled > cap]
    counted = Counter(c for _, c, status in enrollments if status == "enrolled")
    miscounted = [c for c in class_ids if class_rows[c][1] - before[c] != counted[c]]
    items = outbox_items(factory)
    unfinished = [i for i in items if i.state != "delivered" or i.payload != "{}"]
    elapsed = time.monotonic() - started
    report(
        f"{checkouts} checkouts",
        f"{len(students)} operations ({len(families)} families, 3 classes, {seats} seats) "
        f"in {elapsed:.1f} s",
        f"confirmed {len(answers)}, full {len(full)}; checkout gave up "
        f"{stats['checkout gave up']} ({stats['gave up after the portal had confirmed']} after "
        "the portal had confirmed; all finished by deliver_pending)",
        "tried again: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.items()) if "again" in k),
        "add refused: "
        + (
            ", ".join(f"{k[13:]} {v}" for k, v in stats.items() if k.startswith("add refused"))
            or "none"
        ),
        network,
        f"duplicate enrollments {duplicates}, oversold classes {len(oversold)}, "
        f"answers without a matching order {len(mismatched)}, lost {len(lost)}, "
        f"refusals {len(refused)}",
        operations=len(students),
        duplicates=duplicates,
        losses=len(lost) + len(unfinished),
        oversold=sum(max(0, enrolled - cap) for cap, enrolled, _ in class_rows.values()),
        **network_figures(figures),
    )

    assert refused == []
    assert duplicates == 0 and strays == [] and lost == []
    assert mismatched == []
    assert oversold == [] and miscounted == []
    assert all(held == 0 for _, _, held in class_rows.values())
    assert len(answers) == seats and len(full) == len(students) - seats  # every seat sold once
    assert len(orders) == len(answers) and len(payment_ids) == len(answers)
    assert carts_left == 0
    assert len(items) == len(answers) and unfinished == []
    assert integrity(cache_path) == "ok"
    assert figures["5xx_from_portal"] == 0
    assert stats["gave up after the portal had confirmed"] >= len(answers) // 10


def _orders_of(portal: Any, family_id: int) -> int:
    with portal.session_factory() as session:
        query = select(func.count()).select_from(Order).where(Order.family_id == family_id)
        return int(session.scalar(query) or 0)


# ----- 3b. the portal killed mid-payment and mid-checkout ----------------------------------------


def _portal_process(database_url: str, port: int) -> subprocess.Popen[str]:
    """The portal in a process of its own on `port`, so the test can kill -9 it."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability._dying_portal", database_url, str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.startswith("URL "), line + _kill(child)
    return child


def _one_cart(portal: Any, class_id: int) -> tuple[int, int, str, dict[str, Any]]:
    """A new family with a class in its cart and a card: (family, student, token, body)."""
    stats: Counter[str] = Counter()
    with kiosk_client(portal.url, portal.account) as direct:
        (family,) = create_families(direct, 1, tag="portal-crash")
        visit = log_in(direct, family.email, stats)
        (student_id,) = family.students
        CartService(direct, token_of(visit)).add(
            {"kind": "class", "classId": class_id, "studentId": student_id}
        )
        method = direct.tokenize(
            {"type": "card", "number": VISA, "expMonth": 12, "expYear": card_expiry_year()}
            | {"cvv": "123", "zip": "62704", "holderName": "Kiosk Test"},
            token=visit.token,
        )
        token = visit.token
    assert token
    return family.family_id, student_id, token, {"payment": {"token": method["token"]}}


@pytest.mark.parametrize(
    ("kind", "runs"),
    [
        ("payment", 6),
        ("checkout", 6),
        pytest.param("payment", 40, marks=pytest.mark.slow),
        pytest.param("checkout", 40, marks=pytest.mark.slow),
    ],
)
def test_a_portal_killed_mid_request_keeps_every_payment_and_booking_once(
    portal, tmp_path, kind, runs
):
    """kill -9 of the portal process at a random moment of a payment or a checkout (before,
    during or after its transaction); after it restarts, the kiosk's outbox finishes the item:
    it happened exactly once, and the portal's database is intact."""
    rng = random.Random(SEED)
    (class_id,) = _classes_for(portal, 9 * 12 + 2, 1)
    with portal.session_factory.begin() as session:  # room for every run
        cls = session.get(ClassOffering, class_id)
        cls.capacity = cls.enrolled + cls.held_seats + runs
        enrolled_before = cls.enrolled
    if kind == "payment":
        charges = [_one_charge(portal) for _ in range(runs)]
        cases = [(charge_id, 0, token, body) for charge_id, token, body in charges]
    else:
        cases = [_one_cart(portal, class_id) for _ in range(runs)]
    url, port = portal.url, portal.port
    portal.stop()  # the port and the database go to a portal process that can be killed
    outcomes: Counter[str] = Counter()
    for run, (key, extra, token, body) in enumerate(cases):
        factory = open_cache(tmp_path / f"run{run}" / "kiosk-cache.sqlite3")
        child = _portal_process(portal.database_url, port)
        client = kiosk_client(url, portal.account, max_retries=0)
        # A first call so the moments worth hitting are the request's own, not the start-up's.
        client.charges(token=token) if kind == "payment" else client.get_cart(token=token)
        sender = OutboxSender(client, factory)
        if kind == "payment":
            sending = threading.Thread(
                target=_send_quietly,
                args=(sender, "payment", "family/payments", body, token, None),
            )
        else:
            sending = threading.Thread(
                target=_send_quietly,
                args=(sender, "checkout", "family/cart/checkout", body, token, key),
            )
        sending.start()
        time.sleep(rng.uniform(0.0, 0.08))  # the fault itself: a random moment, not a wait
        _kill(child)
        sending.join(30)
        assert not sending.is_alive()
        client.close()
        happened = _effects(portal, kind, key, extra)
        outcomes["killed after it was done" if happened else "killed before it was done"] += 1
        child = _portal_process(portal.database_url, port)  # the supervisor restarts it
        try:
            deliveries = deliver_pending(url, portal.account, factory)
            (item,) = outbox_items(factory)
            assert item.state == "delivered", (deliveries, item.state)
            assert [d.ok for d in deliveries] in ([True], [])  # [] when the first send finished
            assert _effects(portal, kind, key, extra) == 1
            assert deliver_pending(url, portal.account, factory) == []
            assert _effects(portal, kind, key, extra) == 1
        finally:
            close_cache(factory)
            if child.stdin is not None:
                child.stdin.close()
            child.wait(30)
    if kind == "checkout":
        with portal.session_factory() as session:
            cls = session.get(ClassOffering, class_id)
            assert cls.enrolled - enrolled_before == runs and cls.held_seats == 0
    if portal.database_url.startswith("sqlite:///"):
        assert integrity(Path(portal.database_url.removeprefix("sqlite:///"))) == "ok"
    moments = ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items()))
    print(f"\n== reliability: portal killed mid-{kind}\n   {moments}")
    record(
        f"portal killed mid-{kind}",
        note=moments,
        operations=runs,
        faults=runs,
        duplicates=0,  # each run asserts exactly one effect
        losses=0,
    )


def _send_quietly(
    sender: OutboxSender,
    kind: str,
    path: str,
    body: dict[str, Any],
    token: str,
    family_id: int | None,
) -> None:
    """The kiosk's send; the portal dying under it leaves the item for the next delivery."""
    with contextlib.suppress(PortalError):
        sender.send(kind, path, body, token, family_id)


def _effects(portal: Any, kind: str, key: int, extra: int) -> int:
    """How many times the payment (charge `key`) or the checkout (family `key`, student
    `extra`) took effect on the portal."""
    if kind == "payment":
        return len(payments_of(portal, key))
    with portal.session_factory() as session:
        orders = session.scalar(
            select(func.count()).select_from(Order).where(Order.family_id == key)
        )
        enrollments = session.scalar(
            select(func.count()).select_from(Enrollment).where(Enrollment.student_id == extra)
        )
    assert orders == enrollments, (orders, enrollments)
    return int(orders or 0)


# ----- 4. catalog sync ---------------------------------------------------------------------------


def _catalog(factory: Any, media_dir: Path) -> tuple[list[Any], list[Any], dict[str, str]]:
    with factory() as session:
        records = sorted(
            (r.entity, r.record_id, r.location_id, r.sort_key, r.updated_seq, json.loads(r.data))
            for r in session.scalars(select(CatalogRecord))
        )
        columns = [c.key for c in CachedClass.__table__.columns if c.key != "record_pk"]
        classes = sorted(
            tuple(getattr(row, name) for name in columns)
            for row in session.scalars(select(CachedClass))
        )
        media = {
            row.path: hashlib.sha256((media_dir / row.local_name).read_bytes()).hexdigest()
            for row in session.scalars(select(MediaFile))
            if (media_dir / row.local_name).is_file()
        }
    return records, classes, media


def _cursor(factory: Any) -> int:
    with factory() as session:
        state = session.get(SyncState, 1)
        return state.cursor if state else 0


def _change_the_catalog(portal: Any, rng: random.Random, round_: int) -> None:
    with portal.session_factory.begin() as session:
        classes = session.scalars(select(ClassOffering).order_by(ClassOffering.id)).all()
        for cls in rng.sample(list(classes), 5):
            cls.capacity += 1
        news = session.scalars(select(News).order_by(News.id)).first()
        if news is not None:
            news.title = f"Open gym, round {round_}"


@pytest.mark.parametrize(
    "rounds", [2, pytest.param(40, marks=pytest.mark.slow)], ids=lambda n: f"{n}-rounds"
)
def test_catalog_sync_through_a_faulty_network_ends_like_a_clean_one(portal, tmp_path, rounds):
    started = time.monotonic()
    rng = random.Random(SEED)
    faulty_cache = open_cache(tmp_path / "faulty" / "kiosk-cache.sqlite3")
    faulty_media = tmp_path / "faulty" / "media"
    failures = runs = 0
    with FaultProxy(portal.url, seed=SEED + 2) as proxy:
        with kiosk_client(proxy.url, portal.account) as client:
            sync = CatalogSync(client, faulty_cache, faulty_media, page_size=20)

            def run_until_it_succeeds() -> None:
                nonlocal failures, runs
                for _ in range(100):
                    runs += 1
                    try:
                        sync.run()
                        return
                    except PortalError:  # recorded in SyncState; the kiosk tries next minute
                        failures += 1
                raise AssertionError("the sync never got through")

            run_until_it_succeeds()
            for round_ in range(rounds):
                _change_the_catalog(portal, rng, round_)
                run_until_it_succeeds()

            with kiosk_client(portal.url, portal.account) as direct:
                clean_cache = open_cache(tmp_path / "clean" / "kiosk-cache.sqlite3")
                clean_media = tmp_path / "clean" / "media"
                CatalogSync(direct, clean_cache, clean_media, page_size=500).run()
                latest = direct.changes(after=0, limit=1).latest
            clean = _catalog(clean_cache, clean_media)
            # Images that failed to download wait for the next sync, as on a real kiosk.
            for _ in range(50):
                if _catalog(faulty_cache, faulty_media)[2] == clean[2]:
                    break
                run_until_it_succeeds()
        assert proxy.wait_idle()
        network = proxy.report()
        figures = proxy.snapshot()
    faulty = _catalog(faulty_cache, faulty_media)
    with faulty_cache() as session:
        state = session.get(SyncState, 1)
        last_error = state.last_error if state else "no state"
    report(
        f"catalog sync, {rounds} rounds of changes",
        f"{runs} sync runs ({failures} failed and were run again) in "
        f"{time.monotonic() - started:.1f} s; {len(clean[0])} records, {len(clean[2])} images",
        network,
        f"records equal {faulty[0] == clean[0]}, classes equal {faulty[1] == clean[1]}, "
        f"images equal {faulty[2] == clean[2]}, cursor {_cursor(faulty_cache)} / latest {latest}",
        operations=runs,
        losses=sum(1 for row in clean[0] if row not in faulty[0])
        + len(set(clean[2]) - set(faulty[2])),
        **network_figures(figures),
    )
    assert faulty[0] == clean[0]
    assert faulty[1] == clean[1]
    assert faulty[2] == clean[2] and clean[2]
    assert _cursor(faulty_cache) == latest == _cursor(clean_cache)
    assert last_error is None
    assert failures > 0 and figures["5xx_from_portal"] == 0


def test_a_kiosk_killed_mid_sync_resumes_from_a_page_boundary(portal, tmp_path):
    """kill -9 part-way through the first sync: the cache is intact, its cursor is where the last
    whole page ended, and the next sync ends exactly like a clean one."""
    cache_path = tmp_path / "killed" / "kiosk-cache.sqlite3"
    media = tmp_path / "killed" / "media"
    cache_path.parent.mkdir(parents=True)
    root = Path(__file__).resolve().parents[2]
    # Latency on every request makes the sync slow enough to cut in the middle.
    with FaultProxy(
        portal.url, seed=SEED, weights={Fault.LATENCY: 1.0}, latency=(0.02, 0.05)
    ) as slow:
        child = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).with_name("_dying_sync.py")),
                str(cache_path),
                str(media),
                slow.url,
                portal.account,
            ],
            cwd=root,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(root)},
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        factory = open_cache(cache_path)
        deadline = time.monotonic() + 60
        while _cursor(factory) == 0 and time.monotonic() < deadline:
            time.sleep(0.02)  # another process writes the file: poll it (no event loop here)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    cut_at = _cursor(factory)
    assert cut_at > 0
    assert integrity(cache_path) == "ok"
    with kiosk_client(portal.url, portal.account) as direct:
        latest = direct.changes(after=0, limit=1).latest
        assert cut_at < latest, "the kill came before the sync finished"
        CatalogSync(direct, factory, media).run()  # the restarted kiosk's first sync
        clean_cache = open_cache(tmp_path / "clean" / "kiosk-cache.sqlite3")
        CatalogSync(direct, clean_cache, tmp_path / "clean" / "media").run()
    assert _cursor(factory) == latest
    killed, clean = _catalog(factory, media), _catalog(clean_cache, tmp_path / "clean" / "media")
    assert killed[0] == clean[0] and killed[1] == clean[1]
    report(
        "kill -9 mid-sync",
        f"cut at cursor {cut_at} of {latest}; integrity ok; resumed",
        operations=1,
        faults=1,
        losses=sum(1 for row in clean[0] if row not in killed[0]),
    )


def test_an_answer_cut_inside_its_headers_is_replayed_to_the_real_receipt(portal, tmp_path):
    """The payment's answer is cut inside its headers: a success status with no body. That
    is an unknown outcome, not a success: the kiosk asks again with the same key and shows
    the receipt the portal kept (not a $0.00 one), and the portal has the payment once."""
    charge_id, token, body = _one_charge(portal)
    factory = open_cache(tmp_path / "kiosk" / "kiosk-cache.sqlite3")
    try:
        with FaultProxy(portal.url, seed=SEED, weights=NO_FAULTS) as proxy:
            proxy.script(Plan(Fault.CUT_HEADERS))
            with kiosk_client(proxy.url, portal.account) as client:
                receipt = PaymentService(
                    client, OutboxSender(client, factory), token=lambda: token
                ).pay([charge_id], 0, _method(body))
            assert proxy.snapshot()["forwarded"] == 2
        (payment,) = payments_of(portal, charge_id)
        assert isinstance(receipt, Receipt)
        assert receipt.amount_cents == payment.amount_cents > 0
        assert receipt.receipt_number
        (item,) = outbox_items(factory)
        assert item.state == "delivered"
    finally:
        close_cache(factory)


def test_add_to_cart_tapped_again_after_a_lost_answer_replays_it(portal):
    """The portal added the class but every answer was lost: the parent taps "Add" again and
    the kiosk asks with the same key, so the class is in the cart once and nobody is told
    "already in your cart". Added again after removing it, it is a new add."""
    with portal.session_factory() as session:
        class_id = next(
            cid
            for cid in _classes_for(portal, 9 * 12 + 2, 20)
            if session.get(ClassOffering, cid).openings >= 2
        )
    stats: Counter[str] = Counter()
    with kiosk_client(portal.url, portal.account) as direct:
        (family,) = create_families(direct, 1, tag="add-again")
        token = log_in(direct, family.email, stats).token
    (student_id,) = family.students
    item = {"kind": "class", "classId": class_id, "studentId": student_id}
    with FaultProxy(portal.url, seed=SEED, weights=NO_FAULTS) as proxy:
        proxy.script(*[Plan(Fault.DROP_RESPONSE)] * 3)  # the first try and its two retries
        with kiosk_client(proxy.url, portal.account) as client:
            cart = CartService(client, lambda: token)
            with pytest.raises(PortalUnavailable):
                cart.add(item)
            again_cart = cart.add(item)  # the second tap, on a network that works again
            assert [line.kind for line in again_cart.lines] == ["class"]
            with portal.session_factory() as session:
                held = session.scalar(
                    select(func.count()).select_from(CartItem).where(CartItem.class_id == class_id)
                )
            assert held == 1
            # Removed, then added again: a new intent, added anew.
            cart.remove(again_cart.lines[0].id)
            assert [line.kind for line in cart.add(item).lines] == ["class"]
