"""Demo data: "Springfield Gymnastics" (account `demo`), dated relative to today."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal import schemas
from portal.core.clock import clock, zone_named
from portal.core.security import hash_password
from portal.models import (
    AppointmentBooking,
    AppointmentType,
    BookingMenuItem,
    Camp,
    CampType,
    Charge,
    ClassCancellation,
    ClassOffering,
    Closure,
    EmergencyContact,
    Enrollment,
    Family,
    Guardian,
    Level,
    Location,
    News,
    Organisation,
    OrganisationSettings,
    PartyAvailability,
    PartyBooking,
    PartyPackage,
    Policy,
    Product,
    Program,
    PunchPass,
    SessionTerm,
    Staff,
    StaffAvailability,
    Student,
    as_utc,
    guardian_families,
)
from portal.services import accounts, checkin, schedule

DEMO_ACCOUNT = "demo"
DEMO_ORG_NAME = "Springfield Gymnastics"
DEMO_TIMEZONE = "America/Chicago"
# Every demo guardian signs in with this password.
DEMO_PASSWORD = "springfield-demo"
DEMO_EMAIL_SIMPSON = "marge@example.com"  # 3 students, owes $85.00, $20.00 credit, policies done
DEMO_EMAIL_FLANDERS = "ned@example.com"  # policies not accepted yet
DEMO_EMAIL_BURNS = "monty@example.com"  # suspended family
DEMO_EMAIL_HOMER = "homer@example.com"  # can switch between two families
DEMO_GUARDIAN_EMAILS = (DEMO_EMAIL_SIMPSON, DEMO_EMAIL_FLANDERS, DEMO_EMAIL_BURNS, DEMO_EMAIL_HOMER)
DEMO_SIMPSON_BALANCE_CENTS = 8500
DEMO_SIMPSON_CREDIT_CENTS = 2000
# Party start times offered every Saturday and Sunday (minus booked parties).
PARTY_START_TIMES = ("10:00", "13:00", "16:00")
# Front-desk staff sign in to the kiosk's staff mode with these PINs (docs/staff-contract.md).
DEMO_STAFF_PINS = {"246813": "Priya Nair", "135792": "Jasmine Carter"}
# Self check-in (docs/checkin-contract.md): family PINs and cards, by family name. Homer's phone
# finds two families (Simpson and Simpson (Grandpa)). Flanders are blocked (policies to
# accept), Burns too (suspended); the Simpsons owe $85.00, under the demo's $100.00 limit.
DEMO_CHECKIN_PINS = {"Simpson": "4321", "Flanders": "1111"}
DEMO_CHECKIN_CARDS = {"Simpson": "SGF-SIMPSON-01", "Burns": "SGF-BURNS-01"}
DEMO_CHECKIN_PHONE = "(217) 555-0102"
DEMO_CHECKIN_BALANCE_LIMIT_CENTS = 10000
# Lisa holds a punch pass and is enrolled in none of today's check-in classes: she drops in.
DEMO_PUNCH_PASS_STUDENT = "Lisa"
DEMO_PUNCH_PASS_PUNCHES = 5
# The classes seed_checkin_day() keeps meeting today: (name, program, coach, ages in months,
# capacity, Simpson students enrolled). The first is in its check-in window at start, the
# second opens later.
CHECKIN_DAY_CLASSES = (
    ("Open Gym", "Tumbling", "Marcus", (18, 167), 20, ("Bart", "Maggie")),
    ("Ninja Warriors", "Ninja", "Tyler", (60, 167), 12, ("Bart",)),
)
CHECKIN_DAY_CLASS_MINUTES = 60


@functools.cache
def demo_password_hash() -> str:
    """Argon2id is slow on purpose; hash the shared demo password once per process."""
    return hash_password(DEMO_PASSWORD)


@functools.cache
def demo_staff_pin_hashes() -> dict[str, str]:
    """Staff name -> Argon2id hash of their demo PIN (hashed once per process)."""
    return {name: hash_password(pin) for pin, name in DEMO_STAFF_PINS.items()}


def is_seeded(session: Session) -> bool:
    return (
        session.scalars(select(Organisation.id).where(Organisation.account == DEMO_ACCOUNT)).first()
        is not None
    )


def seeded_before_today(session: Session) -> bool:
    """Whether the demo was seeded on an earlier day than the facility's today: its parties,
    camps and cancellations are dated from the day it was seeded, so it has aged."""
    created = session.scalars(
        select(Organisation.created_at).where(Organisation.account == DEMO_ACCOUNT)
    ).first()
    if created is None:
        return False
    zone = zone_named(DEMO_TIMEZONE)
    return (as_utc(created) or clock.now()).astimezone(zone).date() < clock.today(zone)


def database_is_empty(session: Session) -> bool:
    return session.scalars(select(Organisation.id).limit(1)).first() is None


# --------------------------------------------------------------------------- content

WELCOME_BODY = """\
Thanks for stopping by! This kiosk is your front desk: sign in with the email and password you \
use on our Customer Portal to book classes, camps, parties and private lessons, pay what is due, \
and sign any waivers we still need.

New to Springfield Gymnastics? Tap "Find the Right Class" to see which classes fit your child's \
age and schedule. Every first class is a free trial, and our coaches are happy to help you choose.

Please check in on this kiosk when you arrive for class, keep food and drinks in the lobby, and \
let us know if anything in your family details has changed."""

LIABILITY_WAIVER = """\
Gymnastics, tumbling, cheer and ninja training are physical activities that involve inherent \
risks, including but not limited to falls, collisions with equipment or other participants, \
sprains, fractures and, in rare cases, serious injury. By accepting this waiver, I confirm that \
I understand these risks and voluntarily allow the students in my family to take part in \
classes, camps, parties, open gyms and other activities at Springfield Gymnastics.

I agree to follow the rules of the facility and the directions of the staff, and to make sure \
that my students do the same. I confirm that, to the best of my knowledge, each of my students \
is in good health and has no condition that would prevent safe participation, and I will tell \
the staff in writing about any change in health, injury or medication.

In consideration of being allowed to participate, I release Springfield Gymnastics, its owners, \
coaches, employees and volunteers from any claim for injury, loss or damage arising from \
ordinary participation in its activities, except where caused by gross negligence or wilful \
misconduct. I authorise the staff to seek emergency medical treatment for my students if I \
cannot be reached, and I accept responsibility for the cost of that treatment.

This waiver remains in effect for as long as any student in my family is enrolled, and covers \
all locations of Springfield Gymnastics. If we change this waiver, we will ask you to review \
and accept the new version before your next booking."""

PHOTO_RELEASE = """\
Springfield Gymnastics occasionally takes photographs and short videos during classes, camps, \
shows and competitions to celebrate our athletes and to share what happens in the gym.

By accepting this release, I allow Springfield Gymnastics to use photographs and videos in which \
this student appears on our website, social media pages, newsletters, printed flyers and \
displays in the lobby. We never publish a student's full name, school or contact details \
alongside an image, and we never sell images to anyone.

I understand that I can withdraw this permission at any time by telling the front desk or \
emailing us; we will stop using new images of the student from that day and remove existing \
images from our own pages where we reasonably can.

Declining this release does not affect the student's participation in any activity."""

STAFF: tuple[dict[str, Any], ...] = (
    {
        "first_name": "Carla",
        "last_name": "Mendez",
        "title": "Owner & Head Coach",
        "bio": "Carla competed for the University of Illinois and has coached for over 20 years. "
        "She opened Springfield Gymnastics in 2009 with one floor and a dream, and still coaches "
        "the Girls Advanced group every week.",
    },
    {
        "first_name": "Tyler",
        "last_name": "Brooks",
        "title": "Boys & Ninja Program Director",
        "bio": "A former college gymnast and obstacle-course racer, Tyler built our Ninja program "
        "from scratch. He believes every kid can learn a back handspring with enough pizza "
        "breaks.",
    },
    {
        "first_name": "Priya",
        "last_name": "Nair",
        "title": "Preschool Director",
        "bio": "Priya has a degree in early childhood education and ten years of preschool "
        "gymnastics experience. She designs our Tiny Tumblers lesson plans around a new theme "
        "every week.",
    },
    {
        "first_name": "Jasmine",
        "last_name": "Carter",
        "title": "Girls Recreational Coordinator",
        "bio": "Jasmine is USA Gymnastics Safety certified and loves helping new gymnasts find "
        "their confidence on the beam. Outside the gym she runs half-marathons.",
    },
    {
        "first_name": "Marcus",
        "last_name": "Lee",
        "title": "Tumbling & Cheer Coach",
        "bio": "Marcus cheered for four years at Illinois State and coaches our tumbling and "
        "cheer classes. His specialty is turning round-offs into round-off back tucks, safely.",
    },
    {
        "first_name": "Sofia",
        "last_name": "Rossi",
        "title": "Westside Site Manager",
        "bio": "Sofia runs our Westside gym and coaches preschool and girls classes there. She "
        "grew up in Springfield and trained at this very gym as a kid.",
    },
    {
        "first_name": "Emily",
        "last_name": "Zhang",
        "title": "Coach",
        "bio": "Emily joins us from Chicago, where she coached competitive Level 3-6 gymnasts. "
        "She will coach Girls Intermediate and our new Saturday tumbling classes.",
    },
    {
        "first_name": "Ben",
        "last_name": "Howard",
        "title": "Assistant Coach",
        "bio": "Ben assists in Ninja and Boys classes.",
        "show_on_portal": False,
    },
)

# (program name, [(level name, colour, text colour, min months, max months, minutes,
#   tuition cents, capacity, lead coach index, [slots "Mon 16:00"])])
ClassPlan = tuple[str, list[tuple[str, str, str, int, int, int, int, int, int, list[str]]]]

# fmt: off
MAIN_CLASSES: list[ClassPlan] = [
    ("Preschool Gymnastics", [
        ("Parent & Tot", "#f8bbd0", "#4a148c", 18, 36, 45, 7200, 8, 2,
         ["Tue 09:30", "Thu 09:30", "Sat 08:30"]),
        ("Tiny Tumblers", "#ffe082", "#3e2723", 36, 59, 45, 7800, 8, 2,
         ["Mon 15:30", "Wed 15:30", "Sat 09:30"]),
        ("Kinder Gym", "#aed581", "#1b5e20", 60, 83, 60, 8200, 8, 3,
         ["Tue 16:00", "Fri 16:00", "Sat 10:30"]),
    ]),
    ("Girls Gymnastics", [
        ("Girls Beginner", "#ffffff", "#1d3557", 72, 215, 60, 8900, 10, 3,
         ["Mon 16:30", "Wed 17:00", "Sat 09:00"]),
        ("Girls Advanced Beginner", "#ef9a9a", "#7f0000", 72, 215, 90, 10900, 10, 3,
         ["Tue 17:00", "Thu 17:00", "Sat 11:00"]),
        ("Girls Intermediate", "#90caf9", "#0d47a1", 84, 215, 90, 11900, 10, 6,
         ["Mon 18:00", "Wed 18:30", "Fri 17:00"]),
        ("Girls Advanced", "#b39ddb", "#311b92", 96, 215, 120, 13900, 8, 0,
         ["Tue 18:00", "Thu 18:00", "Sat 12:00"]),
    ]),
    ("Boys Gymnastics", [
        ("Boys Beginner", "#80cbc4", "#004d40", 72, 191, 60, 8900, 8, 1,
         ["Mon 17:00", "Thu 16:30"]),
        ("Boys Intermediate", "#4db6ac", "#002b26", 84, 215, 90, 10900, 8, 1,
         ["Wed 17:30", "Sat 10:00"]),
    ]),
    ("Ninja", [
        ("Ninja Rookie", "#ffcc80", "#4e2600", 60, 95, 60, 8900, 10, 1,
         ["Mon 15:30", "Wed 16:00", "Fri 16:30", "Sat 09:30"]),
        ("Ninja Warrior", "#ff8a65", "#3e0d00", 96, 167, 60, 9500, 10, 7,
         ["Tue 17:30", "Thu 17:30", "Sat 11:00"]),
    ]),
    ("Tumbling", [
        ("Tumbling 1", "#fff59d", "#3e3a00", 72, 215, 60, 8500, 8, 4,
         ["Tue 16:30", "Sat 12:00"]),
        ("Tumbling 2", "#fdd835", "#2b2500", 96, 215, 60, 9500, 8, 6,
         ["Thu 18:30", "Sat 13:00"]),
    ]),
    ("Cheer", [
        ("Cheer Prep", "#f48fb1", "#560027", 60, 131, 60, 8500, 12, 4,
         ["Mon 17:30", "Wed 17:30", "Sat 10:30"]),
        ("Cheer Tumbling", "#ec407a", "#ffffff", 96, 215, 60, 9500, 12, 4,
         ["Tue 19:00", "Fri 18:00"]),
    ]),
]

WEST_CLASSES: list[ClassPlan] = [
    ("Preschool Gymnastics", [
        ("Parent & Tot", "#f8bbd0", "#4a148c", 18, 36, 45, 6900, 8, 5, ["Wed 09:30", "Sat 09:00"]),
        ("Tiny Tumblers", "#ffe082", "#3e2723", 36, 59, 45, 7500, 8, 5, ["Tue 15:30", "Sat 10:00"]),
        ("Kinder Gym", "#aed581", "#1b5e20", 60, 83, 60, 7900, 8, 2, ["Thu 16:00", "Sat 11:00"]),
    ]),
    ("Girls Gymnastics", [
        ("Girls Beginner", "#ffffff", "#1d3557", 72, 215, 60, 8500, 10, 5,
         ["Mon 16:00", "Thu 17:00", "Sat 10:00"]),
        ("Girls Advanced Beginner", "#ef9a9a", "#7f0000", 72, 215, 90, 10500, 10, 5,
         ["Tue 17:00", "Sat 09:30"]),
        ("Girls Intermediate", "#90caf9", "#0d47a1", 84, 215, 90, 11500, 10, 6,
         ["Wed 17:30", "Fri 17:00"]),
    ]),
    ("Ninja", [
        ("Ninja Rookie", "#ffcc80", "#4e2600", 60, 95, 60, 8500, 10, 7, ["Mon 17:00", "Sat 10:30"]),
        ("Ninja Warrior", "#ff8a65", "#3e0d00", 96, 167, 60, 9100, 10, 1,
         ["Wed 16:30", "Fri 18:00"]),
    ]),
    ("Tumbling", [
        ("Tumbling 1", "#fff59d", "#3e3a00", 72, 215, 60, 8100, 8, 4, ["Tue 18:00", "Sat 12:00"]),
        ("Tumbling 2", "#fdd835", "#2b2500", 96, 215, 60, 9100, 8, 4, ["Thu 18:30", "Sat 11:30"]),
    ]),
]
# fmt: on

PROGRAM_DESCRIPTIONS = {
    "Preschool Gymnastics": "Movement, balance and fun for our youngest athletes.",
    "Girls Gymnastics": "Vault, bars, beam and floor, with skills that grow level by level.",
    "Boys Gymnastics": "Strength, swing and air awareness on all six boys' events.",
    "Ninja": "Obstacles, climbing, parkour and agility in our ninja zone.",
    "Tumbling": "Floor and trampoline tumbling from forward rolls to back tucks.",
    "Cheer": "Jumps, motions and tumbling skills for school and all-star cheer.",
}

# The demo organisation's own texts in Spanish too (its content; the kiosk's words are in .ts).
PROGRAM_DESCRIPTIONS_ES = {
    "Preschool Gymnastics": "Movimiento, equilibrio y diversión para los más pequeños.",
    "Girls Gymnastics": "Salto, barras, viga y suelo, con habilidades que crecen nivel a nivel.",
    "Boys Gymnastics": "Fuerza, balanceo y control en el aire en los seis aparatos masculinos.",
    "Ninja": "Obstáculos, escalada, parkour y agilidad en nuestra zona ninja.",
    "Tumbling": "Acrobacias en suelo y trampolín, de la voltereta al mortal atrás.",
    "Cheer": "Saltos, movimientos y acrobacias para porristas escolares y de competición.",
}
MONTHS_ES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
WEEKDAYS_ES = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]


def _es_day(day: date, weekday: bool = False) -> str:
    """'24 de diciembre' (or 'jueves 24 de diciembre'), as the Spanish news says a date."""
    words = f"{day.day} de {MONTHS_ES[day.month - 1]}"
    return f"{WEEKDAYS_ES[day.weekday()]} {words}" if weekday else words


DAY_NUMBERS = {name: index + 1 for index, name in enumerate(schemas.DAY_NAMES)}

# Openings pattern, repeated over the classes: (spots left, waitlist count, waitlist allowed).
# fmt: off
OPENINGS_PATTERN = (
    (0, 3, True),  # full with a waitlist
    (2, 0, True),
    (5, 0, True),
    (1, 0, True),
    (0, 0, False),  # full, no waitlist
    (4, 0, True),
    (3, 0, True),
    (0, 1, True),
    (6, 0, True),
)

PRODUCTS: tuple[tuple[str, str, int, int | None, int, bool, str], ...] = (
    # name, sku, price, sale price, inventory, inventory tracked, short description
    ("Springfield Team Leotard", "LEO-TEAM", 5800, 4900, 14, True,
     "Our royal-blue team leotard with gold mystique accents. Sizes CXS to AM."),
    ("Galaxy Practice Leotard", "LEO-GALAXY", 4200, None, 9, True,
     "Soft, stretchy practice leotard in a purple galaxy print."),
    ("Beginner Dowel Grips", "GRIP-DOWEL", 4500, None, 6, True,
     "Leather dowel grips for bars; please ask a coach to check the fit."),
    ("Springfield Water Bottle", "BTL-24", 1500, 1200, 40, True,
     "24 oz insulated bottle with our logo. Keeps water cold through a 2-hour practice."),
    ("Ninja Zone T-Shirt", "TEE-NINJA", 2200, None, 25, True,
     "Black cotton tee with the Ninja Zone logo, youth and adult sizes."),
    ("Gym Bag", "BAG-DUFFEL", 3500, None, 0, True,
     "Roomy duffel with a shoe pocket and a spot for grips."),
    ("Scrunchie 3-Pack", "HAIR-3PK", 800, 600, 30, True,
     "Three velvet scrunchies in team colours."),
    ("eGift Card", "GIFT-25", 2500, None, 0, False,
     "A $25 gift card for classes, camps, parties or the ProShop, sent by email."),
)
# fmt: on


@dataclass
class _Dates:
    today: date
    term_start: date
    term_end: date
    next_term_start: date
    next_term_end: date

    @property
    def closure(self) -> tuple[date, date]:
        return holiday_closure(self.today)

    def closed(self, day: date) -> bool:
        first, last = self.closure
        return first <= day <= last

    def clear_of_closure(self, days: list[date]) -> list[date]:
        """The same weekdays, a week later at a time, until none falls in the closure."""
        while any(self.closed(day) for day in days):
            days = [day + timedelta(weeks=1) for day in days]
        return days


def holiday_closure(today: date) -> tuple[date, date]:
    """The demo's holiday closure ahead (or under way): December 24 through January 1. Nothing
    is bookable then, and the news says so."""
    if (today.month, today.day) == (1, 1):
        return date(today.year - 1, 12, 24), today
    return date(today.year, 12, 24), date(today.year + 1, 1, 1)


# Opening hours (the Location screen shows them): they cover every class, camp, party and
# lesson the demo offers, Parents Night Out until 9:30 PM and the last party until 6 PM.
MAIN_HOURS = [
    {"days": "Mon-Fri", "open": "09:00", "close": "21:30"},
    {"days": "Sat", "open": "08:30", "close": "18:00"},
    {"days": "Sun", "open": "10:00", "close": "18:00"},
]
WEST_HOURS = [
    {"days": "Mon-Fri", "open": "09:00", "close": "21:30"},
    {"days": "Sat", "open": "09:00", "close": "18:00"},
    {"days": "Sun", "open": "10:00", "close": "18:00"},
]
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def opening_minutes(hours: list[dict[str, str]], day: date) -> tuple[int, int] | None:
    """When a location with these hours opens and closes on `day`, in minutes after midnight;
    None when it is closed all day."""
    name = _WEEKDAYS[day.weekday()]
    for entry in hours:
        first, _, last = str(entry.get("days", "")).partition("-")
        if first not in _WEEKDAYS or (last or first) not in _WEEKDAYS:
            continue
        low, high = _WEEKDAYS.index(first), _WEEKDAYS.index(last or first)
        if low <= _WEEKDAYS.index(name) <= high:
            return schedule.to_minutes(entry["open"]), schedule.to_minutes(entry["close"])
    return None


def parents_night_out_dates(dates: _Dates, count: int) -> list[date]:
    """Every other Friday from this week's, each moved past the holiday closure."""
    nights: list[date] = []
    night = _next_weekday(dates.today, 4)
    for _index in range(count):
        night = dates.clear_of_closure([night])[0]
        nights.append(night)
        night += timedelta(weeks=2)
    return nights


def _season(day: date) -> str:
    if day.month in (12, 1, 2):
        return "Winter"
    if day.month in (3, 4, 5):
        return "Spring"
    if day.month in (6, 7, 8):
        return "Summer"
    return "Fall"


def _next_weekday(day: date, weekday: int) -> date:
    """The first `weekday` (Mon=0) strictly after `day`."""
    return day + timedelta(days=((weekday - day.weekday() - 1) % 7) + 1)


def _years_ago(today: date, years: int, days: int = 0) -> date:
    try:
        base = today.replace(year=today.year - years)
    except ValueError:  # Feb 29
        base = today.replace(year=today.year - years, day=28)
    return base - timedelta(days=days)


def _published(today: date, days_ago: int) -> datetime:
    return datetime.combine(today - timedelta(days=days_ago), time(14, 0), tzinfo=UTC)


def _end_time(start: str, minutes: int) -> str:
    hours, mins = (int(p) for p in start.split(":"))
    total = hours * 60 + mins + minutes
    return f"{total // 60:02d}:{total % 60:02d}"


# --------------------------------------------------------------------------- seeding


def seed_demo(session: Session, *, today: date | None = None) -> Organisation:
    """Create the demo organisation with its catalog and families; a no-op when it exists.

    The caller commits.
    """
    existing = session.scalars(
        select(Organisation).where(Organisation.account == DEMO_ACCOUNT)
    ).first()
    if existing is not None:
        return existing
    today = today or clock.today(zone_named(DEMO_TIMEZONE))
    term_start = today - timedelta(days=70)
    term_end = today + timedelta(days=35)
    dates = _Dates(
        today=today,
        term_start=term_start,
        term_end=term_end,
        next_term_start=term_end + timedelta(days=14),
        next_term_end=term_end + timedelta(days=14 + 140),
    )

    org = Organisation(account=DEMO_ACCOUNT, name=DEMO_ORG_NAME)
    session.add(org)
    session.flush()
    oid = org.id
    logo = f"/media/logo/{DEMO_ACCOUNT}.svg"

    main = Location(
        organisation_id=oid,
        name="Main Street",
        email="frontdesk@springfieldgym.example",
        phone="(217) 555-0142",
        url="https://springfieldgym.example",
        address="1200 Main Street",
        address2="",
        city="Springfield",
        state="IL",
        zip="62701",
        country="US",
        primary_color="#1b5e9e",
        secondary_color="#f2a900",
        logo=logo,
        hours=MAIN_HOURS,
        sort_order=1,
    )
    west = Location(
        organisation_id=oid,
        name="Westside",
        email="westside@springfieldgym.example",
        phone="(217) 555-0188",
        url="https://springfieldgym.example/westside",
        address="48 Westside Avenue",
        address2="Unit C",
        city="Springfield",
        state="IL",
        zip="62704",
        country="US",
        primary_color="#1b5e9e",
        secondary_color="#f2a900",
        logo=logo,
        hours=WEST_HOURS,
        sort_order=2,
    )
    session.add_all([main, west])
    session.flush()

    settings = OrganisationSettings(
        organisation_id=oid,
        timezone=DEMO_TIMEZONE,
        currency="USD",
        locale="en_US",
        default_location_id=main.id,
        features=schemas.Features(check_in=True).model_dump(by_alias=True),
        welcome_title=f"Welcome to {DEMO_ORG_NAME}!",
        welcome_body=WELCOME_BODY,
        primary_color="#1b5e9e",
        secondary_color="#f2a900",
        logo=logo,
        idle_timeout_seconds=90,
        idle_warning_seconds=15,
        session_cap_seconds=900,
        cart_hold_seconds=600,
        check_in_balance_limit_cents=DEMO_CHECKIN_BALANCE_LIMIT_CENTS,
        mobile_app_ios="https://apps.apple.com/us/app/iclasspro-parent-portal/id1441379744",
        mobile_app_android="https://play.google.com/store/apps/details?id=com.iclasspro.portal",
    )
    session.add(settings)

    staff = [
        Staff(
            organisation_id=oid,
            location_id=west.id if s["first_name"] == "Sofia" else main.id,
            first_name=s["first_name"],
            last_name=s["last_name"],
            title=s["title"],
            bio=s["bio"],
            is_instructor=True,
            show_on_portal=s.get("show_on_portal", True),
            sort_order=index + 1,
            pin_hash=demo_staff_pin_hashes().get(f"{s['first_name']} {s['last_name']}"),
        )
        for index, s in enumerate(STAFF)
    ]
    session.add_all(staff)

    current_term = SessionTerm(
        organisation_id=oid,
        name=f"{_season(dates.term_start)} {dates.term_start.year}",
        start_date=dates.term_start,
        end_date=dates.term_end,
    )
    next_term = SessionTerm(
        organisation_id=oid,
        name=f"{_season(dates.next_term_start)} {dates.next_term_start.year}",
        start_date=dates.next_term_start,
        end_date=dates.next_term_end,
    )
    session.add_all([current_term, next_term])
    session.flush()

    class_count = 0
    for location, plan in ((main, MAIN_CLASSES), (west, WEST_CLASSES)):
        for program_index, (program_name, levels) in enumerate(plan):
            program = Program(
                organisation_id=oid,
                location_id=location.id,
                kind="class",
                name=program_name,
                description=PROGRAM_DESCRIPTIONS[program_name],
                sort_order=program_index + 1,
            )
            session.add(program)
            session.flush()
            for level_index, level_plan in enumerate(levels):
                (
                    level_name,
                    colour,
                    text_colour,
                    min_m,
                    max_m,
                    minutes,
                    tuition,
                    capacity,
                    coach,
                    slots,
                ) = level_plan
                level = Level(
                    organisation_id=oid,
                    location_id=location.id,
                    program_id=program.id,
                    name=level_name,
                    color=colour,
                    text_color=text_colour,
                    sort_order=program_index * 10 + level_index + 1,
                )
                session.add(level)
                session.flush()
                for slot_index, slot in enumerate(slots):
                    day_name, start = slot.split()
                    spots, waitlist, allow_waitlist = OPENINGS_PATTERN[
                        class_count % len(OPENINGS_PATTERN)
                    ]
                    instructors = [staff[coach]]
                    helper = (coach + slot_index + 1) % len(staff)
                    if slot_index % 2 == 1 and helper != coach:
                        instructors.append(staff[helper])
                    session.add(
                        ClassOffering(
                            organisation_id=oid,
                            location_id=location.id,
                            program_id=program.id,
                            level_id=level.id,
                            session_id=current_term.id,
                            name=level_name,
                            description_html=_class_description(
                                program_name, level_name, min_m, max_m, minutes
                            ),
                            translations={
                                "es": {
                                    "description": _class_description_es(
                                        program_name, level_name, min_m, max_m, minutes
                                    )
                                }
                            },
                            schedule=[
                                {
                                    "dayNumber": DAY_NUMBERS[day_name],
                                    "startTime": start,
                                    "endTime": _end_time(start, minutes),
                                }
                            ],
                            min_age_months=min_m,
                            max_age_months=max_m,
                            capacity=capacity,
                            enrolled=capacity - spots,
                            allow_waitlist=allow_waitlist,
                            waitlist_count=waitlist,
                            tuition_cents=tuition,
                            start_date=dates.term_start,
                            end_date=dates.term_end,
                            reg_start=dates.term_start - timedelta(days=30),
                            reg_end=dates.term_end,
                            instructors=instructors,
                        )
                    )
                    class_count += 1

    camp_types_by_location = _seed_camps(session, oid, main, west, staff, dates)
    _seed_parties_and_appointments(session, oid, main, west, staff, dates)
    products = _seed_products(session, oid, main, west)
    news = _seed_news(session, oid, dates, next_term.name)
    menu = _seed_booking_menu(session, oid, main, west, camp_types_by_location)
    session.add_all(
        [
            Policy(
                organisation_id=oid,
                kind="family",
                title="Liability Waiver",
                body=LIABILITY_WAIVER,
                version=2,
                required=True,
            ),
            Policy(
                organisation_id=oid,
                kind="student",
                title="Photo Release",
                body=PHOTO_RELEASE,
                version=1,
                required=True,
            ),
        ]
    )
    session.flush()

    # Image paths carry the generated ids.
    for person in staff:
        person.photo = f"/media/staff/{person.id}.svg"
    for product in products:
        product.images = [f"/media/products/{product.id}.svg"]
    for item in news:
        item.image = f"/media/news/{item.id}.svg"
    for entry in menu:
        entry.image = f"/media/booking/{entry.id}.svg"
    for location in (main, west):
        location.header_image = f"/media/locations/{location.id}.svg"
    session.flush()

    _seed_families(session, oid, dates)
    session.flush()
    _seed_bookings(session, oid, dates)
    session.flush()
    _seed_closure(session, oid, dates)
    session.flush()
    return org


def _class_description(program: str, level: str, min_m: int, max_m: int, minutes: int) -> str:
    low, high = min_m // 12, max_m // 12
    ages = f"{min_m} months to {high} years" if min_m < 36 else f"ages {low} to {high}"
    intro = PROGRAM_DESCRIPTIONS[program]
    return (
        f"<p><strong>{level}</strong> ({ages}), {minutes} minutes a week.</p>"
        f"<p>{intro} Coaches keep groups small so every athlete gets turns and feedback, and "
        "skills are tracked on a progress card you can see in the Customer Portal.</p>"
        "<p>Please wear a leotard or fitted athletic clothes, no jewellery, hair tied back.</p>"
    )


def _spanish_description(html: str) -> dict[str, Any]:
    return {"es": {"description": html}}


def _class_description_es(program: str, level: str, min_m: int, max_m: int, minutes: int) -> str:
    low, high = min_m // 12, max_m // 12
    ages = f"de {min_m} meses a {high} años" if min_m < 36 else f"de {low} a {high} años"
    intro = PROGRAM_DESCRIPTIONS_ES[program]
    return (
        f"<p><strong>{level}</strong> ({ages}), {minutes} minutos por semana.</p>"
        f"<p>{intro} Los grupos son pequeños para que cada atleta tenga turnos y correcciones, "
        "y sus habilidades se anotan en una tarjeta de progreso que puede ver en el Portal.</p>"
        "<p>Use leotardo o ropa deportiva ajustada, sin joyas y con el pelo recogido.</p>"
    )


def _seed_camps(
    session: Session, oid: int, main: Location, west: Location, staff: list[Staff], dates: _Dates
) -> dict[int, list[CampType]]:
    result: dict[int, list[CampType]] = {}
    first_monday = _next_weekday(dates.today + timedelta(days=6), 0)
    for location in (main, west):
        program = Program(
            organisation_id=oid,
            location_id=location.id,
            kind="camp",
            name="Camps",
            description="Full-day and evening camps.",
            sort_order=20,
        )
        summer = CampType(
            organisation_id=oid,
            location_id=location.id,
            name="Summer Camp",
            plural_name="Summer Camps",
            sort_order=1,
        )
        holiday = CampType(
            organisation_id=oid,
            location_id=location.id,
            name="Holiday Camp",
            plural_name="Holiday Camps",
            sort_order=2,
        )
        pno = CampType(
            organisation_id=oid,
            location_id=location.id,
            name="Parents Night Out",
            plural_name="Parents Night Out",
            sort_order=3,
        )
        session.add_all([program, summer, holiday, pno])
        session.flush()
        result[location.id] = [summer, holiday, pno]
        big = location is main
        coaches = [staff[0].id, staff[1].id] if big else [staff[5].id]

        themes = ["Circus Week", "Superhero Week", "Olympics Week"][: 3 if big else 2]
        start = first_monday
        for week, theme in enumerate(themes):
            days = dates.clear_of_closure([start + timedelta(days=d) for d in range(5)])
            start = days[0] + timedelta(weeks=1)
            session.add(
                Camp(
                    organisation_id=oid,
                    location_id=location.id,
                    type_id=summer.id,
                    program_id=program.id,
                    name=f"Summer Camp: {theme}",
                    description_html=(
                        f"<p>A week of gymnastics, ninja obstacles, crafts and games around the "
                        f"theme <strong>{theme}</strong>.</p><p>Bring a lunch, a water bottle and "
                        "sneakers for outdoor play. Snacks provided.</p>"
                    ),
                    translations=_spanish_description(
                        f"<p>Una semana de gimnasia, obstáculos ninja, manualidades y juegos con "
                        f"el tema <strong>{theme}</strong>.</p><p>Traiga almuerzo, una botella "
                        "de agua y zapatillas para jugar al aire libre. Incluye merienda.</p>"
                    ),
                    min_age=5,
                    max_age=12,
                    start_date=days[0],
                    end_date=days[-1],
                    days=[d.isoformat() for d in days],
                    daily_start="09:00",
                    daily_end="15:00",
                    price_cents=29500,
                    day_price_cents=None,
                    capacity=30,
                    enrolled=30 if week == 1 else 18 + week * 4,
                    allow_choose_days=False,
                    allow_request_when_full=week == 1,
                    reg_start=dates.today - timedelta(days=30),
                    reg_end=days[0] - timedelta(days=1),
                    staff_ids=coaches,
                )
            )

        holiday_start = _next_weekday(dates.today + timedelta(days=13), 0)
        start = holiday_start
        for index, label in enumerate(["Winter Break Camp", "New Year Camp"][: 2 if big else 1]):
            days = dates.clear_of_closure([start + timedelta(days=d) for d in range(4)])
            start = days[0] + timedelta(weeks=2)
            session.add(
                Camp(
                    organisation_id=oid,
                    location_id=location.id,
                    type_id=holiday.id,
                    program_id=program.id,
                    name=label,
                    description_html=(
                        "<p>School's out, gym's open! Pick the days you need: gymnastics, ninja "
                        "courses, trampoline time and a movie after lunch.</p>"
                    ),
                    translations=_spanish_description(
                        "<p>¡No hay colegio, pero el gimnasio está abierto! Elija los días que "
                        "necesite: gimnasia, circuitos ninja, trampolín y una película después "
                        "del almuerzo.</p>"
                    ),
                    min_age=5,
                    max_age=12,
                    start_date=days[0],
                    end_date=days[-1],
                    days=[d.isoformat() for d in days],
                    daily_start="09:00",
                    daily_end="15:00",
                    price_cents=22000,
                    day_price_cents=6500,
                    capacity=24,
                    enrolled=21 if index == 0 else 9,
                    allow_choose_days=True,
                    allow_request_when_full=False,
                    # The second camp's registration opens three weeks before it (at least a
                    # week from today): the demo's camp that "opens on ...".
                    reg_start=dates.today - timedelta(days=21)
                    if index == 0
                    else days[0] - timedelta(days=21),
                    reg_end=days[-1],
                    staff_ids=coaches,
                )
            )

        for index, night in enumerate(parents_night_out_dates(dates, 3 if big else 2)):
            session.add(
                Camp(
                    organisation_id=oid,
                    location_id=location.id,
                    type_id=pno.id,
                    program_id=program.id,
                    name=f"Parents Night Out: {['Glow Party', 'Pajama Jam', 'Ninja Night'][index]}",
                    description_html=(
                        "<p>Drop the kids off for pizza, games, open gym and a movie while you "
                        "enjoy an evening out. Pick up by 9:30 PM.</p>"
                    ),
                    translations=_spanish_description(
                        "<p>Deje a los niños con pizza, juegos, gimnasio libre y una película "
                        "mientras disfruta de una noche libre. Recójalos antes de las 21:30.</p>"
                    ),
                    min_age=4,
                    max_age=12,
                    start_date=night,
                    end_date=night,
                    days=[night.isoformat()],
                    daily_start="18:00",
                    daily_end="21:30",
                    price_cents=3500,
                    day_price_cents=None,
                    capacity=40,
                    enrolled=40 if index == 1 else 25,
                    allow_choose_days=False,
                    allow_request_when_full=index == 1,
                    reg_start=dates.today - timedelta(days=14),
                    reg_end=night,
                    staff_ids=coaches,
                )
            )
    return result


def _seed_parties_and_appointments(
    session: Session, oid: int, main: Location, west: Location, staff: list[Staff], dates: _Dates
) -> None:
    packages = [
        (
            "Classic Gym Party",
            "An hour in the gym with a coach, games on the trampoline and "
            "the foam pit, then 30 minutes in the party room.",
            27500,
            90,
            15,
        ),
        (
            "Ninja Warrior Party",
            "Our ninja course with timed runs, the warped wall and a "
            "medal for every guest, then pizza in the party room.",
            32500,
            90,
            20,
        ),
        (
            "Deluxe Party",
            "Two coaches, the whole gym, a bounce house and an extra half hour "
            "in the party room. Paper goods included.",
            42500,
            120,
            25,
        ),
    ]
    for location in (main, west):
        for index, (name, description, price, minutes, guests) in enumerate(
            packages if location is main else packages[:2]
        ):
            session.add(
                PartyPackage(
                    organisation_id=oid,
                    location_id=location.id,
                    name=name,
                    description=description,
                    price_cents=price,
                    duration_minutes=minutes,
                    max_guests=guests,
                    sort_order=index + 1,
                )
            )
        # Every weekend day of the next eight weeks, today's included.
        weekend = [
            day
            for day in (dates.today + timedelta(days=n) for n in range(8 * 7))
            if day.weekday() in (5, 6) and not dates.closed(day)
        ]
        for day in weekend:
            # Booked parties are taken off at read (portal.services.schedule.party_times).
            session.add(
                PartyAvailability(
                    organisation_id=oid,
                    location_id=location.id,
                    day=day,
                    start_times=list(PARTY_START_TIMES),
                )
            )

        program = Program(
            organisation_id=oid,
            location_id=location.id,
            kind="appointment",
            name="Private Lessons",
            description="One-on-one or small-group coaching.",
            sort_order=30,
        )
        session.add(program)
        session.flush()
        coach_ids = [staff[0].id, staff[3].id, staff[4].id] if location is main else [staff[5].id]
        for index, (name, description, minutes, price) in enumerate(
            [
                (
                    "Private Lesson (30 min)",
                    "One athlete, one coach, the skill of your choice.",
                    30,
                    4500,
                ),
                ("Private Lesson (60 min)", "An hour of one-on-one coaching.", 60, 8500),
                (
                    "Semi-Private Lesson",
                    "Two athletes of a similar level share a coach for an hour.",
                    60,
                    11000,
                ),
            ]
        ):
            session.add(
                AppointmentType(
                    organisation_id=oid,
                    location_id=location.id,
                    program_id=program.id,
                    name=name,
                    description=description,
                    duration_minutes=minutes,
                    price_cents=price,
                    staff_ids=coach_ids,
                    sort_order=index + 1,
                )
            )


def _seed_products(session: Session, oid: int, main: Location, west: Location) -> list[Product]:
    products = []
    for location, items in ((main, PRODUCTS), (west, PRODUCTS[:3] + PRODUCTS[7:])):
        for index, (name, sku, price, sale, stock, tracked, short) in enumerate(items):
            product = Product(
                organisation_id=oid,
                location_id=location.id,
                name=name,
                sku=sku,
                price_cents=price,
                sale_price_cents=sale,
                inventory_count=stock,
                enable_inventory=tracked,
                short_description=short,
                tax_rate=0.0725,
                show_on_portal=True,
                sort_order=index + 1,
            )
            products.append(product)
    session.add_all(products)
    return products


def _seed_news(session: Session, oid: int, dates: _Dates, next_term: str) -> list[News]:
    today = dates.today
    christmas, _new_year = dates.closure
    picture_day = dates.clear_of_closure([_next_weekday(today + timedelta(days=10), 5)])[0]
    ninja_night = parents_night_out_dates(dates, 3)[2]  # "Parents Night Out: Ninja Night"
    items = [
        (
            f"{next_term} Registration Is Open",
            f"Current families can reserve their spot for {next_term} now.",
            f"Registration for {next_term} is open for current families, and opens to everyone "
            f"next week. Classes start {dates.next_term_start:%A, %B %-d}.\n\n"
            "Your current class is held for you until the end of this term: tap Booking, then "
            "Classes, to keep your spot or switch to a new day or level.",
            1,
        ),
        (
            "Closed for the Holidays",
            f"Both gyms close {christmas:%B %-d} through January 1.",
            f"Both gyms will be closed from {christmas:%A, %B %-d} through New Year's Day. "
            "Tuition for December has already been adjusted for the missed classes.\n\n"
            "Holiday Camps run on the open days before and after, so the kids can still burn "
            "off some energy. Happy holidays from all of us!",
            2,
        ),
        (
            "Team Shines at the Fall Classic",
            "Twelve medals and two new state qualifiers!",
            "Congratulations to our Xcel Silver and Gold teams, who brought home twelve medals "
            "from the Fall Classic in Peoria, including first place on beam for Lisa S.\n\n"
            "Two gymnasts qualified for the state meet. Thank you to every parent who drove, "
            "cheered and braided hair at 6 AM.",
            3,
        ),
        (
            "Summer Camp Spots Are Filling Fast",
            "Circus, Superhero and Olympics weeks, 9 AM to 3 PM.",
            "Our camp weeks are filling up quickly. Every week has gymnastics, ninja obstacles, "
            "crafts and outdoor games, with a different theme each week.\n\n"
            "Book the whole week, or pick single days in Holiday Camp.",
            4,
        ),
        (
            "Ninja Night Is Back!",
            f"Friday {ninja_night:%B %-d}, 6 to 9:30 PM. Bring a friend!",
            "Ninja Night returns with the warped wall, a glow-in-the-dark obstacle course and "
            "pizza. Ages 5 to 12, friends welcome, no experience needed.\n\n"
            "Sign up under Parents Night Out. Spots are limited to 40 ninjas.",
            5,
        ),
        (
            "Welcome Coach Emily!",
            "Coach Emily Zhang joins our girls program.",
            "Please welcome Emily Zhang, who joins us from Chicago where she coached competitive "
            "Level 3-6 gymnasts. Emily will coach Girls Intermediate and our new Saturday "
            "tumbling classes.\n\nSay hi when you see her on the floor!",
            6,
        ),
        (
            "Picture Day Is Coming",
            f"Saturday {picture_day:%B %-d}: wear your team leotard.",
            f"Individual and class photos will be taken on {picture_day:%A, %B %-d} during "
            "regular class times. Order forms are at the front desk.\n\n"
            "Team leotards are on sale in the ProShop this month.",
            7,
        ),
    ]
    spanish = [
        (
            f"Inscripciones abiertas para {next_term}",
            f"Las familias actuales ya pueden reservar su plaza para {next_term}.",
            f"Las inscripciones para {next_term} están abiertas para las familias actuales, y "
            "para todos la próxima semana. Las clases empiezan el "
            f"{_es_day(dates.next_term_start, weekday=True)}.\n\n"
            "Su clase actual se le guarda hasta el final de este trimestre: toque Reservar y "
            "luego Clases para conservar su plaza o cambiar de día o de nivel.",
        ),
        (
            "Cerrado por las fiestas",
            f"Los dos gimnasios cierran del {_es_day(christmas)} al 1 de enero.",
            f"Los dos gimnasios estarán cerrados del {_es_day(christmas, weekday=True)} al día "
            "de Año Nuevo. La cuota de diciembre ya tiene descontadas las clases perdidas.\n\n"
            "Los campamentos de vacaciones son en los días abiertos de antes y de después, para "
            "que los niños gasten energía. ¡Felices fiestas de parte de todos nosotros!",
        ),
        (
            "El equipo brilla en el Fall Classic",
            "¡Doce medallas y dos nuevas clasificadas al estatal!",
            "Felicidades a nuestros equipos Xcel Plata y Oro, que trajeron doce medallas del "
            "Fall Classic en Peoria, incluido el primer puesto en viga para Lisa S.\n\n"
            "Dos gimnastas se clasificaron para el campeonato estatal. Gracias a cada padre y "
            "madre que condujo, animó y trenzó pelo a las 6 de la mañana.",
        ),
        (
            "Quedan pocas plazas en los campamentos de verano",
            "Semanas de circo, superhéroes y olimpiadas, de 9 a 15 h.",
            "Nuestras semanas de campamento se llenan rápido. Cada semana tiene gimnasia, "
            "obstáculos ninja, manualidades y juegos al aire libre, con un tema distinto.\n\n"
            "Reserve la semana entera, o elija días sueltos en el campamento de vacaciones.",
        ),
        (
            "¡Vuelve la Noche Ninja!",
            f"Viernes {_es_day(ninja_night)}, de 18 a 21:30 h. ¡Trae a un amigo!",
            "La Noche Ninja vuelve con la pared curva, un circuito de obstáculos que brilla en "
            "la oscuridad y pizza. De 5 a 12 años, amigos bienvenidos, sin experiencia.\n\n"
            "Inscríbase en Parents Night Out. Hay plazas para 40 ninjas.",
        ),
        (
            "¡Bienvenida, entrenadora Emily!",
            "La entrenadora Emily Zhang se une a nuestro programa de niñas.",
            "Demos la bienvenida a Emily Zhang, que viene de Chicago, donde entrenó a gimnastas "
            "de competición de nivel 3 a 6. Emily entrenará Girls Intermediate y nuestras "
            "nuevas clases de acrobacia de los sábados.\n\n¡Salúdela cuando la vea en el gimnasio!",
        ),
        (
            "Se acerca el día de las fotos",
            f"Sábado {_es_day(picture_day)}: venga con el leotardo del equipo.",
            f"Las fotos individuales y de grupo serán el {_es_day(picture_day, weekday=True)} "
            "durante las clases. Los formularios de pedido están en recepción.\n\n"
            "Los leotardos del equipo están rebajados en la tienda este mes.",
        ),
    ]
    news = [
        News(
            organisation_id=oid,
            location_id=None,
            title=title,
            summary=summary,
            body=body,
            published_at=_published(today, index * 3),
            sort_order=order,
            translations={"es": dict(zip(("title", "summary", "body"), es, strict=True))},
        )
        for index, ((title, summary, body, order), es) in enumerate(
            zip(items, spanish, strict=True)
        )
    ]
    session.add_all(news)
    return news


def _seed_booking_menu(
    session: Session,
    oid: int,
    main: Location,
    west: Location,
    camp_types: dict[int, list[CampType]],
) -> list[BookingMenuItem]:
    items = []
    for location in (main, west):
        summer, holiday, pno = camp_types[location.id]
        spanish = {
            "Classes": ("Clases", "Clases semanales para todas las edades y niveles"),
            "Summer Camp": ("Campamento de verano", "Semanas temáticas de día completo"),
            "Holiday Camp": ("Campamento de vacaciones", "Elija los días que necesite"),
            "Parents Night Out": ("Noche libre para padres", "Pizza, juegos y una película"),
            "Private Lessons": ("Clases particulares", "Entrenamiento individual"),
            "Birthday Parties": ("Fiestas de cumpleaños", "Celebre su fiesta en el gimnasio"),
        }
        entries = [
            ("Classes", "Weekly classes for every age and level", "Classes", "classes", None),
            ("Summer Camp", "Full-day themed camp weeks", "Summer Camps", "camps", summer.id),
            ("Holiday Camp", "Pick the days you need", "Holiday Camps", "camps", holiday.id),
            ("Parents Night Out", "Pizza, games and a movie", "Parents Night Out", "camps", pno.id),
            ("Private Lessons", "One-on-one coaching", "Private Lessons", "appointments", None),
            ("Birthday Parties", "Book a party in the gym", "Birthday Parties", "parties", None),
        ]
        for index, (title, sub_title, plural, target, type_id) in enumerate(entries):
            items.append(
                BookingMenuItem(
                    organisation_id=oid,
                    location_id=location.id,
                    sort_order=index + 1,
                    title=title,
                    sub_title=sub_title,
                    plural_title=plural,
                    target=target,
                    camp_type_id=type_id,
                    translations={
                        "es": dict(zip(("title", "subTitle"), spanish[title], strict=True))
                    },
                )
            )
    session.add_all(items)
    return items


def _seed_families(session: Session, oid: int, dates: _Dates) -> None:
    today = dates.today
    password_hash = demo_password_hash()

    def guardian(first: str, last: str, email: str, phone: str) -> Guardian:
        return Guardian(
            organisation_id=oid,
            first_name=first,
            last_name=last,
            email=email,
            phone=phone,
            address="742 Evergreen Terrace" if last == "Simpson" else "744 Evergreen Terrace",
            city="Springfield",
            state="IL",
            zip="62701",
            password_hash=password_hash,
        )

    def student(first: str, last: str, years: int, gender: str, days: int = 40) -> Student:
        return Student(
            organisation_id=oid,
            first_name=first,
            last_name=last,
            birth_date=_years_ago(today, years, days),
            gender=gender,
        )

    marge = guardian("Marge", "Simpson", DEMO_EMAIL_SIMPSON, "(217) 555-0101")
    homer = guardian("Homer", "Simpson", DEMO_EMAIL_HOMER, "(217) 555-0102")
    ned = guardian("Ned", "Flanders", DEMO_EMAIL_FLANDERS, "(217) 555-0103")
    monty = guardian("Monty", "Burns", DEMO_EMAIL_BURNS, "(217) 555-0001")
    monty.address = "1000 Mammon Lane"

    bart, lisa, maggie = (
        student("Bart", "Simpson", 10, "male"),
        student("Lisa", "Simpson", 8, "female", 120),
        student("Maggie", "Simpson", 2, "female", 200),
    )
    simpson = Family(
        organisation_id=oid,
        name="Simpson",
        credit_balance_cents=DEMO_SIMPSON_CREDIT_CENTS,
        students=[bart, lisa, maggie],
    )
    grandpa = Family(
        organisation_id=oid,
        name="Simpson (Grandpa)",
        students=[student("Zia", "Simpson", 7, "female")],
    )
    flanders = Family(
        organisation_id=oid,
        name="Flanders",
        students=[
            student("Rod", "Flanders", 9, "male"),
            student("Todd", "Flanders", 7, "male", 90),
        ],
    )
    burns = Family(
        organisation_id=oid,
        name="Burns",
        suspended=True,
        students=[student("Larry", "Burns", 11, "male")],
    )
    session.add_all([marge, homer, ned, monty, simpson, grandpa, flanders, burns])
    session.flush()
    links = [
        (marge, simpson, True),
        (homer, simpson, False),
        (homer, grandpa, True),
        (ned, flanders, True),
        (monty, burns, True),
    ]
    session.execute(
        guardian_families.insert(),
        [{"guardian_id": g.id, "family_id": f.id, "is_primary": p} for g, f, p in links],
    )
    for family in (simpson, flanders, burns):
        checkin.set_pin(session, family, DEMO_CHECKIN_PINS.get(family.name))
        checkin.set_card(family, DEMO_CHECKIN_CARDS.get(family.name))
    session.add(
        PunchPass(
            organisation_id=oid,
            student_id=lisa.id,
            punches_total=DEMO_PUNCH_PASS_PUNCHES,
            punches_left=DEMO_PUNCH_PASS_PUNCHES,
            expires_on=today + timedelta(days=180),
        )
    )

    due = today + timedelta(days=7)
    session.add_all(
        [
            Charge(
                organisation_id=oid,
                family_id=simpson.id,
                student_id=lisa.id,
                description=f"Tuition {today:%B} - Girls Beginner (Lisa)",
                kind="tuition",
                description_data={
                    "studentName": "Lisa",
                    "itemName": "Girls Beginner",
                    "month": today.month,
                },
                amount_cents=6500,
                due_date=due,
            ),
            Charge(
                organisation_id=oid,
                family_id=simpson.id,
                student_id=None,
                description="Annual registration fee",
                kind="registration_fee",
                amount_cents=2000,
                due_date=due,
            ),
            Charge(
                organisation_id=oid,
                family_id=simpson.id,
                student_id=bart.id,
                description=f"Tuition {today - timedelta(days=31):%B} - Ninja Rookie (Bart)",
                kind="tuition",
                description_data={
                    "studentName": "Bart",
                    "itemName": "Ninja Rookie",
                    "month": (today - timedelta(days=31)).month,
                },
                amount_cents=8900,
                due_date=today - timedelta(days=24),
                paid=True,
            ),
            Charge(
                organisation_id=oid,
                family_id=flanders.id,
                student_id=None,
                description="Annual registration fee",
                kind="registration_fee",
                amount_cents=2000,
                due_date=today + timedelta(days=14),
            ),
        ]
    )
    session.add_all(
        [
            EmergencyContact(
                organisation_id=oid,
                family_id=simpson.id,
                name="Patty Bouvier",
                relationship_="Aunt",
                phone="(217) 555-0150",
            ),
            EmergencyContact(
                organisation_id=oid,
                family_id=flanders.id,
                name="Maude Flanders",
                relationship_="Mother",
                phone="(217) 555-0104",
            ),
            EmergencyContact(
                organisation_id=oid,
                family_id=grandpa.id,
                name="Marge Simpson",
                relationship_="Daughter-in-law",
                phone="(217) 555-0101",
            ),
            EmergencyContact(
                organisation_id=oid,
                family_id=burns.id,
                name="Waylon Smithers",
                relationship_="Assistant",
                phone="(217) 555-0002",
            ),
        ]
    )
    accepted_at = datetime.combine(today - timedelta(days=60), time(17, 30), tzinfo=UTC)
    accounts.accept_required_policies(session, simpson, marge.id, accepted_at)

    def first_class(name: str) -> ClassOffering | None:
        return session.scalars(
            select(ClassOffering)
            .where(ClassOffering.organisation_id == oid, ClassOffering.name == name)
            .order_by(ClassOffering.id)
        ).first()

    for kid, class_name in (
        (lisa, "Girls Beginner"),
        (bart, "Ninja Rookie"),
        (maggie, "Parent & Tot"),
    ):
        cls = first_class(class_name)
        if cls is not None:
            # Demo enrollment counts already include these students.
            session.add(Enrollment(organisation_id=oid, student_id=kid.id, class_id=cls.id))
    _seed_weekly_makeup_story(session, oid, lisa)


# Lisa's weekly Thursday class, full (Ned can watch it; Marge marking Lisa absent opens a seat
# for that date), and the same level on Saturday with room for her makeup.
WEEKLY_CLASS = ("Tumbling 2", "Thu")
MAKEUP_CLASS = ("Tumbling 2", "Sat")


def _class_on(session: Session, oid: int, name: str, day_name: str) -> ClassOffering | None:
    for cls in session.scalars(
        select(ClassOffering)
        .where(ClassOffering.organisation_id == oid, ClassOffering.name == name)
        .order_by(ClassOffering.id)
    ):
        if cls.schedule and int(cls.schedule[0]["dayNumber"]) == DAY_NUMBERS[day_name]:
            return cls
    return None


def _seed_weekly_makeup_story(session: Session, oid: int, lisa: Student) -> None:
    weekly = _class_on(session, oid, *WEEKLY_CLASS)
    makeup = _class_on(session, oid, *MAKEUP_CLASS)
    if weekly is None or makeup is None:
        return
    session.add(Enrollment(organisation_id=oid, student_id=lisa.id, class_id=weekly.id))
    weekly.enrolled = weekly.capacity
    weekly.allow_waitlist = True
    makeup.enrolled = min(makeup.enrolled, makeup.capacity - 2)


# --------------------------------------------------------------------------- bookings

# Coaches' weekly windows for private lessons: (first name, day number 1=Sun..7=Sat, from, to).
STAFF_AVAILABILITY = (
    ("Carla", 3, "10:00", "12:00"),
    ("Carla", 5, "10:00", "12:00"),
    ("Jasmine", 2, "13:00", "15:00"),
    ("Jasmine", 4, "13:00", "15:00"),
    ("Marcus", 6, "14:00", "16:00"),
    ("Marcus", 7, "12:00", "14:00"),
    ("Sofia", 2, "13:30", "15:00"),
    ("Sofia", 7, "13:00", "14:00"),
)


def _seed_bookings(session: Session, oid: int, dates: _Dates) -> None:
    """Coaches' availability, a few class cancellations, appointments and parties, so that
    Coming Up, appointment slots and party times have something to show."""
    today = dates.today
    staff = {
        s.first_name: s for s in session.scalars(select(Staff).where(Staff.organisation_id == oid))
    }
    for first_name, day_number, start, end in STAFF_AVAILABILITY:
        coach = staff[first_name]
        session.add(
            StaffAvailability(
                organisation_id=oid,
                staff_id=coach.id,
                location_id=coach.location_id,
                day_number=day_number,
                start_time=start,
                end_time=end,
            )
        )
    families = {
        f.name: f for f in session.scalars(select(Family).where(Family.organisation_id == oid))
    }
    simpson, flanders = families["Simpson"], families["Flanders"]
    kids = {s.first_name: s for s in simpson.students + flanders.students}

    # Two cancelled meetings of the Simpsons' classes in the next 30 days.
    enrolled: dict[int, ClassOffering] = {}
    for e in session.scalars(
        select(Enrollment)
        .where(Enrollment.student_id.in_([s.id for s in simpson.students]))
        .order_by(Enrollment.id)
    ):
        enrolled.setdefault(e.student_id, e.class_offering)  # each one's first class
    for kid, weeks, reason in (
        ("Lisa", 1, "Coach Jasmine is judging a meet; no class today."),
        ("Bart", 2, "The gym is closed for floor repairs."),
    ):
        cls = enrolled.get(kids[kid].id)
        if cls is None or not cls.schedule:
            continue
        weekday = (int(cls.schedule[0]["dayNumber"]) + 5) % 7  # 1=Sun..7=Sat -> Mon=0
        # Not in the holiday closure: its meetings are already cancelled, for the holidays.
        day = dates.clear_of_closure([_next_weekday(today + timedelta(weeks=weeks - 1), weekday)])[
            0
        ]
        session.add(ClassCancellation(organisation_id=oid, class_id=cls.id, day=day, reason=reason))

    # Private lessons: one for Lisa, and one for Rod that makes its slot unavailable.
    lessons = session.scalars(
        select(AppointmentType)
        .where(
            AppointmentType.organisation_id == oid, AppointmentType.name.like("Private Lesson (30%")
        )
        .order_by(AppointmentType.id)
    ).all()
    lesson = lessons[0]
    carla, jasmine = staff["Carla"], staff["Jasmine"]
    for family, kid, coach, weekday, start in (
        (simpson, "Lisa", carla, 1, "10:30"),  # Tuesday
        (flanders, "Rod", jasmine, 0, "13:00"),  # Monday
    ):
        day = dates.clear_of_closure([_next_weekday(today + timedelta(days=2), weekday)])[0]
        session.add(
            AppointmentBooking(
                organisation_id=oid,
                family_id=family.id,
                student_id=kids[kid].id,
                appointment_type_id=lesson.id,
                staff_id=coach.id,
                location_id=lesson.location_id,
                day=day,
                start_time=start,
                end_time=_end_time(start, lesson.duration_minutes),
            )
        )

    # Parties: Bart's birthday, and one the Flanders booked (its time is taken).
    packages = session.scalars(
        select(PartyPackage).where(PartyPackage.organisation_id == oid).order_by(PartyPackage.id)
    ).all()
    ninja = next(p for p in packages if p.name == "Ninja Warrior Party")
    classic = next(
        p for p in packages if p.name == "Classic Gym Party" and p.location_id == ninja.location_id
    )
    # The first open Saturday ahead, so both show in the party calendar's first two weeks
    # whatever the weekday (availability starts at the facility's today), and the Sunday after
    # stays free even when the holiday closure takes the weekend after.
    saturday = dates.clear_of_closure(
        [_next_weekday(today, 5), _next_weekday(today, 5) + timedelta(days=1)]
    )[0]
    for family, kid, package, day, start in (
        (simpson, "Bart", ninja, saturday, "13:00"),
        (flanders, "Todd", classic, saturday, "10:00"),
    ):
        session.add(
            PartyBooking(
                organisation_id=oid,
                family_id=family.id,
                package_id=package.id,
                location_id=package.location_id,
                guest_of_honor_student_id=kids[kid].id,
                day=day,
                start_time=start,
                end_time=_end_time(start, package.duration_minutes),
            )
        )


# --------------------------------------------------------------------------- holiday closure

CLOSURE_REASON = "Holiday closure"


def _seed_closure(session: Session, oid: int, dates: _Dates) -> None:
    """The holiday closure the news announces, as the gym records it: both locations closed
    (no appointment slots then), and every meeting of the weekly classes in it cancelled.
    Camps, parties and Parents Night Out are already seeded clear of it; today's check-in
    classes (seed_checkin_day) come later and are left to meet."""
    first, last = dates.closure
    session.add(
        Closure(
            organisation_id=oid,
            location_id=None,
            first_day=first,
            last_day=last,
            reason=CLOSURE_REASON,
        )
    )
    cancelled = {
        (class_id, day)
        for class_id, day in session.execute(
            select(ClassCancellation.class_id, ClassCancellation.day).where(
                ClassCancellation.organisation_id == oid
            )
        )
    }
    check_in_names = {name for name, *_rest in CHECKIN_DAY_CLASSES}
    for cls in session.scalars(
        select(ClassOffering).where(ClassOffering.organisation_id == oid).order_by(ClassOffering.id)
    ):
        if cls.name in check_in_names:
            continue
        for day, _slot in schedule.class_meetings(cls, first, last):
            if (cls.id, day) not in cancelled:
                cancelled.add((cls.id, day))
                session.add(
                    ClassCancellation(
                        organisation_id=oid, class_id=cls.id, day=day, reason=CLOSURE_REASON
                    )
                )


# --------------------------------------------------------------------------- check-in day

LAST_START_MINUTE = 23 * 60 + 30


def _checkin_day_starts(minute: int, opens_before: int) -> tuple[int, int]:
    """Start times (minutes of the facility day) for today's check-in classes at `minute`: the
    first in its window now, the second opening later. Near midnight the first is one that
    started 5 minutes ago (still open, tardy) and, when nothing can open later today, the
    second is one that was earlier today."""
    now5 = minute // 5 * 5
    open_now = now5 + 10  # its window opened 20-25 minutes ago
    if open_now > LAST_START_MINUTE:
        open_now = max(minute - 5, 0)
    later = min(now5 + 120, LAST_START_MINUTE)
    if later - opens_before <= minute + 5:
        later = max(now5 - 120, 0)
    return open_now, later


def _fits(
    cls: ClassOffering, today: date, minute: int, window: tuple[int, int], first: bool
) -> bool:
    """Whether the class already is what seed_checkin_day wants at `minute`."""
    slots = cls.schedule or []
    if cls.start_date != today or cls.end_date != today or len(slots) != 1:
        return False
    if int(slots[0]["dayNumber"]) != schedule.day_number(today):
        return False
    start = schedule.to_minutes(str(slots[0]["startTime"]))
    opens_before, closes_after = window
    if first:  # in its window, with at least 5 minutes of it left
        return start - opens_before <= minute <= start + closes_after - 5
    return start - opens_before > minute  # opens later


def seed_checkin_day(session: Session, now: datetime | None = None) -> list[ClassOffering]:
    """Keep the demo's check-in classes meeting today around `now` (facility time): "Open
    Gym", in its check-in window (Bart and Maggie enrolled), and "Ninja Warriors", opening
    later (Bart enrolled); Lisa drops in with her punch pass. Idempotent: a class that already
    fits `now` is left alone, one that does not is moved to today. A no-op without the demo.
    The caller commits."""
    org = session.scalars(select(Organisation).where(Organisation.account == DEMO_ACCOUNT)).first()
    if org is None or org.settings is None:
        return []
    oid = org.id
    local = schedule.facility_now(session, oid, now)
    today = local.date()
    minute = local.hour * 60 + local.minute
    settings = org.settings
    window = (settings.check_in_opens_minutes_before, settings.check_in_closes_minutes_after)
    starts = _checkin_day_starts(minute, window[0])
    location_id = settings.default_location_id or min(loc.id for loc in org.locations)
    # Not before the doors open: a class whose window is open now starts at opening time
    # rather than before it ("Open Gym" at 11:40 on a day the gym opens at 12:00).
    location = next((loc for loc in org.locations if loc.id == location_id), None)
    hours = opening_minutes(location.hours or [], today) if location is not None else None
    if hours is not None and starts[0] < hours[0] and hours[0] - window[0] <= minute:
        starts = (hours[0], starts[1])
    simpson = session.scalars(
        select(Family).where(Family.organisation_id == oid, Family.name == "Simpson")
    ).first()
    kids = {s.first_name: s for s in simpson.students} if simpson is not None else {}
    classes = []
    for index, (name, program, coach, ages, capacity, enrolled) in enumerate(CHECKIN_DAY_CLASSES):
        cls = session.scalars(
            select(ClassOffering)
            .where(ClassOffering.organisation_id == oid, ClassOffering.name == name)
            .order_by(ClassOffering.id)
        ).first()
        if cls is None:
            cls = ClassOffering(
                organisation_id=oid,
                location_id=location_id,
                program_id=session.scalars(
                    select(Program.id).where(
                        Program.organisation_id == oid,
                        Program.location_id == location_id,
                        Program.name == program,
                    )
                ).first(),
                name=name,
                description_html=f"<p>{name}: drop in with a punch pass, or check in if you "
                "are enrolled.</p>",
                min_age_months=ages[0],
                max_age_months=ages[1],
                capacity=capacity,
                instructors=list(
                    session.scalars(
                        select(Staff).where(Staff.organisation_id == oid, Staff.first_name == coach)
                    )
                ),
            )
            session.add(cls)
        if not _fits(cls, today, minute, window, first=index == 0):
            start = starts[index]
            end = min(start + CHECKIN_DAY_CLASS_MINUTES, 23 * 60 + 59)
            cls.schedule = [
                {
                    "dayNumber": schedule.day_number(today),
                    "startTime": schedule.from_minutes(start),
                    "endTime": schedule.from_minutes(end),
                }
            ]
            cls.start_date = cls.end_date = cls.reg_end = today
            cls.reg_start = today - timedelta(days=30)
        session.flush()
        for first_name in enrolled:
            kid = kids.get(first_name)
            if kid is not None and not any(e.class_id == cls.id for e in kid.enrollments):
                session.add(Enrollment(organisation_id=oid, student_id=kid.id, class_id=cls.id))
        session.flush()
        count = session.scalar(
            select(func.count())
            .select_from(Enrollment)
            .where(Enrollment.class_id == cls.id, Enrollment.status == "enrolled")
        )
        if cls.enrolled != count:
            cls.enrolled = int(count or 0)
        classes.append(cls)
    session.flush()
    return classes
