"""The demo seed: enough realistic data for every kiosk screen, and the documented families."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import func, select

from portal.core.clock import clock, zone_named
from portal.core.security import verify_password
from portal.embedded import EmbeddedPortal, discard_aged_demo
from portal.models import (
    Camp,
    CampType,
    Charge,
    ClassOffering,
    Family,
    Guardian,
    Level,
    Location,
    News,
    OrganisationSettings,
    PartyPackage,
    PolicyAcceptance,
    Product,
    Program,
    Staff,
)
from portal.seed import (
    DEMO_EMAIL_BURNS,
    DEMO_EMAIL_FLANDERS,
    DEMO_EMAIL_HOMER,
    DEMO_EMAIL_SIMPSON,
    DEMO_GUARDIAN_EMAILS,
    DEMO_PASSWORD,
    DEMO_SIMPSON_BALANCE_CENTS,
    DEMO_SIMPSON_CREDIT_CENTS,
    DEMO_TIMEZONE,
    PARTY_START_TIMES,
    holiday_closure,
    opening_minutes,
    seed_checkin_day,
    seed_demo,
)
from portal.services.schedule import from_minutes, to_minutes
from tests.portal.checkin_helpers import classes_of, family_for
from tests.portal.helpers import V1, bearer, login, token_for


def _guardian(session, email: str) -> Guardian:
    return session.scalars(select(Guardian).where(Guardian.email == email)).one()


def test_catalog_counts(portal):
    with portal.session_factory() as session:

        def count(model) -> int:
            return session.scalar(select(func.count()).select_from(model))

        assert count(Location) == 2
        assert count(ClassOffering) >= 60
        assert count(News) == 7
        assert count(Level) >= 20
        staff = session.scalars(select(Staff)).all()
        assert sum(1 for s in staff if s.bio and s.show_on_portal) >= 6
        main = session.scalars(select(Location).where(Location.name == "Main Street")).one()
        assert (
            session.scalar(
                select(func.count()).select_from(Product).where(Product.location_id == main.id)
            )
            == 8
        )
        programs = {p.name for p in session.scalars(select(Program).where(Program.kind == "class"))}
        assert {
            "Preschool Gymnastics",
            "Girls Gymnastics",
            "Boys Gymnastics",
            "Ninja",
            "Tumbling",
            "Cheer",
        } <= programs
        types = session.scalars(select(CampType).where(CampType.location_id == main.id)).all()
        assert [t.name for t in types] == ["Summer Camp", "Holiday Camp", "Parents Night Out"]
        holiday = next(t for t in types if t.name == "Holiday Camp")
        camps = session.scalars(select(Camp).where(Camp.type_id == holiday.id)).all()
        assert camps and all(c.allow_choose_days for c in camps)


def test_class_openings_are_varied(portal):
    with portal.session_factory() as session:
        classes = session.scalars(select(ClassOffering)).all()
    kinds = Counter(
        "full+waitlist"
        if c.openings == 0 and c.waitlist_count
        else "full"
        if c.openings == 0
        else "few"
        if c.openings <= 3
        else "open"
        for c in classes
    )
    assert all(kinds[k] >= 3 for k in ("full+waitlist", "full", "few", "open")), kinds
    days = {slot["dayNumber"] for c in classes for slot in c.schedule}
    assert days == {2, 3, 4, 5, 6, 7}  # Mon..Sat


def test_demo_families(portal):
    with portal.session_factory() as session:
        guardians = {g.email: g for g in session.scalars(select(Guardian))}
        assert set(DEMO_GUARDIAN_EMAILS) <= set(guardians)
        for email in DEMO_GUARDIAN_EMAILS:
            assert guardians[email].password_hash.startswith("$argon2id$")
        assert verify_password(guardians[DEMO_EMAIL_SIMPSON].password_hash, DEMO_PASSWORD)
        assert not verify_password(guardians[DEMO_EMAIL_SIMPSON].password_hash, "wrong")

        marge = _guardian(session, DEMO_EMAIL_SIMPSON)
        (simpson,) = marge.families
        assert len(simpson.students) == 3
        owed = sum(c.amount_cents for c in simpson.charges if not c.paid)
        assert owed == DEMO_SIMPSON_BALANCE_CENTS == 8500
        assert simpson.credit_balance_cents == DEMO_SIMPSON_CREDIT_CENTS == 2000
        accepted = session.scalars(
            select(PolicyAcceptance).where(PolicyAcceptance.family_id == simpson.id)
        ).all()
        assert len(accepted) == 1 + 3  # family waiver + a photo release per student

        homer = _guardian(session, DEMO_EMAIL_HOMER)
        assert [f.name for f in homer.families] == ["Simpson", "Simpson (Grandpa)"]

        (flanders,) = _guardian(session, DEMO_EMAIL_FLANDERS).families
        assert (
            session.scalars(
                select(PolicyAcceptance).where(PolicyAcceptance.family_id == flanders.id)
            ).all()
            == []
        )

        (burns,) = _guardian(session, DEMO_EMAIL_BURNS).families
        assert burns.suspended is True
        families = session.scalars(select(Family)).all()
        assert all(len(f.emergency_contacts) == 1 for f in families)
        assert all(g.phone and g.address and g.zip for g in guardians.values())
        assert session.scalar(select(func.count()).select_from(Family)) == 4
        assert session.scalar(select(func.count()).select_from(Charge)) >= 2


def test_seed_is_idempotent(portal):
    with portal.session_factory.begin() as session:
        before = session.scalar(select(func.count()).select_from(ClassOffering))
        seed_demo(session)
        assert session.scalar(select(func.count()).select_from(ClassOffering)) == before


@pytest.mark.calendar
def test_the_demo_tells_every_story_of_the_readme_on_any_day(api, portal):
    """What the README promises a newcomer, whatever the weekday, hour or date."""
    marge = bearer(token_for(api, DEMO_EMAIL_SIMPSON))
    # The Simpsons: $85.00 due, $20.00 credit, Coming Up! with a cancellation among what the
    # dashboard shows (the kiosk asks for 15 events over 30 days).
    charges = api.get(f"{V1}/family/charges", headers=marge).json()
    assert charges["balanceDueCents"] == 8500 and charges["creditBalanceCents"] == 2000, charges
    events = api.get(
        f"{V1}/family/coming-up", params={"days": 30, "limit": 15}, headers=marge
    ).json()["events"]
    assert any(e["cancelled"] for e in events), events
    assert {e["kind"] for e in events} >= {"class", "appointment", "party"}, events
    # The Flanders have policies to accept; Homer switches between two families; Burns is
    # suspended.
    ned = bearer(token_for(api, DEMO_EMAIL_FLANDERS))
    assert api.get(f"{V1}/family/policies", headers=ned).json()["outstanding"]
    assert len(login(api, DEMO_EMAIL_HOMER).json()["families"]) == 2
    assert login(api, DEMO_EMAIL_BURNS).status_code == 403

    # Parties: the next two weeks have free weekend days and the two seeded parties.
    days = api.get(f"{V1}/parties/availability", params={"locationId": 1}).json()["days"]
    assert [d for d in days if len(d["times"]) == len(PARTY_START_TIMES)], days
    today = clock.today(zone_named(DEMO_TIMEZONE))
    taken = sum(
        len(PARTY_START_TIMES) - len(d["times"])
        for d in days
        if date.fromisoformat(d["date"]) > today
    )
    assert taken == 2, days

    # Camps: one whose registration is open (it goes in the cart), one not open yet.
    bart = next(
        s["id"]
        for s in api.get(f"{V1}/family", headers=marge).json()["students"]
        if s["firstName"] == "Bart"
    )

    def add_camp(name: str) -> httpx.Response:
        with portal.session_factory() as session:
            camp_id = session.scalars(select(Camp.id).where(Camp.name == name)).first()
        return api.post(
            f"{V1}/family/cart/items",
            json={"kind": "camp", "campId": camp_id, "studentId": bart},
            headers={**marge, "Idempotency-Key": str(uuid.uuid4())},
        )

    assert add_camp("Winter Break Camp").status_code == 201
    not_yet = add_camp("New Year Camp")
    assert not_yet.status_code == 400 and "opens on" in not_yet.json()["message"], not_yet.text

    # Check-in: "Open Gym" open now, "Ninja Warriors" later today, Lisa drops in.
    with portal.session_factory.begin() as session:
        seed_checkin_day(session)
    family = family_for(api)
    bart_classes = {c["name"]: c for c in classes_of(family, "Bart").values()}
    assert bart_classes["Open Gym"]["status"] == "open", bart_classes
    assert bart_classes["Ninja Warriors"]["status"] in ("too_early", "closed"), bart_classes
    lisa = {c["name"]: c for c in classes_of(family, "Lisa").values()}
    assert lisa["Open Gym"]["via"] == "punch_pass" and lisa["Open Gym"]["status"] == "open"


def test_the_built_in_demo_starts_over_on_a_later_day(tmp_path, pinned_clock):
    """`make run` keeps its demo database; the next day the demo is seeded again for that day,
    so its stories (this weekend's parties, camps opening soon) are never out of date."""
    database = tmp_path / "demo-portal.sqlite3"
    with EmbeddedPortal(f"sqlite:///{database}", checkin_day=False):
        pass
    assert database.exists()
    assert discard_aged_demo(database) is False  # the same day: kept, bookings and all
    clock.pin(pinned_clock + timedelta(days=1))
    assert discard_aged_demo(database) is True
    assert not database.exists()
    with EmbeddedPortal(f"sqlite:///{database}", checkin_day=False):
        pass  # seeded again, for the new day
    assert discard_aged_demo(database) is False


def _within(hours: tuple[int, int] | None, start: str, end: str) -> bool:
    return hours is not None and hours[0] <= to_minutes(start) and to_minutes(end) <= hours[1]


@pytest.mark.calendar
def test_nothing_is_bookable_when_the_gyms_are_closed(api, portal):
    """The demo agrees with itself: no camp, Parents Night Out or party on a day of the holiday
    closure the news announces, or outside the opening hours the Location screen shows."""
    with portal.session_factory() as session:
        today = clock.today(zone_named(DEMO_TIMEZONE))
        first, last = holiday_closure(today)
        hours_of = {loc.id: loc.hours for loc in session.scalars(select(Location))}
        closed_news = session.scalars(select(News).where(News.title.like("Closed%"))).one()
        assert f"{first:%B %-d} through January 1" in closed_news.summary
        words = " ".join(n.body for n in session.scalars(select(News)))
        assert "tap Classes on the dashboard" not in words
        assert (
            "at the desk for every class"
            not in session.scalars(select(OrganisationSettings.welcome_body)).one()
        )
        camps = session.scalars(select(Camp)).all()
        assert camps
        for camp in camps:
            for iso in camp.days:
                day = date.fromisoformat(iso)
                assert not first <= day <= last, (camp.name, day)
                hours = opening_minutes(hours_of[camp.location_id], day)
                assert _within(hours, camp.daily_start, camp.daily_end), (camp.name, day, hours)
        longest = {
            loc: max(
                p.duration_minutes
                for p in session.scalars(
                    select(PartyPackage).where(PartyPackage.location_id == loc)
                )
            )
            for loc in hours_of
        }

    # Parties as a family is offered them: the next eight weeks at each location.
    for location_id, hours in hours_of.items():
        offered = 0
        for weeks in range(0, 8, 2):
            start = today + timedelta(weeks=weeks)
            days = api.get(
                f"{V1}/parties/availability",
                params={"locationId": location_id, "start": start.isoformat()},
            ).json()["days"]
            for entry in days:
                day = date.fromisoformat(entry["date"])
                assert not first <= day <= last, (location_id, day)
                for begin in entry["times"]:
                    end = from_minutes(to_minutes(begin) + longest[location_id])
                    assert _within(opening_minutes(hours, day), begin, end), (day, begin)
                    offered += 1
        assert offered > 0


def test_open_gym_never_starts_before_the_doors_open(portal):
    """Check-in's "Open Gym" is placed around now; 20 minutes before opening it starts at
    opening time (its check-in window already open), not before the doors open."""
    with portal.session_factory() as session:
        location = session.get(Location, 1)
        sunday = clock.today(zone_named(DEMO_TIMEZONE))
        while sunday.weekday() != 6:
            sunday += timedelta(days=1)
        opens, _closes = opening_minutes(location.hours, sunday)
        early = datetime.combine(sunday, datetime.min.time(), ZoneInfo(DEMO_TIMEZONE))
        early += timedelta(minutes=opens - 20)
        open_gym, _later = seed_checkin_day(session, now=early)
        slot = open_gym.schedule[0]
        assert to_minutes(slot["startTime"]) >= opens, slot
        settings = session.scalars(select(OrganisationSettings)).one()
        assert to_minutes(slot["startTime"]) - settings.check_in_opens_minutes_before <= opens - 20
