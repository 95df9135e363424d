"""`create_app(settings)`: the portal's FastAPI application."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from portal import __version__, schemas
from portal.api.errors import install_exception_handlers
from portal.api.routes import kiosk_sync, media, open_catalog
from portal.core.config import PortalSettings
from portal.core.db import make_engine, make_session_factory

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
* `/api/v1/{account}/...` — our own API: kiosk settings and the catalog change feed.
* `/media/...` — generated images (SVG).

Errors are 4xx with `{"message": "..."}` (the open API wraps it in its envelope).
"""


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
    app = FastAPI(title="Lobby kiosk portal API", version=__version__, description=DESCRIPTION)
    app.state.settings = settings
    app.state.session_factory = session_factory
    install_exception_handlers(app)
    app.include_router(open_catalog.router)
    app.include_router(kiosk_sync.router)
    app.include_router(media.router)

    @app.get("/api/v1/health", tags=["health"])
    def health() -> dict[str, str]:
        """Liveness check for the kiosk's connectivity indicator."""
        return {"status": "ok"}

    _document_feed_entities(app)
    return app


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
