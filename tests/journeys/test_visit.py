"""A family's visit in the real window (issue: the kiosk forgets, skips and miscounts).

Each journey starts the kiosk as `make run` does and uses it only with taps and key presses,
reading the screen back as a screen reader does (tests/journeys/conftest.py).
"""

from __future__ import annotations

import time

from portal.seed import DEMO_EMAIL_FLANDERS, DEMO_EMAIL_SIMPSON, DEMO_PASSWORD
from tests.journeys.conftest import Kiosk


def log_in(kiosk: Kiosk, email: str, password: str = DEMO_PASSWORD) -> None:
    """From the landing page, as a parent does: Tap to Begin, Log In, type, Enter."""
    kiosk.tap("Tap to Begin", seconds=60)
    kiosk.tap("Continue")
    kiosk.tap("Log In", role="push button")
    kiosk.tap("Yes, log me in")
    kiosk.tap("Email", role="text")
    kiosk.type(email)
    kiosk.key("Return")  # Enter goes to the password
    kiosk.type(password)
    kiosk.key("Return")  # and on the last field logs in


def type_card(kiosk: Kiosk) -> None:
    """On the Pay screen after "Type card number": test card 4242…, 12/30, 123, ZIP 62704,
    Enter from field to field; waits, as a person does, for the cursor in the last field."""
    kiosk.tap("Card number", role="text")
    kiosk.type("4242424242424242")
    kiosk.key("Return")  # Enter goes to the next field
    kiosk.type("12/30")
    kiosk.key("Return")
    kiosk.type("123")
    kiosk.key("Return")
    kiosk.wait(
        lambda nodes: any(n.name == "Billing ZIP" and n.focused for n in nodes if n.role == "text"),
        "the cursor in Billing ZIP",
    )
    kiosk.type("62704")


def test_an_idle_family_is_timed_out_while_the_catalog_keeps_syncing(kiosk_journey):
    """Nobody touches the kiosk after logging in: 'Are you still there?', then the start
    screen and nothing of the family, although a sync runs every few seconds meanwhile."""
    kiosk = kiosk_journey(env={"KIOSK_IDLE_TIMEOUT_S": "10", "KIOSK_SYNC_INTERVAL_S": "5"})
    log_in(kiosk, DEMO_EMAIL_SIMPSON)
    kiosk.wait_for("Hi Marge", seconds=30)
    assert kiosk.showing("$85.00 due")
    touched = time.monotonic()
    kiosk.shot("logged-in")
    kiosk.wait_for("Are you still there", seconds=30)
    kiosk.shot("still-there")
    kiosk.wait_for("Tap to Begin", seconds=40)
    gone_after = time.monotonic() - touched
    kiosk.shot("timed-out")
    assert not kiosk.showing("Marge") and not kiosk.showing("$85.00")
    # Ten seconds of quiet, then the warning's countdown: well before the syncs could have
    # kept the visit alive for good (they ran every five seconds all along).
    assert gone_after < 10 + 15 + 30, gone_after


def test_policies_cannot_be_skipped_from_the_policy_screen(kiosk_journey):
    """The Flanders have policies to accept: Home is not there, and Log Out ends the visit."""
    kiosk = kiosk_journey()
    log_in(kiosk, DEMO_EMAIL_FLANDERS)
    kiosk.wait_for("Policy 1 of 3", seconds=30)
    kiosk.shot("policy")
    names = kiosk.texts()
    assert "Home" not in names and "Booking" not in names and "Menu" not in names, names
    kiosk.tap("Log Out")
    kiosk.wait_for("Tap to Begin")
    assert not kiosk.showing("Policy 1 of 3")
