"""The big catalog: the demo organisation plus 10,000 classes and 2,000 other records, written
through the portal's ORM so that the change feed carries every one of them.

Built once and kept in bench/.cache (keyed by the dataset version, the day, since the demo is
dated relative to today, and the portal's schema revision). `python -m bench.dataset` builds it
and prints its path.
"""

from __future__ import annotations

import fcntl
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.core.clock import clock
from portal.core.db import head_revision, make_engine, make_session_factory, migrate
from portal.models import (
    AppointmentType,
    Camp,
    CampType,
    CatalogChange,
    ClassOffering,
    Level,
    Location,
    News,
    Organisation,
    PartyPackage,
    Product,
    Program,
    SessionTerm,
    Staff,
)
from portal.seed import seed_demo

from .common import CACHE_DIR, copy_sqlite

DATASET_VERSION = 1
CLASS_COUNT = 10_000
# The 2,000 other records, by kind (programs and levels at both locations; the rest mostly at
# the kiosk's own location, Main Street, like a large facility).
OTHER_COUNTS = {
    "program": 40,
    "level": 400,
    "staff": 300,
    "product": 500,
    "news": 60,
    "camp_type": 20,
    "camp": 400,
    "party_package": 100,
    "appointment_type": 180,
}
FLUSH_EVERY = 1_000

PROGRAM_WORDS = (
    "Gymnastics",
    "Tumbling",
    "Ninja",
    "Cheer",
    "Trampoline",
    "Dance",
    "Parkour",
    "Acro",
    "Swim",
    "Diving",
)
LEVEL_WORDS = ("Starter", "Beginner", "Advanced Beginner", "Intermediate", "Advanced", "Elite")
GROUP_WORDS = (
    "Comets",
    "Rockets",
    "Dolphins",
    "Tigers",
    "Falcons",
    "Stars",
    "Sharks",
    "Otters",
    "Bolts",
    "Pandas",
    "Foxes",
    "Owls",
)
FIRST_NAMES = (
    "Alex",
    "Sam",
    "Jordan",
    "Taylor",
    "Riley",
    "Casey",
    "Morgan",
    "Jamie",
    "Avery",
    "Quinn",
    "Harper",
    "Rowan",
    "Elliot",
    "Skyler",
    "Reese",
)
LAST_NAMES = (
    "Garcia",
    "Nguyen",
    "Okafor",
    "Schmidt",
    "Rossi",
    "Kowalski",
    "Haddad",
    "Tanaka",
    "Silva",
    "Murphy",
    "Novak",
    "Ivanova",
    "Dubois",
    "Larsen",
    "Chen",
    "Patel",
    "Moreau",
)
DAY_NAMES = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")


def dataset_key() -> str:
    return f"v{DATASET_VERSION}-{clock.today(UTC).isoformat()}-{head_revision()}"


def big_portal_db() -> Path:
    """The cached big-catalog portal database (SQLite), built when missing."""
    return _cached("portal-10k", build_big)


def demo_portal_db() -> Path:
    """The cached demo-only portal database (SQLite), built when missing."""
    return _cached("portal-demo", build_demo)


def _cached(name: str, build: Any) -> Path:
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = CACHE_DIR / f"{name}-{dataset_key()}.sqlite3"
    # Two bench runs at once build it once: the second waits for the first (a lock on the
    # directory itself, so no lock file is left behind).
    lock = os.open(CACHE_DIR, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            return path
        for stale in CACHE_DIR.glob(f"{name}-*.sqlite3*"):
            stale.unlink(missing_ok=True)
        building = CACHE_DIR / f"{name}.building.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
        build(building)
        copy_sqlite(building, path)  # folds the WAL in; the cached file stands alone
        for suffix in ("", "-wal", "-shm"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
    finally:
        os.close(lock)  # releases the lock
    return path


def seed_into(url: str, *, big: bool) -> None:
    """Migrate the database at `url` and seed the demo (plus the big catalog when `big`)."""
    engine = make_engine(url)
    try:
        migrate(engine)
        factory = make_session_factory(engine)
        with factory.begin() as session:
            org = seed_demo(session)
            org_id = org.id
        if big:
            add_big_catalog(factory, org_id)
    finally:
        engine.dispose()


def build_demo(path: Path) -> None:
    seed_into(f"sqlite:///{path}", big=False)


def build_big(path: Path) -> None:
    started = time.monotonic()
    seed_into(f"sqlite:///{path}", big=True)
    print(f"built the big catalog in {time.monotonic() - started:.1f} s: {path}", file=sys.stderr)


# ----- the records ---------------------------------------------------------------------------


def _end(start: str, minutes: int) -> str:
    hours, mins = (int(p) for p in start.split(":"))
    total = hours * 60 + mins + minutes
    return f"{total // 60:02d}:{total % 60:02d}"


def add_big_catalog(factory: Any, org_id: int) -> None:
    """10,000 classes and 2,000 other records, flushed in batches through the ORM (each flush
    records its change-feed rows)."""
    rng = random.Random(7)
    today = clock.today(UTC)
    with factory.begin() as session:
        main, west = session.scalars(
            select(Location).where(Location.organisation_id == org_id).order_by(Location.id)
        ).all()
        term = session.scalars(
            select(SessionTerm)
            .where(SessionTerm.organisation_id == org_id)
            .order_by(SessionTerm.start_date)
        ).first()
        assert term is not None

        programs = _programs(session, org_id, (main, west))
        levels = _levels(session, org_id, programs)
        staff = _staff(session, org_id, main, west, rng)
        main_levels = [lv for lv in levels if lv.location_id == main.id]
        main_staff = [s for s in staff if s.location_id == main.id]
        _classes(session, org_id, main, main_levels, main_staff, term, rng)
        _products(session, org_id, main, west, rng)
        _news(session, org_id, main, west, today)
        camp_program = next(p for p in programs if p.location_id == main.id)
        _camps(session, org_id, main, camp_program, today, rng)
        _parties_and_appointments(session, org_id, main, west, programs, staff, rng)


def _programs(session: Session, org_id: int, locations: tuple[Location, ...]) -> list[Program]:
    per_location = OTHER_COUNTS["program"] // len(locations)
    programs = [
        Program(
            organisation_id=org_id,
            location_id=location.id,
            kind="class",
            name=f"{PROGRAM_WORDS[i % len(PROGRAM_WORDS)]} {'ABCD'[i // len(PROGRAM_WORDS)]}",
            description=f"Bench program {i + 1} at {location.name}.",
            sort_order=100 + i,
        )
        for location in locations
        for i in range(per_location)
    ]
    session.add_all(programs)
    session.flush()
    return programs


def _levels(session: Session, org_id: int, programs: list[Program]) -> list[Level]:
    per_program = OTHER_COUNTS["level"] // len(programs)
    colours = ("#ffcc80", "#90caf9", "#a5d6a7", "#ef9a9a", "#ce93d8", "#fff59d")
    levels = []
    for p_index, program in enumerate(programs):
        for i in range(per_program):
            word = LEVEL_WORDS[i % len(LEVEL_WORDS)]
            levels.append(
                Level(
                    organisation_id=org_id,
                    location_id=program.location_id,
                    program_id=program.id,
                    name=f"{program.name} {word} {i // len(LEVEL_WORDS) + 1}",
                    color=colours[(p_index + i) % len(colours)],
                    text_color="#000000",
                    sort_order=1000 + p_index * 20 + i,
                )
            )
    session.add_all(levels)
    session.flush()
    return levels


def _staff(
    session: Session, org_id: int, main: Location, west: Location, rng: random.Random
) -> list[Staff]:
    staff = []
    for i in range(OTHER_COUNTS["staff"]):
        first = FIRST_NAMES[i % len(FIRST_NAMES)]
        last = LAST_NAMES[(i * 7 + i // len(FIRST_NAMES)) % len(LAST_NAMES)]
        staff.append(
            Staff(
                organisation_id=org_id,
                location_id=main.id if i % 5 else west.id,
                first_name=first,
                last_name=f"{last}-{i + 1}",
                title=rng.choice(("Coach", "Assistant Coach", "Head Coach", "Front Desk")),
                bio=f"{first} has coached for {rng.randint(1, 25)} years and loves it.",
                is_instructor=True,
                show_on_portal=i % 10 != 0,
                sort_order=100 + i,
            )
        )
    session.add_all(staff)
    session.flush()
    for person in staff:
        person.photo = f"/media/staff/{person.id}.svg"
    session.flush()
    return staff


def _classes(
    session: Session,
    org_id: int,
    main: Location,
    levels: list[Level],
    staff: list[Staff],
    term: SessionTerm,
    rng: random.Random,
) -> None:
    assert term.start_date is not None and term.end_date is not None
    starts = [f"{h:02d}:{m:02d}" for h in range(8, 20) for m in (0, 30)]
    for i in range(CLASS_COUNT):
        level = levels[i % len(levels)]
        low = rng.choice((18, 36, 60, 72, 84, 96, 120))
        high = low + rng.choice((18, 24, 48, 96, 143))
        minutes = rng.choice((45, 60, 90))
        slots = []
        for day in rng.sample(range(1, 8), rng.choice((1, 1, 2, 3))):
            start = rng.choice(starts)
            slots.append({"dayNumber": day, "startTime": start, "endTime": _end(start, minutes)})
        slots.sort(key=lambda s: (s["dayNumber"], s["startTime"]))
        capacity = rng.choice((6, 8, 10, 12, 16))
        enrolled = rng.randint(0, capacity)
        group = GROUP_WORDS[(i // len(levels)) % len(GROUP_WORDS)]
        session.add(
            ClassOffering(
                organisation_id=org_id,
                location_id=main.id,
                program_id=level.program_id,
                level_id=level.id,
                session_id=term.id,
                name=f"{level.name} {group} {DAY_NAMES[slots[0]['dayNumber'] - 1]}",
                description_html=f"<p>Class {i + 1}: {level.name}, {minutes} minutes.</p>",
                schedule=slots,
                min_age_months=low,
                max_age_months=high,
                capacity=capacity,
                enrolled=enrolled,
                allow_waitlist=i % 4 != 0,
                waitlist_count=rng.randint(0, 3) if enrolled >= capacity else 0,
                tuition_cents=rng.choice((6500, 7800, 8900, 9900, 12900)),
                start_date=term.start_date,
                end_date=term.end_date,
                reg_start=term.start_date - timedelta(days=30),
                reg_end=term.end_date,
                instructors=rng.sample(staff, rng.choice((1, 1, 2))),
            )
        )
        if (i + 1) % FLUSH_EVERY == 0:
            session.flush()
    session.flush()


def _products(
    session: Session, org_id: int, main: Location, west: Location, rng: random.Random
) -> None:
    products = []
    for i in range(OTHER_COUNTS["product"]):
        price = rng.choice((800, 1500, 2200, 3500, 4900, 5800))
        products.append(
            Product(
                organisation_id=org_id,
                location_id=main.id if i % 4 else west.id,
                name=f"{rng.choice(('Team', 'Practice', 'Galaxy', 'Ninja'))} "
                f"{rng.choice(('Leotard', 'Tee', 'Bottle', 'Bag', 'Grips', 'Hoodie'))} {i + 1}",
                sku=f"BENCH-{i + 1:04d}",
                price_cents=price,
                sale_price_cents=price - 200 if i % 7 == 0 else None,
                inventory_count=rng.randint(0, 40),
                enable_inventory=i % 3 != 0,
                short_description="A bench product for the ProShop.",
                tax_rate=0.0725,
                show_on_portal=True,
                sort_order=100 + i,
            )
        )
    session.add_all(products)
    session.flush()
    for product in products:
        product.images = [f"/media/products/{product.id}.svg"]
    session.flush()


def _news(session: Session, org_id: int, main: Location, west: Location, today: date) -> None:
    items = []
    for i in range(OTHER_COUNTS["news"]):
        # A handful at the kiosk's own location (the landing page shows them), most at the other.
        location = main if i < 8 else west
        items.append(
            News(
                organisation_id=org_id,
                location_id=location.id,
                title=f"Announcement {i + 1}: {GROUP_WORDS[i % len(GROUP_WORDS)]} news",
                summary="Something worth knowing at the front desk.",
                body="Plain text body of a bench announcement.\n\nSecond paragraph.",
                published_at=datetime.combine(
                    today - timedelta(days=i + 1), datetime.min.time(), tzinfo=UTC
                ),
                sort_order=50 + i,
            )
        )
    session.add_all(items)
    session.flush()
    for item in items:
        item.image = f"/media/news/{item.id}.svg"
    session.flush()


def _camps(
    session: Session,
    org_id: int,
    main: Location,
    program: Program,
    today: date,
    rng: random.Random,
) -> None:
    types = [
        CampType(
            organisation_id=org_id,
            location_id=main.id,
            name=f"Bench Camp Type {i + 1}",
            plural_name=f"Bench Camp Types {i + 1}",
            sort_order=10 + i,
        )
        for i in range(OTHER_COUNTS["camp_type"])
    ]
    session.add_all(types)
    session.flush()
    for i in range(OTHER_COUNTS["camp"]):
        start = today + timedelta(days=7 + (i % 60))
        days = [start + timedelta(days=d) for d in range(rng.choice((1, 3, 5)))]
        session.add(
            Camp(
                organisation_id=org_id,
                location_id=main.id,
                type_id=types[i % len(types)].id,
                program_id=program.id,
                name=f"Bench Camp {i + 1}",
                description_html="<p>A bench camp.</p>",
                min_age=5,
                max_age=12,
                start_date=days[0],
                end_date=days[-1],
                days=[d.isoformat() for d in days],
                price_cents=rng.choice((3500, 22000, 29500)),
                day_price_cents=6500 if len(days) > 1 else None,
                capacity=30,
                enrolled=rng.randint(0, 30),
                allow_choose_days=len(days) > 1,
                reg_start=today - timedelta(days=30),
                reg_end=days[0],
            )
        )
    session.flush()


def _parties_and_appointments(
    session: Session,
    org_id: int,
    main: Location,
    west: Location,
    programs: list[Program],
    staff: list[Staff],
    rng: random.Random,
) -> None:
    for i in range(OTHER_COUNTS["party_package"]):
        session.add(
            PartyPackage(
                organisation_id=org_id,
                location_id=main.id if i % 2 else west.id,
                name=f"Bench Party {i + 1}",
                description="A party in the gym.",
                price_cents=rng.choice((27500, 32500, 42500)),
                duration_minutes=90,
                max_guests=20,
                sort_order=10 + i,
            )
        )
    for i in range(OTHER_COUNTS["appointment_type"]):
        session.add(
            AppointmentType(
                organisation_id=org_id,
                location_id=main.id if i % 2 else west.id,
                program_id=programs[i % len(programs)].id,
                name=f"Bench Lesson {i + 1}",
                description="One-on-one coaching.",
                duration_minutes=rng.choice((30, 60)),
                price_cents=rng.choice((4500, 8500)),
                staff_ids=[s.id for s in rng.sample(staff, 2)],
                sort_order=10 + i,
            )
        )
    session.flush()


def describe(path: Path) -> dict[str, int]:
    """Record counts of a built database, for the notes."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        with make_session_factory(engine)() as session:
            org_id = session.scalars(select(Organisation.id)).first()
            return {
                "classes": int(
                    session.scalar(
                        select(func.count())
                        .select_from(ClassOffering)
                        .where(ClassOffering.organisation_id == org_id)
                    )
                    or 0
                ),
                "feed": int(session.scalar(select(func.count()).select_from(CatalogChange)) or 0),
            }
    finally:
        engine.dispose()


if __name__ == "__main__":
    built = big_portal_db()
    print(built)
    print(describe(built))
