"""Sign-in and delivery: tokens, attempts, codes, the mail outbox, idempotency records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import (
    Mapped,
    mapped_column,
)

from portal.core.clock import utcnow
from portal.models.base import Base, _org_fk

# --------------------------------------------------------------------------- sign-in and delivery


class AuthToken(Base):
    """A family's bearer token; only its SHA-256 is stored."""

    __tablename__ = "auth_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    guardian_id: Mapped[int] = mapped_column(
        ForeignKey("guardians.id", ondelete="CASCADE"), index=True
    )
    # The family the token acts for; null until a guardian with several families chooses one.
    family_id: Mapped[int | None] = mapped_column(ForeignKey("families.id", ondelete="SET NULL"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    device_id: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    # Set when front-desk staff opened this session for the family (docs/staff-contract.md):
    # every call made with it is audited on their name.
    assisted_by_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="CASCADE")
    )


class LoginAttempt(Base):
    """One login attempt, for throttling by email and by client across processes.

    Email and client are stored as SHA-256 digests: the throttle needs equality, not the
    addresses people mistyped.
    """

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_email", "organisation_id", "email_key", "created_at"),
        Index("ix_login_attempts_client", "organisation_id", "client_key", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    email_key: Mapped[str] = mapped_column(String(64))
    client_key: Mapped[str] = mapped_column(String(64))
    # pending (being checked) | failed | ok | throttled; pending and failed count against limits.
    outcome: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PasswordResetCode(Base):
    """A 6-digit forgot-password code, Argon2id-hashed; spent when used, replaced or guessed."""

    __tablename__ = "password_reset_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    guardian_id: Mapped[int] = mapped_column(
        ForeignKey("guardians.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(255))
    # Guesses made so far, the right one included (reserved before the hash is checked).
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    spent_at: Mapped[datetime | None]


class EmailChangeCode(Base):
    """A guardian's new login email waiting for the 6-digit code sent to it (Argon2id-hashed);
    spent when used, replaced or guessed five times."""

    __tablename__ = "email_change_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    guardian_id: Mapped[int] = mapped_column(
        ForeignKey("guardians.id", ondelete="CASCADE"), index=True
    )
    new_email: Mapped[str] = mapped_column(String(254))
    code_hash: Mapped[str] = mapped_column(String(255))
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    spent_at: Mapped[datetime | None]


class MailMessage(Base):
    """The mail outbox: written in the transaction of the action that sends the mail."""

    __tablename__ = "mail_outbox"
    __table_args__ = (Index("ix_mail_outbox_unsent", "sent_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    kind: Mapped[str] = mapped_column(String(32))  # welcome | password_reset
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    send_attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(String(500), default="")


class IdempotencyRecord(Base):
    """The stored first outcome of a POST sent with an `Idempotency-Key`.

    Written in the same transaction as the action; the unique (organisation, key) makes a
    concurrent duplicate wait for the first one and then replay its outcome.
    """

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("organisation_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(255))
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(255))
    # Who sent it ("" before login, "guardian:3/family:1" after) - a key is never shared.
    principal: Mapped[str] = mapped_column(String(100), default="")
    body_sha256: Mapped[str] = mapped_column(String(64))
    # The raw request's digest (portal.services.idempotency.request_digest): a replay to a spent
    # token must match it, since the body was never parsed on that path.
    request_sha256: Mapped[str | None] = mapped_column(String(64))
    # Argon2id of the secret fields (passwords), which a fast hash would expose to guessing.
    secret_hash: Mapped[str | None] = mapped_column(String(255))
    # Null only inside the first request's own transaction: the record is inserted first (the
    # unique key serialises duplicates), the outcome is filled in before the commit.
    status_code: Mapped[int | None]
    response_body: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
