"""Self check-in: punch passes, attendance, check-in tokens, attempts and alerts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

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
from portal.models.staff import DeviceAttemptMixin

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
