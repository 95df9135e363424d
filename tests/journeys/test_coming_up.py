"""Coming Up! shows what was just booked (issue #15, item 4), in the real window: marge books
and pays for a class, taps Done, and the class is in Coming Up! on the dashboard and in My
Account's schedule, without logging out and in.

Started as `make run` does; only taps and key presses (tests/journeys/conftest.py).
"""

from __future__ import annotations

import time

from portal.seed import DEMO_EMAIL_SIMPSON
from tests.journeys.conftest import WAIT_SCALE, JourneyFailed, Kiosk, Node
from tests.journeys.test_visit import log_in, type_card

MORE = "More of Coming Up!"
BACK_TO_FIRST = "Back to the first of Coming Up!"
OPEN = ("spots left", "spot left")
SCREEN_HEIGHT = 1080  # the journey's screen, 1920x1080


def _inside(node: Node, box: Node) -> bool:
    return (
        box.x <= node.x
        and box.y <= node.y
        and node.x + node.w <= box.x + box.w
        and node.y + node.h <= box.y + box.h
    )


def _rows(nodes: list[Node]) -> list[str]:
    """The Coming Up! entries a person can see, "Class — Student": inside the panel's list as
    it shows (entries clipped by it, or below the screen's edge, are still read out)."""
    panel = next((n for n in nodes if n.role == "filler" and n.name == "Coming Up!"), None)
    if panel is None:
        return []
    return [
        n.name
        for n in nodes
        if n.role == "label"
        and " — " in n.name
        and _inside(n, panel)
        and n.y + n.h <= SCREEN_HEIGHT
    ]


def turn_the_page(kiosk: Kiosk, button: Node) -> None:
    """Tap More (or Back to the first); scroll the screen first when it is below the edge."""
    if button.y + button.h > SCREEN_HEIGHT:
        kiosk.screen.run("xdotool", "mousemove", "960", str(SCREEN_HEIGHT // 2))
        for _ in range(5):
            kiosk.screen.run("xdotool", "click", "5")  # the mouse wheel, down
        button = kiosk.find(button.name)
    kiosk.tap_at(*button.centre)


def coming_up(kiosk: Kiosk) -> list[str]:
    """Every entry of Coming Up!, page by page (More ▾), then back to the first page."""
    page = kiosk.wait(_rows, "Coming Up!'s entries", seconds=30)
    seen = list(page)
    while more := next((n for n in kiosk.nodes() if n.name == MORE), None):
        turn_the_page(kiosk, more)
        page = kiosk.wait(
            lambda nodes, shown=page: (rows := _rows(nodes)) != shown and rows, "the next page"
        )
        seen += [row for row in page if row not in seen]
    if back := next((n for n in kiosk.nodes() if n.name == BACK_TO_FIRST), None):
        turn_the_page(kiosk, back)
        kiosk.wait(lambda nodes: MORE in [n.name for n in nodes], "the first page")
    return seen


def wait_in_coming_up(kiosk: Kiosk, row: str, what: str, seconds: float = 60) -> None:
    """Until `row` is an entry of Coming Up! on screen, turning its pages as a parent would."""
    deadline = time.monotonic() + seconds * WAIT_SCALE

    def row_or_a_page_to_turn(nodes: list[Node]) -> Node | str | None:
        if row in _rows(nodes):
            return "shown"
        return next((n for n in nodes if n.name in (MORE, BACK_TO_FIRST)), None)

    while (found := kiosk.wait(row_or_a_page_to_turn, what, seconds=30)) != "shown":
        if time.monotonic() > deadline:
            shot = kiosk.shot(f"failed-{what[:40]}")
            shown = _rows(kiosk.nodes())
            raise JourneyFailed(f"{what} did not happen; Coming Up! showed {shown}; picture {shot}")
        page = _rows(kiosk.nodes())
        turn_the_page(kiosk, found)
        kiosk.wait(lambda nodes, shown=page: _rows(nodes) != shown, "the page to turn")


def pay_with_a_typed_card(kiosk: Kiosk) -> None:
    kiosk.tap("Type card number", seconds=30)
    button = kiosk.wait(
        lambda nodes: next(
            (
                n
                for n in nodes
                if n.role == "push button"
                and n.name.startswith("Pay $")
                and not n.name.endswith("from credit")
            ),
            None,
        ),
        "the Pay button",
    )
    type_card(kiosk)
    kiosk.shot("card-typed")
    kiosk.tap(button.name)


def test_a_class_just_paid_for_shows_in_coming_up_and_in_my_account(kiosk_journey):
    """marge books a class none of her family's events is for (Booking → Classes → the class
    → a student, its first start date → Add to Cart → Check Out → typed card → Pay), taps
    Done: the dashboard's Coming Up! has "Class — Student", and so has My Account's schedule."""
    kiosk = kiosk_journey()
    log_in(kiosk, DEMO_EMAIL_SIMPSON)
    kiosk.wait_for("Hi Marge", seconds=30)
    before = coming_up(kiosk)
    booked_titles = {row.rsplit(" — ", 1)[0] for row in before}
    kiosk.shot("coming-up-before")

    kiosk.tap("Booking", role="push button")
    kiosk.tap("Classes", exact=False)
    card = kiosk.wait(
        lambda nodes: next(
            (
                n
                for n in nodes
                if n.role == "push button"
                and n.name.endswith(OPEN)
                and n.name.split(", ", 1)[0] not in booked_titles
            ),
            None,
        ),
        "a class with openings that nobody in the family is in",
        seconds=30,
    )
    title = card.name.split(", ", 1)[0]
    kiosk.tap(card.name)
    kiosk.wait_for("Start date", seconds=30)
    names = kiosk.texts()
    # The first start date is chosen already; a student the class is for (no "— reason").
    student = next(name for name in ("Bart", "Lisa", "Maggie") if name in names)
    row = f"{title} — {student}"
    assert row not in before, (row, before)
    kiosk.tap(student, role="check box")
    kiosk.shot("class-chosen")
    kiosk.tap("Add to Cart")

    kiosk.wait_for("Your Cart", seconds=30)
    kiosk.tap("Check Out", seconds=30)
    pay_with_a_typed_card(kiosk)
    kiosk.wait_for("You're all set!", seconds=60)
    assert kiosk.showing(f"{row}: Enrolled"), kiosk.texts()
    kiosk.shot("confirmed")
    kiosk.tap("Done")

    kiosk.wait_for("Hi Marge", seconds=30)
    wait_in_coming_up(kiosk, row, f"{row!r} in the dashboard's Coming Up!")
    kiosk.shot("dashboard-coming-up")

    kiosk.tap("My Account", role="push button")
    kiosk.wait_for("My Account — Simpson family", seconds=30)
    wait_in_coming_up(kiosk, row, f"{row!r} in My Account's schedule")
    kiosk.shot("my-account-schedule")
