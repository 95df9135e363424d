"""Catalog sync from the portal on loopback: the initial sync of 10,000 classes and 2,000 other
records into an empty cache, its apply rate against a raw sqlite3.executemany of the same rows
(the floor), and delta syncs with nothing changed and with 100 changed classes."""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kiosk.api.client import PortalClient
from kiosk.api.schemas import ChangePage
from kiosk.cache.db import open_cache, write_session
from kiosk.cache.models import Base, CachedClass, CatalogRecord
from kiosk.sync.catalog import CatalogSync, _prepare_upsert, apply_page
from portal.core.db import make_engine, make_session_factory
from portal.models import ClassOffering
from portal.services.catalog import update_class

from .common import Context, Result, copy_sqlite, median, portal_process, timed_result
from .prepare import sync_kiosk_dir

INITIAL_LIMIT_S = 5.0
NOTHING_LIMIT_MS = 50.0
HUNDRED_LIMIT_MS = 300.0
PAGE_SIZE = 500  # CatalogSync's default

# One page's rows for the floor: (catalog_record rows, cached_class rows).
PageRows = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]


def _fetch_all(client: PortalClient) -> list[ChangePage]:
    pages, cursor = [], 0
    while True:
        page = client.changes(after=cursor, limit=PAGE_SIZE)
        pages.append(page)
        cursor = page.cursor
        if not page.has_more or not page.changes:
            return pages


def _kiosk_apply(pages: list[ChangePage], folder: Path) -> float:
    """Apply the pages as the sync does (one transaction per page); seconds."""
    shutil.rmtree(folder, ignore_errors=True)
    factory = open_cache(folder / "kiosk-cache.sqlite3")
    try:
        started = time.perf_counter()
        for page in pages:
            with write_session(factory) as session:
                apply_page(session, page)
        return time.perf_counter() - started
    finally:
        factory.kw["bind"].dispose()


def _floor_rows(pages: list[ChangePage]) -> list[PageRows]:
    """Per page, the cache rows the kiosk writes (catalog_record, cached_class), prepared by
    the kiosk's own code outside any timing; record primary keys numbered as SQLite would."""
    record_columns = [c.name for c in CatalogRecord.__table__.columns if c.name != "id"]
    class_columns = [c.name for c in CachedClass.__table__.columns]
    out = []
    pk = 0
    for page in pages:
        records, classes = [], []
        for change in page.changes:
            if change.op != "upsert" or change.data is None:
                continue
            prepared = _prepare_upsert(change.entity, change.id, change.seq, change.data)
            if prepared is None:
                continue
            record, class_row, _media = prepared
            pk += 1
            records.append(tuple(record[c] for c in record_columns))
            if class_row is not None:
                classes.append(tuple({**class_row, "record_pk": pk}[c] for c in class_columns))
        out.append((records, classes))
    return out


def _floor(rows: list[PageRows], folder: Path) -> float:
    """The same rows into the same tables with raw sqlite3.executemany, same pragmas, one
    transaction per page; seconds."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = folder / "floor.sqlite3"
    engine = make_engine(f"sqlite:///{path}")  # only to create the kiosk's tables
    Base.metadata.create_all(engine)
    engine.dispose()
    record_columns = [c.name for c in CatalogRecord.__table__.columns if c.name != "id"]
    class_columns = [c.name for c in CachedClass.__table__.columns]
    insert_record = (
        f"INSERT INTO catalog_record ({', '.join(record_columns)}) "
        f"VALUES ({', '.join('?' * len(record_columns))})"
    )
    insert_class = (
        f"INSERT INTO cached_class ({', '.join(class_columns)}) "
        f"VALUES ({', '.join('?' * len(class_columns))})"
    )
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        started = time.perf_counter()
        for records, classes in rows:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(insert_record, records)
            if classes:
                conn.executemany(insert_class, classes)
            conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()


def _change_classes(factory: Any, class_ids: list[int], rng: random.Random) -> None:
    """100 classes change (openings, as bookings do), through the portal's service."""
    with factory.begin() as session:
        for class_id in rng.sample(class_ids, 100):
            row = session.get(ClassOffering, class_id)
            assert row is not None
            enrolled = row.enrolled + 1 if row.enrolled < row.capacity else row.enrolled - 1
            update_class(session, class_id, enrolled=enrolled)


def run(ctx: Context) -> list[Result]:
    rng = random.Random(11)
    initial_runs = ctx.samples(3, 1)
    db = copy_sqlite(ctx.big_db, ctx.work / "portal.sqlite3")
    with portal_process(f"sqlite:///{db}", ctx.work / "portal.log") as portal:
        sync_kiosk_dir(portal.url, ctx.work / "warm-up", download_media=False)
        initial = [
            sync_kiosk_dir(portal.url, ctx.work / f"initial-{i}", download_media=False)
            for i in range(initial_runs)
        ]
        with_images_dir = ctx.work / "with-images"
        with_images = sync_kiosk_dir(portal.url, with_images_dir)

        client = PortalClient(portal.url, "demo")
        started = time.perf_counter()
        pages = _fetch_all(client)
        fetch_s = time.perf_counter() - started
        records = sum(len(p.changes) for p in pages)
        applies = [_kiosk_apply(pages, ctx.work / f"apply-{i}") for i in range(initial_runs)]
        rows = _floor_rows(pages)
        floors = [_floor(rows, ctx.work / f"floor-{i}") for i in range(initial_runs)]

        # Deltas, on the cache synced with images (the kiosk's own settings).
        factory = open_cache(with_images_dir / "kiosk-cache.sqlite3")
        sync = CatalogSync(client, factory, with_images_dir / "media")
        for _ in range(3):
            sync.run()  # warm
        nothing = []
        for _ in range(ctx.samples(30, 10)):
            started = time.perf_counter()
            sync.run()
            nothing.append((time.perf_counter() - started) * 1000)
        portal_engine = make_engine(f"sqlite:///{db}")
        portal_factory = make_session_factory(portal_engine)
        with portal_factory() as session:
            class_ids = list(session.scalars(select(ClassOffering.id)))
        hundred, applied = [], []
        for _ in range(ctx.samples(10, 4)):
            _change_classes(portal_factory, class_ids, rng)
            started = time.perf_counter()
            result = sync.run()
            hundred.append((time.perf_counter() - started) * 1000)
            applied.append(result.changes_applied)
        portal_engine.dispose()
        factory.kw["bind"].dispose()
        client.close()

    apply_s, floor_s = median(applies), median(floors)
    return [
        timed_result(
            "initial sync (12k records)",
            "s",
            initial,
            limit=INITIAL_LIMIT_S,
            stat="median",
            notes=(
                f"{records:,} changes in {len(pages)} pages of {PAGE_SIZE} from the portal on "
                f"loopback into an empty cache, images not fetched; the kiosk also fetching "
                f"the images of that catalog: {with_images:.2f} s; fetching the pages alone "
                f"(HTTP + wire parsing) {fetch_s:.2f} s"
            ),
        ),
        Result(
            "initial sync: apply rate",
            "records/s",
            len(applies),
            records / apply_s,
            records / max(applies),
            floor=records / floor_s,
            ratio=floor_s / apply_s,
            notes=(
                f"the pages applied as the sync does (one transaction each): {apply_s:.2f} s; "
                f"floor: the same catalog_record and cached_class rows by raw "
                f"sqlite3.executemany, same pragmas: {floor_s:.3f} s; ratio = apply rate / "
                f"floor rate ({apply_s / floor_s:.1f}x slower); p95 column = slowest run"
            ),
        ),
        timed_result(
            "delta sync: nothing changed",
            "ms",
            nothing,
            limit=NOTHING_LIMIT_MS,
            stat="median",
            notes="the kiosk's sync as configured (images checked too), cache of 12k records",
        ),
        timed_result(
            "delta sync: 100 changes",
            "ms",
            hundred,
            limit=HUNDRED_LIMIT_MS,
            stat="median",
            notes=(
                "100 classes changed through portal.services.catalog.update_class; "
                f"changes applied per run: {sorted(set(applied))}"
            ),
        ),
    ]
