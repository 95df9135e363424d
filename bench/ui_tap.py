"""Tap to frame: a real tap on the real window to the first frame swapped with the next screen
on top, for each step of a family's way in (10,000 classes in the cache, portal on loopback)."""

from __future__ import annotations

from collections.abc import Callable

from .common import Context, Result, timed_result
from .qt_kiosk import Kiosk, find, kiosk_session, wait_until

LIMIT_MS = 50.0

# (figure, what the figure means)
STEPS = {
    "landing->welcome": "tap: landing -> welcome info",
    "welcome->dashboard": "tap: landing (welcome info) -> dashboard",
    "dashboard->booking": "tap: dashboard -> booking menu",
    "booking->classes": "tap: dashboard (booking menu) -> classes",
    "classes->detail": "tap: class list -> class detail",
    "open cart": "tap: open cart (logged in)",
}


def _visible(k: Kiosk, name: str) -> Callable[[], bool]:
    return lambda: find(k.window, name) is not None


def _enter(k: Kiosk, samples: dict[str, list[float]]) -> None:
    """Landing -> welcome info -> dashboard, measured."""
    k.end_visit()
    k.settle(0.2)
    if not k.app.kiosk.property("showWelcomeInfo"):  # the organisation switched it off
        samples["welcome->dashboard"].append(
            k.timed_tap("clickToBegin", lambda: k.top() == "dashboardScreen")
        )
        k.settle()
        return
    popup = k.popup("welcomePopup")
    samples["landing->welcome"].append(
        k.timed_tap("clickToBegin", lambda: bool(popup.property("visible")))
    )
    wait_until(_visible(k, "welcomeContinue"), 5.0, "the welcome info")
    samples["welcome->dashboard"].append(
        k.timed_tap("welcomeContinue", lambda: k.top() == "dashboardScreen")
    )
    k.settle()


def _browse(k: Kiosk, samples: dict[str, list[float]]) -> None:
    """Dashboard -> booking menu -> classes -> class detail, measured; then home."""
    samples["dashboard->booking"].append(
        k.timed_tap("tile_booking", lambda: k.top() == "bookingScreen")
    )
    k.settle()
    samples["booking->classes"].append(
        k.timed_tap("booking_classes", lambda: k.top() == "classesScreen")
    )
    k.settle()
    wait_until(_visible(k, "classCard0"), 5.0, "the class list")
    samples["classes->detail"].append(
        k.timed_tap("classCard0", lambda: k.top() == "classDetailScreen")
    )
    k.settle()
    k.tap("toolbarHome")
    k.wait_screen("dashboardScreen")
    k.settle()


def _open_cart(k: Kiosk, samples: dict[str, list[float]]) -> None:
    samples["open cart"].append(k.timed_tap("toolbar_cart", lambda: k.top() == "cartScreen"))
    k.settle()
    wait_until(lambda: not k.app.worker.busy, 10.0, "the cart to load")
    k.tap("toolbarHome")
    k.wait_screen("dashboardScreen")
    k.settle()


def run(ctx: Context) -> list[Result]:
    rounds = ctx.samples(20, 6)
    first: dict[str, list[float]] = {key: [] for key in STEPS}
    samples: dict[str, list[float]] = {key: [] for key in STEPS}
    with kiosk_session(ctx) as k:
        # The first round compiles and caches each screen: reported apart, not sampled.
        _enter(k, first)
        _browse(k, first)
        for _ in range(rounds):
            _enter(k, samples)
            _browse(k, samples)
        k.log_in()
        k.wait_screen("dashboardScreen", timeout=20)
        k.settle(0.3)
        _open_cart(k, first)
        for _ in range(rounds):
            _open_cart(k, samples)
    results = []
    for key, figure in STEPS.items():
        notes = (
            f"first time after start {first[key][0]:.0f} ms (not sampled)"
            if first[key]
            else "not reached"
        )
        if key == "welcome->dashboard":
            notes += "; the tap that brings the dashboard (Continue on the welcome info)"
        if key == "booking->classes":
            notes += "; the classes screen lists the 10,000 classes of the location"
        results.append(timed_result(figure, "ms", samples[key], limit=LIMIT_MS, notes=notes))
    return results
