"""Catalog sync against the real portal over HTTP on 127.0.0.1, into real SQLite files."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.api import errors
from kiosk.api.schemas import ChangePage
from kiosk.cache.db import open_cache, write_session
from kiosk.cache.models import CachedClass, CatalogRecord, MediaFile
from kiosk.cache.repositories import CatalogRepository, SyncStateRepository
from kiosk.sync.catalog import ORPHANS_NOTE, CatalogSync
from portal.services import catalog as portal_catalog


def read_feed(client, after: int = 0) -> list:
    changes, cursor = [], after
    while True:
        page = client.changes(after=cursor, limit=1000)
        changes.extend(page.changes)
        cursor = page.cursor
        if not page.has_more:
            return changes


def snapshot(factory) -> tuple[list, list]:
    """Everything the catalog holds, in a comparable form."""
    with factory() as session:
        records = sorted(
            (r.entity, r.record_id, r.location_id, r.sort_key, r.updated_seq, json.loads(r.data))
            for r in session.scalars(select(CatalogRecord))
        )
        columns = [c.key for c in CachedClass.__table__.columns if c.key != "record_pk"]
        classes = sorted(
            tuple(getattr(row, name) for name in columns)
            for row in session.scalars(select(CachedClass))
        )
    return records, classes


def data_version(path: Path) -> sqlite3.Connection:
    """A separate connection: its PRAGMA data_version changes when anyone else commits."""
    return sqlite3.connect(path)


@pytest.fixture
def client(portal, instant_client_class):
    with instant_client_class(portal.url, portal.account, timeout=5, max_retries=2) as client:
        yield client


@pytest.fixture
def cache_path(tmp_path) -> Path:
    return tmp_path / "kiosk" / "kiosk-cache.sqlite3"


@pytest.fixture
def factory(cache_path):
    return open_cache(cache_path)


def make_sync(client, factory, tmp_path, **kwargs) -> CatalogSync:
    kwargs.setdefault("download_media", False)
    return CatalogSync(client, factory, tmp_path / "kiosk" / "media", **kwargs)


def test_initial_sync_fills_the_cache_with_the_feed(client, factory, tmp_path, caplog):
    feed = read_feed(client)
    latest = client.changes(after=0, limit=1).latest
    caplog.set_level(logging.INFO, logger="kiosk")
    result = make_sync(client, factory, tmp_path, page_size=50).run()

    [line] = [r.getMessage() for r in caplog.records if r.name == "kiosk.sync.catalog"]
    assert line.startswith(f"catalog sync: {result.pages} page(s), {len(feed)} change(s)")
    assert f"cursor {latest}" in line

    assert result.cursor == latest
    assert result.changes_applied == len(feed) and result.skipped == 0
    assert result.pages == -(-len(feed) // 50)
    upserts = Counter(c.entity for c in feed if c.op == "upsert")
    with factory() as session:
        cached = Counter(session.scalars(select(CatalogRecord.entity)))
        assert cached == upserts
        assert len(session.scalars(select(CachedClass.id)).all()) == upserts["class"]
        repo = CatalogRepository(session)
        assert repo.has_catalog()
        settings = repo.settings()
        assert settings == client.kiosk_settings().to_domain()  # logo not downloaded: None
        assert [loc.id for loc in repo.locations()] == [1, 2]
        assert repo.booking_menu(1) and repo.classes(1)
        state = SyncStateRepository(session).state()
        assert state.cursor == latest and state.last_success_at and state.last_error is None


def test_news_come_with_downloaded_images(portal, client, factory, tmp_path, caplog):
    result = make_sync(client, factory, tmp_path, download_media=True).run()
    assert result.media_downloaded > 0
    with factory() as session:
        repo = CatalogRepository(session)
        news = repo.news(1)
        assert news
        for item in news:
            assert item.image is not None and Path(item.image).is_file()
            assert Path(item.image).parent == tmp_path / "kiosk" / "media"
        raw = repo.record_data("news", str(news[0].id))
        assert Path(news[0].image).read_bytes() == client.fetch_media(raw["image"])
        logo = repo.settings().branding.logo
        assert logo and Path(logo).read_bytes().startswith(b"<svg")
        staff = repo.staff(1)
        assert staff and all(m.photo and Path(m.photo).is_file() for m in staff if m.photo)
        assert any(m.photo for m in staff)
        assert all(item.image and Path(item.image).is_file() for item in repo.booking_menu(1))
        media_rows = session.scalars(select(MediaFile)).all()
    assert len(media_rows) == result.media_downloaded
    assert not list((tmp_path / "kiosk" / "media").glob("*.tmp"))

    # A missing file is fetched again on the next sync; nothing else is. An image the portal
    # cannot deliver is logged and left for the next sync; the sync itself succeeds.
    Path(news[0].image).unlink()
    with portal.session_factory.begin() as db:
        portal_catalog.update_news(db, news[1].id, image="/media/news/987654.svg")
    again = make_sync(client, factory, tmp_path, download_media=True).run()
    assert again.media_downloaded == 1 and again.changes_applied == 1
    assert Path(news[0].image).is_file()
    with factory() as session:
        assert CatalogRepository(session).news_item(news[1].id).image is None
        assert SyncStateRepository(session).state().last_error is None
    assert "could not download an image (NotFound)" in caplog.text

    # The portal draws news images from the headline: a changed record gets its image
    # revalidated (If-None-Match), fetched again only when the portal says it changed.
    target = news[2]
    with portal.session_factory.begin() as db:
        portal_catalog.update_news(db, target.id, title="Zeppelin")
    retitled = make_sync(client, factory, tmp_path, download_media=True).run()
    assert retitled.changes_applied == 1 and retitled.media_downloaded == 1
    assert b"Zeppelin" in Path(target.image).read_bytes()
    with portal.session_factory.begin() as db:
        portal_catalog.update_news(db, target.id, body="Only the body changed.")
    rebodied = make_sync(client, factory, tmp_path, download_media=True).run()
    assert rebodied.changes_applied == 1 and rebodied.media_downloaded == 0
    with factory() as session:
        assert not any(row.stale for row in session.scalars(select(MediaFile)))
        assert all(row.etag for row in session.scalars(select(MediaFile)))


def test_a_change_to_a_class_moves_exactly_that_change(portal, client, factory, tmp_path):
    sync = make_sync(client, factory, tmp_path)
    first = sync.run()
    with factory() as session:
        target = CatalogRepository(session).classes(1, with_openings=True)[0]
    with portal.session_factory.begin() as db:
        portal_catalog.update_class(
            db, target.id, name="Zebra Flips Plus", enrolled=target.capacity
        )

    result = sync.run()
    assert result.changes_applied == 1 and result.pages == 1
    assert result.cursor == first.cursor + 1
    with factory() as session:
        repo = CatalogRepository(session)
        changed = repo.class_offering(target.id)
        assert changed.name == "Zebra Flips Plus" and changed.openings == 0
        assert [c.id for c in repo.classes(1, query="zebra PLUS")] == [target.id]
        assert target.id not in [c.id for c in repo.classes(1, with_openings=True)]
        row = session.get(CachedClass, target.id)
        assert row.search_text.startswith("zebra flips plus") and row.openings == 0


def test_deletions_propagate(portal, client, factory, tmp_path):
    sync = make_sync(client, factory, tmp_path, download_media=True)
    sync.run()
    with factory() as session:
        repo = CatalogRepository(session)
        doomed_class = repo.classes(1)[0].id
        doomed_news = repo.news(1)[0]
        classes_before = repo.count("class")
    assert doomed_news.image and Path(doomed_news.image).is_file()
    media = tmp_path / "kiosk" / "media"
    orphan = media / ("ab" * 12 + ".svg")  # named like ours, referenced by nothing
    orphan.write_text("<svg/>")
    (media / "README.txt").write_text("not ours: left alone")
    with portal.session_factory.begin() as db:
        portal_catalog.delete_class(db, doomed_class)
        portal_catalog.delete_news(db, doomed_news.id)

    result = sync.run()
    assert result.changes_applied >= 2
    with factory() as session:
        repo = CatalogRepository(session)
        assert repo.class_offering(doomed_class) is None
        assert session.get(CachedClass, doomed_class) is None
        assert repo.count("class") == classes_before - 1
        assert repo.news_item(doomed_news.id) is None
        assert doomed_news.id not in [n.id for n in repo.news(1)]
    # The screen may still load the gone item's image until it has redrawn: the file stays
    # through this sync, and the next one (nothing new) removes it and the stray one.
    assert Path(doomed_news.image).exists() and orphan.exists()
    sync.run()
    assert not Path(doomed_news.image).exists()  # its image is no longer kept
    assert not orphan.exists() and (media / "README.txt").exists()
    assert not (media / ORPHANS_NOTE).exists()  # nothing left to remove


def test_a_sync_with_nothing_new_writes_nothing(client, factory, cache_path, tmp_path):
    sync = make_sync(client, factory, tmp_path, download_media=True)
    first = sync.run()
    observer = data_version(cache_path)
    before = observer.execute("PRAGMA data_version").fetchone()[0]
    size_before = cache_path.with_name(cache_path.name + "-wal").stat().st_size

    result = sync.run()

    assert result.changes_applied == 0 and result.media_downloaded == 0
    assert result.cursor == first.cursor and result.pages == 1
    assert observer.execute("PRAGMA data_version").fetchone()[0] == before
    assert cache_path.with_name(cache_path.name + "-wal").stat().st_size == size_before
    observer.close()
    assert sync.last_checked_at is not None


def test_an_idle_kiosk_refreshes_last_success_at_only_hourly(client, factory, cache_path, tmp_path):
    now = [datetime(2026, 1, 5, 9, 0, tzinfo=UTC)]
    sync = make_sync(client, factory, tmp_path, clock=lambda: now[0])
    sync.run()
    observer = data_version(cache_path)
    before = observer.execute("PRAGMA data_version").fetchone()[0]
    now[0] += timedelta(minutes=59)
    sync.run()
    assert observer.execute("PRAGMA data_version").fetchone()[0] == before
    now[0] += timedelta(minutes=2)
    sync.run()
    assert observer.execute("PRAGMA data_version").fetchone()[0] != before
    observer.close()
    with factory() as session:
        assert SyncStateRepository(session).state().last_success_at == now[0]


def test_portal_going_down_mid_sync_leaves_a_page_boundary_and_resume_matches_fresh_sync(
    portal, instant_client_class, factory, tmp_path
):
    class StopsThePortal(instant_client_class):
        """A real client; after `stop_after` pages the real portal is stopped."""

        stop_after = 3

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.pages: list[ChangePage] = []
            self.asked_after: list[int] = []

        def changes(self, after, limit=500):
            self.asked_after.append(after)
            page = super().changes(after, limit)
            self.pages.append(page)
            if len(self.pages) == self.stop_after:
                portal.stop()
            return page

    flaky = StopsThePortal(portal.url, portal.account, max_retries=2)
    with pytest.raises(errors.PortalUnavailable):
        make_sync(flaky, factory, tmp_path, page_size=20).run()
    assert len(flaky.sleeps) == 2  # retried, instantly

    boundary = flaky.pages[2].cursor
    with factory() as session:
        state = SyncStateRepository(session).state()
        assert state.cursor == boundary
        assert state.last_error and "could not be reached" in state.last_error
        stored = session.scalars(select(CatalogRecord.updated_seq)).all()
    assert len(stored) == sum(len(p.changes) for p in flaky.pages)
    assert max(stored) == boundary

    portal.start()
    resumed_client = StopsThePortal(portal.url, portal.account)
    resumed_client.stop_after = 10**6
    result = make_sync(resumed_client, factory, tmp_path, page_size=20).run()
    assert resumed_client.asked_after[0] == boundary
    assert result.changes_applied == sum(len(p.changes) for p in resumed_client.pages)

    fresh = open_cache(tmp_path / "fresh" / "cache.sqlite3")
    make_sync(resumed_client, fresh, tmp_path / "fresh").run()
    assert snapshot(factory) == snapshot(fresh)
    with factory() as session:
        assert SyncStateRepository(session).state().last_error is None


def test_unknown_account(portal, instant_client_class, factory, tmp_path):
    client = instant_client_class(portal.url, "no-such-gym")
    with pytest.raises(errors.UnknownAccount) as caught:
        client.kiosk_settings()
    assert "no-such-gym" in caught.value.message and caught.value.status == 404
    with pytest.raises(errors.UnknownAccount):
        client.open_locations()
    with pytest.raises(errors.UnknownAccount):
        client.open_classes(1)
    with pytest.raises(errors.UnknownAccount):
        client.ping()
    with pytest.raises(errors.UnknownAccount):
        make_sync(client, factory, tmp_path).run()
    assert client.sleeps == []  # a 404 is not retried
    with factory() as session:
        assert "check the account name" in SyncStateRepository(session).state().last_error


def test_portal_not_running_is_unavailable_after_retries(portal, client, factory, tmp_path):
    assert client.ping() is True
    portal.stop()
    assert client.ping() is False
    client.sleeps.clear()
    with pytest.raises(errors.PortalUnavailable):
        make_sync(client, factory, tmp_path).run()
    assert len(client.sleeps) == client.max_retries
    with factory() as session:
        assert not CatalogRepository(session).has_catalog()
        assert SyncStateRepository(session).state().last_error


def test_cursor_ahead_of_the_portal_rebuilds_the_catalog_from_zero(client, factory, tmp_path):
    sync = make_sync(client, factory, tmp_path)
    first = sync.run()
    # As if the portal's database had been re-created: our cursor is past its newest change,
    # and we hold a record the portal no longer has.
    with write_session(factory) as session:
        SyncStateRepository(session).set_cursor(first.cursor + 500)
        session.add(
            CatalogRecord(
                entity="news",
                record_id="999",
                data='{"id": 999, "title": "x"}',
                updated_seq=first.cursor + 400,
            )
        )
    with pytest.raises(errors.CursorAhead):
        client.changes(after=first.cursor + 500)

    result = sync.run()
    assert result.resynced and result.cursor == first.cursor
    assert result.changes_applied == first.changes_applied
    with factory() as session:
        assert CatalogRepository(session).news_item(999) is None
    fresh = open_cache(tmp_path / "fresh" / "cache.sqlite3")
    make_sync(client, fresh, tmp_path / "fresh").run()
    assert snapshot(factory) == snapshot(fresh)


def test_open_api_classes_across_pages(portal, client):
    class Counting(type(client)):
        calls = 0

        def _request(self, *args, **kwargs):
            type(self).calls += 1
            return super()._request(*args, **kwargs)

    counting = Counting(portal.url, portal.account)
    paged = counting.open_classes(1, limit=7)
    assert Counting.calls > 2
    whole = client.open_classes(1, limit=500)
    assert [c.id for c in paged] == [c.id for c in whole]
    assert len({c.id for c in paged}) == len(paged)
    feed_classes = [c for c in read_feed(client) if c.entity == "class" and c.op == "upsert"]
    assert len(paged) == sum(1 for c in feed_classes if c.data["locationId"] == 1)
    for item in paged:
        for slot in item.schedule:  # 12-hour times on the wire, 24-hour after parsing
            assert len(slot.start_time) == 5 and slot.start_time[2] == ":"

    one = client.open_class(paged[0].id)
    assert one.id == paged[0].id and one.description
    locations = client.open_locations()
    assert [loc.id for loc in locations] == [1, 2]
    assert client.open_levels(1) and client.open_programs(1) and client.open_products(1)
    camps = client.open_camps(1)
    assert camps and client.open_camp(camps[0].id).id == camps[0].id
    menu = client.open_booking_menu(1)
    assert {item.target for item in menu} >= {"classes", "camps"}
    assert client.open_programs(1, kind="camp") and client.open_instructors(1)
    assert client.open_sessions()
    news = client.open_news(1)
    assert news.title
    with pytest.raises(errors.NotFound):
        client.open_news(987654)


def test_a_cache_synced_before_the_words_as_data_gets_them_on_the_next_sync(
    client, cache_path, tmp_path
):
    """Schema 4 (issue #16): records cached by an older kiosk lack the day numbers and the
    organisation's Spanish, and the feed resends a record only when it changes; the migration
    starts the next sync from the first change again, over the cached catalog."""
    factory = open_cache(cache_path)
    make_sync(client, factory, tmp_path).run()
    with write_session(factory) as session:  # as an older kiosk stored them
        for record in session.scalars(select(CatalogRecord)):
            data = json.loads(record.data)
            data.pop("translations", None)
            for hours in data.get("hours") or []:
                hours.pop("dayNumbers", None)
            record.data = json.dumps(data)
        for row in session.scalars(select(CachedClass)):
            offering = json.loads(row.offering)
            offering.pop("translations", None)
            row.offering = json.dumps(offering)
    with sqlite3.connect(cache_path) as conn:
        conn.execute("PRAGMA user_version = 3")
    factory.kw["bind"].dispose()

    factory = open_cache(cache_path)
    with factory() as session:
        repo = CatalogRepository(session)
        assert SyncStateRepository(session).cursor() == 0
        assert repo.news(1) and repo.booking_menu(1)  # screens keep working meanwhile
        assert all(not n.translations for n in repo.news(1))
        assert all(not c.translations for c in repo.classes(1))
    make_sync(client, factory, tmp_path).run()
    with factory() as session:
        repo = CatalogRepository(session)
        news = repo.news(1)
        assert news and all(n.translations["es"]["title"] for n in news)
        assert repo.booking_menu(1)[0].translations["es"]["title"] == "Clases"
        main = repo.location(1)
        assert main is not None and main.hours[0].day_numbers == (2, 3, 4, 5, 6)
        lesson = repo.classes(1)[0]
        assert "minutos por semana" in lesson.translations["es"]["description"]
        assert all(camp.translations["es"]["description"] for camp in repo.camps(1))
