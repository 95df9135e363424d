"""Staff can always recover the kiosk, and a lost portal shows in seconds (issue #15, items 7
and 8), in the real window: `main.py --portal URL` against a portal process of its own that the
journey stops and starts again, as a network cable or a portal host would."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kiosk.config import load_settings
from kiosk.staff import hash_local_pin
from portal.seed import DEMO_EMAIL_SIMPSON, DEMO_PASSWORD, DEMO_STAFF_PINS
from tests.heartbeat_rule import HEARTBEAT_WAIT_S, NOTICED_WITHIN_S, noticed_within_s
from tests.journeys.conftest import ROOT, WAIT_SCALE, JourneyFailed, Kiosk
from tests.ports import unused_port

PIN = next(iter(DEMO_STAFF_PINS))  # 2468, Priya Nair
OFFLINE_NOTICE = "We can't reach our system right now, so logging in"


class PortalProcess:
    """`python -m portal --demo` on a port of its own (the README's command), stoppable."""

    def __init__(self, workdir: Path) -> None:
        self.port = unused_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database = f"sqlite:///{workdir / 'portal.sqlite3'}"
        self.log = workdir / "portal.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "portal", "--demo", "--port", str(self.port)),
                *("--database", self.database, "--log-level", "warning"),
            ],
            cwd=ROOT,
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30 * WAIT_SCALE
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise JourneyFailed(f"the portal exited: {self.log.read_text()[-2000:]}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/api/v1/health", timeout=1).ok:
                    return
            time.sleep(0.2)  # the next look, not a wait for an outcome
        raise JourneyFailed("the portal did not start")

    def pairing_code(self) -> str:
        """A single-use code that enrolls the kiosk, as the README tells staff to get one."""
        out = subprocess.run(
            [
                *(sys.executable, "-m", "portal", "enroll-kiosk", "--account", "demo"),
                *("--location", "1", "--database", self.database),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
        return out.split("Pairing code: ", 1)[1].split()[0]

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)  # gone at once, as a pulled cable
            self.proc.wait(10)


@pytest.fixture
def portal_process(tmp_path: Path) -> Iterator[PortalProcess]:
    portal = PortalProcess(tmp_path)
    portal.start()
    yield portal
    portal.stop()


def long_press_logo(kiosk: Kiosk) -> None:
    """Staff's gesture: three seconds on the organisation's name and logo, top left."""
    # The smallest thing so named: the heading, not the window (whose title it also is).
    name = kiosk.wait(
        lambda nodes: min(
            (n for n in nodes if n.name == "Springfield Gymnastics"),
            key=lambda n: n.w * n.h,
            default=None,
        ),
        "the organisation's name",
        seconds=60,
    )
    x, y = name.centre
    kiosk.screen.run(
        "xdotool", "mousemove", str(x), str(y), "mousedown", "1", "sleep", "3.5", "mouseup", "1"
    )


def enter_pin(kiosk: Kiosk, pin: str) -> None:
    kiosk.wait_for("Staff PIN")
    for digit in pin:
        kiosk.tap(digit, role="push button")
    kiosk.tap("Sign in")


def test_portal_down_a_staff_pin_opens_the_panel_and_exit_asks_first(kiosk_journey, portal_process):
    kiosk = kiosk_journey(
        args=[
            *("--portal", portal_process.url, "--account", "demo"),
            *("--pairing-code", portal_process.pairing_code()),
        ]
    )
    kiosk.wait_for("Tap to Begin", seconds=60)
    # Priya signs in once while the portal is there: this kiosk now knows her PIN.
    long_press_logo(kiosk)
    enter_pin(kiosk, PIN)
    kiosk.wait_for("Staff — Priya N.")
    kiosk.tap("Sign out")
    kiosk.wait_for("Tap to Begin")

    portal_process.stop()
    kiosk.wait_for("Offline", seconds=NOTICED_WITHIN_S / WAIT_SCALE + 1)
    long_press_logo(kiosk)
    enter_pin(kiosk, "1111")  # a wrong PIN
    kiosk.wait_for("only a PIN that has worked at this kiosk")
    kiosk.shot("wrong-pin-offline")
    assert not any("●" in text for text in kiosk.texts()), "the wrong PIN stayed on the pad"
    enter_pin(kiosk, PIN)  # straight away, no deleting: the pad is empty again
    kiosk.wait_for("Signed in without the portal")
    assert kiosk.showing("Staff — Priya N.") and kiosk.showing("Portal address")
    kiosk.shot("offline-panel")

    kiosk.tap("Exit kiosk")
    kiosk.wait_for("Close the kiosk?")
    kiosk.shot("exit-confirm")
    kiosk.tap("Cancel")
    kiosk.wait_gone("Close the kiosk?")
    assert kiosk.alive and kiosk.showing("Signed in without the portal")
    kiosk.tap("Exit kiosk")
    kiosk.tap("Yes, exit the kiosk")
    deadline = time.monotonic() + 20 * WAIT_SCALE
    while kiosk.alive and time.monotonic() < deadline:
        time.sleep(0.2)  # the next look at the process
    assert not kiosk.alive, "Exit kiosk did not end the kiosk"


def test_offline_is_noticed_within_ten_seconds_and_a_login_is_refused_at_once(
    kiosk_journey, portal_process
):
    kiosk = kiosk_journey(
        args=["--portal", portal_process.url, "--account", "demo"],
        env={"KIOSK_SYNC_INTERVAL_S": "600"},  # no sync would notice for ten minutes
    )
    kiosk.tap("Tap to Begin", seconds=60)
    kiosk.tap("Continue")
    kiosk.tap("Log In", role="push button")
    kiosk.tap("Yes, log me in")
    kiosk.tap("Email", role="text")
    kiosk.type(DEMO_EMAIL_SIMPSON)
    kiosk.key("Return")
    assert not kiosk.showing(OFFLINE_NOTICE)
    # The rule without a stopwatch: the settings main.py reads from this command line and
    # environment give a heartbeat that notices within ten seconds ...
    settings = load_settings(None, env=kiosk.env, portal_url=portal_process.url, account="demo")
    assert noticed_within_s(settings.heartbeat_interval_s) <= NOTICED_WITHIN_S

    # ... and it does notice: the login form says so, long before any sync could.
    portal_process.stop()
    kiosk.wait_for(OFFLINE_NOTICE, seconds=HEARTBEAT_WAIT_S)
    kiosk.shot("offline-before-typing")
    kiosk.type(DEMO_PASSWORD)
    kiosk.key("Return")
    # Answered without back-off (one quick try; tests/kiosk counts the tries): how fast the
    # screen reads back here depends on the machine, so no stopwatch.
    kiosk.wait_for("Please try again in a moment", seconds=5)
    kiosk.shot("login-refused-offline")

    portal_process.start()
    kiosk.wait_gone("Offline - browsing only", seconds=NOTICED_WITHIN_S)
    kiosk.find("Log In", role="push button", seconds=NOTICED_WITHIN_S)  # enabled again
    kiosk.shot("back-online")


def test_a_kiosk_that_is_not_ready_lets_staff_reach_its_settings(kiosk_journey):
    kiosk = kiosk_journey(
        args=["--account", "no-such-gym"],
        env={"KIOSK_STAFF_PIN_HASH": hash_local_pin("97531")},
    )
    kiosk.wait_for("The kiosk is not ready yet", seconds=60)
    kiosk.tap("Staff: kiosk settings")
    enter_pin(kiosk, "97531")
    kiosk.wait_for("Signed in without the portal")
    kiosk.wait_for("Account name")
    kiosk.shot("not-ready-settings")


def test_check_in_stops_saying_it_cannot_reach_us_once_the_portal_is_back(
    kiosk_journey, portal_process
):
    """Issue #15, item 6: the check-in screen's "can't reach our system" belongs to the try
    that met a lost connection; once the portal answers again it goes, and the phone number a
    parent typed stays."""
    kiosk = kiosk_journey(
        args=[
            *("--portal", portal_process.url, "--account", "demo"),
            *("--pairing-code", portal_process.pairing_code()),  # check-in needs an enrolled kiosk
        ]
    )
    kiosk.tap("Check In for Class", seconds=60)
    for digit in "2175550101":  # Marge's phone
        kiosk.tap(digit, role="push button")
    kiosk.wait_for("Phone number: (217) 555-0101")

    portal_process.stop()
    kiosk.tap("Find my family")
    kiosk.wait_for("Check-in can't reach our system right now", seconds=30)
    kiosk.shot("check-in-cant-reach")

    portal_process.start()
    kiosk.wait_gone("can't reach our system", seconds=NOTICED_WITHIN_S + 20)
    assert kiosk.showing("Phone number: (217) 555-0101"), kiosk.texts()
    kiosk.shot("check-in-portal-back")
    kiosk.tap("Find my family")  # and the same number now finds the family
    kiosk.wait_for("Welcome! Who's here today?", seconds=30)
