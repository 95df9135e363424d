"""PortalSettings: everything the portal reads from its environment, validated."""

from __future__ import annotations

import os

from pydantic import BaseModel, Field

DEFAULT_DATABASE_URL = "sqlite:///portal.db"
DATABASE_URL_ENV = "PORTAL_DATABASE_URL"
LOG_LEVEL_ENV = "PORTAL_LOG_LEVEL"
DEMO_ENV = "PORTAL_DEMO"


class PortalSettings(BaseModel):
    """Settings of one portal process; build with `from_env()` or directly in tests."""

    database_url: str = DEFAULT_DATABASE_URL
    # Media are generated on request; the prefix is where they are mounted.
    media_prefix: str = "/media"
    media_max_age_seconds: int = Field(default=3600, ge=0)
    # Demo mode: the demo mailbox (GET /demo/mailbox, /api/v1/{account}/demo/mailbox) is served.
    demo: bool = False
    # Forgot-password codes and welcome mails go to the outbox table and, with a host, by SMTP.
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_sender: str = "portal@localhost"
    log_level: str = "info"
    # Largest request body accepted (JSON forms are a few KiB); larger is 413.
    max_body_bytes: int = Field(default=256 * 1024, ge=1024)
    # Admission limit (portal.api.overload): at most this many cart adds, checkouts and payments
    # at once, and as many sign-ins; one that waits longer for a slot is answered 429 at once.
    overload_slots: int = Field(default=8, ge=1)
    overload_wait_seconds: float = Field(default=2.0, ge=0, le=60)
    overload_retry_after_seconds: int = Field(default=2, ge=1, le=3600)
    # Every answer says which process served it (`X-Portal-Worker: <pid>`), to check that a load
    # balancer or several workers spread the calls; off by default (it tells a process id).
    worker_header: bool = False

    @classmethod
    def from_env(cls, **overrides: object) -> PortalSettings:
        """Read PORTAL_* environment variables; keyword overrides win."""
        values: dict[str, object] = {}
        env_map = {
            "database_url": DATABASE_URL_ENV,
            "smtp_host": "PORTAL_SMTP_HOST",
            "smtp_port": "PORTAL_SMTP_PORT",
            "smtp_sender": "PORTAL_SMTP_SENDER",
            "log_level": LOG_LEVEL_ENV,
            "demo": DEMO_ENV,
            "worker_header": "PORTAL_WORKER_HEADER",
            "overload_slots": "PORTAL_OVERLOAD_SLOTS",
            "overload_wait_seconds": "PORTAL_OVERLOAD_WAIT_SECONDS",
            "overload_retry_after_seconds": "PORTAL_OVERLOAD_RETRY_AFTER_SECONDS",
        }
        for field_name, env_name in env_map.items():
            if env_name in os.environ:
                values[field_name] = os.environ[env_name]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)
