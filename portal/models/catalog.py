"""The public catalog: locations, programs, levels, staff, classes, camps, products, news..."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import (
    Mapped,
    mapped_column,
    relationship,
)

from portal.core.clock import utcnow
from portal.core.html import sanitize_html
from portal.models.base import Base, CatalogMixin, _org_fk
from portal.models.organisation import OrganisationSettings

if TYPE_CHECKING:
    from portal.models.organisation import Organisation


# --------------------------------------------------------------------------- catalog


class Location(CatalogMixin, Base):
    __tablename__ = "locations"
    __change_entity__ = "location"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    url: Mapped[str] = mapped_column(String(255), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    address2: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(50), default="")
    zip: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(2), default="US")
    active: Mapped[bool] = mapped_column(default=True)
    primary_color: Mapped[str] = mapped_column(String(16), default="#1b5e9e")
    secondary_color: Mapped[str] = mapped_column(String(16), default="#f2a900")
    logo: Mapped[str | None] = mapped_column(String(255))
    header_image: Mapped[str | None] = mapped_column(String(255))
    show_address_on_portal: Mapped[bool] = mapped_column(default=True)
    show_phone_on_portal: Mapped[bool] = mapped_column(default=True)
    # [{"days": "Mon-Fri", "open": "15:00", "close": "20:00"}, ...]
    hours: Mapped[list[Any]] = mapped_column(default=list)
    sort_order: Mapped[int] = mapped_column(default=0)

    organisation: Mapped[Organisation] = relationship(back_populates="locations")
    booking_menu: Mapped[list[BookingMenuItem]] = relationship(
        back_populates="location",
        cascade="all, delete-orphan",
        order_by="BookingMenuItem.sort_order",
    )


class BookingMenuItem(CatalogMixin, Base):
    __tablename__ = "booking_menu_items"
    __change_entity__ = "booking_menu"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    sort_order: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    sub_title: Mapped[str] = mapped_column(String(300), default="")
    plural_title: Mapped[str] = mapped_column(String(200), default="")
    image: Mapped[str | None] = mapped_column(String(255))
    target: Mapped[str] = mapped_column(String(20))  # classes | camps | appointments | parties
    camp_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("camp_types.id", ondelete="SET NULL")
    )

    # The organisation's words in other languages: {"es": {"title": ..., "subTitle": ...}}
    translations: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")

    location: Mapped[Location] = relationship(back_populates="booking_menu")


class Program(CatalogMixin, Base):
    __tablename__ = "programs"
    __change_entity__ = "program"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # class | camp | appointment
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(default=0)


class Level(CatalogMixin, Base):
    __tablename__ = "levels"
    __change_entity__ = "level"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    program_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    color: Mapped[str] = mapped_column(String(16), default="#cccccc")
    text_color: Mapped[str] = mapped_column(String(16), default="#000000")
    sort_order: Mapped[int] = mapped_column(default=0)
    image: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)


class_instructors = Table(
    "class_instructors",
    Base.metadata,
    Column("class_id", ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True),
    Column("staff_id", ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True),
)


class Staff(CatalogMixin, Base):
    __tablename__ = "staff"
    __change_entity__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("locations.id", ondelete="SET NULL"), index=True
    )
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    photo: Mapped[str | None] = mapped_column(String(255))
    is_instructor: Mapped[bool] = mapped_column(default=True)
    show_on_portal: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    # Argon2id hash of the kiosk staff-mode PIN (never part of the catalog record).
    pin_hash: Mapped[str | None] = mapped_column(String(255))
    # What a PIN opens in the kiosk's staff mode (docs/staff-contract.md); not in the catalog.
    role: Mapped[str] = mapped_column(String(20), default="front_desk", server_default="front_desk")

    classes: Mapped[list[ClassOffering]] = relationship(
        secondary=class_instructors, back_populates="instructors"
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def dependent_records(self) -> list[CatalogMixin]:
        # A class record carries its instructors' names.
        return list(self.classes)


class SessionTerm(Base):
    """A term ("Fall 2026"); iClassPro calls these sessions."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(default=True)


class ClassOffering(CatalogMixin, Base):
    __tablename__ = "classes"
    __change_entity__ = "class"
    __change_relationships__ = ("instructors",)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("programs.id", ondelete="SET NULL"), index=True
    )
    level_id: Mapped[int | None] = mapped_column(ForeignKey("levels.id", ondelete="SET NULL"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    description_html: Mapped[str] = mapped_column(Text, default="")
    # [{"dayNumber": 2, "startTime": "15:30", "endTime": "16:30"}] (1 = Sunday .. 7 = Saturday)
    schedule: Mapped[list[Any]] = mapped_column(default=list)
    min_age_months: Mapped[int | None]
    max_age_months: Mapped[int | None]
    capacity: Mapped[int] = mapped_column(default=0)
    enrolled: Mapped[int] = mapped_column(default=0)
    # Seats held by carts (portal.services.booking); they count against openings at once.
    held_seats: Mapped[int] = mapped_column(default=0, server_default="0")
    allow_waitlist: Mapped[bool] = mapped_column(default=True)
    waitlist_count: Mapped[int] = mapped_column(default=0)
    allow_web_registration: Mapped[bool] = mapped_column(default=True)
    show_openings: Mapped[bool] = mapped_column(default=True)
    auto_approve: Mapped[bool] = mapped_column(default=True)
    tuition_cents: Mapped[int | None]
    tuition_period: Mapped[str] = mapped_column(String(16), default="month")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    reg_start: Mapped[date | None] = mapped_column(Date)
    reg_end: Mapped[date | None] = mapped_column(Date)
    priority_start: Mapped[date | None] = mapped_column(Date)
    priority_end: Mapped[date | None] = mapped_column(Date)
    image: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # Seats of single dates, {"2026-12-10": absences - makeups}: kept with the class row (and
    # so in its change-feed record) by portal.services.absences under the class row's lock.
    date_seats: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    # The organisation's words in other languages: {"es": {"description": "<p>...</p>"}}
    translations: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")

    instructors: Mapped[list[Staff]] = relationship(
        secondary=class_instructors, back_populates="classes", order_by="Staff.id"
    )

    @property
    def openings(self) -> int:
        return max(self.capacity - self.enrolled - (self.held_seats or 0), 0)

    def openings_on(self, day: date) -> int:
        """Seats free on one date: the ongoing ones plus absences less makeups of that date."""
        net = int((self.date_seats or {}).get(day.isoformat(), 0))
        return max(self.capacity - self.enrolled - (self.held_seats or 0) + net, 0)

    @property
    def description(self) -> str:
        return sanitize_html(self.description_html)


class CampType(CatalogMixin, Base):
    __tablename__ = "camp_types"
    __change_entity__ = "camp_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    plural_name: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(default=0)


class Camp(CatalogMixin, Base):
    __tablename__ = "camps"
    __change_entity__ = "camp"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    type_id: Mapped[int] = mapped_column(ForeignKey("camp_types.id", ondelete="CASCADE"))
    program_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    description_html: Mapped[str] = mapped_column(Text, default="")
    min_age: Mapped[int | None]  # years
    max_age: Mapped[int | None]
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    days: Mapped[list[Any]] = mapped_column(default=list)  # ISO dates the camp runs
    daily_start: Mapped[str] = mapped_column(String(5), default="09:00")
    daily_end: Mapped[str] = mapped_column(String(5), default="15:00")
    price_cents: Mapped[int] = mapped_column(default=0)
    day_price_cents: Mapped[int | None]
    capacity: Mapped[int] = mapped_column(default=0)
    enrolled: Mapped[int] = mapped_column(default=0)
    # Seats held by carts (portal.services.booking); they count against openings at once.
    held_seats: Mapped[int] = mapped_column(default=0, server_default="0")
    allow_choose_days: Mapped[bool] = mapped_column(default=False)
    allow_request_when_full: Mapped[bool] = mapped_column(default=False)
    reg_start: Mapped[date | None] = mapped_column(Date)
    reg_end: Mapped[date | None] = mapped_column(Date)
    staff_ids: Mapped[list[Any]] = mapped_column(default=list)
    image: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # The organisation's words in other languages: {"es": {"description": "<p>...</p>"}}
    translations: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")

    camp_type: Mapped[CampType] = relationship()
    program: Mapped[Program | None] = relationship()

    @property
    def openings(self) -> int:
        return max(self.capacity - self.enrolled - (self.held_seats or 0), 0)

    @property
    def description(self) -> str:
        return sanitize_html(self.description_html)


class PartyPackage(CatalogMixin, Base):
    __tablename__ = "party_packages"
    __change_entity__ = "party_package"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    price_cents: Mapped[int] = mapped_column(default=0)
    duration_minutes: Mapped[int] = mapped_column(default=90)
    max_guests: Mapped[int] = mapped_column(default=20)
    sort_order: Mapped[int] = mapped_column(default=0)


class PartyAvailability(Base):
    """Party start times offered on one date at one location."""

    __tablename__ = "party_availability"
    __table_args__ = (UniqueConstraint("location_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column("date", Date)
    start_times: Mapped[list[Any]] = mapped_column(default=list)  # ["10:00", "13:00"]


class AppointmentType(CatalogMixin, Base):
    __tablename__ = "appointment_types"
    __change_entity__ = "appointment_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    program_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    duration_minutes: Mapped[int] = mapped_column(default=30)
    price_cents: Mapped[int] = mapped_column(default=0)
    staff_ids: Mapped[list[Any]] = mapped_column(default=list)
    sort_order: Mapped[int] = mapped_column(default=0)


class Product(CatalogMixin, Base):
    __tablename__ = "products"
    __change_entity__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    sku: Mapped[str] = mapped_column(String(64), default="")
    price_cents: Mapped[int] = mapped_column(default=0)
    sale_price_cents: Mapped[int | None]
    inventory_count: Mapped[int] = mapped_column(default=0)
    enable_inventory: Mapped[bool] = mapped_column(default=False)
    images: Mapped[list[Any]] = mapped_column(default=list)
    short_description: Mapped[str] = mapped_column(Text, default="")
    tax_rate: Mapped[float] = mapped_column(Float, default=0.0)
    show_on_portal: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)

    @property
    def active_price_cents(self) -> int:
        return self.sale_price_cents if self.sale_price_cents is not None else self.price_cents


class News(CatalogMixin, Base):
    __tablename__ = "news"
    __change_entity__ = "news"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    image: Mapped[str | None] = mapped_column(String(255))
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    sort_order: Mapped[int] = mapped_column(default=0)
    # The organisation's words in other languages: {"es": {"title", "summary", "body"}}
    translations: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")


class Policy(CatalogMixin, Base):
    __tablename__ = "policies"
    __change_entity__ = "policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    kind: Mapped[str] = mapped_column(String(16))  # family | student
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    required: Mapped[bool] = mapped_column(default=True)


class CatalogChange(Base):
    """One entry of the per-account change feed (only the newest per entity/id is kept)."""

    __tablename__ = "catalog_changes"
    __table_args__ = (Index("ix_catalog_changes_entity", "organisation_id", "entity", "entity_id"),)

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(8))  # upsert | delete
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


CATALOG_MODELS: tuple[type[CatalogMixin], ...] = (
    OrganisationSettings,
    Location,
    BookingMenuItem,
    Program,
    Level,
    Staff,
    ClassOffering,
    CampType,
    Camp,
    PartyPackage,
    AppointmentType,
    Product,
    News,
    Policy,
)
