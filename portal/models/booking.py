"""Booking: cancellations, closures, availability, carts, orders and what they booked."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import (
    Mapped,
    mapped_column,
    relationship,
)

from portal.core.clock import utcnow
from portal.models.base import Base, _org_fk

if TYPE_CHECKING:
    from portal.models.payments import Payment


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
