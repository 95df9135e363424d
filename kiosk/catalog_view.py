"""How the catalog reads to a family: class filters, the class finder, and the words on a card.

Pure functions over the cache's domain objects; the UI shows what these return.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from kiosk.cache.repositories import CatalogRepository
from kiosk.domain import Camp, ClassOffering, ScheduleSlot
from kiosk.i18n import N_, _

# Times of day as families say them, in minutes after midnight: [from, to).
TIMES_OF_DAY: dict[str, tuple[int, int]] = {
    "morning": (0, 12 * 60),
    "afternoon": (12 * 60, 17 * 60),
    "evening": (17 * 60, 24 * 60),
}
DAY_SHORT = (N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"))


@dataclass(frozen=True)
class ClassFilter:
    """What a family narrowed the class list to; every field optional."""

    program_id: int | None = None
    level_id: int | None = None
    age_months: int | None = None
    days: frozenset[int] = field(default_factory=frozenset)  # 1 = Sunday .. 7 = Saturday
    time_of_day: str | None = None  # morning | afternoon | evening
    openings_only: bool = False
    query: str = ""
    instructor: str = ""  # a coach's name, matched like a search word


def find_class_ids(session: Session, location_id: int, flt: ClassFilter) -> list[int]:
    """The classes matching the filter, by name; indexed queries only (fast on 10,000)."""
    return CatalogRepository(session).class_ids(
        location_id,
        program_id=flt.program_id,
        level_id=flt.level_id,
        age_months=flt.age_months,
        days=sorted(flt.days) or None,
        query=" ".join(x for x in (flt.query, flt.instructor) if x) or None,
        with_openings=flt.openings_only,
        starts_between=TIMES_OF_DAY.get(flt.time_of_day or ""),
    )


# ----- the words on a card ---------------------------------------------------------------


def clock_text(hhmm: str) -> str:
    """'15:30' -> '3:30 PM'."""
    try:
        hours, minutes = (int(part) for part in hhmm.split(":")[:2])
    except ValueError:
        return hhmm
    suffix = _("AM") if hours < 12 else _("PM")
    return f"{(hours % 12) or 12}:{minutes:02d} {suffix}"


def schedule_text(schedule: Iterable[ScheduleSlot]) -> str:
    """'Mon & Wed · 4:30 PM – 5:30 PM' (slots with the same times share one line)."""
    by_time: dict[tuple[str, str], list[int]] = {}
    for slot in schedule:
        by_time.setdefault((slot.start_time, slot.end_time), []).append(slot.day_number)
    parts = []
    for (start, end), days in by_time.items():
        names = _(" & ").join(_(DAY_SHORT[d - 1]) for d in sorted(days) if 1 <= d <= 7)
        times = clock_text(start) + (f" – {clock_text(end)}" if end else "")
        parts.append(f"{names} · {times}")
    return "; ".join(parts)


def age_text(min_months: int | None, max_months: int | None) -> str:
    """'Ages 3–5': an upper bound of 5 years 11 months is 'up to 5', as families say it."""

    def years(months: int, upper: bool = False) -> str:
        if upper or months % 12 == 0:
            return str(months // 12)
        return f"{months / 12:.1f}"

    if min_months is None and max_months is None:
        return _("All ages")
    if max_months is None:
        return _("Ages {low}+").format(low=years(min_months or 0))
    if min_months is None:
        return _("Up to age {high}").format(high=years(max_months, upper=True))
    return _("Ages {low}–{high}").format(low=years(min_months), high=years(max_months, upper=True))


def openings_text(openings: int, allow_waitlist: bool) -> str:
    if openings <= 0:
        return _("Full - join waitlist") if allow_waitlist else _("Full")
    if openings == 1:
        return _("1 spot left")
    if openings <= 5:
        return _("{n} spots left").format(n=openings)
    return _("Openings")


def money_text(cents: int | None) -> str:
    if cents is None:
        return ""
    return f"${cents / 100:,.2f}"


def next_meetings(
    schedule: Iterable[ScheduleSlot], after: date, count: int = 3, starts: date | None = None
) -> list[date]:
    """The class's next meeting days from `after` (or its first day, if later): start dates."""
    from datetime import timedelta

    days = {slot.day_number for slot in schedule}  # 1 = Sunday .. 7 = Saturday
    day = max(after, starts) if starts else after
    found: list[date] = []
    for _offset in range(7 * 8):
        if (day.isoweekday() % 7) + 1 in days:
            found.append(day)
            if len(found) == count:
                break
        day += timedelta(days=1)
    return found


# ----- who may join -------------------------------------------------------------------------


def age_in_months(birth: date, on: date) -> int:
    months = (on.year - birth.year) * 12 + (on.month - birth.month)
    return months - (1 if on.day < birth.day else 0)


def class_ineligibility(
    first_name: str, birth: date | None, offering: ClassOffering, on: date
) -> str | None:
    """Why this student cannot take this class (one sentence), or None when they can."""
    if birth is None:
        return None
    months = age_in_months(birth, on)
    low, high = offering.min_age_months, offering.max_age_months
    if (low is not None and months < low) or (high is not None and months > high):
        return _("{name} is {age}; this class is for {ages}.").format(
            name=first_name,
            age=months // 12,
            ages=age_text(low, high).replace(_("Ages"), _("ages")),
        )
    return None


def camp_ineligibility(first_name: str, birth: date | None, camp: Camp, on: date) -> str | None:
    if birth is None:
        return None
    years = age_in_months(birth, on) // 12
    if (camp.min_age is not None and years < camp.min_age) or (
        camp.max_age is not None and years > camp.max_age
    ):
        return _("{name} is {age}; this camp is for ages {low} to {high}.").format(
            name=first_name, age=years, low=camp.min_age or 0, high=camp.max_age or 99
        )
    return None


# ----- Find the Right Class -------------------------------------------------------------------


@dataclass(frozen=True)
class Recommendation:
    """The classes that fit, best first, and — when nothing fits — how to widen the search."""

    class_ids: tuple[int, ...]
    widen: tuple[str, ...]  # keys: "days", "time", "program", "location"


def recommend(
    session: Session,
    location_id: int,
    *,
    age_months: int,
    program_id: int | None,
    days: frozenset[int],
    time_of_day: str | None,
    limit: int = 12,
) -> Recommendation:
    """Classes with openings for this age; the family's days and time first. Never an empty
    answer without saying which choice to relax."""
    repo = CatalogRepository(session)

    def matching(program: int | None, on_days: frozenset[int], time: str | None) -> list[int]:
        return repo.class_ids(
            location_id,
            program_id=program,
            age_months=age_months,
            days=sorted(on_days) or None,
            starts_between=TIMES_OF_DAY.get(time or ""),
            with_openings=True,
        )

    exact = matching(program_id, days, time_of_day)
    if exact:
        return Recommendation(tuple(exact[:limit]), ())
    # Say which single choice to relax, the easiest for the family first.
    widen = []
    if time_of_day and matching(program_id, days, None):
        widen.append("time")
    if days and matching(program_id, frozenset(), time_of_day):
        widen.append("days")
    if program_id is not None and matching(None, frozenset(), None):
        widen.append("program")
    if not widen:
        widen.append("location")
    return Recommendation((), tuple(widen))


# ----- a full class's other times ------------------------------------------------------------


def other_times(session: Session, offering: ClassOffering, limit: int = 6) -> list[ClassOffering]:
    """The other times of the same class a family can still join when this one is full: the
    same level (or, for a class with no level, the same program and name) at the same
    location, with a free seat, earliest in the week first."""
    repo = CatalogRepository(session)
    if offering.level_id is not None:
        ids = repo.class_ids(offering.location_id, level_id=offering.level_id, with_openings=True)
    elif offering.program_id is not None:
        ids = repo.class_ids(
            offering.location_id, program_id=offering.program_id, with_openings=True
        )
    else:
        return []
    candidates = [
        other
        for other in repo.class_offerings(i for i in ids if i != offering.id).values()
        if other.openings > 0
        and (offering.level_id is not None or other.name.casefold() == offering.name.casefold())
    ]

    def minutes(hhmm: str) -> int:
        try:
            hours, mins = (int(part) for part in hhmm.split(":")[:2])
        except ValueError:
            return 24 * 60
        return hours * 60 + mins

    def first_meeting(other: ClassOffering) -> tuple[int, int, int]:
        slots = sorted((s.day_number, minutes(s.start_time)) for s in other.schedule) or [(8, 0)]
        return slots[0][0], slots[0][1], other.id

    return sorted(candidates, key=first_meeting)[:limit]
