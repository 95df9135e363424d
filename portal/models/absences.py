"""Absences, makeups and spot watches."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import (
    Mapped,
    mapped_column,
)

from portal.core.clock import utcnow
from portal.models.base import Base, _org_fk

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
