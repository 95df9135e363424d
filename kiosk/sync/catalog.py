"""Catalog pull: cursor-based deltas from the portal's change feed, one transaction per page."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.client import PortalClient
from kiosk.api.errors import CursorAhead, PortalError, PortalUnavailable
from kiosk.api.schemas import (
    ENTITY_MODELS,
    MEDIA_ENTITIES,
    ChangePage,
    ClassWire,
    NewsWire,
    StaffWire,
    WireModel,
    media_paths,
    parse_record,
)
from kiosk.cache.db import write_session
from kiosk.cache.models import CachedClass, CatalogRecord, MediaFile, SyncState
from kiosk.cache.repositories import SYNC_STATE_ID, SyncStateRepository, offering_to_json
from kiosk.clock import utcnow
from kiosk.domain import SyncResult

log = logging.getLogger(__name__)

# An idle kiosk syncs every minute; writing "still fine" each time would wear its flash
# storage for nothing. A sync that moved nothing refreshes last_success_at at most this often.
SUCCESS_HEARTBEAT = timedelta(hours=1)

_SORT_OFFSET = 10**10  # lets negative sortOrder values sort correctly as text
_FAR_FUTURE = 99_999_999_999  # seconds; newest-first sorting subtracts from it
_MAX_ID = 999_999_999_999


class CatalogSync:
    """Brings the cached catalog up to date with the portal, and its images into `media_dir`.

    Each page of the change feed is applied in one transaction together with the new cursor,
    so an interrupted sync leaves the cache at a page boundary and the next run resumes there.
    """

    def __init__(
        self,
        client: PortalClient,
        session_factory: sessionmaker[Session],
        media_dir: Path,
        *,
        page_size: int = 500,
        download_media: bool = True,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.client = client
        self.session_factory = session_factory
        self.media_dir = Path(media_dir)
        self.page_size = page_size
        self.download_media = download_media
        self.clock = clock
        self.last_checked_at: datetime | None = None  # in memory: the last sync that succeeded
        self._lock = threading.Lock()

    def run(self, max_pages: int | None = None) -> SyncResult:
        """Pull every page after the stored cursor (at most `max_pages`), then missing images.

        Raises the client's PortalError subclasses (after recording the error in SyncState).
        """
        with self._lock:
            started = time.monotonic()
            try:
                result = self._run(max_pages)
            except Exception as exc:
                self._record_error(exc)
                raise
            self.last_checked_at = self.clock()
            log.info(
                "catalog sync: %d page(s), %d change(s) applied, %d skipped, cursor %d, "
                "%d image(s) downloaded%s, %d ms",
                result.pages,
                result.changes_applied,
                result.skipped,
                result.cursor,
                result.media_downloaded,
                ", catalog rebuilt" if result.resynced else "",
                (time.monotonic() - started) * 1000,
            )
            return result

    # ----- the change feed -----------------------------------------------------------------

    def reset(self) -> None:
        """Forget the whole catalog (the kiosk now talks to another portal or account); the
        next run pulls everything from the start."""
        with write_session(self.session_factory) as session:
            wipe_catalog(session)
            SyncStateRepository(session).set_cursor(0)

    def _run(self, max_pages: int | None) -> SyncResult:
        with self.session_factory() as session:
            state = session.get(SyncState, SYNC_STATE_ID)
            cursor = state.cursor if state else 0
            stored_media_dir = state.media_dir if state else None
            needs_success_mark = (
                state is None
                or state.last_error is not None
                or state.last_success_at is None
                or self.clock() - state.last_success_at >= SUCCESS_HEARTBEAT
            )
        media_dir_text = str(self.media_dir)
        pages = applied = skipped = 0
        wipe = resynced = wrote = False

        while max_pages is None or pages < max_pages:
            try:
                page = self.client.changes(after=cursor, limit=self.page_size)
            except CursorAhead as exc:
                if wipe or cursor == 0:
                    raise
                log.warning(
                    "the portal's change feed restarted (cursor %d, portal latest %s); "
                    "rebuilding the catalog from the start",
                    cursor,
                    exc.latest,
                )
                wipe = resynced = True
                cursor = 0
                continue
            pages += 1
            if page.cursor < cursor:
                log.warning(
                    "the portal answered cursor %d for after=%d; stopping", page.cursor, cursor
                )
                break
            last_page = not page.has_more or (max_pages is not None and pages >= max_pages)
            moved = bool(page.changes) or page.cursor != cursor or wipe
            if moved:
                with write_session(self.session_factory) as session:
                    if wipe:
                        wipe_catalog(session)
                        wipe = False
                    page_applied, page_skipped = apply_page(session, page)
                    states = SyncStateRepository(session)
                    if not page.has_more:
                        states.record_success(page.cursor, self.clock())
                        needs_success_mark = False
                    else:
                        states.set_cursor(page.cursor)
                    if stored_media_dir != media_dir_text:
                        states.set_media_dir(self.media_dir)
                        stored_media_dir = media_dir_text
                applied += page_applied
                skipped += page_skipped + page.skipped
                wrote = True
            else:
                skipped += page.skipped
            cursor = page.cursor
            if last_page:
                break
            if not moved:  # hasMore without progress: do not spin
                log.warning("the portal said more changes follow cursor %d but sent none", cursor)
                break

        downloaded = self._sync_media(catalog_changed=wrote) if self.download_media else 0
        if needs_success_mark or stored_media_dir != media_dir_text:
            with write_session(self.session_factory) as session:
                states = SyncStateRepository(session)
                states.record_success(cursor, self.clock())
                states.set_media_dir(self.media_dir)
        return SyncResult(
            pages=pages,
            changes_applied=applied,
            cursor=cursor,
            media_downloaded=downloaded,
            resynced=resynced,
            skipped=skipped,
        )

    def _record_error(self, exc: Exception) -> None:
        message = exc.message if isinstance(exc, PortalError) else type(exc).__name__
        try:
            with write_session(self.session_factory) as session:
                SyncStateRepository(session).record_error(message, self.clock())
        except Exception:  # never hide the original failure behind a bookkeeping one
            log.exception("could not record the sync error in the cache")

    # ----- media ---------------------------------------------------------------------------

    def _wanted_media(self, session: Session) -> set[str]:
        wanted: set[str] = set()
        rows = session.execute(
            select(CatalogRecord.entity, CatalogRecord.data).where(
                CatalogRecord.entity.in_(MEDIA_ENTITIES)
            )
        )
        for entity, data in rows:
            model = ENTITY_MODELS.get(entity)
            if model is None:
                continue
            try:
                raw = json.loads(data)
            except ValueError:
                continue
            record = parse_record(model, raw, entity)
            if record is not None:
                wanted.update(path for path in media_paths(record) if _fetchable(path))
        return wanted

    def _sync_media(self, *, catalog_changed: bool) -> int:
        """Download images the cache refers to but the disk lacks, and revalidate the ones whose
        records changed; a failure is logged and waits for the next sync."""
        with self.session_factory() as session:
            wanted = self._wanted_media(session)
            have = {row.path: row for row in session.scalars(select(MediaFile))}
        todo = sorted(
            path
            for path in wanted
            if path not in have
            or have[path].stale
            or not (self.media_dir / have[path].local_name).is_file()
        )
        fetched: list[dict[str, Any]] = []
        unchanged: list[str] = []
        for path in todo:
            row = have.get(path)
            name = local_media_name(path)
            on_disk = row is not None and (self.media_dir / row.local_name).is_file()
            try:
                content, etag = self.client.fetch_media_if_changed(
                    path, row.etag if row is not None and on_disk else None
                )
                if content is None:
                    unchanged.append(path)
                    continue
                _write_atomically(self.media_dir, name, content)
            except PortalUnavailable:
                log.warning("the portal went away while downloading images; will retry next sync")
                break
            except (PortalError, OSError) as exc:
                log.warning(
                    "could not download an image (%s); will retry next sync", type(exc).__name__
                )
                continue
            fetched.append(
                {
                    "path": path,
                    "local_name": name,
                    "fetched_at": self.clock(),
                    "size": len(content),
                    "etag": etag,
                    "stale": False,
                }
            )
        stale = [path for path in have if path not in wanted] if catalog_changed else []
        if fetched or stale or unchanged:
            with write_session(self.session_factory) as session:
                if fetched:
                    session.execute(_MEDIA_UPSERT, fetched)
                if unchanged:
                    session.execute(
                        update(MediaFile).where(MediaFile.path.in_(unchanged)).values(stale=False)
                    )
                if stale:
                    session.execute(delete(MediaFile).where(MediaFile.path.in_(stale)))
        # Every sync: a file left unreferenced by an earlier one goes now (see the sweep).
        self._remove_orphan_files()
        left = len(todo) - len(fetched) - len(unchanged)
        if left:
            log.info("%d image(s) still to download", left)
        return len(fetched)

    def _remove_orphan_files(self) -> None:
        """Delete image files no MediaFile row refers to (a news item gone, a rebuilt catalog),
        one sync after they were first found so: until the kiosk has redrawn from the new
        catalog, its screen may still load them (the landing's next slide), and a file deleted
        under it shows an empty slide. The names found are noted in ORPHANS_NOTE for the next
        sync, which runs in a new process.

        Only names this sync creates are touched, so a media_dir shared by mistake is safe.
        """
        with self.session_factory() as session:
            keep = set(session.scalars(select(MediaFile.local_name)))
        try:
            entries = list(self.media_dir.iterdir())
        except OSError:
            return
        orphans = {
            entry.name
            for entry in entries
            if entry.name not in keep and _OWN_FILE_RE.match(entry.name) and entry.is_file()
        }
        note = self.media_dir / ORPHANS_NOTE
        try:
            found_before = set(note.read_text(encoding="utf-8").split())
        except OSError:
            found_before = set()
        for name in orphans & found_before:
            _remove_quietly(self.media_dir / name)
        newly_found = orphans - found_before
        if newly_found:
            _write_atomically(self.media_dir, ORPHANS_NOTE, "\n".join(sorted(newly_found)).encode())
        elif found_before:
            _remove_quietly(note)


# ----- applying a page ----------------------------------------------------------------------


_RECORDS: Table = CatalogRecord.__table__  # type: ignore[assignment]
_CLASSES: Table = CachedClass.__table__  # type: ignore[assignment]


def _upsert_statement(table: Any, key: list[str], keep: tuple[str, ...] = ()) -> Any:
    stmt = sqlite_insert(table)
    updates = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in (*key, *keep)}
    return stmt.on_conflict_do_update(index_elements=key, set_=updates)


# Built once and run with executemany: a page of 500 changes is a handful of statements.
_RECORD_UPSERT = _upsert_statement(_RECORDS, ["entity", "record_id"], keep=("id",))
_CLASS_UPSERT = _upsert_statement(_CLASSES, ["id"])
_MEDIA_UPSERT = _upsert_statement(MediaFile.__table__, ["path"])
_RECORD_DELETE = delete(_RECORDS).where(
    _RECORDS.c.entity == bindparam("d_entity"), _RECORDS.c.record_id == bindparam("d_record_id")
)


def apply_page(session: Session, page: ChangePage) -> tuple[int, int]:
    """Apply one page of changes in the caller's transaction; (applied, skipped).

    An upsert the kiosk cannot read is skipped and logged by id; whatever version of that
    record the cache had stays. Unknown entities are stored as sent.
    """
    final: dict[tuple[str, str], _Prepared | None] = {}
    applied = skipped = 0
    for change in page.changes:
        key = (change.entity, change.id)
        if change.op == "delete":
            final[key] = None
        elif change.op == "upsert":
            prepared = _prepare_upsert(change.entity, change.id, change.seq, change.data)
            if prepared is None:
                skipped += 1
                continue
            final[key] = prepared
        else:
            log.warning("skipped change seq=%d with unknown op", change.seq)
            skipped += 1
            continue
        applied += 1

    changed_media: set[str] = set()
    for value in final.values():
        if value is not None:
            changed_media.update(value[2])
    if changed_media:  # the portal may render an image from the record: ask again next time
        session.execute(
            update(MediaFile).where(MediaFile.path.in_(sorted(changed_media))).values(stale=True)
        )
    deletes = [{"d_entity": e, "d_record_id": i} for (e, i), v in final.items() if v is None]
    upserts = [v for v in final.values() if v is not None]
    if deletes:  # cached_class rows go with their record (ON DELETE CASCADE)
        session.execute(_RECORD_DELETE, deletes)
    if upserts:
        session.execute(_RECORD_UPSERT, [record for record, _, _ in upserts])
    classes = [row for _, row, _ in upserts if row is not None]
    if classes:
        ids = [str(row["id"]) for row in classes]
        pks: dict[str, int] = {}
        for start in range(0, len(ids), 500):
            pks.update(
                (record_id, pk)
                for pk, record_id in session.execute(
                    select(_RECORDS.c.id, _RECORDS.c.record_id).where(
                        _RECORDS.c.entity == "class",
                        _RECORDS.c.record_id.in_(ids[start : start + 500]),
                    )
                )
            )
        session.execute(
            _CLASS_UPSERT, [{**row, "record_pk": pks[str(row["id"])]} for row in classes]
        )
    return applied, skipped


# (catalog_record row, cached_class row or None, image paths the record uses)
_Prepared = tuple[dict[str, Any], dict[str, Any] | None, list[str]]


def _prepare_upsert(
    entity: str, record_id: str, seq: int, data: dict[str, Any] | None
) -> _Prepared | None:
    """The rows to write for one upserted record, or None if it cannot be read."""
    if data is None:
        log.warning("skipped %s upsert id=%s without data (seq=%d)", entity, record_id, seq)
        return None
    model = ENTITY_MODELS.get(entity)
    record: WireModel | None = None
    if model is not None:
        record = parse_record(model, data, entity)
        if record is None:
            return None  # logged by parse_record
    class_row = None
    if isinstance(record, ClassWire):
        if str(record.id) != record_id:
            log.warning("skipped class id=%s whose data says id=%s", record_id, record.id)
            return None
        class_row = _class_row(record)
    return (
        {
            "entity": entity,
            "record_id": record_id,
            "location_id": _location_id(record, data),
            "sort_key": sort_key_for(entity, record_id, record, data),
            "data": json.dumps(data, separators=(",", ":"), ensure_ascii=False),
            "updated_seq": seq,
        },
        class_row,
        media_paths(record) if record is not None else [],
    )


def _class_row(record: ClassWire) -> dict[str, Any]:
    offering = record.to_domain()
    return {
        "id": record.id,
        "location_id": record.location_id,
        "program_id": record.program_id,
        "level_id": record.level_id,
        "name": record.name,
        "sort_name": record.name.lower(),
        "min_age_months": record.min_age_months,
        "max_age_months": record.max_age_months,
        "openings": offering.openings,
        "days_mask": record.days_mask,
        "earliest_start_minute": record.earliest_start_minute,
        "search_text": record.search_text(),
        "offering": offering_to_json(offering),
    }


def wipe_catalog(session: Session) -> None:
    session.execute(delete(CachedClass))
    session.execute(delete(CatalogRecord))
    # The recreated portal may reuse image paths for other images: revalidate them all.
    session.execute(update(MediaFile).values(stale=True))
    SyncStateRepository(session).set_cursor(0)


def _location_id(record: WireModel | None, data: dict[str, Any]) -> int | None:
    if record is not None:
        value = getattr(record, "location_id", None)
        return value if isinstance(value, int) else None
    raw = data.get("locationId")
    return raw if isinstance(raw, int) and not isinstance(raw, bool) else None


def _int_id(record_id: str) -> int:
    return int(record_id) if record_id.isdigit() else 0


def sort_key_for(
    entity: str, record_id: str, record: WireModel | None, data: dict[str, Any]
) -> str:
    """Text that ORDER BY sorts into display order: sortOrder, then name (news: newest first)."""
    sort_order = getattr(record, "sort_order", None) if record is not None else None
    order = f"{(sort_order or 0) + _SORT_OFFSET:011d}"
    if isinstance(record, NewsWire):
        stamp = int(record.published_at.timestamp()) if record.published_at else 0
        return f"{order}|{_FAR_FUTURE - stamp:011d}|{_MAX_ID - _int_id(record_id):012d}"
    name = ""
    if isinstance(record, StaffWire):
        name = f"{record.first_name} {record.last_name}"
    elif record is not None:
        for attr in ("name", "title"):
            value = getattr(record, attr, None)
            if isinstance(value, str) and value:
                name = value
                break
    elif isinstance(data.get("name"), str):
        name = data["name"]
    return f"{order}|{name.lower()[:120]}|{_int_id(record_id):012d}|{record_id[:40]}"


# ----- media files --------------------------------------------------------------------------

_SUFFIX_RE = re.compile(r"^\.[a-z0-9]{1,5}$")
ORPHANS_NOTE = ".orphans"  # image files found unreferenced by the last sync, removed by the next
_OWN_FILE_RE = re.compile(r"^(?:[0-9a-f]{24}(?:\.[a-z0-9]{1,5})?|\.download-.*\.tmp)$")


def _fetchable(path: str) -> bool:
    return path.startswith("/") or path.startswith(("http://", "https://"))


def local_media_name(path: str) -> str:
    """A safe, stable local file name for a portal image path (hash + original extension)."""
    digest = hashlib.sha256(path.encode("utf-8")).hexdigest()[:24]
    suffix = PurePosixPath(urlsplit(path).path).suffix.lower()
    return digest + (suffix if _SUFFIX_RE.match(suffix) else "")


def _write_atomically(folder: Path, name: str, content: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".download-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp_name, folder / name)
    except BaseException:
        _remove_quietly(Path(tmp_name))
        raise


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


# ----- which source filled the cache --------------------------------------------------------

CATALOG_SOURCE_FILE = "catalog-source"


def ensure_catalog_source(
    session_factory: sessionmaker[Session], data_dir: Path, identity: str
) -> bool:
    """Forget the cached catalog when another source (feed or iClassPro account, another portal
    or account) filled it: a change-feed cursor means nothing to a refresh, and the other way
    round. `identity` names the source; True when the catalog was wiped."""
    marker = Path(data_dir) / CATALOG_SOURCE_FILE
    try:
        before = marker.read_text(encoding="utf-8").strip()
    except OSError:
        before = None
    if before == identity:
        return False
    with session_factory() as session:
        had_catalog = session.scalar(select(CatalogRecord.id).limit(1)) is not None
    # A cache from before the kiosk noted its source was filled by the change feed.
    upgraded = before is None and identity.startswith("portal ")
    if had_catalog and not upgraded:
        log.info("the catalog came from another source; starting it over")
        with write_session(session_factory) as session:
            wipe_catalog(session)
    _write_atomically(Path(data_dir), CATALOG_SOURCE_FILE, (identity + "\n").encode("utf-8"))
    return had_catalog and not upgraded
