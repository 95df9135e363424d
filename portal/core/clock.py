"""The portal's clock: the one place that reads the calendar (now; a facility's now and today).

Everything that needs the date or the time of day asks `clock` (or takes a `now` from a caller
that did). An organisation's "today" is its own time zone's, never the server's. Tests and demos
pin the clock to an instant; a pinned clock keeps running from there, so holds still expire and
throttles still cool down. Durations (timeouts, retries) use `time.monotonic()`, not this.

A process started with PORTAL_CLOCK_START set starts pinned: an ISO 8601 instant with an offset
("2027-02-28T23:30:00-06:00"), optionally followed by "@<time.monotonic() at that instant>" so a
child process continues its parent's pinned clock to the millisecond (CLOCK_MONOTONIC is one
clock for the whole machine on Linux).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, tzinfo
from datetime import time as time_of_day
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ENV_VAR = "PORTAL_CLOCK_START"


class ClockStartError(ValueError):
    """A clock start that is not an instant with its UTC offset."""


def parse_start(text: str) -> tuple[datetime, float | None]:
    """`"<ISO instant>[@<monotonic>]"` -> (aware instant, monotonic reading or None)."""
    instant, _, mono = text.strip().partition("@")
    try:
        at = datetime.fromisoformat(instant.strip())
        reading = float(mono) if mono.strip() else None
    except ValueError:
        raise ClockStartError(
            f"{text!r} is not a date and time with its UTC offset, "
            "such as 2027-02-28T23:30:00-06:00"
        ) from None
    if at.tzinfo is None:
        raise ClockStartError(
            f"{text!r} has no UTC offset; add one, such as 2027-02-28T23:30:00-06:00"
        )
    return at.astimezone(UTC), reading


def format_start(at: datetime, reading: float | None = None) -> str:
    """The PORTAL_CLOCK_START / KIOSK_CLOCK_START text for `at` (see `parse_start`)."""
    text = at.astimezone(UTC).isoformat()
    return text if reading is None else f"{text}@{reading!r}"


def zone_named(name: str | None) -> tzinfo:
    """The time zone called `name` (IANA), UTC for an empty or unknown name."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def wall_time(day: date, at: time_of_day, zone: tzinfo, *, near: datetime) -> datetime:
    """The UTC instant a facility's wall clock reads `at` on `day`. In the hour that happens
    twice when the clocks go back, the one nearer to `near`; a time skipped when they go forward
    counts as after the jump (2:30 is 3:30)."""
    first = datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
    second = datetime.combine(day, at, tzinfo=zone).replace(fold=1).astimezone(UTC)
    skipped = first.astimezone(zone).time() != at
    if first == second or skipped:
        return first  # fold 0 of a skipped time reads the offset before the jump: 2:30 -> 3:30
    return min((first, second), key=lambda instant: abs(instant - near))


class Clock:
    """Real time, or time running from a pinned instant."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pinned: tuple[datetime, float] | None = None  # (instant, monotonic at that instant)
        self._frozen = False

    # ---- reading

    def now(self) -> datetime:
        """Now, in UTC (aware)."""
        pinned = self._pinned
        if pinned is None:
            return datetime.now(UTC)
        at, reading = pinned
        if self._frozen:
            return at
        return at + timedelta(seconds=time.monotonic() - reading)

    def local_now(self, zone: tzinfo) -> datetime:
        """Now at a facility in `zone`."""
        return self.now().astimezone(zone)

    def today(self, zone: tzinfo) -> date:
        """The date at a facility in `zone`."""
        return self.local_now(zone).date()

    @property
    def pinned(self) -> bool:
        return self._pinned is not None

    # ---- pinning (tests, demos of another day)

    def pin(self, at: datetime, *, reading: float | None = None, frozen: bool = False) -> None:
        """Run from `at` (aware) from now on, or from the moment `time.monotonic()` read
        `reading`; `frozen` stops it there (for tests that compare exact instants)."""
        if at.tzinfo is None:
            raise ClockStartError("a pinned clock needs an aware datetime")
        with self._lock:
            self._pinned = (at.astimezone(UTC), time.monotonic() if reading is None else reading)
            self._frozen = frozen

    def unpin(self) -> None:
        with self._lock:
            self._pinned = None
            self._frozen = False

    def pin_from_text(self, text: str) -> None:
        at, reading = parse_start(text)
        self.pin(at, reading=reading)

    def start_text(self) -> str | None:
        """This clock as a PORTAL_CLOCK_START value for a child process (None when real)."""
        if self._pinned is None:
            return None
        return format_start(self.now(), time.monotonic())

    @contextmanager
    def pinned_at(self, at: datetime, *, frozen: bool = False) -> Iterator[Clock]:
        previous, was_frozen = self._pinned, self._frozen
        self.pin(at, frozen=frozen)
        try:
            yield self
        finally:
            with self._lock:
                self._pinned, self._frozen = previous, was_frozen


def _from_environment() -> Clock:
    made = Clock()
    text = os.environ.get(ENV_VAR, "").strip()
    if text:
        made.pin_from_text(text)
    return made


# The portal process's clock.
clock = _from_environment()


def utcnow() -> datetime:
    """Now in UTC, from the portal's clock (the default of every `created_at`)."""
    return clock.now()
