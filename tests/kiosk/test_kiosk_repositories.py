"""Repositories over a hand-filled cache return domain objects in display order."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from kiosk import domain
from kiosk.api.schemas import ChangePage
from kiosk.cache.db import open_cache, write_session
from kiosk.cache.models import CachedClass, CatalogRecord, MediaFile
from kiosk.cache.repositories import (
    CatalogRepository,
    OutboxRepository,
    SyncStateRepository,
    offering_from_json,
    offering_to_json,
)
from kiosk.sync.catalog import apply_page, local_media_name, wipe_catalog


def upsert(seq, entity, record_id, data):
    return {"seq": seq, "entity": entity, "id": str(record_id), "op": "upsert", "data": data}


def cls(class_id, name, **extra):
    data = {
        "id": class_id,
        "locationId": 1,
        "programId": 1,
        "levelId": 1,
        "name": name,
        "minAgeMonths": 36,
        "maxAgeMonths": 72,
        "capacity": 8,
        "enrolled": 8,
        "openings": 0,
        "schedule": [{"dayNumber": 2, "dayName": "Mon", "startTime": "15:30", "endTime": "16:30"}],
        "instructorNames": ["Ann Lee"],
        "tuitionCents": 6500,
    }
    data.update(extra)
    return data


CHANGES = [
    upsert(
        1,
        "settings",
        "org",
        {
            "name": "Springfield Gymnastics",
            "account": "demo",
            "defaultLocationId": 1,
            "branding": {"logo": "/media/logo.svg"},
        },
    ),
    upsert(2, "location", 2, {"id": 2, "name": "West", "sortOrder": 2}),
    upsert(
        3,
        "location",
        1,
        {
            "id": 1,
            "name": "Main",
            "sortOrder": 1,
            "city": "Springfield",
            "hours": [{"days": "Mon-Fri", "open": "15:00", "close": "20:00"}],
        },
    ),
    upsert(
        4,
        "booking_menu",
        11,
        {
            "id": 11,
            "locationId": 1,
            "sortOrder": 2,
            "title": "Camps",
            "subTitle": "Summer fun",
            "target": "camps",
            "typeId": 4,
        },
    ),
    upsert(
        5,
        "booking_menu",
        10,
        {
            "id": 10,
            "locationId": 1,
            "sortOrder": 1,
            "title": "Classes",
            "target": "classes",
            "typeId": None,
        },
    ),
    upsert(
        6,
        "booking_menu",
        12,
        {"id": 12, "locationId": 2, "sortOrder": 1, "title": "West classes", "target": "classes"},
    ),
    upsert(
        7,
        "news",
        1,
        {
            "id": 1,
            "locationId": None,
            "title": "Old, everywhere",
            "publishedAt": "2025-01-01T10:00:00Z",
            "sortOrder": 0,
            "image": "/media/news/1.svg",
        },
    ),
    upsert(
        8,
        "news",
        2,
        {
            "id": 2,
            "locationId": 1,
            "title": "New, main",
            "publishedAt": "2025-03-01T10:00:00Z",
            "sortOrder": 0,
        },
    ),
    upsert(
        9,
        "news",
        3,
        {
            "id": 3,
            "locationId": 2,
            "title": "West only",
            "publishedAt": "2025-04-01T10:00:00Z",
            "sortOrder": 0,
        },
    ),
    upsert(
        10,
        "news",
        4,
        {"id": 4, "locationId": 1, "title": "Pinned", "sortOrder": -1, "publishedAt": None},
    ),
    upsert(11, "class", 20, cls(20, "Tiny Tumblers", openings=2, minAgeMonths=18, maxAgeMonths=36)),
    upsert(
        12,
        "class",
        21,
        cls(
            21,
            "Advanced Team",
            programId=2,
            levelId=3,
            minAgeMonths=96,
            maxAgeMonths=None,
            instructorNames=["Bo Li"],
            schedule=[{"dayNumber": 7, "startTime": "9:00AM"}],
        ),
    ),
    upsert(13, "class", 22, cls(22, "beginner girls", openings=1)),
    upsert(14, "class", 23, cls(23, "Other location", locationId=2, openings=5)),
    upsert(15, "hologram", "x1", {"id": "x1", "locationId": 1, "glow": "blue"}),  # unknown
    upsert(16, "news", 5, {"id": 5, "locationId": 1}),  # no title: skipped
    upsert(17, "program", 1, {"id": 1, "locationId": 1, "kind": "class", "name": "Gymnastics"}),
    upsert(18, "program", 2, {"id": 2, "locationId": 1, "kind": "camp", "name": "Summer"}),
    upsert(
        19,
        "level",
        1,
        {
            "id": 1,
            "locationId": 1,
            "programId": 1,
            "name": "Bronze",
            "sortOrder": 2,
            "color": "#cd7f32",
        },
    ),
    upsert(
        20, "level", 3, {"id": 3, "locationId": 1, "programId": 2, "name": "Gold", "sortOrder": 1}
    ),
    upsert(
        21,
        "staff",
        1,
        {
            "id": 1,
            "locationId": 1,
            "firstName": "Zoe",
            "lastName": "Adams",
            "title": "Coach",
            "sortOrder": 1,
            "photo": "/media/staff/1.svg",
            "showOnPortal": True,
        },
    ),
    upsert(
        22,
        "staff",
        2,
        {
            "id": 2,
            "locationId": None,
            "firstName": "Amy",
            "lastName": "Zed",
            "title": "Owner",
            "sortOrder": 1,
            "isInstructor": False,
        },
    ),
    upsert(
        23,
        "staff",
        3,
        {"id": 3, "locationId": 1, "firstName": "Hidden", "lastName": "X", "showOnPortal": False},
    ),
]


@pytest.fixture
def factory(tmp_path):
    factory = open_cache(tmp_path / "cache.sqlite3")
    with write_session(factory) as session:
        applied, skipped = apply_page(
            session, ChangePage.model_validate({"changes": CHANGES, "cursor": 23, "hasMore": False})
        )
        assert (applied, skipped) == (22, 1)
        SyncStateRepository(session).record_success(23)
        SyncStateRepository(session).set_media_dir(tmp_path / "media")
    media = tmp_path / "media"
    media.mkdir()
    with write_session(factory) as session:
        for path in ("/media/logo.svg", "/media/news/1.svg"):
            session.add(MediaFile(path=path, local_name=local_media_name(path), size=3))
    (media / local_media_name("/media/news/1.svg")).write_text("svg")
    return factory


def test_settings_and_media_paths(factory, tmp_path):
    with factory() as session:
        repo = CatalogRepository(session)
        assert repo.has_catalog()
        settings = repo.settings()
        assert settings is not None and settings.name == "Springfield Gymnastics"
        # the logo has a MediaFile row but no file on disk: not usable, so None
        assert settings.branding.logo is None
        assert repo.media_path("/media/news/1.svg") == str(
            tmp_path / "media" / local_media_name("/media/news/1.svg")
        )


def test_locations_and_booking_menu_in_sort_order(factory):
    with factory() as session:
        repo = CatalogRepository(session)
        assert [loc.name for loc in repo.locations()] == ["Main", "West"]
        main = repo.location(1)
        assert main == domain.Location(
            id=1,
            name="Main",
            city="Springfield",
            hours=(domain.OpeningHours("Mon-Fri", "15:00", "20:00"),),
        )
        assert repo.location(99) is None
        assert repo.booking_menu(1) == [
            domain.BookingMenuItem(10, 1, "Classes", "", "classes", None),
            domain.BookingMenuItem(11, 1, "Camps", "Summer fun", "camps", 4),
        ]


def test_news_for_a_location_includes_organisation_wide_items(factory, tmp_path):
    with factory() as session:
        repo = CatalogRepository(session)
        news = repo.news(1)
        assert [n.title for n in news] == ["Pinned", "New, main", "Old, everywhere"]
        old = news[-1]
        assert old.image == str(tmp_path / "media" / local_media_name("/media/news/1.svg"))
        assert old.published_at == datetime(2025, 1, 1, 10, tzinfo=UTC)
        assert old.location_id is None
        assert [n.title for n in repo.news(2)] == ["West only", "Old, everywhere"]
        assert len(repo.news(None)) == 4
        assert repo.news_item(3).title == "West only"
        assert repo.news_item(5) is None  # skipped when it arrived


def test_programs_levels_and_staff(factory):
    with factory() as session:
        repo = CatalogRepository(session)
        assert [p.name for p in repo.programs(1)] == ["Gymnastics", "Summer"]
        assert [p.name for p in repo.programs(1, kind="camp")] == ["Summer"]
        assert [lv.name for lv in repo.levels(1)] == ["Gold", "Bronze"]  # sortOrder
        assert repo.levels(1, program_id=1) == [
            domain.Level(1, "Bronze", program_id=1, location_id=1, color="#cd7f32")
        ]
        staff = repo.staff(1)
        assert [(m.first_name, m.title) for m in staff] == [("Amy", "Owner"), ("Zoe", "Coach")]
        assert staff[1].photo is None  # not downloaded
        assert [m.id for m in repo.staff(None)] == [2, 1]


def test_unknown_entities_are_kept_as_sent(factory):
    with factory() as session:
        repo = CatalogRepository(session)
        assert repo.record_data("hologram", "x1") == {"id": "x1", "locationId": 1, "glow": "blue"}
        assert repo.count("class") == 4


def test_class_filters(factory):
    with factory() as session:
        repo = CatalogRepository(session)

        def names(**filters):
            return [c.name for c in repo.classes(1, **filters)]

        assert names() == ["Advanced Team", "beginner girls", "Tiny Tumblers"]
        assert names(program_id=2) == ["Advanced Team"]
        assert names(level_id=1) == ["beginner girls", "Tiny Tumblers"]
        assert names(age_months=24) == ["Tiny Tumblers"]
        assert names(age_months=120) == ["Advanced Team"]  # no upper limit
        assert names(days=[7]) == ["Advanced Team"]
        assert names(days=[1, 2]) == ["beginner girls", "Tiny Tumblers"]
        assert names(query="  TINY ") == ["Tiny Tumblers"]
        assert names(query="bo") == ["Advanced Team"]  # instructor
        assert names(query="100%") == []
        assert names(with_openings=True) == ["beginner girls", "Tiny Tumblers"]
        assert names(limit=1, offset=1) == ["beginner girls"]
        assert [c.name for c in repo.classes(2)] == ["Other location"]
        tiny = repo.class_offering(20)
        assert tiny.openings == 2 and tiny.capacity == 8 and tiny.tuition_cents == 6500
        assert tiny.schedule == (domain.ScheduleSlot(2, "Mon", "15:30", "16:30"),)


def test_deleting_a_class_removes_its_finder_row(factory):
    with write_session(factory) as session:
        apply_page(
            session,
            ChangePage.model_validate(
                {
                    "changes": [
                        {"seq": 17, "entity": "class", "id": "21", "op": "delete", "data": None},
                        {
                            "seq": 18,
                            "entity": "class",
                            "id": "20",
                            "op": "upsert",
                            "data": cls(20, "Tiny Tumblers renamed", openings=0),
                        },
                    ],
                    "cursor": 18,
                }
            ),
        )
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(CachedClass)) == 3
        assert session.get(CachedClass, 21) is None
        assert session.get(CachedClass, 20).name == "Tiny Tumblers renamed"
        assert CatalogRepository(session).class_offering(21) is None
        assert (
            session.scalar(
                select(func.count())
                .select_from(CatalogRecord)
                .where(CatalogRecord.entity == "class")
            )
            == 3
        )


def test_empty_cache(tmp_path):
    factory = open_cache(tmp_path / "cache.sqlite3")
    with factory() as session:
        repo = CatalogRepository(session)
        assert not repo.has_catalog()
        assert repo.settings() is None and repo.locations() == [] and repo.news(1) == []
        assert repo.classes(1) == []
        state = SyncStateRepository(session).state()
        assert state == domain.SyncStatus(0, None, None, None)


def test_sync_state_success_and_error(tmp_path):
    factory = open_cache(tmp_path / "cache.sqlite3")
    at = datetime(2025, 5, 1, 12, tzinfo=UTC)
    with write_session(factory) as session:
        SyncStateRepository(session).record_error("The portal could not be reached.", at)
    with factory() as session:
        state = SyncStateRepository(session).state()
        assert state.cursor == 0 and state.last_error == "The portal could not be reached."
        assert state.last_error_at == at
    with write_session(factory) as session:
        SyncStateRepository(session).record_success(42, at)
    with factory() as session:
        assert SyncStateRepository(session).state() == domain.SyncStatus(42, at, None, None)
        assert SyncStateRepository(session).cursor() == 42


def test_outbox_minimal(tmp_path):
    factory = open_cache(tmp_path / "cache.sqlite3")
    with write_session(factory) as session:
        outbox = OutboxRepository(session)
        first = outbox.add("enroll", {"classId": 20}, "key-1")
        second = outbox.add("pay", {"amountCents": 500})
    assert first.state == "pending" and first.attempts == 0 and second.idempotency_key
    with write_session(factory) as session:
        outbox = OutboxRepository(session)
        assert [e.kind for e in outbox.pending()] == ["enroll", "pay"]
        outbox.mark_sending(first.id)
        outbox.mark_delivered(first.id, {"enrollmentId": 7})
        outbox.mark_failed(second.id, "Card declined")
    with factory() as session:
        outbox = OutboxRepository(session)
        assert outbox.pending() == []
        done = outbox.by_key("key-1")
        assert done.state == "delivered" and done.attempts == 1
        assert done.result == {"enrollmentId": 7} and done.payload == {"classId": 20}
        assert outbox.get(second.id).last_error == "Card declined"
    with pytest.raises(IntegrityError), write_session(factory) as session:
        OutboxRepository(session).add("enroll", {"classId": 21}, "key-1")


def test_cache_file_is_plain_sqlite(factory, tmp_path):
    with sqlite3.connect(tmp_path / "cache.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM catalog_record").fetchone()[0] == 22


def test_wiping_the_catalog_keeps_images_for_revalidation(factory):
    with write_session(factory) as session:
        wipe_catalog(session)
    with factory() as session:
        assert not CatalogRepository(session).has_catalog()
        assert session.scalar(select(func.count()).select_from(CachedClass)) == 0
        assert SyncStateRepository(session).cursor() == 0
        rows = session.scalars(select(MediaFile)).all()
        assert rows and all(row.stale for row in rows)


def test_a_cached_class_reads_back_as_it_was_written():
    """The cached_class row's offering JSON (written by hand for speed) reads back as the same
    class, and is the same text the earlier dataclasses.asdict form wrote (caches on kiosks
    keep working)."""
    offering = domain.ClassOffering(
        id=7,
        location_id=1,
        name="Tumbling 1 — “Ninjas”",
        program_id=3,
        level_id=None,
        min_age_months=48,
        max_age_months=None,
        schedule=(
            domain.ScheduleSlot(2, "Monday", "16:00", "17:00"),
            domain.ScheduleSlot(4, "Wednesday", "16:30", "17:30"),
        ),
        instructor_names=("Coach Krupke", "Coach Hoover"),
        capacity=10,
        openings=0,
        allow_waitlist=True,
        tuition_cents=8500,
        description="<p>Flips</p>",
        start_date=date(2027, 1, 4),
        end_date=None,
    )
    text = offering_to_json(offering)
    assert offering_from_json(text) == offering
    earlier = dataclasses.asdict(offering)
    earlier["start_date"], earlier["end_date"] = "2027-01-04", None
    assert text == json.dumps(earlier, separators=(",", ":"), ensure_ascii=False)
