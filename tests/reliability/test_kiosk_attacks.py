"""The attacks a security probe ran from the kiosk's network (issue #17), replayed against the
real portal over HTTP, each shown to fail, with figures for the reliability table: guesses
tried, guesses the portal actually checked ("let through"), and the time the run took.

A guess is "let through" when the portal looked at it (a wrong-PIN or not-found answer, or a
success); a refused one (401 not enrolled, 429 throttled) never reached the secret. Every run
spreads its guesses over new device ids and forged X-Forwarded-For addresses, which used to
reset the throttles. They run on SQLite and, with PORTAL_TEST_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import select

from portal.core.clock import clock
from portal.models import Guardian, MailMessage
from portal.seed import (
    DEMO_CHECKIN_PINS,
    DEMO_EMAIL_HOMER,
    DEMO_EMAIL_SIMPSON,
    DEMO_PASSWORD,
    DEMO_STAFF_PINS,
)
from tests.portal.helpers import (
    HTTP_TIMEOUT_S,
    V1,
    bearer,
    enrolled_credential,
    field_errors,
    kiosk_headers,
)
from tests.reliability.recorder import record

WRONG_PIN = "That PIN didn't work. Please try again."
NOT_FOUND = "We couldn't find a family with that. Please try again or see the front desk."


@pytest.fixture
def kiosk(portal) -> Iterator[httpx.Client]:
    """The front-desk kiosk the attacker stands at: enrolled, as every real kiosk is."""
    with httpx.Client(
        base_url=portal.url,
        headers=kiosk_headers(enrolled_credential(portal, "Lobby")),
        timeout=HTTP_TIMEOUT_S,
    ) as client:
        yield client


@pytest.fixture
def laptop(portal) -> Iterator[httpx.Client]:
    """A laptop on the kiosk's network: no device credential."""
    with httpx.Client(base_url=portal.url, timeout=30) as client:
        yield client


def _forged(n: int) -> dict[str, str]:
    return {"X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}


def test_500_staff_pin_guesses_over_new_device_ids_and_forwarded_addresses(portal, kiosk, laptop):
    real_pins = set(DEMO_STAFF_PINS)
    guesses = [f"{n:06d}" for n in range(499)] + [next(iter(DEMO_STAFF_PINS))]
    outcomes: Counter[str] = Counter()
    started = time.monotonic()
    for n, pin in enumerate(guesses):
        client = kiosk if n % 2 else laptop  # half at the kiosk, half from a laptop
        response = client.post(
            f"{V1}/staff/login",
            json={"pin": pin, "deviceId": f"kiosk-{n}"},
            headers=_forged(n),
        )
        assert response.status_code < 500, response.text
        message = response.json().get("message", "")
        outcomes[
            "signed in"
            if response.status_code == 200
            else "checked"
            if message == WRONG_PIN
            else str(response.status_code)
        ] += 1
    elapsed_ms = round((time.monotonic() - started) * 1000)
    let_through = outcomes["checked"] + outcomes["signed in"]
    assert outcomes["signed in"] == 0, outcomes  # the real PIN, tried last, was refused unseen
    assert let_through <= 5, outcomes  # the kiosk's own limit; the laptop never got a look
    assert outcomes["401"] == 250  # every laptop guess: not an enrolled kiosk
    assert all(pin not in real_pins for pin in guesses[:-1])
    record(
        "500 staff PIN guesses (new device ids + X-Forwarded-For)",
        operations=len(guesses),
        throttled=outcomes["429"],
        let_through=let_through,
        ms=elapsed_ms,
        note=f"answers: {dict(outcomes)}",
    )


def test_a_10000_pin_check_in_sweep(portal, kiosk, laptop):
    """Every 4-digit PIN, four at a time, as fast as the portal answers. The portal's clock is
    held still for the sweep, so the figure is what one throttle window lets through (10 per
    kiosk per 5 minutes; 60 per 15 minutes from all kiosks together)."""
    family_pin = DEMO_CHECKIN_PINS["Simpson"]

    def guess(n: int) -> tuple[str, str]:
        pin = f"{n:04d}"
        response = kiosk.post(
            f"{V1}/checkin/identify",
            json={"method": "pin", "value": pin, "deviceId": f"kiosk-{n}"},
            headers=_forged(n),
        )
        assert response.status_code < 500, response.text
        if response.status_code == 200:
            return pin, "found"
        if response.status_code == 404 and response.json()["message"] == NOT_FOUND:
            return pin, "checked"
        return pin, str(response.status_code)

    started = time.monotonic()
    with clock.pinned_at(clock.now(), frozen=True), ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(guess, range(10_000)))
    elapsed_ms = round((time.monotonic() - started) * 1000)
    outcomes = Counter(outcome for _pin, outcome in answers)
    found = [pin for pin, outcome in answers if outcome == "found"]
    # The laptop cannot even start.
    refused = laptop.post(f"{V1}/checkin/identify", json={"method": "pin", "value": family_pin})
    assert refused.status_code == 401
    let_through = outcomes["checked"] + outcomes["found"]
    assert family_pin not in found, outcomes
    assert let_through <= 10, outcomes
    assert outcomes["429"] == 10_000 - let_through
    record(
        "10,000-PIN check-in sweep (new device ids + X-Forwarded-For)",
        operations=10_000,
        throttled=outcomes["429"],
        let_through=let_through,
        ms=elapsed_ms,
        note="one throttle window (the clock held still); the Simpsons' PIN was never looked up",
    )


def test_a_lock_out_attempt_on_one_family(portal, kiosk, laptop):
    outcomes: Counter[int] = Counter()
    started = time.monotonic()
    for n in range(200):
        response = laptop.post(
            f"{V1}/auth/login",
            json={"email": DEMO_EMAIL_SIMPSON, "password": f"guess-{n}", "deviceId": f"k-{n}"},
            headers=_forged(n),
        )
        assert response.status_code < 500, response.text
        outcomes[response.status_code] += 1
    elapsed_ms = round((time.monotonic() - started) * 1000)
    # Marge walks up to the kiosk and logs in: the attacker did not lock her out.
    marge = kiosk.post(
        f"{V1}/auth/login",
        json={"email": DEMO_EMAIL_SIMPSON, "password": DEMO_PASSWORD, "deviceId": "lobby"},
    )
    assert marge.status_code == 200, marge.text
    let_through = outcomes[401]
    assert let_through <= 10, outcomes
    record(
        "lock-out attempt on one family (200 wrong passwords)",
        operations=200,
        throttled=outcomes[429],
        let_through=let_through,
        ms=elapsed_ms,
        note="the family then logged in at the kiosk at once",
    )


def test_a_co_guardian_cannot_take_over_the_primary_guardians_login(portal, kiosk):
    started = time.monotonic()
    homer_login = kiosk.post(
        f"{V1}/auth/login", json={"email": DEMO_EMAIL_HOMER, "password": DEMO_PASSWORD}
    ).json()
    homer = bearer(homer_login["token"])
    with portal.session_factory() as session:
        marge_id = session.scalars(
            select(Guardian.id).where(Guardian.email == DEMO_EMAIL_SIMPSON)
        ).one()
        family_ids = [f.id for f in session.get(Guardian, marge_id).families]
    if homer_login.get("family") is None:
        chosen = kiosk.post(f"{V1}/auth/family", json={"familyId": family_ids[0]}, headers=homer)
        assert chosen.status_code == 200, chosen.text
    attempts = [
        kiosk.patch(
            f"{V1}/family/guardians/{marge_id}",
            json={"email": "homer.owns.this@example.com"},
            headers=homer,
        ),
        kiosk.patch(
            f"{V1}/family/guardians/{marge_id}",
            json={"email": "HOMER.OWNS.THIS@example.com", "firstName": "Marge"},
            headers=homer,
        ),
    ]
    for response in attempts:
        assert response.status_code == 400, response.text
        assert "email" in field_errors(response)
    # The reset code for Marge's login still goes to Marge.
    kiosk.post(f"{V1}/auth/forgot-password", json={"email": DEMO_EMAIL_SIMPSON})
    with portal.session_factory() as session:
        marge_email = session.get(Guardian, marge_id).email
        to_homer = session.scalars(
            select(MailMessage).where(MailMessage.to_address == "homer.owns.this@example.com")
        ).all()
    assert marge_email == DEMO_EMAIL_SIMPSON and to_homer == []
    record(
        "co-guardian changes the primary guardian's login email",
        operations=len(attempts),
        let_through=0,
        ms=round((time.monotonic() - started) * 1000),
    )
