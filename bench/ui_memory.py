"""Memory: the kiosk's resident set after 1,000 announcement rotations and 500 screen
navigations in one process (10,000 classes in the cache, portal on loopback), and its growth
since the end of a warm-up."""

from __future__ import annotations

import contextlib
import ctypes
import time
from typing import Any

from .common import Context, Result
from .qt_kiosk import Kiosk, find_any, invoke, kiosk_session, rss_after_gc, run_for, wait_until

ROTATIONS = 1_000
NAVIGATIONS = 500
WARM_UP_ROTATIONS = 100
WARM_UP_NAVIGATIONS = 30  # every screen of the journey three times
GROWTH_LIMIT_MB = 5.0
TOTAL_LIMIT_MB = 250.0


def _trimmed_rss() -> float:
    """RSS after glibc hands freed heap back to the system (tells a leak from a fat heap)."""
    with contextlib.suppress(OSError):  # not glibc: nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    return rss_after_gc()


def _rotate(k: Kiosk, times: int, curve: list[tuple[str, float]]) -> None:
    """Advance the announcements `times` times, each time until its picture is on screen."""
    if k.screen() != "landingScreen":
        k.end_visit()
    screen = find_any(k.window, "landingScreen")
    assert screen is not None
    for i in range(times):
        invoke(screen, "show", int(screen.property("current")) + 1)
        current = int(screen.property("current"))
        image = find_any(k.window, f"landingImage{current}")
        if image is not None:
            wait_until(lambda image=image: bool(image.property("loaded")), 10.0, "a picture")
        k.frames.next_frame()
        if (i + 1) % 250 == 0:
            curve.append((f"rotation {i + 1}", rss_after_gc()))


def first_class_id(k: Kiosk) -> int:
    """The id of the first class in the class list model (through the model's own API)."""
    model = k.app.catalog.property("classes")
    role = next(r for r, name in model.roleNames().items() if bytes(name) == b"classId")
    return int(model.data(model.index(0, 0), role))


def _navigate(k: Kiosk, times: int, curve: list[tuple[str, float]], class_id: int) -> None:
    """`times` navigations through the screens a family uses, two frames apart (the stack view
    cuts a running transition short), and Home every ten, which is left to finish sliding in.

    Why Home waits: while every transition is cut short, the stack view puts off destroying
    the screens it replaced until one can finish; thousands of items pile up meanwhile (not
    a leak, they all go then). Waiting at each Home keeps the run to the memory a family's
    visit uses, without paying 0.4 s for each of the 500 transitions."""
    journey: list[tuple[str, dict[str, Any]]] = [
        ("dashboard", {}),
        ("news", {}),
        ("booking", {}),
        ("classes", {}),
        ("classDetail", {"classId": class_id}),
        ("proShop", {}),
        ("staff", {}),
        ("location", {}),
        ("more", {}),
        ("findClass", {}),
    ]
    for i in range(times):
        screen, params = journey[i % len(journey)]
        k.navigate(screen, params)
        k.frames.next_frame()
        k.frames.next_frame()
        if screen == "dashboard":
            wait_until(lambda: not k.window.property("navigating"), 10.0, "the transition")
        if (i + 1) % 100 == 0:
            curve.append((f"navigation {i + 1}", rss_after_gc()))
    k.navigate("dashboard")
    k.settle(0.5)


def _quiet() -> float:
    """RSS at rest: on the landing page, animations and image loads over, garbage collected."""
    run_for(2.0)
    return rss_after_gc()


def run(ctx: Context) -> list[Result]:
    rotations = ctx.samples(ROTATIONS, 300)
    navigations = ctx.samples(NAVIGATIONS, 100)
    curve: list[tuple[str, float]] = []
    started = time.monotonic()
    with kiosk_session(ctx) as k:
        k.begin_visit()
        k.navigate("classes")
        k.wait_screen("classesScreen")
        wait_until(lambda: k.app.catalog.property("classes").rowCount() > 0, 10.0, "classes")
        class_id = first_class_id(k)
        # Warm-up: every screen and every announcement a few times (caches fill, QML types load).
        k.end_visit()
        _rotate(k, WARM_UP_ROTATIONS, [])
        k.begin_visit()
        _navigate(k, WARM_UP_NAVIGATIONS, [], class_id)
        k.end_visit()
        baseline = _quiet()
        baseline_trimmed = _trimmed_rss()
        curve.append(("after warm-up", baseline))
        _rotate(k, rotations, curve)
        k.begin_visit()
        _navigate(k, navigations, curve, class_id)
        k.end_visit()
        final = _quiet()
        final_trimmed = _trimmed_rss()
    growth = final - baseline
    trail = ", ".join(f"{label} {mb:.0f}" for label, mb in curve)
    took = time.monotonic() - started
    return [
        Result(
            "memory: RSS after the run",
            "MB",
            1,
            final,
            final,
            target=f"<= {TOTAL_LIMIT_MB:g} MB",
            passed=final <= TOTAL_LIMIT_MB,
            notes=(
                f"{rotations} announcement rotations (each until its picture shows) and "
                f"{navigations} navigations, {took:.0f} s; RSS (MB) along the way: {trail}"
            ),
        ),
        Result(
            "memory: growth after warm-up",
            "MB",
            1,
            growth,
            growth,
            target=f"<= {GROWTH_LIMIT_MB:g} MB",
            passed=growth <= GROWTH_LIMIT_MB,
            notes=(
                f"RSS {baseline:.1f} -> {final:.1f} MB; with freed heap returned to the system "
                f"(malloc_trim) {baseline_trimmed:.1f} -> {final_trimmed:.1f} MB "
                f"({final_trimmed - baseline_trimmed:+.1f} MB)"
            ),
        ),
    ]
