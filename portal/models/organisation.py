"""The organisation and its settings."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    String,
    Text,
)
from sqlalchemy.orm import (
    Mapped,
    mapped_column,
    relationship,
)

from portal.core.clock import utcnow
from portal.models.base import Base, CatalogMixin

if TYPE_CHECKING:
    from portal.models.catalog import Location


# --------------------------------------------------------------------------- organisation


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Last sequence number handed out by the change feed (incremented under a row lock).
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    settings: Mapped[OrganisationSettings | None] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", uselist=False
    )
    locations: Mapped[list[Location]] = relationship(
        back_populates="organisation", order_by="Location.sort_order"
    )


class OrganisationSettings(CatalogMixin, Base):
    __tablename__ = "organisation_settings"
    __change_entity__ = "settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), unique=True
    )
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    locale: Mapped[str] = mapped_column(String(16), default="en_US")
    default_location_id: Mapped[int | None] = mapped_column(
        ForeignKey("locations.id", ondelete="SET NULL")
    )
    features: Mapped[dict[str, Any]] = mapped_column(default=dict)
    welcome_title: Mapped[str] = mapped_column(String(200), default="")
    welcome_body: Mapped[str] = mapped_column(Text, default="")
    primary_color: Mapped[str] = mapped_column(String(16), default="#1b5e9e")
    secondary_color: Mapped[str] = mapped_column(String(16), default="#f2a900")
    logo: Mapped[str | None] = mapped_column(String(255))
    idle_timeout_seconds: Mapped[int] = mapped_column(default=90)
    idle_warning_seconds: Mapped[int] = mapped_column(default=15)
    session_cap_seconds: Mapped[int] = mapped_column(default=900)
    cart_hold_seconds: Mapped[int] = mapped_column(default=600)
    mobile_app_ios: Mapped[str | None] = mapped_column(String(255))
    mobile_app_android: Mapped[str | None] = mapped_column(String(255))
    # Self check-in (docs/checkin-contract.md): the window around a class start, and the
    # balance above which a family is sent to the front desk (null: no limit).
    check_in_opens_minutes_before: Mapped[int] = mapped_column(default=30, server_default="30")
    check_in_closes_minutes_after: Mapped[int] = mapped_column(default=15, server_default="15")
    check_in_balance_limit_cents: Mapped[int | None]
    # Absences and makeups (docs/absences-contract.md).
    absence_cutoff_minutes: Mapped[int] = mapped_column(default=120, server_default="120")
    makeups_enabled: Mapped[bool] = mapped_column(default=True, server_default="1")
    makeup_credits_per_session: Mapped[int] = mapped_column(default=4, server_default="4")
    makeup_credit_days: Mapped[int] = mapped_column(default=60, server_default="60")

    organisation: Mapped[Organisation] = relationship(back_populates="settings")

    def change_id(self) -> str:
        return "org"
