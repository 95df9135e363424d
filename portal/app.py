"""`create_app(settings)`: the portal's FastAPI application."""

from __future__ import annotations

import os
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal import __version__, schemas
from portal.api.audit import AssistedCallAudit
from portal.api.errors import install_exception_handlers
from portal.api.overload import install as install_admission_limit
from portal.api.routes import absences as absences_routes
from portal.api.routes import (
    auth,
    checkin,
    demo,
    family,
    kiosk_sync,
    kiosks,
    media,
    open_catalog,
)
from portal.api.routes import booking as booking_routes
from portal.api.routes import payments as payments_routes
from portal.api.routes import staff as staff_routes
from portal.core.config import PortalSettings
from portal.core.db import make_engine, make_session_factory
from portal.services import auth as auth_service
from portal.services import idempotency
from portal.services.gateway import SandboxGateway
from portal.services.idempotency import REQUEST_DIGEST
from portal.services.mail import SmtpMailSender

FEED_DATA_MODELS: tuple[type[schemas.CamelModel], ...] = (
    schemas.OrgSettings,
    schemas.LocationData,
    schemas.BookingMenuData,
    schemas.ProgramData,
    schemas.LevelData,
    schemas.StaffData,
    schemas.ClassData,
    schemas.CampTypeData,
    schemas.CampData,
    schemas.PartyPackageData,
    schemas.AppointmentTypeData,
    schemas.ProductData,
    schemas.NewsData,
    schemas.PolicyData,
)

DESCRIPTION = """\
Reference portal for the lobby kiosk.

* `/api/open/v1/{account}/...` — the public catalog in the shape of iClassPro's open API.
* `/api/v1/{account}/...` — our own API: kiosk settings, the catalog change feed, family
  sign-in and account creation, the signed-in family (bearer token in the Authorization header).
* `/media/...` — generated images (SVG).

Errors are 4xx with `{"message": "..."}` (the open API wraps it in its envelope); form errors
add `"errors": [{"field": "guardian.email", "message": "..."}]`. POSTs that create something
take an `Idempotency-Key` header: the first outcome is stored and replayed.
"""

TOO_LARGE = "That request is too large."

# HTML pages of ours (the demo mailbox) load nothing and run nothing; the API pages (/docs,
# /redoc, demo mode only) load FastAPI's Swagger UI and ReDoc bundles from their CDN.
PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
API_PAGES_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com "
    "https://cdn.redoc.ly; worker-src blob:; base-uri 'none'; frame-ancestors 'none'"
)
API_PAGES = ("/docs", "/redoc")
# Answers that may carry a token or personal data; the public catalog, the change feed's
# public parts and the media may be cached.
CACHEABLE_PREFIXES = ("/api/open/", "/media/")


class SecurityHeaders:
    """`X-Content-Type-Options: nosniff` on every answer, a Content-Security-Policy on HTML
    pages, and `Cache-Control: no-store` on everything that is not public (tokens, families,
    staff) unless the route chose its own caching."""

    def __init__(self, app: ASGIApp, worker_header: bool = False) -> None:
        self.app = app
        self.worker = str(os.getpid()) if worker_header else ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if self.worker:
                    headers["X-Portal-Worker"] = self.worker
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                if headers.get("content-type", "").startswith("text/html"):
                    headers["Content-Security-Policy"] = (
                        API_PAGES_CSP if path in API_PAGES else PAGE_CSP
                    )
                    headers["X-Frame-Options"] = "DENY"
                if "cache-control" not in headers and not path.startswith(CACHEABLE_PREFIXES):
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """Refuse request bodies over `max_bytes` with 413, whether or not Content-Length is sent."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        # What the body says (key order aside), for replays with a spent token
        # (portal.services.idempotency.outcome_for_spent_token).
        scope.setdefault("state", {})[REQUEST_DIGEST] = idempotency.request_digest(body)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(status_code=413, content={"message": TOO_LARGE})
        await response(scope, receive, send)


def create_app(
    settings: PortalSettings | None = None,
    *,
    engine: Engine | None = None,
    session_factory: sessionmaker[Session] | None = None,
) -> FastAPI:
    """Build the app; pass an engine/session factory to share one with the caller."""
    settings = settings or PortalSettings.from_env()
    if session_factory is None:
        engine = engine or make_engine(settings.database_url)
        session_factory = make_session_factory(engine)
    # The interactive API pages are for a demo; /openapi.json (the contract) stays public.
    app = FastAPI(
        title="Lobby kiosk portal API",
        version=__version__,
        description=DESCRIPTION,
        docs_url="/docs" if settings.demo else None,
        redoc_url="/redoc" if settings.demo else None,
    )
    app.state.settings = settings
    app.state.session_factory = session_factory
    app.state.mail_sender = (
        SmtpMailSender(settings.smtp_host, settings.smtp_port, settings.smtp_sender)
        if settings.smtp_host
        else None
    )
    app.state.gateway = SandboxGateway()  # the card processor (portal.services.gateway)
    auth_service.dummy_hash()
    install_exception_handlers(app)
    install_admission_limit(app, settings)  # inside BodySizeLimit: added before it
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(AssistedCallAudit)  # calls made with a staff-assisted family token
    app.add_middleware(SecurityHeaders, worker_header=settings.worker_header)
    app.include_router(open_catalog.router)
    app.include_router(kiosk_sync.router)
    app.include_router(auth.router)
    app.include_router(family.router)
    app.include_router(booking_routes.router)
    app.include_router(absences_routes.router)
    app.include_router(payments_routes.router)
    app.include_router(staff_routes.router)
    app.include_router(checkin.router)
    app.include_router(kiosks.router)
    app.include_router(demo.router)
    app.include_router(media.router)

    @app.get("/api/v1/health", tags=["health"])
    def health() -> dict[str, str]:
        """Liveness check for the kiosk's connectivity indicator."""
        return {"status": "ok"}

    _document_feed_entities(app)
    return app


def create_app_from_env() -> FastAPI:
    """The app of one worker process of `python -m portal --workers N` (uvicorn's factory):
    settings from PORTAL_* variables, an engine and connection pool of its own."""
    return create_app(PortalSettings.from_env())


def _document_feed_entities(app: FastAPI) -> None:
    """Add the change feed's per-entity `data` schemas to /openapi.json's components."""
    from fastapi.openapi.utils import get_openapi
    from pydantic.json_schema import models_json_schema

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        _, definitions = models_json_schema(
            [(model, "serialization") for model in FEED_DATA_MODELS],
            ref_template="#/components/schemas/{model}",
        )
        # Bad input is answered 400 (see api/errors.py), never FastAPI's default 422.
        for operations in spec.get("paths", {}).values():
            for operation in operations.values():
                operation.get("responses", {}).pop("422", None)
        components = spec.setdefault("components", {}).setdefault("schemas", {})
        for unused in ("HTTPValidationError", "ValidationError"):
            components.pop(unused, None)
        for name, schema in definitions.get("$defs", {}).items():
            components.setdefault(name, schema)
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
