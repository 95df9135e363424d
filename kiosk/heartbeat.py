"""The portal heartbeat: a light ping every few seconds on a thread of its own, so the kiosk
knows within seconds that the portal is gone (or back), not at the next catalog sync.

Why a thread of its own: the Worker's threads can all be waiting on a sync or a slow payment,
and a ping queued behind them would say nothing for a minute. The ping is the portal's
`GET /api/v1/health` on a client of its own (its own connection pool), without retries and
with a short time-out.

One missed ping is not an outage (a dropped packet, a busy portal): the heartbeat asks again at
once, and only a second miss in a row makes it offline. The first answer makes it online again.
Worst case, a portal that stops answering right after a good ping is noticed after
`interval_s + 2 * timeout` seconds (3 + 2 x 3 = 9 s with the defaults); a refused connection
(the portal process is gone) after at most `interval_s`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 3.0
PING_TIMEOUT_S = 3.0
MISSES_TO_OFFLINE = 2


class PortalHeartbeat:
    """Calls `ping()` (True: the portal answered) every `interval_s` seconds on a daemon thread
    and `on_change(online)` (on that thread) each time the answer changes."""

    def __init__(
        self,
        ping: Callable[[], bool],
        *,
        interval_s: float = DEFAULT_INTERVAL_S,
        on_change: Callable[[bool], None] | None = None,
        misses_to_offline: int = MISSES_TO_OFFLINE,
    ) -> None:
        self._ping = ping
        self.interval_s = interval_s
        self.on_change = on_change
        self._misses_to_offline = max(1, misses_to_offline)
        self._online = True  # until a ping says otherwise: the kiosk starts hopeful
        self._misses = 0
        self._wake = threading.Event()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def online(self) -> bool:
        """What the last pings said: False once the portal missed `misses_to_offline` in a row."""
        return self._online

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopped.clear()
        self._thread = threading.Thread(target=self._run, name="portal-heartbeat", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopped.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)

    def check_now(self) -> None:
        """Ping at once instead of at the next beat (something else just failed to reach it)."""
        self._wake.set()

    def beat(self) -> bool:
        """One ping, recorded; True when the portal answered. The thread calls this; tests and
        callers that want an answer now may too."""
        try:
            answered = bool(self._ping())
        except Exception as exc:  # a ping never takes the heartbeat down
            log.warning("heartbeat ping failed: %s", type(exc).__name__)
            answered = False
        self._record(answered)
        return answered

    def _record(self, answered: bool) -> None:
        if answered:
            self._misses = 0
            changed = not self._online
            self._online = True
        else:
            self._misses += 1
            changed = self._online and self._misses >= self._misses_to_offline
            if changed:
                self._online = False
        if changed:
            log.warning("the portal is %s", "reachable again" if answered else "unreachable")
            if self.on_change is not None:
                self.on_change(self._online)

    def _run(self) -> None:
        while not self._stopped.is_set():
            answered = self.beat()
            if self._stopped.is_set():
                return
            if not answered and self._online:
                continue  # a first miss: ask again at once before saying offline
            self._wake.wait(self.interval_s)
            self._wake.clear()
