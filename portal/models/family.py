"""The personal side: families, guardians, students, acceptances, charges, enrollments."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import (
    Mapped,
    mapped_column,
    relationship,
    validates,
)

from portal import rules
from portal.core.clock import utcnow
from portal.models.base import Base, _org_fk

if TYPE_CHECKING:
    from portal.models.catalog import ClassOffering


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
