"""Admission limit on the expensive writes: under a rush, 429 with a sentence and Retry-After."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.types import ASGIApp, Receive, Scope, Send

from portal import schemas
from portal.core.config import PortalSettings

OVERLOADED_MESSAGE = "Lots of families are booking right now - please try again in a moment"

# Each gate has its own slots, so that a crowd signing in does not hold up the checkouts.
# Booking: a seat hold, a checkout, a payment - each takes the booking or payment lock and
# does most of a request's database work. Sign-in: an Argon2 hash or check per request.
# Everything else (reads, the catalog feed) is cheap.
GATES = {
    "booking": re.compile(r"/api/v1/[^/]+/family/(?:cart/items|cart/checkout|payments)/?"),
    "sign-in": re.compile(
        r"/api/v1/[^/]+/(?:auth/login|auth/reset-password|accounts|staff/login)/?"
    ),
}

OVERLOADED_RESPONSE: dict[int | str, dict[str, Any]] = {
    429: {
        "model": schemas.ThrottledMessage,
        "description": "Too many at once: try again after Retry-After seconds",
    }
}


def overloaded_response(retry_after_seconds: int) -> JSONResponse:
    body = schemas.ThrottledMessage(
        message=OVERLOADED_MESSAGE, retry_after_seconds=retry_after_seconds
    )
    return JSONResponse(
        status_code=429,
        content=body.model_dump(by_alias=True),
        headers={"Retry-After": str(retry_after_seconds)},
    )


class AdmissionLimit:
    """At most `slots` requests of each gate run at once per process; one that finds them all
    taken waits up to `wait_seconds` for a slot, then is answered 429 at once (never run), so
    that a registration-day rush gets a readable answer instead of queueing until clients
    time out.

    The wait starts once the body has arrived (install it inside BodySizeLimit): a slow upload
    holds no slot. The slots live on the event loop the first request runs on.
    """

    def __init__(
        self, app: ASGIApp, *, slots: int, wait_seconds: float, retry_after_seconds: int
    ) -> None:
        self.app = app
        self.slots = slots
        self.wait_seconds = wait_seconds
        self.retry_after_seconds = retry_after_seconds
        self._free: dict[str, asyncio.Semaphore] = {}

    def _gate(self, scope: Scope) -> str | None:
        if scope["type"] != "http" or scope["method"] != "POST":
            return None
        path = scope["path"]
        return next((name for name, paths in GATES.items() if paths.fullmatch(path)), None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        gate = self._gate(scope)
        if gate is None:
            await self.app(scope, receive, send)
            return
        free = self._free.get(gate)
        if free is None:
            free = self._free[gate] = asyncio.Semaphore(self.slots)
        try:
            async with asyncio.timeout(self.wait_seconds):
                await free.acquire()
        except TimeoutError:
            await overloaded_response(self.retry_after_seconds)(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            free.release()


def install(app: FastAPI, settings: PortalSettings) -> None:
    """Add the limit; call it before BodySizeLimit is added, so that it runs inside it. A
    request that still finds no database connection free in time is answered the same way."""
    app.add_middleware(
        AdmissionLimit,
        slots=settings.overload_slots,
        wait_seconds=settings.overload_wait_seconds,
        retry_after_seconds=settings.overload_retry_after_seconds,
    )

    async def no_connection_free(request: Request, exc: Exception) -> JSONResponse:
        return overloaded_response(settings.overload_retry_after_seconds)

    app.add_exception_handler(PoolTimeout, no_connection_free)
