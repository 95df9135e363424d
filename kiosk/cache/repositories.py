"""Repositories over the cache: they take a Session and return kiosk.domain objects, never rows."""

from __future__ import annotations

import dataclasses
import json
import logging
import uuid
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.orm import Session

from kiosk import domain
from kiosk.api.schemas import (
    AppointmentTypeWire,
    BookingMenuWire,
    CampTypeWire,
    CampWire,
    LevelWire,
    LocationWire,
    NewsWire,
    OrgSettingsWire,
    PartyPackageWire,
    ProductWire,
    ProgramWire,
    StaffWire,
    WireModel,
    parse_record,
)
from kiosk.clock import utcnow

from .models import CachedClass, CatalogRecord, MediaFile, OutboxItem, SyncState

log = logging.getLogger(__name__)

W = TypeVar("W", bound=WireModel)

SYNC_STATE_ID = 1


class CatalogRepository:
    """Read the cached catalog. Image fields are local file paths (None until downloaded).

    `media_dir` defaults to the folder the sync recorded in the cache.
    """

    def __init__(self, session: Session, media_dir: Path | None = None) -> None:
        self._session = session
        self._media_dir = media_dir
        self._media: dict[str, str] | None = None

    # ----- media ---------------------------------------------------------------------------

    def _media_map(self) -> dict[str, str]:
        if self._media is None:
            rows = self._session.execute(select(MediaFile.path, MediaFile.local_name)).all()
            self._media = {path: name for path, name in rows}
        return self._media

    def _resolved_media_dir(self) -> Path | None:
        if self._media_dir is None:
            stored = self._session.scalar(
                select(SyncState.media_dir).where(SyncState.id == SYNC_STATE_ID)
            )
            if stored:
                self._media_dir = Path(stored)
        return self._media_dir

    def media_path(self, portal_path: str) -> str | None:
        """The local file for an image path the portal sent, or None if not downloaded."""
        name = self._media_map().get(portal_path)
        folder = self._resolved_media_dir()
        if not name or folder is None:
            return None
        local = folder / name
        return str(local) if local.is_file() else None

    # ----- records -------------------------------------------------------------------------

    def _records(
        self,
        model: type[W],
        entity: str,
        *,
        location_id: int | None = None,
        include_org_wide: bool = False,
        any_location: bool = False,
    ) -> Iterator[W]:
        query = select(CatalogRecord.record_id, CatalogRecord.data).where(
            CatalogRecord.entity == entity
        )
        if not any_location:
            if include_org_wide:
                query = query.where(
                    or_(
                        CatalogRecord.location_id == location_id,
                        CatalogRecord.location_id.is_(None),
                    )
                )
            else:
                query = query.where(CatalogRecord.location_id == location_id)
        query = query.order_by(CatalogRecord.sort_key, CatalogRecord.id)
        for _record_id, data in self._session.execute(query):
            record = _load(model, data, entity)
            if record is not None:
                yield record

    def _record(self, model: type[W], entity: str, record_id: str) -> W | None:
        data = self._session.scalar(
            select(CatalogRecord.data).where(
                CatalogRecord.entity == entity, CatalogRecord.record_id == record_id
            )
        )
        return _load(model, data, entity) if data is not None else None

    def has_catalog(self) -> bool:
        """True once the organisation settings have arrived (the first sync got that far)."""
        found = self._session.scalar(
            select(CatalogRecord.id).where(CatalogRecord.entity == "settings").limit(1)
        )
        return found is not None

    def settings(self) -> domain.OrgSettings | None:
        records = list(self._records(OrgSettingsWire, "settings", any_location=True))
        return records[0].to_domain(self.media_path) if records else None

    def locations(self) -> list[domain.Location]:
        records = self._records(LocationWire, "location", any_location=True)
        return [record.to_domain(self.media_path) for record in records]

    def location(self, location_id: int) -> domain.Location | None:
        record = self._record(LocationWire, "location", str(location_id))
        return record.to_domain(self.media_path) if record else None

    def booking_menu(self, location_id: int) -> list[domain.BookingMenuItem]:
        records = self._records(BookingMenuWire, "booking_menu", location_id=location_id)
        return [record.to_domain(self.media_path) for record in records]

    def news(self, location_id: int | None) -> list[domain.NewsItem]:
        """News of `location_id` plus organisation-wide news, by sortOrder then newest first.

        With `location_id=None`, every location's news.
        """
        records = self._records(
            NewsWire,
            "news",
            location_id=location_id,
            include_org_wide=True,
            any_location=location_id is None,
        )
        return [record.to_domain(self.media_path) for record in records]

    def news_item(self, news_id: int) -> domain.NewsItem | None:
        record = self._record(NewsWire, "news", str(news_id))
        return record.to_domain(self.media_path) if record else None

    def programs(self, location_id: int, kind: str | None = None) -> list[domain.Program]:
        """Programs of a location (and organisation-wide ones), optionally of one kind."""
        records = self._records(
            ProgramWire, "program", location_id=location_id, include_org_wide=True
        )
        return [r.to_domain() for r in records if kind is None or r.kind == kind]

    def levels(self, location_id: int, program_id: int | None = None) -> list[domain.Level]:
        records = self._records(LevelWire, "level", location_id=location_id, include_org_wide=True)
        return [r.to_domain() for r in records if program_id is None or r.program_id == program_id]

    def staff(self, location_id: int | None) -> list[domain.StaffMember]:
        """'Meet the Staff': those shown on the portal, of the location plus organisation-wide."""
        records = self._records(
            StaffWire,
            "staff",
            location_id=location_id,
            include_org_wide=True,
            any_location=location_id is None,
        )
        return [r.to_domain(self.media_path) for r in records if r.show_on_portal]

    def camp_types(self, location_id: int) -> list[domain.CampType]:
        records = self._records(
            CampTypeWire, "camp_type", location_id=location_id, include_org_wide=True
        )
        return [r.to_domain() for r in records]

    def camps(self, location_id: int, type_id: int | None = None) -> list[domain.Camp]:
        records = self._records(CampWire, "camp", location_id=location_id)
        camps = [r.to_domain(self.media_path) for r in records]
        camps = [c for c in camps if type_id is None or c.type_id == type_id]
        return sorted(camps, key=lambda c: (c.start_date or date.max, c.name))

    def camp(self, camp_id: int) -> domain.Camp | None:
        record = self._record(CampWire, "camp", str(camp_id))
        return record.to_domain(self.media_path) if record else None

    def products(self, location_id: int) -> list[domain.Product]:
        records = self._records(
            ProductWire, "product", location_id=location_id, include_org_wide=True
        )
        return [r.to_domain(self.media_path) for r in records]

    def party_packages(self, location_id: int) -> list[domain.PartyPackage]:
        records = self._records(
            PartyPackageWire, "party_package", location_id=location_id, include_org_wide=True
        )
        return [r.to_domain() for r in records]

    def appointment_types(self, location_id: int) -> list[domain.AppointmentType]:
        records = self._records(
            AppointmentTypeWire,
            "appointment_type",
            location_id=location_id,
            include_org_wide=True,
        )
        return [r.to_domain() for r in records]

    def record_data(self, entity: str, record_id: str) -> dict[str, Any] | None:
        """The raw JSON of any cached record (also entities this kiosk does not model yet)."""
        data = self._session.scalar(
            select(CatalogRecord.data).where(
                CatalogRecord.entity == entity, CatalogRecord.record_id == record_id
            )
        )
        return json.loads(data) if data is not None else None

    def count(self, entity: str) -> int:
        return int(
            self._session.scalar(
                select(func.count())
                .select_from(CatalogRecord)
                .where(CatalogRecord.entity == entity)
            )
            or 0
        )

    # ----- classes -------------------------------------------------------------------------

    def classes(
        self,
        location_id: int,
        *,
        program_id: int | None = None,
        level_id: int | None = None,
        age_months: int | None = None,
        days: Iterable[int] | None = None,
        query: str | None = None,
        with_openings: bool = False,
        starts_between: tuple[int, int] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[domain.ClassOffering]:
        """Classes of a location, by name. `days` are dayNumbers (1 = Sunday .. 7 = Saturday):
        a class matches when it meets on any of them. `query` matches every word against the
        name and instructors, case-insensitively. Filters run on indexed columns; use `limit`
        and `offset` to load a screenful at a time."""
        stmt = _class_filter(
            select(CachedClass.offering),
            location_id,
            program_id,
            level_id,
            age_months,
            days,
            query,
            with_openings,
            starts_between,
        ).order_by(CachedClass.sort_name, CachedClass.id)
        if limit is not None:
            stmt = stmt.limit(limit)
        if offset:
            stmt = stmt.offset(offset)
        return [offering_from_json(text) for text in self._session.scalars(stmt)]

    def class_ids(
        self,
        location_id: int,
        *,
        program_id: int | None = None,
        level_id: int | None = None,
        age_months: int | None = None,
        days: Iterable[int] | None = None,
        query: str | None = None,
        with_openings: bool = False,
        starts_between: tuple[int, int] | None = None,
    ) -> list[int]:
        """The ids `classes()` would return, in the same order, without loading the classes."""
        stmt = _class_filter(
            select(CachedClass.id),
            location_id,
            program_id,
            level_id,
            age_months,
            days,
            query,
            with_openings,
            starts_between,
        ).order_by(CachedClass.sort_name, CachedClass.id)
        # Core, not the ORM: plain integers need no ORM loading (10,000 ids in 5 ms, not 8).
        return list(self._session.connection().execute(stmt).scalars().all())

    def count_classes(
        self,
        location_id: int,
        *,
        program_id: int | None = None,
        level_id: int | None = None,
        age_months: int | None = None,
        days: Iterable[int] | None = None,
        query: str | None = None,
        with_openings: bool = False,
        starts_between: tuple[int, int] | None = None,
    ) -> int:
        stmt = _class_filter(
            select(func.count(CachedClass.id)),
            location_id,
            program_id,
            level_id,
            age_months,
            days,
            query,
            with_openings,
            starts_between,
        )
        return int(self._session.scalar(stmt) or 0)

    def class_offering(self, class_id: int) -> domain.ClassOffering | None:
        text = self._session.scalar(select(CachedClass.offering).where(CachedClass.id == class_id))
        return offering_from_json(text) if text is not None else None

    def class_offerings(self, class_ids: Iterable[int]) -> dict[int, domain.ClassOffering]:
        """Several classes in one query (a screenful of cards), by id; unknown ids left out."""
        rows = self._session.execute(
            select(CachedClass.id, CachedClass.offering).where(CachedClass.id.in_(list(class_ids)))
        )
        return {class_id: offering_from_json(text) for class_id, text in rows}


def _class_filter(
    stmt: Select[Any],
    location_id: int,
    program_id: int | None,
    level_id: int | None,
    age_months: int | None,
    days: Iterable[int] | None,
    query: str | None,
    with_openings: bool,
    starts_between: tuple[int, int] | None = None,
) -> Select[Any]:
    stmt = stmt.where(CachedClass.location_id == location_id)
    if program_id is not None:
        stmt = stmt.where(CachedClass.program_id == program_id)
    if level_id is not None:
        stmt = stmt.where(CachedClass.level_id == level_id)
    if age_months is not None:
        stmt = stmt.where(
            or_(CachedClass.min_age_months.is_(None), CachedClass.min_age_months <= age_months),
            or_(CachedClass.max_age_months.is_(None), CachedClass.max_age_months >= age_months),
        )
    if days is not None:
        mask = 0
        for day in days:
            if 1 <= day <= 7:
                mask |= 1 << (day - 1)
        stmt = stmt.where(CachedClass.days_mask.op("&")(mask) != 0)
    if query and query.strip():
        for word in query.lower().split():
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(CachedClass.search_text.like(f"%{escaped}%", escape="\\"))
    if with_openings:
        stmt = stmt.where(CachedClass.openings > 0)
    if starts_between is not None:  # minutes after midnight, [from, to)
        stmt = stmt.where(
            CachedClass.earliest_start_minute >= starts_between[0],
            CachedClass.earliest_start_minute < starts_between[1],
        )
    return stmt


def offering_to_json(offering: domain.ClassOffering) -> str:
    """A ClassOffering as compact JSON (dates as ISO text), for the cached_class table."""
    # By hand, not dataclasses.asdict: asdict deep-copies every value and was a third of the
    # initial sync's time (bench: initial sync apply rate). The round trip is tested.
    data = {field.name: getattr(offering, field.name) for field in _OFFERING_FIELDS}
    data["schedule"] = [
        {
            "day_number": slot.day_number,
            "day_name": slot.day_name,
            "start_time": slot.start_time,
            "end_time": slot.end_time,
        }
        for slot in offering.schedule
    ]
    data["instructor_names"] = list(offering.instructor_names)
    for name in ("start_date", "end_date"):
        value = data[name]
        data[name] = value.isoformat() if value is not None else None
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


_OFFERING_FIELDS = dataclasses.fields(domain.ClassOffering)


def offering_from_json(text: str) -> domain.ClassOffering:
    data = json.loads(text)
    data["schedule"] = tuple(domain.ScheduleSlot(**slot) for slot in data["schedule"])
    data["instructor_names"] = tuple(data["instructor_names"])
    for name in ("start_date", "end_date"):
        value = data.get(name)
        data[name] = date.fromisoformat(value) if value else None
    return domain.ClassOffering(**data)


def _load(model: type[W], data: str, entity: str) -> W | None:
    try:
        raw = json.loads(data)
    except ValueError:
        log.warning("cached %s record is not valid JSON; ignored", entity)
        return None
    return parse_record(model, raw, entity)


class SyncStateRepository:
    """The single sync-state row: the change-feed cursor and the last outcome."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self) -> SyncState | None:
        return self._session.get(SyncState, SYNC_STATE_ID)

    def _row_for_write(self) -> SyncState:
        row = self._row()
        if row is None:
            row = SyncState(id=SYNC_STATE_ID, cursor=0)
            self._session.add(row)
        return row

    def cursor(self) -> int:
        value = self._session.scalar(select(SyncState.cursor).where(SyncState.id == SYNC_STATE_ID))
        return int(value or 0)

    def state(self) -> domain.SyncStatus:
        row = self._row()
        if row is None:
            return domain.SyncStatus(
                cursor=0, last_success_at=None, last_error=None, last_error_at=None
            )
        return domain.SyncStatus(
            cursor=row.cursor,
            last_success_at=row.last_success_at,
            last_error=row.last_error,
            last_error_at=row.last_error_at,
        )

    def set_cursor(self, cursor: int) -> None:
        self._row_for_write().cursor = cursor

    def record_success(self, cursor: int, at: datetime | None = None) -> None:
        row = self._row_for_write()
        row.cursor = cursor
        row.last_success_at = at or utcnow()
        row.last_error = None
        row.last_error_at = None

    def record_error(self, message: str, at: datetime | None = None) -> None:
        row = self._row_for_write()
        row.last_error = message[:500]
        row.last_error_at = at or utcnow()

    def media_dir(self) -> Path | None:
        value = self._session.scalar(
            select(SyncState.media_dir).where(SyncState.id == SYNC_STATE_ID)
        )
        return Path(value) if value else None

    def set_media_dir(self, media_dir: Path) -> None:
        self._row_for_write().media_dir = str(media_dir)


class OutboxRepository:
    """Actions queued for the portal. Minimal for now; the outbox push builds on it."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self, kind: str, payload: dict[str, Any], idempotency_key: str | None = None
    ) -> domain.OutboxEntry:
        item = OutboxItem(
            idempotency_key=idempotency_key or str(uuid.uuid4()),
            kind=kind,
            payload=json.dumps(payload, separators=(",", ":")),
            state="pending",
            attempts=0,
            created_at=utcnow(),
        )
        self._session.add(item)
        self._session.flush()
        return _entry(item)

    def get(self, item_id: int) -> domain.OutboxEntry | None:
        item = self._session.get(OutboxItem, item_id)
        return _entry(item) if item else None

    def by_key(self, idempotency_key: str) -> domain.OutboxEntry | None:
        item = self._session.scalar(
            select(OutboxItem).where(OutboxItem.idempotency_key == idempotency_key)
        )
        return _entry(item) if item else None

    def pending(self) -> list[domain.OutboxEntry]:
        """Items still to deliver, oldest first (`sending` ones were cut off mid-delivery)."""
        items = self._session.scalars(
            select(OutboxItem)
            .where(OutboxItem.state.in_(("pending", "sending")))
            .order_by(OutboxItem.id)
        )
        return [_entry(item) for item in items]

    def mark_sending(self, item_id: int) -> None:
        self._session.execute(
            update(OutboxItem)
            .where(OutboxItem.id == item_id)
            .values(state="sending", attempts=OutboxItem.attempts + 1, updated_at=utcnow())
        )

    def mark_delivered(self, item_id: int, result: dict[str, Any] | None = None) -> None:
        self._session.execute(
            update(OutboxItem)
            .where(OutboxItem.id == item_id)
            .values(
                state="delivered",
                result=json.dumps(result) if result is not None else None,
                last_error=None,
                updated_at=utcnow(),
            )
        )

    def mark_failed(self, item_id: int, error: str, *, retry: bool = False) -> None:
        """Record a failure; with `retry` the item goes back to pending for another attempt."""
        self._session.execute(
            update(OutboxItem)
            .where(OutboxItem.id == item_id)
            .values(
                state="pending" if retry else "failed",
                last_error=error[:500],
                updated_at=utcnow(),
            )
        )

    def purge_delivered(self) -> int:
        result = self._session.execute(delete(OutboxItem).where(OutboxItem.state == "delivered"))
        return int(getattr(result, "rowcount", 0) or 0)


def _entry(item: OutboxItem) -> domain.OutboxEntry:
    return domain.OutboxEntry(
        id=item.id,
        idempotency_key=item.idempotency_key,
        kind=item.kind,
        payload=json.loads(item.payload),
        state=item.state,
        attempts=item.attempts,
        created_at=item.created_at,
        last_error=item.last_error,
        result=json.loads(item.result) if item.result else None,
    )
