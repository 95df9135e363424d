"""Catalog search: a keystroke in the class search field (or a filter chosen) over 10,000
classes in the cache, to the list model reset and to the first frame showing the new list."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from .common import Context, Result, p95, timed_result
from .qt_kiosk import Kiosk, find, kiosk_session, wait_until

LIMIT_MS = 30.0
# Whole words and prefixes of the generated names ("Gymnastics A Beginner 1 Comets Mon"),
# an instructor, and a word that matches nothing.
QUERIES = ("gymnastics", "comets tue", "ninja b", "garcia", "advanced beg", "zzz")
QUICK_QUERIES = ("gymnastics", "garcia", "zzz")


class ResetClock:
    """When the class list model was last reset (perf_counter)."""

    def __init__(self, k: Kiosk) -> None:
        self.model = k.app.catalog.property("classes")
        self.at: float | None = None
        self.model.modelReset.connect(self._on_reset)

    def _on_reset(self) -> None:
        self.at = time.perf_counter()


def _measure(k: Kiosk, clock: ResetClock, action, to_reset: list[float], to_frame: list[float]):
    clock.at = None
    started = time.perf_counter()
    to_frame.append(k.frames.frame_after(action, lambda: clock.at is not None) * 1000)
    assert clock.at is not None
    to_reset.append((clock.at - started) * 1000)


def _open_classes(k: Kiosk) -> None:
    k.begin_visit()
    k.tap("tile_booking")
    k.wait_screen("bookingScreen")
    k.tap("booking_classes")
    k.wait_screen("classesScreen")
    wait_until(lambda: find(k.window, "classCard0") is not None, 10.0, "the class list")
    k.settle(0.2)


def _type(k: Kiosk, clock: ResetClock, queries, to_reset, to_frame) -> None:
    k.tap("classSearch")
    field = find(k.window, "classSearch")
    assert field is not None
    wait_until(field.hasActiveFocus, 5.0, "the search field's focus")
    k.settle(0.5)  # the on-screen keyboard has slid in
    for query in queries:
        for ch in query:
            _measure(k, clock, lambda ch=ch: QTest.keyClick(k.window, ch), to_reset, to_frame)
            k.settle(0.02)
        for _ in query:
            _measure(
                k,
                clock,
                lambda: QTest.keyClick(k.window, Qt.Key.Key_Backspace),
                to_reset,
                to_frame,
            )
            k.settle(0.02)


def _filters(k: Kiosk, clock: ResetClock, rounds: int, to_reset, to_frame) -> None:
    catalog = k.app.catalog
    programs = catalog.property("programs")
    program_id = int(programs[0]["programId"]) if programs else 0
    steps = [
        lambda: catalog.setAgeMonths(54),
        lambda: catalog.toggleDay(7),
        lambda: catalog.setOpeningsOnly(True),
        lambda: catalog.setTimeOfDay("afternoon"),
        lambda: catalog.setProgram(program_id),
        lambda: catalog.clearFilters(),
    ]
    for _ in range(rounds):
        for step in steps:
            _measure(k, clock, step, to_reset, to_frame)
            k.settle(0.02)


def run(ctx: Context) -> list[Result]:
    queries = QUICK_QUERIES if ctx.quick else QUERIES
    rounds = ctx.samples(10, 3)
    key_reset: list[float] = []
    key_frame: list[float] = []
    filter_reset: list[float] = []
    filter_frame: list[float] = []
    with kiosk_session(ctx) as k:
        _open_classes(k)
        total = int(k.app.catalog.property("classes").rowCount())
        clock = ResetClock(k)
        _type(k, clock, queries[:1], [], [])  # warm-up: first queries compile and cache
        _type(k, clock, queries, key_reset, key_frame)
        _filters(k, clock, 1, [], [])
        _filters(k, clock, rounds, filter_reset, filter_frame)
    return [
        timed_result(
            "catalog search: keystroke -> list shown",
            "ms",
            key_frame,
            limit=LIMIT_MS,
            notes=(
                f"{total:,} classes at the location; typed and erased key by key "
                f"({', '.join(repr(q) for q in queries)}); to the model reset p95 "
                f"{p95(key_reset):.1f} ms, median {sorted(key_reset)[len(key_reset) // 2]:.1f}"
                " ms; figure is to the first frame showing the new list"
            ),
        ),
        timed_result(
            "catalog filter: chip -> list shown",
            "ms",
            filter_frame,
            limit=LIMIT_MS,
            notes=(
                "age, day, openings, time of day, program, clear all (the slots the chips "
                f"call); to the model reset p95 {p95(filter_reset):.1f} ms"
            ),
        ),
    ]
