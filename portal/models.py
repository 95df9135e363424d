"""SQLAlchemy models of the portal: organisations, the public catalog and the personal side."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    declared_attr,
    mapped_column,
    relationship,
    validates,
)

from portal import rules
from portal.core.clock import utcnow
from portal.core.html import sanitize_html


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        datetime: DateTime(timezone=True),
    }


class CatalogMixin:
    """Marks a catalog row: every insert, update and delete is recorded in the change feed.

    `__change_entity__` is the contract's entity name; `__change_relationships__` lists the
    relationships that are part of the record (a change to them is a change of the record).
    The record's JSON is built from the row's attributes by portal.serializers.
    """

    __change_entity__: ClassVar[str]
    __change_relationships__: ClassVar[tuple[str, ...]] = ()

    if TYPE_CHECKING:
        id: Mapped[int]
        organisation_id: Mapped[int]

    def change_id(self) -> str:
        return str(self.id)

    def dependent_records(self) -> list[CatalogMixin]:
        """Other catalog records whose contract data embeds this one (re-emitted on change)."""
        return []


def _org_fk() -> Any:
    return mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)


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


# --------------------------------------------------------------------------- personal side

guardian_families = Table(
    "guardian_families",
    Base.metadata,
    Column("guardian_id", ForeignKey("guardians.id", ondelete="CASCADE"), primary_key=True),
    Column("family_id", ForeignKey("families.id", ondelete="CASCADE"), primary_key=True),
    Column("is_primary", Boolean, nullable=False, default=False),
)


class Family(Base):
    __tablename__ = "families"
    # Unique indexes rather than constraints: SQLite adds an index in place, where a constraint
    # would mean recreating the table (and cascading deletes to everything that refers to it).
    __table_args__ = (
        Index("uq_families_check_in_pin", "organisation_id", "check_in_pin_hash", unique=True),
        Index("uq_families_card_code", "organisation_id", "card_code_hash", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    name: Mapped[str] = mapped_column(String(200))
    suspended: Mapped[bool] = mapped_column(default=False)
    credit_balance_cents: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Self check-in: HMAC-SHA256 under the portal's secret key (portal.core.security.
    # lookup_digest) of the family's check-in PIN and of its card's code, so they can be looked
    # up but not read back; unique in the organisation. Never sent anywhere.
    check_in_pin_hash: Mapped[str | None] = mapped_column(String(64))
    card_code_hash: Mapped[str | None] = mapped_column(String(64))

    guardians: Mapped[list[Guardian]] = relationship(
        secondary=guardian_families, back_populates="families"
    )
    students: Mapped[list[Student]] = relationship(
        back_populates="family", cascade="all, delete-orphan", order_by="Student.id"
    )
    charges: Mapped[list[Charge]] = relationship(
        back_populates="family", cascade="all, delete-orphan", order_by="Charge.id"
    )
    emergency_contacts: Mapped[list[EmergencyContact]] = relationship(
        back_populates="family", cascade="all, delete-orphan"
    )


class Guardian(Base):
    __tablename__ = "guardians"
    __table_args__ = (
        UniqueConstraint("organisation_id", "email"),
        Index("ix_guardians_phone_digits", "organisation_id", "phone_digits"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))  # stored lower-case
    phone: Mapped[str] = mapped_column(String(50), default="")
    # The phone's digits (an 11-digit number's leading 1 dropped), kept in step with `phone`
    # by `_phone_digits` below: check-in finds families by it through an index.
    phone_digits: Mapped[str] = mapped_column(String(50), default="", server_default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    address2: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(50), default="")
    zip: Mapped[str] = mapped_column(String(20), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    families: Mapped[list[Family]] = relationship(
        secondary=guardian_families, back_populates="guardians", order_by="Family.id"
    )

    @validates("phone")
    def _phone_digits(self, _key: str, phone: str) -> str:
        self.phone_digits = rules.phone_digits(phone or "")[:50]
        return phone


class Student(Base):
    __tablename__ = "students"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date | None] = mapped_column(Date)
    gender: Mapped[str] = mapped_column(String(16), default="")

    family: Mapped[Family] = relationship(back_populates="students")
    enrollments: Mapped[list[Enrollment]] = relationship(
        back_populates="student", cascade="all, delete-orphan"
    )


class EmergencyContact(Base):
    __tablename__ = "emergency_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    relationship_: Mapped[str] = mapped_column("relationship", String(100), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")

    family: Mapped[Family] = relationship(back_populates="emergency_contacts")


class PolicyAcceptance(Base):
    __tablename__ = "policy_acceptances"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[int | None] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id", ondelete="CASCADE"))
    version: Mapped[int]
    accepted_by_guardian_id: Mapped[int | None] = mapped_column(
        ForeignKey("guardians.id", ondelete="SET NULL")
    )
    accepted_at: Mapped[datetime] = mapped_column(default=utcnow)


class Charge(Base):
    __tablename__ = "charges"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[int | None] = mapped_column(ForeignKey("students.id", ondelete="SET NULL"))
    description: Mapped[str] = mapped_column(String(300))
    # tuition | registration_fee | camp | appointment | party | product | tax | giftcard | other
    kind: Mapped[str] = mapped_column(String(24), default="other", server_default="other")
    # schemas.DescriptionData: what `description` says, as data the kiosk words in the
    # family's language
    description_data: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    amount_cents: Mapped[int]
    due_date: Mapped[date | None] = mapped_column(Date)
    paid: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    family: Mapped[Family] = relationship(back_populates="charges")


class Enrollment(Base):
    __tablename__ = "enrollments"
    __table_args__ = (UniqueConstraint("student_id", "class_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="enrolled")  # enrolled | waitlisted
    waitlist_position: Mapped[int | None]
    # The first class the student comes to (null: from the class's start).
    start_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    student: Mapped[Student] = relationship(back_populates="enrollments")
    class_offering: Mapped[ClassOffering] = relationship()


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


# --------------------------------------------------------------------------- booking


class ClassCancellation(Base):
    """One class meeting that will not take place (shown as cancelled in Coming Up)."""

    __tablename__ = "class_cancellations"
    __table_args__ = (UniqueConstraint("class_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column("date", Date)
    reason: Mapped[str] = mapped_column(String(200), default="")


class Closure(Base):
    """Days a location (or, without one, the whole organisation) is closed, first through last
    inclusive: no appointment slots are offered then. Class meetings in a closure are
    cancelled one by one (ClassCancellation), as a facility records them."""

    __tablename__ = "closures"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), nullable=True
    )
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")


class StaffAvailability(Base):
    """A coach's weekly window for appointments (private lessons) at one location."""

    __tablename__ = "staff_availability"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    day_number: Mapped[int]  # 1 = Sunday .. 7 = Saturday
    start_time: Mapped[str] = mapped_column(String(5))  # "HH:MM"
    end_time: Mapped[str] = mapped_column(String(5))


class CartItem(Base):
    """One line of a family's cart. Class, camp, appointment and party lines hold their seat
    (`seat_held`) until `hold_expires_at`; the sweep releases lapsed holds."""

    __tablename__ = "cart_items"
    __table_args__ = (
        Index("ix_cart_items_holds", "organisation_id", "seat_held", "hold_expires_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # class | camp | appointment | party | ...
    student_id: Mapped[int | None] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    class_id: Mapped[int | None] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    camp_id: Mapped[int | None] = mapped_column(ForeignKey("camps.id", ondelete="CASCADE"))
    appointment_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointment_types.id", ondelete="CASCADE")
    )
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    party_package_id: Mapped[int | None] = mapped_column(
        ForeignKey("party_packages.id", ondelete="CASCADE")
    )
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    # Class: first meeting; camp: first day; appointment and party: the day booked.
    day: Mapped[date | None] = mapped_column("date", Date)
    start_time: Mapped[str | None] = mapped_column(String(5))
    end_time: Mapped[str | None] = mapped_column(String(5))
    days: Mapped[list[Any]] = mapped_column(default=list)  # camp days (ISO dates)
    quantity: Mapped[int] = mapped_column(default=1)
    amount_cents: Mapped[int] = mapped_column(default=0)  # an eGift card's value
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)  # eGift card recipient
    waitlist: Mapped[bool] = mapped_column(default=False)
    seat_held: Mapped[bool] = mapped_column(default=False)
    hold_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Order(Base):
    """A checked-out cart."""

    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id", ondelete="CASCADE"))
    guardian_id: Mapped[int | None] = mapped_column(ForeignKey("guardians.id", ondelete="SET NULL"))
    total_cents: Mapped[int] = mapped_column(default=0)
    paid_cents: Mapped[int] = mapped_column(default=0)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="confirmed")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    items: Mapped[list[OrderItem]] = relationship(
        cascade="all, delete-orphan", order_by="OrderItem.id"
    )
    payment: Mapped[Payment | None] = relationship()


class OrderItem(Base):
    __tablename__ = "order_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    student_name: Mapped[str] = mapped_column(String(100), default="")
    # enrolled | waitlisted | booked | purchased
    result: Mapped[str] = mapped_column(String(16))
    waitlist_position: Mapped[int | None]
    when_text: Mapped[str] = mapped_column(String(200), default="")
    # schemas.WhenData: the same as when_text, as data the kiosk words in the family's language
    when_data: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    amount_cents: Mapped[int] = mapped_column(default=0)


class CampEnrollment(Base):
    __tablename__ = "camp_enrollments"
    __table_args__ = (UniqueConstraint("student_id", "camp_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    camp_id: Mapped[int] = mapped_column(ForeignKey("camps.id", ondelete="CASCADE"), index=True)
    days: Mapped[list[Any]] = mapped_column(default=list)  # ISO dates booked
    status: Mapped[str] = mapped_column(String(16), default="enrolled")  # enrolled | waitlisted
    waitlist_position: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AppointmentBooking(Base):
    __tablename__ = "appointment_bookings"
    __table_args__ = (UniqueConstraint("staff_id", "date", "start_time"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    appointment_type_id: Mapped[int] = mapped_column(
        ForeignKey("appointment_types.id", ondelete="CASCADE")
    )
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column("date", Date)
    start_time: Mapped[str] = mapped_column(String(5))
    end_time: Mapped[str] = mapped_column(String(5))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PartyBooking(Base):
    __tablename__ = "party_bookings"
    __table_args__ = (UniqueConstraint("location_id", "date", "start_time"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    package_id: Mapped[int] = mapped_column(ForeignKey("party_packages.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    guest_of_honor_student_id: Mapped[int | None] = mapped_column(
        ForeignKey("students.id", ondelete="SET NULL")
    )
    day: Mapped[date] = mapped_column("date", Date)
    start_time: Mapped[str] = mapped_column(String(5))
    end_time: Mapped[str] = mapped_column(String(5))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class GiftCard(Base):
    """An eGift card bought at checkout; its code is mailed to the recipient."""

    __tablename__ = "gift_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    purchaser_family_id: Mapped[int | None] = mapped_column(
        ForeignKey("families.id", ondelete="SET NULL")
    )
    code: Mapped[str] = mapped_column(String(32), unique=True)
    amount_cents: Mapped[int]
    balance_cents: Mapped[int]
    recipient_email: Mapped[str] = mapped_column(String(254))
    recipient_name: Mapped[str] = mapped_column(String(100), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --------------------------------------------------------------------------- payments


class PaymentMethod(Base):
    """A tokenized card or bank account. Only the token, type, brand and last four digits:
    never the number, the security code or the account number."""

    __tablename__ = "payment_methods"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    token: Mapped[str] = mapped_column(String(64), unique=True)
    type: Mapped[str] = mapped_column(String(8))  # card | echeck
    brand: Mapped[str] = mapped_column(String(20))  # Visa, Mastercard, ... / Checking, Savings
    last4: Mapped[str] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def label(self) -> str:
        return f"{self.brand} •••• {self.last4}"


class GatewayToken(Base):
    """The sandbox gateway's own record of a token: only what charging it will answer."""

    __tablename__ = "sandbox_gateway_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    outcome: Mapped[str] = mapped_column(String(24))  # approved | declined | ...
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Payment(Base):
    """An approved payment: `amount_cents` in all, of which `credit_applied_cents` came from
    the family's credit and the rest from the payment method."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    guardian_id: Mapped[int | None] = mapped_column(ForeignKey("guardians.id", ondelete="SET NULL"))
    amount_cents: Mapped[int]
    credit_applied_cents: Mapped[int] = mapped_column(default=0)
    method: Mapped[str] = mapped_column(String(40))  # "Visa •••• 4242", "Account credit"
    payment_method_id: Mapped[int | None] = mapped_column(
        ForeignKey("payment_methods.id", ondelete="SET NULL")
    )
    gateway_reference: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(16), default="approved")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    allocations: Mapped[list[PaymentAllocation]] = relationship(
        cascade="all, delete-orphan", order_by="PaymentAllocation.id"
    )

    @property
    def receipt_number(self) -> str:
        return f"R-{self.id:06d}"


class PaymentAllocation(Base):
    """The part of a payment that went to one charge."""

    __tablename__ = "payment_allocations"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(
        ForeignKey("payments.id", ondelete="CASCADE"), index=True
    )
    charge_id: Mapped[int] = mapped_column(ForeignKey("charges.id", ondelete="CASCADE"), index=True)
    amount_cents: Mapped[int]

    charge: Mapped[Charge] = relationship()


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


# --------------------------------------------------------------------------- self check-in


class PunchPass(Base):
    """A student's pass of drop-in classes: each check-in with it takes one punch."""

    __tablename__ = "punch_passes"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    student_id: Mapped[int] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), index=True
    )
    punches_total: Mapped[int]
    punches_left: Mapped[int]
    # The last day it can be used (null: it does not expire).
    expires_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Attendance(Base):
    """A student checked in to one meeting of a class. The unique (student, class, facility
    date) is what makes a check-in happen once, however many times it is sent."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("student_id", "class_id", "date"),
        Index("ix_attendance_class_day", "class_id", "date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column("date", Date)  # the facility's date of the meeting
    checked_in_at: Mapped[datetime]  # UTC
    method: Mapped[str] = mapped_column(String(8))  # phone | pin | card
    tardy: Mapped[bool] = mapped_column(default=False)
    via: Mapped[str] = mapped_column(String(16))  # enrollment | punch_pass
    punch_pass_id: Mapped[int | None] = mapped_column(
        ForeignKey("punch_passes.id", ondelete="SET NULL")
    )


class CheckInToken(Base):
    """What an identification hands the kiosk: bound to one family and the device that asked,
    valid 5 minutes, the only way to check in. Only its SHA-256 is stored."""

    __tablename__ = "check_in_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    device_id: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[str] = mapped_column(String(8))  # how the family was found
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]


class CheckInAttempt(DeviceAttemptMixin, Base):
    """One check-in identification at a kiosk."""

    __tablename__ = "check_in_attempts"


class CheckInAlert(Base):
    """A blocked family tried to check in: the front desk sees who and why."""

    __tablename__ = "check_in_alerts"
    __table_args__ = (Index("ix_check_in_alerts_at", "organisation_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id", ondelete="CASCADE"))
    family_name: Mapped[str] = mapped_column(String(200))
    reasons: Mapped[list[Any]] = mapped_column(default=list)  # suspended | policies | balance
    detail: Mapped[str] = mapped_column(String(300), default="")
    device: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)


# --------------------------------------------------------------------------- absences and makeups


class Absence(Base):
    """A student of a weekly class will miss one meeting; its seat is free for that date."""

    __tablename__ = "absences"
    __table_args__ = (
        UniqueConstraint("student_id", "class_id", "date"),
        Index("ix_absences_class_day", "class_id", "date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column("date", Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MakeupCredit(Base):
    """Earned by an absence; used by one makeup booking until `expires_on`."""

    __tablename__ = "makeup_credits"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    # The class and date of the absence (kept when the absence row is gone).
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    absence_day: Mapped[date] = mapped_column(Date)
    absence_id: Mapped[int | None] = mapped_column(
        ForeignKey("absences.id", ondelete="SET NULL"), unique=True
    )
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="SET NULL"))
    expires_on: Mapped[date] = mapped_column(Date)
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MakeupBooking(Base):
    """A student comes to one meeting of another class, with a makeup credit."""

    __tablename__ = "makeup_bookings"
    __table_args__ = (
        UniqueConstraint("student_id", "class_id", "date"),
        Index("ix_makeup_bookings_class_day", "class_id", "date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column("date", Date)
    credit_id: Mapped[int] = mapped_column(
        ForeignKey("makeup_credits.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SpotWatch(Base):
    """ "Tell me when a spot opens": a family watches a full class for a student."""

    __tablename__ = "spot_watches"
    __table_args__ = (Index("ix_spot_watches_class", "class_id", "ended_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = _org_fk()
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    # Who asked: the mail goes to them.
    guardian_id: Mapped[int | None] = mapped_column(ForeignKey("guardians.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when told of an opening; cleared when the class is full again (told once per opening).
    notified_at: Mapped[datetime | None]
    # What opened, until the family has seen it at a kiosk.
    alert: Mapped[str | None] = mapped_column(String(300))
    ended_at: Mapped[datetime | None]


class Kiosk(Base):
    """A kiosk staff enrolled: it sends its credential on every call. Only the credential's
    SHA-256 is kept (it is a random 256-bit secret, like a token); revoking ends it at once."""

    __tablename__ = "kiosks"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(100))
    credential_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class KioskPairingCode(Base):
    """A short-lived, single-use code that enrolls one kiosk (stored as a keyed digest)."""

    __tablename__ = "kiosk_pairing_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id", ondelete="SET NULL"))
    code_digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class SecurityAlert(Base):
    """Something staff must know about (a spread-out PIN guess paused staff sign-in): shown in
    the staff panel and mailed to the locations."""

    __tablename__ = "security_alerts"
    __table_args__ = (Index("ix_security_alerts_at", "organisation_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(String(300))
    at: Mapped[datetime] = mapped_column(default=utcnow)
