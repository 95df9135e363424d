"""The rule that a lost portal shows "Offline" within ten seconds (issue #15, item 8), checked
from the heartbeat's settings rather than with a stopwatch (a busy machine is slow; no failure)."""

from __future__ import annotations

from kiosk.heartbeat import MISSES_TO_OFFLINE, PING_TIMEOUT_S

NOTICED_WITHIN_S = 10
# How long a test waits for the heartbeat to say "Offline": far more than the rule's ten seconds,
# far less than the catalog sync's interval in those tests (600 s), so only the heartbeat can end
# the wait in time.
HEARTBEAT_WAIT_S = 60


def noticed_within_s(heartbeat_interval_s: float) -> float:
    """The longest a kiosk with this heartbeat takes to notice a portal that stops answering
    right after a good ping (kiosk/heartbeat.py): the next beat, then MISSES_TO_OFFLINE pings
    in a row that each time out. A refused connection is noticed sooner."""
    return heartbeat_interval_s + MISSES_TO_OFFLINE * PING_TIMEOUT_S
