"""The catalog sync in a process of its own: `python -m kiosk.sync.child`.

Why a process: a full sync parses and writes thousands of records in Python. In a thread of the
kiosk's process it holds the interpreter for long stretches, and the window's frames wait for
it (the announcement crossfade stutters). In a child process it shares nothing with the
window but the SQLite file, which WAL lets both use at once.

The parent writes one JSON request on stdin; the child answers one JSON line on stdout:
`{"result": {...SyncResult...}}` or `{"error": {"kind": "PortalUnavailable", "message": ...,
"status": ...}}`. Log records go to stderr, one per line, for the parent to pass on.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from kiosk import clock as clock_module
from kiosk.api import errors
from kiosk.domain import SyncResult

log = logging.getLogger(__name__)

_PROJECT_ROOT = Path(__file__).resolve().parents[2]
_ERROR_KINDS: dict[str, type[errors.PortalError]] = {
    cls.__name__: cls
    for cls in (
        errors.PortalError,
        errors.PortalUnavailable,
        errors.UnknownAccount,
        errors.SignInRequired,
        errors.NotFound,
        errors.ServerError,
        errors.AuthFailed,
        errors.BadResponse,
    )
}


class SyncProcessFailed(RuntimeError):
    """The child ended without an answer (killed, crashed, a bug)."""


class SyncInChildProcess:
    """`run()` does what `CatalogSync.run()` does, in a child process; blocking, for the Worker.
    Errors come back as the same PortalError subclasses the kiosk already handles."""

    def __init__(
        self,
        portal_url: str,
        account: str,
        cache_path: Path,
        media_dir: Path,
        *,
        request_timeout_s: float = 10.0,
        source: str = "portal",
        full_refresh_s: float = 300.0,
        requests_per_minute: int = 60,
        timezone: str | None = None,
    ) -> None:
        self.portal_url = portal_url
        self.account = account
        self.cache_path = Path(cache_path)
        self.media_dir = Path(media_dir)
        self.request_timeout_s = request_timeout_s
        # Browse mode (source "iclasspro"): a full refresh every full_refresh_s, the openings of
        # classes in between.
        self.source = source
        self.full_refresh_s = full_refresh_s
        self.requests_per_minute = requests_per_minute
        self.timezone = timezone
        self._last_full: float | None = None
        self._lock = threading.Lock()  # one sync at a time, as with CatalogSync

    def reconfigure(self, portal_url: str, account: str, source: str | None = None) -> None:
        self.portal_url, self.account = portal_url, account
        if source is not None:
            self.source = source
        self._last_full = None

    def run(self) -> SyncResult:
        full = self._last_full is None or (
            time.monotonic() - self._last_full >= self.full_refresh_s
        )
        request = {
            "portalUrl": self.portal_url,
            "account": self.account,
            "cachePath": str(self.cache_path),
            "mediaDir": str(self.media_dir),
            "timeout": self.request_timeout_s,
            "source": self.source,
            "full": full,
            "requestsPerMinute": self.requests_per_minute,
            "timezone": self.timezone,
        }
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(_PROJECT_ROOT), env.get("PYTHONPATH", "")) if p
        )
        # The child reads the calendar where this process does (a pinned clock runs on in it).
        env.pop(clock_module.ENV_VAR, None)
        pinned = clock_module.clock.start_text()
        if pinned is not None:
            env[clock_module.ENV_VAR] = pinned
        with self._lock:
            done = subprocess.run(
                [sys.executable, "-m", "kiosk.sync.child"],
                input=json.dumps(request),
                capture_output=True,
                text=True,
                env=env,
                cwd=_PROJECT_ROOT,
                check=False,
            )
        for line in done.stderr.splitlines():
            if line.strip():
                log.info("sync: %s", line)
        answer = _last_json_line(done.stdout)
        if answer is None:
            raise SyncProcessFailed(f"the sync process ended with code {done.returncode}")
        if "result" in answer:
            if full:
                self._last_full = time.monotonic()
            return SyncResult(**answer["result"])
        error = answer.get("error") or {}
        kind = _ERROR_KINDS.get(str(error.get("kind")), errors.PortalError)
        raise kind(str(error.get("message") or "The catalog sync failed."), error.get("status"))


def _last_json_line(text: str) -> dict[str, Any] | None:
    for line in reversed(text.splitlines()):
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return None


def main() -> int:
    """The child: one sync, one answer."""
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(name)s %(message)s")
    from kiosk.api.client import PortalClient
    from kiosk.cache.db import open_cache
    from kiosk.sync.catalog import CatalogSync
    from kiosk.sync.iclasspro import IClassProSync, PoliteClient

    request = json.loads(sys.stdin.read())
    factory = open_cache(Path(request["cachePath"]))
    browse = request.get("source") == "iclasspro"
    client: PortalClient
    if browse:
        client = PoliteClient(
            request["portalUrl"],
            request["account"],
            timeout=request["timeout"],
            requests_per_minute=int(request.get("requestsPerMinute") or 60),
        )
    else:
        client = PortalClient(request["portalUrl"], request["account"], timeout=request["timeout"])
    try:
        if browse:
            result = IClassProSync(
                client, factory, Path(request["mediaDir"]), timezone=request.get("timezone")
            ).run(full=bool(request.get("full", True)))
        else:
            result = CatalogSync(client, factory, Path(request["mediaDir"])).run()
        answer: dict[str, Any] = {"result": dataclasses.asdict(result)}
    except errors.PortalError as exc:
        answer = {
            "error": {"kind": type(exc).__name__, "message": exc.message, "status": exc.status}
        }
    finally:
        client.close()
        bind = factory.kw.get("bind")
        if bind is not None:
            bind.dispose()
    print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
