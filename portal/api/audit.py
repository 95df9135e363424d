"""The audit of assisted sessions: every call made with a family token that staff opened is
recorded with its route template and the status it answered (docs/staff-contract.md).

`current_session` (api/deps.py) marks a call made with an assisted token; this middleware
writes the entry when the answer's status is known, just before the answer leaves (so the
entry is there by the time the kiosk has the answer), whatever the status: 2xx, every 4xx
(refusals, a suspended family's 403, bad input), and a 500 if a route ever failed. Writing it
never changes or delays the answer beyond the insert: a failure is logged and the answer goes
out as it was.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.services import auth
from portal.services import staff as staff_service

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1/{account}"
_STATE_KEY = "portal_assisted_call"


@dataclass(frozen=True)
class AssistedCall:
    organisation_id: int
    staff_id: int
    family_id: int | None
    device: str
    action: str


def route_action(request: Request) -> str:
    """`METHOD /template` without the API prefix, e.g. `PATCH /family/students/{studentId}`."""
    route = request.scope.get("route")
    template = getattr(route, "path", None)
    if not isinstance(template, str):
        template = request.url.path
    if template.startswith(API_PREFIX):
        template = template[len(API_PREFIX) :] or "/"
    return f"{request.method} {template}"


def mark_assisted_call(request: Request, context: auth.AuthContext) -> None:
    """Have this call audited on the staff member who opened the session."""
    staff_id = context.token.assisted_by_staff_id
    if staff_id is None:
        return
    setattr(
        request.state,
        _STATE_KEY,
        AssistedCall(
            organisation_id=context.token.organisation_id,
            staff_id=staff_id,
            family_id=context.token.family_id,
            device=context.token.device_id,
            action=route_action(request),
        ),
    )


class AssistedCallAudit:
    """ASGI middleware: records marked calls with the status they answered."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # The routes' Request.state lives in this dict; created here so every copy of the
        # scope further in shares it.
        scope.setdefault("state", {})
        recorded = False

        async def send_recorded(message: Message) -> None:
            nonlocal recorded
            if message["type"] == "http.response.start" and not recorded:
                recorded = True
                await _record(scope, int(message.get("status", 500)))
            await send(message)

        try:
            await self.app(scope, receive, send_recorded)
        except Exception:
            if not recorded:  # the server's error handler answers 500
                recorded = True
                await _record(scope, 500)
            raise


async def _record(scope: Scope, status: int) -> None:
    state: Any = scope.get("state")
    call = state.get(_STATE_KEY) if isinstance(state, dict) else None
    if not isinstance(call, AssistedCall):
        return
    app_state = getattr(scope.get("app"), "state", None)
    session_factory = getattr(app_state, "session_factory", None)
    if session_factory is None:
        return
    try:
        await run_in_threadpool(
            staff_service.record_assisted_call,
            session_factory,
            organisation_id=call.organisation_id,
            staff_id=call.staff_id,
            family_id=call.family_id,
            device=call.device,
            action=call.action,
            outcome=status,
        )
    except Exception:
        log.exception("could not audit an assisted call (%s -> %s)", call.action, status)
