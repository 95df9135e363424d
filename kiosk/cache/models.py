"""SQLAlchemy models of the kiosk's local SQLite cache (catalog, sync state, outbox, media)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from kiosk.clock import utcnow


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes stored as ISO 8601 text (SQLite has no datetime type)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        parsed = datetime.fromisoformat(str(value))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class CatalogRecord(Base):
    """One catalog record as the portal sent it (`data` is its JSON, kept whole and unchanged)."""

    __tablename__ = "catalog_record"
    __table_args__ = (
        UniqueConstraint("entity", "record_id", name="uq_catalog_record_entity_record_id"),
        Index("ix_catalog_record_entity_location", "entity", "location_id", "sort_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(128))
    location_id: Mapped[int | None] = mapped_column(Integer, default=None)
    sort_key: Mapped[str] = mapped_column(String(200), default="")
    data: Mapped[str] = mapped_column(Text)
    updated_seq: Mapped[int] = mapped_column(Integer)


FINDER_COLUMNS = (
    "location_id",
    "sort_name",
    "id",
    "search_text",
    "program_id",
    "level_id",
    "min_age_months",
    "max_age_months",
    "days_mask",
    "openings",
    "earliest_start_minute",
)


class CachedClass(Base):
    """The columns the class finder filters on, and the ready-made ClassOffering it shows.

    The record exactly as the portal sent it stays in the CatalogRecord (`record_pk`).
    """

    __tablename__ = "cached_class"
    __table_args__ = (
        # Every column the finder filters on, in the order it lists classes: a search reads
        # this index alone instead of the wide rows with their JSON (6 ms -> 1 ms at 10,000).
        Index("ix_cached_class_finder", *FINDER_COLUMNS),
        Index("ix_cached_class_location_program", "location_id", "program_id"),
        Index("ix_cached_class_location_level", "location_id", "level_id"),
        Index("ix_cached_class_location_openings", "location_id", "openings"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    record_pk: Mapped[int] = mapped_column(
        ForeignKey("catalog_record.id", ondelete="CASCADE"), unique=True
    )
    location_id: Mapped[int] = mapped_column(Integer)
    program_id: Mapped[int | None] = mapped_column(Integer)
    level_id: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    sort_name: Mapped[str] = mapped_column(String(200))  # lower-cased name
    min_age_months: Mapped[int | None] = mapped_column(Integer)
    max_age_months: Mapped[int | None] = mapped_column(Integer)
    openings: Mapped[int] = mapped_column(Integer, default=0)
    days_mask: Mapped[int] = mapped_column(Integer, default=0)  # bit 0 = Sunday .. bit 6 = Sat
    earliest_start_minute: Mapped[int | None] = mapped_column(Integer)
    search_text: Mapped[str] = mapped_column(Text, default="")  # lower-cased name + instructors
    offering: Mapped[str] = mapped_column(Text)  # the domain ClassOffering as JSON, quick to load


class SyncState(Base):
    """The single row (id 1) recording how far the catalog sync has got."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    media_dir: Mapped[str | None] = mapped_column(Text)  # where the sync saves images


class OutboxItem(Base):
    """An action waiting for (or done with) delivery to the portal; the key makes it once-only."""

    __tablename__ = "outbox_item"
    __table_args__ = (Index("ix_outbox_item_state", "state", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)  # JSON
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)  # JSON


class MediaFile(Base):
    """An image downloaded from the portal: its portal path and the local file name."""

    __tablename__ = "media_file"

    path: Mapped[str] = mapped_column(String(1000), primary_key=True)
    local_name: Mapped[str] = mapped_column(String(200))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    size: Mapped[int] = mapped_column(Integer, default=0)
    etag: Mapped[str | None] = mapped_column(String(200))
    # A record using this image changed: ask the portal again (If-None-Match) at the next
    # sync; the file on disk stays in use meanwhile.
    stale: Mapped[bool] = mapped_column(Boolean, default=False)


class StaffPinVerifier(Base):
    """An Argon2id hash of a staff PIN the portal accepted at this kiosk, so the same PIN opens
    the kiosk's own staff panel (settings, sync status, exit) while the portal cannot answer.
    Never the PIN itself; forgotten when the portal refuses that PIN or after a while."""

    __tablename__ = "staff_pin_verifier"

    staff_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    verifier: Mapped[str] = mapped_column(String(255))
    learned_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
