"""Self check-in at the lobby kiosk (docs/checkin-contract.md): find a family by phone, PIN or
card, show its students' classes today, check them in exactly once.

Identification needs no password, so what it answers is kept to first names with a last
initial and class times, and failed tries are throttled per device like staff PINs
(portal.services.throttle): at most 10 failed identifications per device in 5 minutes.
PINs and card codes are stored as HMAC-SHA256 digests under the portal's secret key
(portal.core.security.lookup_digest), so they can be looked up with an index but not read back.

A found family gets a check-in token per family: 256 random bits, stored as SHA-256, bound to
the family and the device that asked, valid 5 minutes. A family that is suspended, has a
required policy to accept or owes more than the organisation's limit is blocked: the kiosk is
told only "Please see the front desk.", and the front desk gets an alert saying why.

A check-in is one transaction: every item is checked against the family's view at that moment
(the window around the class start, a punch left, a drop-in opening) before anything is
written, and the unique (student, class, facility date) of `attendance` makes a repeat, even a
concurrent one, an answer rather than a second record or a second punch.

Every function takes `now` (UTC; default: the clock) so the window edges can be tested exactly.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal import schemas
from portal.core.clock import wall_time
from portal.core.security import lookup_digest
from portal.models import (
    Attendance,
    CheckInAlert,
    CheckInAttempt,
    CheckInToken,
    ClassCancellation,
    ClassOffering,
    Enrollment,
    Family,
    Guardian,
    Location,
    Organisation,
    OrganisationSettings,
    Policy,
    PunchPass,
    Student,
    as_utc,
    guardian_families,
    utcnow,
)
from portal.services import accounts, auth, booking, locks, payments, schedule, throttle
from portal.services.errors import Conflict, NotFound, ServiceError, TooManyTries, Unauthorized

TOKEN_TTL = timedelta(minutes=5)
THROTTLE_WINDOW = timedelta(minutes=5)
MAX_FAILURES = 10  # per enrolled kiosk
# All kiosks together: a sweep spread over several kiosks pauses identification everywhere.
ORGANISATION_WINDOW = timedelta(minutes=15)
MAX_ORGANISATION_FAILURES = 60
MIN_PHONE_DIGITS = 7
MAX_PHONE_DIGITS = 15
MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 6
MAX_ALERTS = 200

NOT_FOUND = "We couldn't find a family with that. Please try again or see the front desk."
THROTTLED = "Too many tries. Please see the front desk."
SEE_FRONT_DESK = "Please see the front desk."
TOKEN_ENDED = "That took a little long. Please start again."
CHECKED_IN = "You're checked in!"
PIN_TAKEN = "That check-in PIN is already used by another family."
FULL = "That class is full today. Please see the front desk."

PIN_PURPOSE = "check-in-pin"
CARD_PURPOSE = "check-in-card"

_PHONE_RE = re.compile(r"[0-9\s().+\-]+")

ENROLLMENT = "enrollment"
PUNCH_PASS = "punch_pass"


# --------------------------------------------------------------------------- errors


class FamilyNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__(NOT_FOUND)


class IdentifyThrottled(TooManyTries):
    MESSAGE = THROTTLED


class CheckInTokenEnded(Unauthorized):
    """An unknown or expired check-in token (or one from another device)."""

    def __init__(self) -> None:
        super().__init__(TOKEN_ENDED)


class Blocked(ServiceError):
    """403 with no details (a bystander may be reading); `family` and `blocks` say why, for
    the front desk's alert."""

    status_code = 403
    replayable = False

    def __init__(self, family: Family, blocks: Blocks, device: str) -> None:
        super().__init__(SEE_FRONT_DESK, extra={"reason": "blocked"})
        self.family = family
        self.blocks = blocks
        self.device = device


class NotCheckedIn(Conflict):
    """409: an item the family's view does not offer as open; nothing was recorded."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message, extra={"reason": reason})


# --------------------------------------------------------------------------- PINs and cards


def pin_digest(organisation_id: int, pin: str) -> str:
    return lookup_digest(PIN_PURPOSE, organisation_id, pin)


def normalise_card(code: str) -> str:
    """A card code as a scanner types it: trimmed, case-insensitive."""
    return code.strip().upper()


def card_digest(organisation_id: int, code: str) -> str:
    return lookup_digest(CARD_PURPOSE, organisation_id, normalise_card(code))


def is_pin_shaped(value: str) -> bool:
    return value.isascii() and value.isdigit() and MIN_PIN_DIGITS <= len(value) <= MAX_PIN_DIGITS


def set_pin(session: Session, family: Family, pin: str | None) -> None:
    """Give the family a check-in PIN (4-6 digits; None removes it). Conflict when another
    family of the organisation has it. The caller commits."""
    if pin is None:
        family.check_in_pin_hash = None
        return
    if not is_pin_shaped(pin):
        raise ValueError("a check-in PIN is 4 to 6 digits")
    digest = pin_digest(family.organisation_id, pin)
    taken = session.scalars(
        select(Family.id).where(
            Family.organisation_id == family.organisation_id,
            Family.check_in_pin_hash == digest,
            Family.id != family.id,
        )
    ).first()
    if taken is not None:
        raise Conflict(PIN_TAKEN)
    family.check_in_pin_hash = digest


def set_card(family: Family, code: str | None) -> None:
    """Give the family a card (None removes it). The caller commits; the unique (organisation,
    card) refuses a card another family has."""
    family.card_code_hash = card_digest(family.organisation_id, code) if code else None


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Blocks:
    """Why a family may not check itself in (no reasons: it may)."""

    reasons: tuple[str, ...] = ()
    detail: str = ""


def settings_of(session: Session, organisation_id: int) -> OrganisationSettings:
    row = session.scalars(
        select(OrganisationSettings).where(OrganisationSettings.organisation_id == organisation_id)
    ).first()
    if row is not None:
        return row
    # No settings row (an organisation made by hand): the contract's defaults.
    return OrganisationSettings(
        organisation_id=organisation_id,
        check_in_opens_minutes_before=schemas.OrgSettings.model_fields[
            "check_in_opens_minutes_before"
        ].default,
        check_in_closes_minutes_after=schemas.OrgSettings.model_fields[
            "check_in_closes_minutes_after"
        ].default,
    )


def required_policy_ids(session: Session, organisation_id: int) -> set[int]:
    return set(
        session.scalars(
            select(Policy.id).where(
                Policy.organisation_id == organisation_id, Policy.required.is_(True)
            )
        )
    )


def blocks_of(
    family: Family, *, outstanding_required: int, balance_due_cents: int, limit_cents: int | None
) -> Blocks:
    reasons: list[str] = []
    parts: list[str] = []
    if family.suspended:
        reasons.append("suspended")
        parts.append("account suspended")
    if outstanding_required:
        reasons.append("policies")
        noun = "policy" if outstanding_required == 1 else "policies"
        parts.append(f"{outstanding_required} {noun} to accept")
    if limit_cents is not None and balance_due_cents > limit_cents:
        reasons.append("balance")
        parts.append(f"owes {payments.money(balance_due_cents)}")
    detail = "; ".join(parts)
    return Blocks(tuple(reasons), detail[:1].upper() + detail[1:])


def count_required(view: schemas.FamilyPolicies, required_ids: set[int]) -> int:
    """Outstanding policies (per student for student policies) that are required."""
    return sum(1 for p in view.outstanding if p.policy_id in required_ids)


def family_blocks(
    session: Session,
    family: Family,
    limit_cents: int | None,
    required_ids: set[int] | None = None,
) -> Blocks:
    """What the family's own screens say (GET /family/policies, GET /family/charges)."""
    if required_ids is None:
        required_ids = required_policy_ids(session, family.organisation_id)
    return blocks_of(
        family,
        outstanding_required=count_required(accounts.policies_view(session, family), required_ids),
        balance_due_cents=payments.balance_due(session, family.id),
        limit_cents=limit_cents,
    )


def record_alert(
    session: Session, family: Family, blocks: Blocks, device: str, now: datetime | None = None
) -> None:
    """A blocked attempt, for the front desk (the caller commits)."""
    session.add(
        CheckInAlert(
            organisation_id=family.organisation_id,
            family_id=family.id,
            family_name=family.name[:200],
            reasons=list(blocks.reasons),
            detail=blocks.detail[:300],
            device=device[:200],
            at=now or utcnow(),
        )
    )


# --------------------------------------------------------------------------- the day's classes


@dataclass(frozen=True)
class Clock:
    """Now at the facility and the check-in window of the organisation."""

    now: datetime  # UTC
    zone: tzinfo
    today: date
    opens_before: timedelta
    closes_after: timedelta

    @classmethod
    def of(cls, session: Session, settings: OrganisationSettings, now: datetime) -> Clock:
        local = schedule.facility_now(session, settings.organisation_id, now)
        return cls(
            now=now.astimezone(UTC),
            zone=local.tzinfo or UTC,
            today=local.date(),
            opens_before=timedelta(minutes=settings.check_in_opens_minutes_before or 0),
            closes_after=timedelta(minutes=settings.check_in_closes_minutes_after or 0),
        )

    def at(self, day: date, hhmm: str) -> datetime:
        """The UTC instant of a facility time of day."""
        hours, minutes = divmod(schedule.to_minutes(hhmm), 60)
        return wall_time(day, time(hours, minutes), self.zone, near=self.now)

    def hhmm(self, instant: datetime) -> str:
        return (as_utc(instant) or instant).astimezone(self.zone).strftime("%H:%M")


@dataclass
class Offer:
    """One class a student can be (or was) checked in to today."""

    student: Student
    cls: ClassOffering
    start_time: str
    end_time: str
    via: str
    start: datetime  # UTC
    opens: datetime
    closes: datetime
    attendance: Attendance | None
    openings: int | None  # drop-in places left today (punch-pass offers)

    def status(self, now: datetime) -> str:
        if self.attendance is not None:
            return "checked_in"
        if now < self.opens:
            return "too_early"
        if now > self.closes:
            return "closed"
        return "open"

    def tardy(self, now: datetime) -> bool:
        if self.attendance is not None:
            return self.attendance.tardy
        return self.start < now <= self.closes


@dataclass
class StudentDay:
    student: Student
    passes: list[PunchPass]
    offers: list[Offer] = field(default_factory=list)
    # Drop-in classes the student could take but for a punch or an opening (for the 409s).
    unavailable: dict[int, str] = field(default_factory=dict)

    @property
    def punches_left(self) -> int | None:
        return sum(p.punches_left for p in self.passes) if self.passes else None


def display_name(student: Student) -> str:
    initial = student.last_name.strip()[:1]
    return f"{student.first_name} {initial}." if initial else student.first_name


def meeting_today(cls: ClassOffering, today: date) -> dict[str, Any] | None:
    for _day, slot in schedule.class_meetings(cls, today, today):
        return slot
    return None


def classes_meeting(
    session: Session, organisation_id: int, day: date, *, ids: Iterable[int] | None = None
) -> list[tuple[ClassOffering, dict[str, Any]]]:
    """Active classes of the organisation that meet on `day` and are not cancelled that day
    (of `ids` only, when given), with the day's schedule slot."""
    query = select(ClassOffering).where(
        ClassOffering.organisation_id == organisation_id,
        ClassOffering.active.is_(True),
        or_(ClassOffering.start_date.is_(None), ClassOffering.start_date <= day),
        or_(ClassOffering.end_date.is_(None), ClassOffering.end_date >= day),
    )
    if ids is not None:
        query = query.where(ClassOffering.id.in_(list(ids)))
    meeting = []
    for cls in session.scalars(query.order_by(ClassOffering.id)):
        slot = meeting_today(cls, day)
        if slot is not None:
            meeting.append((cls, slot))
    cancelled = set(
        session.scalars(
            select(ClassCancellation.class_id).where(
                ClassCancellation.class_id.in_([c.id for c, _ in meeting]),
                ClassCancellation.day == day,
            )
        )
    )
    return [(cls, slot) for cls, slot in meeting if cls.id not in cancelled]


def drop_ins(session: Session, class_ids: Sequence[int], day: date) -> dict[int, int]:
    """Punch-pass check-ins per class on `day` (they count against that day's openings)."""
    if not class_ids:
        return {}
    rows = session.execute(
        select(Attendance.class_id, func.count())
        .where(
            Attendance.class_id.in_(list(class_ids)),
            Attendance.day == day,
            Attendance.via == PUNCH_PASS,
        )
        .group_by(Attendance.class_id)
    ).all()
    return {int(class_id): int(n) for class_id, n in rows}


def family_day(session: Session, clock: Clock, family: Family) -> list[StudentDay]:
    """Each student's classes today: enrolled ones, punch-pass drop-ins, and whatever the
    student was already checked in to today. A fixed handful of queries, whatever the size of
    the catalog."""
    today = clock.today
    students = list(family.students)
    ids = [s.id for s in students]
    if not ids:
        return []
    enrolled: dict[int, set[int]] = {}
    for student_id, class_id in session.execute(
        select(Enrollment.student_id, Enrollment.class_id).where(
            Enrollment.student_id.in_(ids),
            Enrollment.status == "enrolled",
            or_(Enrollment.start_date.is_(None), Enrollment.start_date <= today),
        )
    ):
        enrolled.setdefault(student_id, set()).add(class_id)
    passes: dict[int, list[PunchPass]] = {}
    for row in session.scalars(
        select(PunchPass)
        .where(
            PunchPass.student_id.in_(ids),
            or_(PunchPass.expires_on.is_(None), PunchPass.expires_on >= today),
        )
        .order_by(PunchPass.expires_on.is_(None), PunchPass.expires_on, PunchPass.id)
    ):
        passes.setdefault(row.student_id, []).append(row)
    attended = {
        (a.student_id, a.class_id): a
        for a in session.scalars(
            select(Attendance).where(Attendance.student_id.in_(ids), Attendance.day == today)
        )
    }
    wanted = {c for classes in enrolled.values() for c in classes} | {c for _s, c in attended}
    # Any student with a pass may drop in to any class today, so every class meeting today is a
    # candidate; otherwise only the student's own.
    meeting = classes_meeting(
        session, family.organisation_id, today, ids=None if passes else wanted
    )
    taken = drop_ins(session, [c.id for c, _ in meeting], today) if passes else {}

    days = [StudentDay(s, passes.get(s.id, [])) for s in students]
    for day in days:
        student = day.student
        mine = enrolled.get(student.id, set())
        punches = day.punches_left
        for cls, slot in meeting:
            attendance = attended.get((student.id, cls.id))
            openings: int | None = None
            if cls.id in mine:
                via = ENROLLMENT
            elif attendance is not None:
                via = attendance.via
            elif punches is None or not booking.age_fits(
                student, cls.min_age_months, cls.max_age_months, today
            ):
                continue
            else:
                via = PUNCH_PASS
            if via == PUNCH_PASS:
                openings = max(cls.openings - taken.get(cls.id, 0), 0)
            if attendance is None and via == PUNCH_PASS and not punches:
                day.unavailable[cls.id] = "no_punches"
                continue
            if attendance is None and via == PUNCH_PASS and not openings:
                day.unavailable[cls.id] = "full"
                continue
            start_time, end_time = str(slot["startTime"]), str(slot["endTime"])
            start = clock.at(today, start_time)
            day.offers.append(
                Offer(
                    student=student,
                    cls=cls,
                    start_time=start_time,
                    end_time=end_time,
                    via=via,
                    start=start,
                    opens=start - clock.opens_before,
                    closes=start + clock.closes_after,
                    attendance=attendance,
                    openings=openings,
                )
            )
        day.offers.sort(key=lambda o: (o.start_time, o.cls.name, o.cls.id))
    return days


def offer_out(offer: Offer, clock: Clock) -> schemas.CheckInClassOut:
    attendance = offer.attendance
    return schemas.CheckInClassOut(
        class_id=offer.cls.id,
        name=offer.cls.name,
        start_time=offer.start_time,
        end_time=offer.end_time,
        opens_at=clock.hhmm(offer.opens),
        closes_at=clock.hhmm(offer.closes),
        status=offer.status(clock.now),
        tardy=offer.tardy(clock.now),
        via=offer.via,
        openings=offer.openings,
        checked_in_at=clock.hhmm(attendance.checked_in_at) if attendance is not None else None,
    )


def students_out(days: list[StudentDay], clock: Clock) -> list[schemas.CheckInStudentOut]:
    return [
        schemas.CheckInStudentOut(
            student_id=day.student.id,
            display_name=display_name(day.student),
            punches_left=day.punches_left,
            classes=[offer_out(o, clock) for o in day.offers],
        )
        for day in days
    ]


# --------------------------------------------------------------------------- identify


def _purge_old(session: Session, organisation_id: int, now: datetime) -> None:
    throttle.purge(session, CheckInAttempt, organisation_id, THROTTLE_WINDOW, now)
    session.execute(
        delete(CheckInToken).where(
            CheckInToken.organisation_id == organisation_id,
            CheckInToken.expires_at < now - timedelta(days=1),
        )
    )


def _usable_text(value: str) -> bool:
    return 0 < len(value) <= schemas.MAX_CHECK_IN_VALUE and value.isprintable()


def phone_lookup_digits(value: str) -> str | None:
    """The digits a phone value is looked up by, or None when it cannot match a phone."""
    if not _usable_text(value) or not _PHONE_RE.fullmatch(value):
        return None
    digits = re.sub(r"[^0-9]", "", value)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits if MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS else None


def find_families(session: Session, organisation_id: int, method: str, value: str) -> list[Family]:
    """The families `value` identifies (none when it cannot match anything)."""
    value = value.strip()
    if method == "phone":
        digits = phone_lookup_digits(value)
        if digits is None:
            return []
        family_ids = select(guardian_families.c.family_id).join(
            Guardian, Guardian.id == guardian_families.c.guardian_id
        )
        condition: Any = Family.id.in_(
            family_ids.where(
                Guardian.organisation_id == organisation_id, Guardian.phone_digits == digits
            )
        )
    elif method == "pin":
        if not is_pin_shaped(value):
            return []
        condition = Family.check_in_pin_hash == pin_digest(organisation_id, value)
    elif method == "card":
        if not _usable_text(value):
            return []
        condition = Family.card_code_hash == card_digest(organisation_id, value)
    else:
        return []
    return list(
        session.scalars(
            select(Family)
            .where(Family.organisation_id == organisation_id, condition)
            .order_by(Family.name, Family.id)
        )
    )


def _issue_token(
    session: Session, family: Family, device_id: str, method: str, now: datetime
) -> str:
    token = secrets.token_urlsafe(32)
    session.add(
        CheckInToken(
            organisation_id=family.organisation_id,
            family_id=family.id,
            token_hash=auth.hash_token(token),
            device_id=device_id[:200],
            method=method,
            created_at=now,
            expires_at=now + TOKEN_TTL,
        )
    )
    return token


def identify(
    session: Session,
    organisation: Organisation,
    *,
    method: str,
    value: str,
    device_id: str,
    client: str,
    device: str,
    now: datetime | None = None,
) -> schemas.CheckInIdentified:
    """The families `value` identifies, each with a check-in token and its students' classes
    today (or `blocked`, recorded as a front-desk alert); the caller commits, while a refusal
    commits its count before it is raised. Raises IdentifyThrottled
    (before anything is looked up) or FamilyNotFound (which counts against the throttle)."""
    now = now or utcnow()
    org_id = organisation.id
    _purge_old(session, org_id, now)
    attempt, wait = throttle.register(
        session, CheckInAttempt, org_id, client, now, window=THROTTLE_WINDOW, limit=MAX_FAILURES
    )
    if attempt is None:  # over the limit already: refused from one read
        raise IdentifyThrottled(wait or 1)
    if wait is None:
        wait = throttle.organisation_wait(
            session,
            CheckInAttempt,
            org_id,
            now,
            window=ORGANISATION_WINDOW,
            limit=MAX_ORGANISATION_FAILURES,
        )
    if wait is not None:
        attempt.outcome = "throttled"
        session.commit()  # counted, though the request is then refused and rolled back
        raise IdentifyThrottled(wait)
    families = find_families(session, org_id, method, value)
    if not families:
        attempt.outcome = "failed"
        session.commit()  # counted, though the request is then refused and rolled back
        raise FamilyNotFound()
    attempt.outcome = "ok"
    settings = settings_of(session, org_id)
    clock = Clock.of(session, settings, now)
    required = required_policy_ids(session, org_id)
    answers = []
    for family in families:
        token = _issue_token(session, family, device_id, method, now)
        blocks = family_blocks(session, family, settings.check_in_balance_limit_cents, required)
        blocked = bool(blocks.reasons)
        if blocked:  # no details for the kiosk; the front desk is told why
            record_alert(session, family, blocks, device, now)
        answers.append(
            schemas.CheckInFamilyOut(
                check_in_token=token,
                family_name=family.name,
                blocked=blocked,
                message=SEE_FRONT_DESK if blocked else None,
                students=[] if blocked else students_out(family_day(session, clock, family), clock),
            )
        )
    return schemas.CheckInIdentified(families=answers)


# --------------------------------------------------------------------------- check in


def _token(
    session: Session, organisation_id: int, token: str, device_id: str, now: datetime
) -> CheckInToken:
    if not token or len(token) > auth.MAX_TOKEN_LENGTH or not token.isascii():
        raise CheckInTokenEnded()
    row = session.scalars(
        select(CheckInToken).where(CheckInToken.token_hash == auth.hash_token(token))
    ).first()
    if (
        row is None
        or row.organisation_id != organisation_id
        or (as_utc(row.expires_at) or now) <= now
        or (device_id and row.device_id and device_id[:200] != row.device_id)
    ):
        raise CheckInTokenEnded()
    return row


def _refusal(day: StudentDay | None, class_id: int, offer: Offer | None, clock: Clock) -> None:
    """Raise the 409 for an item that is not open (returns when it is open or checked in)."""
    if day is None:
        raise NotCheckedIn("We could not find that student in your family.", "not_found")
    name = day.student.first_name
    if offer is None:
        reason = day.unavailable.get(class_id)
        if reason == "no_punches":
            raise NotCheckedIn(_no_punches(day.student), "no_punches")
        if reason == "full":
            raise NotCheckedIn(FULL, "full")
        raise NotCheckedIn(f"{name} does not have that class today.", "not_found")
    status = offer.status(clock.now)
    if status == "too_early":
        opens = schedule.twelve_hour(clock.hhmm(offer.opens))
        raise NotCheckedIn(f"Check-in for {offer.cls.name} opens at {opens}.", "not_open")
    if status == "closed":
        raise NotCheckedIn(f"Check-in for {offer.cls.name} has closed.", "not_open")


def _no_punches(student: Student) -> str:
    return f"{student.first_name} has no punches left. Please see the front desk."


def _record(
    session: Session, offer: Offer, token: CheckInToken, punch: PunchPass | None, clock: Clock
) -> tuple[Attendance, bool]:
    """Insert the attendance: (it, True); or (the other one, False) when a concurrent check-in
    of the same item got there first (only its own insert is undone)."""
    session.flush()  # the savepoint below holds this insert alone
    row = Attendance(
        organisation_id=token.organisation_id,
        student_id=offer.student.id,
        class_id=offer.cls.id,
        day=clock.today,
        checked_in_at=clock.now,
        method=token.method,
        tardy=offer.tardy(clock.now),
        via=offer.via,
        punch_pass_id=punch.id if punch is not None else None,
    )
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        existing = session.scalars(
            select(Attendance).where(
                Attendance.student_id == offer.student.id,
                Attendance.class_id == offer.cls.id,
                Attendance.day == clock.today,
            )
        ).one()
        return existing, False
    return row, True


def check_in(
    session: Session,
    organisation: Organisation,
    request: schemas.CheckInRequest,
    now: datetime | None = None,
) -> schemas.CheckInResult:
    """Check the items in, all or none. Raises CheckInTokenEnded (401), Blocked (403) or
    NotCheckedIn (409, nothing recorded). The caller commits."""
    now = now or utcnow()
    token = _token(session, organisation.id, request.check_in_token, request.device_id, now)
    family = session.get(Family, token.family_id)
    if family is None:  # pragma: no cover - the token is deleted with its family
        raise CheckInTokenEnded()
    settings = settings_of(session, organisation.id)
    blocks = family_blocks(session, family, settings.check_in_balance_limit_cents)
    if blocks.reasons:
        raise Blocked(family, blocks, token.device_id)
    items = list(dict.fromkeys((i.student_id, i.class_id) for i in request.items))
    # Openings and punches are read and changed under a lock (see portal.services.locks).
    locks.lock_rows(session, ClassOffering, {class_id for _s, class_id in items})
    student_ids = [s.id for s in family.students]
    locks.lock_rows(
        session,
        PunchPass,
        session.scalars(select(PunchPass.id).where(PunchPass.student_id.in_(student_ids))),
    )
    clock = Clock.of(session, settings, now)
    days = {day.student.id: day for day in family_day(session, clock, family)}
    offers = {(o.student.id, o.cls.id): o for day in days.values() for o in day.offers}
    chosen: list[Offer] = []
    for student_id, class_id in items:
        offer = offers.get((student_id, class_id))
        _refusal(days.get(student_id), class_id, offer, clock)
        assert offer is not None
        chosen.append(offer)
    # Several drop-ins in one request share the student's punches and the class's openings.
    punches_needed: dict[int, int] = {}
    places_needed: dict[int, int] = {}
    for offer in chosen:
        if offer.attendance is None and offer.via == PUNCH_PASS:
            student_id = offer.student.id
            punches_needed[student_id] = punches_needed.get(student_id, 0) + 1
            places_needed[offer.cls.id] = places_needed.get(offer.cls.id, 0) + 1
            if punches_needed[student_id] > (days[student_id].punches_left or 0):
                raise NotCheckedIn(_no_punches(offer.student), "no_punches")
            if places_needed[offer.cls.id] > (offer.openings or 0):
                raise NotCheckedIn(FULL, "full")

    answered = []
    for offer in chosen:
        attendance = offer.attendance
        if attendance is None:
            punch = None
            if offer.via == PUNCH_PASS:
                punch = next(p for p in days[offer.student.id].passes if p.punches_left > 0)
            attendance, created = _record(session, offer, token, punch, clock)
            if created and punch is not None:
                punch.punches_left -= 1
        answered.append((offer, attendance))
    session.flush()
    return schemas.CheckInResult(
        checked_in=[
            schemas.CheckedInOut(
                student_id=offer.student.id,
                class_id=offer.cls.id,
                display_name=display_name(offer.student),
                class_name=offer.cls.name,
                tardy=attendance.tardy,
                checked_in_at=clock.hhmm(attendance.checked_in_at),
                punches_left=days[offer.student.id].punches_left,
            )
            for offer, attendance in answered
        ],
        message=CHECKED_IN,
    )


# --------------------------------------------------------------------------- front desk


def roster(
    session: Session,
    organisation: Organisation,
    day: date | None = None,
    now: datetime | None = None,
) -> schemas.CheckInRoster:
    """Every class meeting on `day` (default: today at the facility) with its enrolled
    students and drop-ins, checked in or expected."""
    settings = settings_of(session, organisation.id)
    clock = Clock.of(session, settings, now or utcnow())
    day = day or clock.today
    meeting = classes_meeting(session, organisation.id, day)
    class_ids = [cls.id for cls, _slot in meeting]
    locations = dict(
        session.execute(
            select(Location.id, Location.name).where(Location.organisation_id == organisation.id)
        ).all()
    )
    expected: dict[int, list[Student]] = {}
    for enrollment, student in session.execute(
        select(Enrollment, Student)
        .join(Student, Student.id == Enrollment.student_id)
        .where(
            Enrollment.class_id.in_(class_ids),
            Enrollment.status == "enrolled",
            or_(Enrollment.start_date.is_(None), Enrollment.start_date <= day),
        )
    ):
        expected.setdefault(enrollment.class_id, []).append(student)
    attended: dict[int, dict[int, tuple[Attendance, Student]]] = {}
    for attendance, student in session.execute(
        select(Attendance, Student)
        .join(Student, Student.id == Attendance.student_id)
        .where(Attendance.class_id.in_(class_ids), Attendance.day == day)
    ):
        attended.setdefault(attendance.class_id, {})[student.id] = (attendance, student)

    classes = []
    for cls, slot in sorted(meeting, key=lambda m: (str(m[1]["startTime"]), m[0].name, m[0].id)):
        here = attended.get(cls.id, {})
        students = []
        seen: set[int] = set()
        for student in expected.get(cls.id, []):
            seen.add(student.id)
            record = here.get(student.id)
            students.append(_roster_student(student, record[0] if record else None, clock))
        for student_id, (attendance, student) in here.items():
            if student_id not in seen:
                students.append(_roster_student(student, attendance, clock))
        students.sort(key=lambda s: (s.name.casefold(), s.student_id))
        classes.append(
            schemas.RosterClass(
                class_id=cls.id,
                name=cls.name,
                start_time=str(slot["startTime"]),
                end_time=str(slot["endTime"]),
                location=locations.get(cls.location_id, ""),
                students=students,
            )
        )
    return schemas.CheckInRoster(date=day, classes=classes)


def _roster_student(
    student: Student, attendance: Attendance | None, clock: Clock
) -> schemas.RosterStudent:
    return schemas.RosterStudent(
        student_id=student.id,
        name=f"{student.first_name} {student.last_name}".strip(),
        family_id=student.family_id,
        status="checked_in" if attendance is not None else "expected",
        tardy=attendance.tardy if attendance is not None else False,
        checked_in_at=clock.hhmm(attendance.checked_in_at) if attendance is not None else None,
        method=attendance.method if attendance is not None else None,
        via=attendance.via if attendance is not None else ENROLLMENT,
    )


def alerts(
    session: Session, organisation: Organisation, now: datetime | None = None
) -> schemas.CheckInAlerts:
    """Today's blocked check-in attempts (facility day), newest first."""
    settings = settings_of(session, organisation.id)
    clock = Clock.of(session, settings, now or utcnow())
    since = clock.at(clock.today, "00:00")
    rows = session.scalars(
        select(CheckInAlert)
        .where(CheckInAlert.organisation_id == organisation.id, CheckInAlert.at >= since)
        .order_by(CheckInAlert.at.desc(), CheckInAlert.id.desc())
        .limit(MAX_ALERTS)
    ).all()
    return schemas.CheckInAlerts(
        alerts=[
            schemas.CheckInAlertOut(
                at=(as_utc(row.at) or utcnow()).replace(microsecond=0),
                family_id=row.family_id,
                family_name=row.family_name,
                reasons=[str(r) for r in row.reasons or []],
                detail=row.detail,
            )
            for row in rows
        ]
    )
