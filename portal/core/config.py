"""PortalSettings: everything the portal reads from its environment, validated."""

from __future__ import annotations

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

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
        values: dict[str, object] = PortalEnvironment().model_dump(exclude_unset=True)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)


class PortalEnvironment(BaseSettings):
    """The PORTAL_* environment variables the portal reads (raw text: PortalSettings validates
    them, so a bad value gets the same message however it was given). Only these: the other
    settings are not read from the environment, and building PortalSettings directly (tests,
    the embedded demo portal) reads no environment at all."""

    model_config = SettingsConfigDict(case_sensitive=True, extra="ignore")

    database_url: str | None = Field(default=None, validation_alias=DATABASE_URL_ENV)
    smtp_host: str | None = Field(default=None, validation_alias="PORTAL_SMTP_HOST")
    smtp_port: str | None = Field(default=None, validation_alias="PORTAL_SMTP_PORT")
    smtp_sender: str | None = Field(default=None, validation_alias="PORTAL_SMTP_SENDER")
    log_level: str | None = Field(default=None, validation_alias=LOG_LEVEL_ENV)
    demo: str | None = Field(default=None, validation_alias=DEMO_ENV)
    worker_header: str | None = Field(default=None, validation_alias="PORTAL_WORKER_HEADER")
    overload_slots: str | None = Field(default=None, validation_alias="PORTAL_OVERLOAD_SLOTS")
    overload_wait_seconds: str | None = Field(
        default=None, validation_alias="PORTAL_OVERLOAD_WAIT_SECONDS"
    )
    overload_retry_after_seconds: str | None = Field(
        default=None, validation_alias="PORTAL_OVERLOAD_RETRY_AFTER_SECONDS"
    )
