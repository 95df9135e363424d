"""The demo seed: enough realistic data for every kiosk screen, and the documented families."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from portal.core.security import verify_password
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
    seed_demo,
)


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
