"""The date and time a test runs at: read from the pinned clocks (tests/conftest.py), never the
machine's."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from portal.core.clock import clock
from portal.seed import DEMO_TIMEZONE

FACILITY = ZoneInfo(DEMO_TIMEZONE)


def now() -> datetime:
    """Now (UTC) on the portal's clock, as the portal under test sees it."""
    return clock.now()


def facility_today() -> date:
    """Today at the demo facility."""
    return clock.today(FACILITY)


def years_ago(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def born(years: int, days: int = 0) -> date:
    """A birth date that makes a child `years` old today, `days` past that birthday."""
    return years_ago(facility_today(), years) - timedelta(days=days)


def card_expiry_year(years_ahead: int = 3) -> int:
    """A card expiry year that is in the future on the test's day."""
    return facility_today().year + years_ahead
