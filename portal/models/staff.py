"""Staff mode: staff tokens, PIN attempts and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    ForeignKey,
    Index,
    String,
)
from sqlalchemy.orm import (
    Mapped,
    declared_attr,
    mapped_column,
)

from portal.core.clock import utcnow
from portal.models.base import Base, _org_fk

# --------------------------------------------------------------------------- staff mode


class StaffToken(Base):
    """A front-desk staff member's bearer token from a PIN sign-in; only its SHA-256 is stored.
    It opens the staff routes only, never the family routes."""

    __tablename__ = "staff_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    device_id: Mapped[str] = mapped_column(String(200), default="")
    # The enrolled kiosk it was signed in on: it works from that kiosk only (no foreign key:
    # the token lives 15 minutes, and a revoked kiosk is refused before it is looked at).
    kiosk_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class DeviceAttemptMixin:
    """One guess from a device (the digest of its id or address), for throttling failed ones
    across processes (portal.services.throttle)."""

    @declared_attr.directive
    @classmethod
    def __table_args__(cls) -> tuple[Any, ...]:
        name = cls.__tablename__  # type: ignore[attr-defined]
        return (Index(f"ix_{name}_client", "organisation_id", "client_key", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    client_key: Mapped[str] = mapped_column(String(64))
    # pending (being checked) | failed | ok | throttled; pending and failed count against limits.
    outcome: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StaffLoginAttempt(DeviceAttemptMixin, Base):
    """One staff PIN attempt."""

    __tablename__ = "staff_login_attempts"


class AuditEntry(Base):
    """What front-desk staff did: sign-ins (failed ones too), assisted sessions and every call
    made with one, quick-created families.

    `family_id` is kept as written (no foreign key) so the trail outlives a deleted family;
    `staff_name` is the name at the time, for the same reason.
    """

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_family", "organisation_id", "family_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    at: Mapped[datetime] = mapped_column(default=utcnow)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    staff_name: Mapped[str] = mapped_column(String(201), default="")
    family_id: Mapped[int | None]
    device: Mapped[str] = mapped_column(String(200), default="")
    # "POST /staff/login", "GET /family", "PATCH /family/students/{studentId}", ...
    action: Mapped[str] = mapped_column(String(200))
    outcome: Mapped[int]  # the HTTP status answered
