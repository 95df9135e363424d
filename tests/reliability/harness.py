"""The kiosk side of the reliability tests: instant-retry clients, test families, DB checks."""

from __future__ import annotations

import random
import sqlite3
import string
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.accounts import FamilySession
from kiosk.api.client import PortalClient
from kiosk.api.errors import BadResponse, PortalUnavailable, RateLimited, ServerError
from kiosk.cache.models import OutboxItem
from kiosk.outbox import Delivery, OutboxSender
from kiosk.payments import CardDetails, PaymentMethod, PaymentService
from portal.models import Charge, Organisation
from tests.clock_helpers import born, card_expiry_year, facility_today

T = TypeVar("T")

PASSWORD = "steady-kiosk-network"
VISA = "4242424242424242"
DEVICE_ID = "reliability-kiosk"
# What a kiosk treats as "try again": the network, the portal's 5xx and 429, an unreadable
# answer. Anything else (a refusal) is a finding.
TRANSIENT = (PortalUnavailable, ServerError, RateLimited, BadResponse)
MAX_TRIES = 40  # a parent tapping "try again"; with ~45 % bad connections, never reached


class InstantClient(PortalClient):
    """A real PortalClient whose backoff does not wait (it only adds up what it would wait)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slept = 0.0

    def _sleep(self, seconds: float) -> None:
        self.slept += seconds


def kiosk_client(url: str, account: str, *, max_retries: int = 2) -> InstantClient:
    return InstantClient(url, account, timeout=10, max_retries=max_retries, device_id=DEVICE_ID)


def again(action: Callable[[], T], stats: Counter[str], name: str) -> T:
    """`action()`, repeated on transient failures like a parent tapping "try again"."""
    for _ in range(MAX_TRIES):
        try:
            return action()
        except TRANSIENT:
            stats[f"{name} tried again"] += 1
    raise AssertionError(f"{name} failed {MAX_TRIES} times in a row")


def log_in(client: PortalClient, email: str, stats: Counter[str]) -> FamilySession:
    session = FamilySession(client, DEVICE_ID)
    outcome = again(lambda: session.log_in(email, PASSWORD), stats, "login")
    assert not outcome.needs_family_choice
    return session


def token_of(visit: FamilySession) -> Callable[[], str | None]:
    """The visit's token, asked at each call (as the kiosk's services do)."""
    return lambda: visit.token


def card(payments: PaymentService, stats: Counter[str]) -> PaymentMethod:
    """Tokenize the approved test card (tokenize is never retried by the client)."""
    details = CardDetails(VISA, 12, card_expiry_year(), "123", "62704", "Kiosk Test")
    return again(lambda: payments.tokenize_card(details), stats, "tokenize")


# ----- families and charges -------------------------------------------------------------------


@dataclass(frozen=True)
class Household:
    email: str
    family_id: int
    students: dict[int, str]  # id -> first name


def _letters(index: int, width: int = 3) -> str:
    out = ""
    for _ in range(width):
        index, digit = divmod(index, 26)
        out = string.ascii_lowercase[digit] + out
    return out.capitalize()


def create_families(
    direct: PortalClient, count: int, *, kids: int = 1, age_years: int = 9, tag: str = "r"
) -> list[Household]:
    """New families through the portal's `POST /accounts`, the way the kiosk creates them."""
    birth_date = born(age_years, days=60)
    families = []
    for index in range(count):
        name = _letters(index)
        email = f"{tag}{index}.{uuid.uuid4().hex[:6]}@example.com"
        body = {
            "guardian": {
                "firstName": "Pat",
                "lastName": f"Tester {name}",
                "email": email,
                "phone": "217-555-0199",
                "address": {
                    "line1": "19 Walnut St",
                    "line2": "",
                    "city": "Springfield",
                    "state": "IL",
                    "zip": "62701",
                },
            },
            "password": PASSWORD,
            "students": [
                {
                    "firstName": f"Kid {name} {_letters(k, 1)}",
                    "lastName": f"Tester {name}",
                    "birthDate": birth_date.isoformat(),
                    "gender": "",
                }
                for k in range(kids)
            ],
            "emergencyContact": {"name": "Sam Helper", "phone": "2175550123", "relationship": ""},
            "deviceId": "reliability-setup",
        }
        result = direct.create_account(body, idempotency_key=str(uuid.uuid4()))
        token = str(result["token"])
        # As at the kiosk: a new family reads and accepts the policies before anything else.
        outstanding = direct.policies(token=token)["outstanding"]
        direct.accept_policies(
            [
                {"policyId": p["policyId"], "version": p["version"], "studentId": p["studentId"]}
                for p in outstanding
            ],
            token=token,
        )
        family = direct.family(token=token)
        families.append(
            Household(
                email=email,
                family_id=int(family["id"]),
                students={int(s["id"]): str(s["firstName"]) for s in family["students"]},
            )
        )
    return families


def add_charges(
    factory: sessionmaker[Session], families: list[Household], per_family: int, rng: random.Random
) -> dict[int, tuple[Household, int]]:
    """Small open charges straight in the portal's database: charge id -> (family, cents)."""
    made: dict[int, tuple[Household, int]] = {}
    today = facility_today()
    with factory.begin() as session:
        org_id = session.scalars(select(Organisation.id)).one()
        rows = []
        for family in families:
            for n in range(per_family):
                cents = rng.randrange(100, 5000)
                charge = Charge(
                    organisation_id=org_id,
                    family_id=family.family_id,
                    description=f"Reliability charge {n + 1}",
                    kind="other",
                    amount_cents=cents,
                    due_date=today + timedelta(days=rng.randrange(0, 30)),
                )
                session.add(charge)
                rows.append((charge, family, cents))
        session.flush()
        for charge, family, cents in rows:
            made[charge.id] = (family, cents)
    return made


# ----- the kiosk's cache ------------------------------------------------------------------------


def deliver_pending(url: str, account: str, factory: sessionmaker[Session]) -> list[Delivery]:
    """What the kiosk does at its next sync, on a network without faults."""
    with kiosk_client(url, account) as direct:
        return OutboxSender(direct, factory).deliver_pending()


def outbox_items(factory: sessionmaker[Session]) -> list[OutboxItem]:
    with factory() as session:
        return list(session.scalars(select(OutboxItem).order_by(OutboxItem.id)))


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def close_cache(factory: sessionmaker[Session]) -> None:
    bind = factory.kw.get("bind")
    if bind is not None:
        bind.dispose()
