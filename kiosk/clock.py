"""The kiosk's clock: the one place that reads the calendar (now; the facility's now and today).

The kiosk stands in one facility, so "today" is the organisation's day, in its time zone (from
the synced organisation settings), whatever zone the machine is set to. Everything that needs the
date or the time of day asks `clock`, or is handed one. Durations (timeouts, retries, the idle
timer) use `time.monotonic()` or Qt timers, not this.

Tests and demos pin it: KIOSK_CLOCK_START (a kiosk setting, also read here at start so every
process of the kiosk agrees, the sync child included) is an ISO 8601 instant with its UTC offset,
optionally followed by "@<time.monotonic() at that instant>" so a child process continues its
parent's clock exactly. A pinned clock keeps running from its instant.
"""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ENV_VAR = "KIOSK_CLOCK_START"


def parse_clock_start(text: str) -> tuple[datetime, float | None]:
    """`"<ISO instant>[@<monotonic>]"` -> (aware UTC instant, monotonic reading or None).
    Raises ValueError with a sentence for staff."""
    instant, _, mono = text.strip().partition("@")
    try:
        at = datetime.fromisoformat(instant.strip())
        reading = float(mono) if mono.strip() else None
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date and time such as 2027-02-28T23:30:00-06:00"
        ) from None
    if at.tzinfo is None:
        raise ValueError(f"{text!r} needs its UTC offset, such as 2027-02-28T23:30:00-06:00")
    return at.astimezone(UTC), reading


class Clock:
    """Real time or time running from a pinned instant, and the facility's time zone."""

    def __init__(self, zone: tzinfo | None = None) -> None:
        self._lock = threading.Lock()
        self._pinned: tuple[datetime, float] | None = None
        # Until the organisation's settings arrive: the machine's own zone.
        self._zone: tzinfo = zone or datetime.now().astimezone().tzinfo or UTC

    def now(self) -> datetime:
        """Now, in UTC (aware)."""
        pinned = self._pinned
        if pinned is None:
            return datetime.now(UTC)
        at, reading = pinned
        return at + timedelta(seconds=time.monotonic() - reading)

    def local_now(self) -> datetime:
        """Now at the facility."""
        return self.now().astimezone(self._zone)

    def today(self) -> date:
        """The facility's date."""
        return self.local_now().date()

    @property
    def zone(self) -> tzinfo:
        return self._zone

    def set_zone(self, name: str | None) -> None:
        """The organisation's time zone (IANA name); an unknown name keeps the current one."""
        if not name:
            return
        try:
            self._zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            return

    @property
    def pinned(self) -> bool:
        return self._pinned is not None

    def pin(self, at: datetime, *, reading: float | None = None) -> None:
        """Run from `at` from now on (or from the moment `time.monotonic()` read `reading`)."""
        if at.tzinfo is None:
            raise ValueError("a pinned clock needs an aware datetime")
        with self._lock:
            self._pinned = (at.astimezone(UTC), time.monotonic() if reading is None else reading)

    def pin_from_text(self, text: str) -> None:
        at, reading = parse_clock_start(text)
        self.pin(at, reading=reading)

    def unpin(self) -> None:
        with self._lock:
            self._pinned = None

    def start_text(self) -> str | None:
        """This clock as a KIOSK_CLOCK_START value for a child process (None when real)."""
        if self._pinned is None:
            return None
        return f"{self.now().isoformat()}@{time.monotonic()!r}"


def _from_environment() -> Clock:
    made = Clock()
    text = os.environ.get(ENV_VAR, "").strip()
    if text:
        made.pin_from_text(text)
    return made


# The kiosk process's clock.
clock = _from_environment()


def utcnow() -> datetime:
    """Now in UTC from the kiosk's clock (the default of every stored timestamp)."""
    return clock.now()
