"""Absences, makeups and "tell me when a spot opens" in the real window (issue #19).

The suite's today is Wed Dec 9, 3:00 PM (tests/conftest.py pins KIOSK_CLOCK_START): Lisa's
weekly Tumbling 2 class meets tomorrow, Thursday Dec 10 at 6:30 PM, and is full.
"""

from __future__ import annotations

from portal.seed import DEMO_EMAIL_FLANDERS, DEMO_EMAIL_SIMPSON, DEMO_STAFF_PINS
from tests.journeys.conftest import Kiosk
from tests.journeys.test_visit import log_in

THURSDAY = "Thu, Dec 10"


def log_out(kiosk: Kiosk) -> None:
    kiosk.tap("Menu", role="push button")
    kiosk.tap("Log Out")
    kiosk.wait_for("Tap to Begin", seconds=30)


def accept_policies(kiosk: Kiosk) -> None:
    """Read each policy to its end (the mouse wheel over the text), then accept it."""
    for _ in range(3):
        kiosk.wait_for("Policy", seconds=30)
        body = kiosk.wait_for("I Accept")  # the button shows before it is enabled
        x, y = body.centre
        kiosk.screen.run("xdotool", "mousemove", str(x), str(y - 300))
        for _scroll in range(40):
            kiosk.screen.run("xdotool", "click", "5")
        name = next(n for n in kiosk.texts() if n in ("I Accept", "I Accept — Next"))
        kiosk.tap(name)
        if name == "I Accept":
            return


def test_marge_marks_lisa_absent_and_books_a_saturday_makeup(kiosk_journey):
    kiosk = kiosk_journey()
    log_in(kiosk, DEMO_EMAIL_SIMPSON)
    kiosk.wait_for("Hi Marge", seconds=30)
    kiosk.tap(f"Mark Lisa absent on {THURSDAY}", seconds=30)
    kiosk.wait_for("Lisa is marked absent.", seconds=30)
    assert kiosk.showing("A makeup credit was added to your account. Use it from My Account.")
    kiosk.shot("absence-marked")
    kiosk.tap("Done", role="push button")
    kiosk.wait_for("Absent — makeup credit earned", seconds=30)
    kiosk.shot("absent")

    kiosk.tap("My Account", role="push button")
    kiosk.tap("Use the makeup credit from Lisa", exact=False, seconds=30)
    kiosk.tap("Book Tumbling 2 on Sat, Dec 12 · 1:00 PM", seconds=30)
    kiosk.wait_for("Makeup class booked.", seconds=30)
    kiosk.tap("Done", role="push button")
    kiosk.wait_for("Makeup class", exact=True)
    assert kiosk.showing("Absent — makeup credit earned")
    kiosk.shot("coming-up-absent-and-makeup")


def test_ned_watches_a_full_class_and_is_mailed_once_when_a_seat_opens(kiosk_journey):
    kiosk = kiosk_journey()
    log_in(kiosk, DEMO_EMAIL_FLANDERS)
    accept_policies(kiosk)
    kiosk.wait_for("Hi Ned", seconds=30)
    kiosk.tap("Booking", role="push button")
    kiosk.tap("Classes", exact=False)
    kiosk.tap("Tumbling", seconds=30)  # the program filter
    kiosk.tap("Tumbling 2, Thu · 6:30 PM – 7:30 PM, Full - join waitlist", seconds=30)
    kiosk.wait_for("Join the Waitlist", seconds=30)
    kiosk.tap("Rod")
    kiosk.tap("Tell me when a spot opens")
    kiosk.wait_for("We'll email you when a spot opens.", seconds=30)
    kiosk.shot("watching")
    log_out(kiosk)

    # Another family frees a seat: Marge marks Lisa absent for Thursday.
    log_in(kiosk, DEMO_EMAIL_SIMPSON)
    kiosk.wait_for("Hi Marge", seconds=30)
    kiosk.tap(f"Mark Lisa absent on {THURSDAY}", seconds=30)
    kiosk.wait_for("Lisa is marked absent.", seconds=30)
    kiosk.tap("Done", role="push button")
    kiosk.wait_for("Absent — makeup credit earned", seconds=30)
    log_out(kiosk)

    # Ned's next login shows what opened.
    log_in(kiosk, DEMO_EMAIL_FLANDERS)
    kiosk.wait_for(f"A spot opened in Tumbling 2 on {THURSDAY} for Rod.", seconds=30)
    kiosk.shot("alert")
    kiosk.tap("Got it")
    kiosk.wait_gone("A spot opened in Tumbling 2")
    log_out(kiosk)

    # The demo mailbox (staff panel): one mail to Ned.
    kiosk.wait_for("Tap to Begin", seconds=30)
    # The logo is in the window's top left corner (it has no name of its own to find it by).
    window = next(n for n in kiosk.nodes() if n.name == "Springfield Gymnastics")
    x, y = window.x + 80, window.y + 80
    kiosk.screen.run("xdotool", "mousemove", str(x), str(y), "mousedown", "1")
    kiosk.wait_for("Staff PIN", seconds=15)
    kiosk.screen.run("xdotool", "mouseup", "1")
    for digit in next(iter(DEMO_STAFF_PINS)):
        kiosk.tap(digit)
    kiosk.tap("Sign in")
    kiosk.tap("Demo mailbox", seconds=30)
    kiosk.wait_for("A spot opened in Tumbling 2", seconds=30)
    kiosk.shot("mailbox")
    mails = [n for n in kiosk.texts() if "A spot opened in Tumbling 2" in n]
    assert len(mails) == 1 and DEMO_EMAIL_FLANDERS in mails[0], mails
