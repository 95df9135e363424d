"""Tell me when a spot opens (docs/absences-contract.md): watches of full classes, and the mail
written, in the transaction that opened the seat, to everyone watching, first watcher first.

Openings of a whole class (a drop, a capacity change, a released cart hold) are caught by a
`before_flush` listener on every Session, so no service can open a seat without telling the
watchers; a seat of one date (an absence) is announced by portal.services.absences through
`date_seat_opened()`. A watch is told once per opening: `notified_at` is set when it is told
and cleared when the class is full again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from portal.models import (
    ClassOffering,
    Enrollment,
    Guardian,
    Organisation,
    SpotWatch,
    Student,
    utcnow,
)
from portal.services import mail, schedule


def _active(session: Session, class_id: int) -> list[SpotWatch]:
    return list(
        session.scalars(
            select(SpotWatch)
            .where(SpotWatch.class_id == class_id, SpotWatch.ended_at.is_(None))
            .order_by(SpotWatch.id)
        )
    )


def enrolled_in(session: Session, student_id: int, class_id: int) -> bool:
    return (
        session.scalars(
            select(Enrollment.id).where(
                Enrollment.student_id == student_id,
                Enrollment.class_id == class_id,
                Enrollment.status == "enrolled",
            )
        ).first()
        is not None
    )


def _tell(session: Session, cls: ClassOffering, where: str, detail: str, today: date | None) -> int:
    """Mail every watch of `cls` not told since it was last full, first watcher first."""
    told = 0
    now = utcnow()
    organisation = session.get(Organisation, cls.organisation_id)
    org_name = organisation.name if organisation is not None else ""
    for watch in _active(session, cls.id):
        if enrolled_in(session, watch.student_id, cls.id) or (
            today is not None and cls.end_date is not None and cls.end_date < today
        ):
            watch.ended_at = now  # the student is in, or the class is over
            continue
        if watch.notified_at is not None:
            continue
        student = session.get(Student, watch.student_id)
        guardian = session.get(Guardian, watch.guardian_id) if watch.guardian_id else None
        name = student.first_name if student is not None else ""
        watch.notified_at = now
        watch.alert = f"A spot opened in {cls.name}{where} for {name}."
        told += 1
        if guardian is None:
            continue
        account = organisation.account if organisation is not None else ""
        mail.enqueue(
            session,
            cls.organisation_id,
            kind="spot_opened",
            to=guardian.email,
            subject=f"A spot opened in {cls.name}",
            body="\n".join(
                [
                    f"Hello {guardian.first_name},",
                    "",
                    f"You asked us to tell you when a spot opens in {cls.name} "
                    f"({schedule.schedule_text(cls)}) for {name}.",
                    f"{detail} Spots go to whoever books first.",
                    "",
                    f"See the class: /api/open/v1/{account}/classes/{cls.id}",
                    "Book it at the kiosk in the lobby or on the Customer Portal.",
                    "",
                    org_name,
                ]
            ),
        )
    return told


def date_seat_opened(session: Session, cls: ClassOffering, day: date, today: date) -> int:
    """A seat of one meeting was freed (an absence)."""
    when = schedule.day_words(day)
    detail = f"A seat is free on {when} only: someone will miss that class."
    return _tell(session, cls, f" on {when}", detail, today)


def _value(history: Any, current: int) -> int:
    if history.deleted:
        return int(history.deleted[0] or 0)
    return current


def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    changed = [obj for obj in session.dirty if isinstance(obj, ClassOffering)]
    if not changed:
        return
    with session.no_autoflush:
        for cls in changed:
            state = inspect(cls)
            keys = ("capacity", "enrolled", "held_seats")
            if not any(state.attrs[key].history.has_changes() for key in keys):
                continue
            before = max(
                _value(state.attrs.capacity.history, cls.capacity)
                - _value(state.attrs.enrolled.history, cls.enrolled)
                - _value(state.attrs.held_seats.history, cls.held_seats or 0),
                0,
            )
            after = cls.openings
            if before == 0 and after > 0:
                spots = "1 spot is" if after == 1 else f"{after} spots are"
                _tell(session, cls, "", f"{spots} free in the class now.", None)
            elif before > 0 and after == 0:
                for watch in _active(session, cls.id):
                    watch.notified_at = None  # full again: the next opening tells them again


event.listen(Session, "before_flush", _before_flush)
