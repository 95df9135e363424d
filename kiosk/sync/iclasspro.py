"""Browse mode's catalog: an iClassPro account's open API, refreshed and diffed into the cache.

The open API has no change feed, so each refresh reads the whole public catalog (or, between
full refreshes, only the class list for its openings), turns every record into the shape the
change feed carries (docs/sync-contract.md) and writes the difference from what the cache holds
in one transaction: an unchanged catalog writes nothing, and every browsing screen reads the
cache as it does with our own portal.

A live account is untidy: records are parsed tolerantly (kiosk.api.schemas), a record that
cannot be read is skipped and logged by id, descriptions are reduced to the HTML allow-list,
and a feature the facility's plan lacks (a 400) leaves that part of the catalog empty.
"""

from __future__ import annotations

import html
import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

import nh3
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api import errors
from kiosk.api.client import PortalClient
from kiosk.api.schemas import (
    ChangePage,
    OpenBookingItem,
    OpenCamp,
    OpenClass,
    OpenLocation,
    OpenProduct,
    OpenScheduleSlot,
    _money_cents,
)
from kiosk.cache.db import write_session
from kiosk.cache.models import CatalogRecord, SyncState
from kiosk.cache.repositories import SYNC_STATE_ID, SyncStateRepository
from kiosk.clock import utcnow
from kiosk.domain import SyncResult
from kiosk.html import sanitize_html
from kiosk.i18n import _
from kiosk.sync.catalog import SUCCESS_HEARTBEAT, CatalogSync, apply_page

log = logging.getLogger(__name__)

SIGN_IN_SENTENCE = "please sign in to see classes"
SignInRequired = errors.SignInRequired
# The parts of the catalog a full refresh owns: anything else in the cache (a change feed's
# news, policies, appointment types...) is not this account's and goes.
_CLASS_ENTITIES = frozenset({"class"})


class PoliteClient(PortalClient):
    """A PortalClient that keeps to a ceiling of requests per minute (one at a time: the sync
    is the only caller). Errors back off in PortalClient._request."""

    def __init__(self, *args: Any, requests_per_minute: int = 60, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.requests_per_minute = max(1, requests_per_minute)
        self._sent: deque[float] = deque()
        self._pace_lock = threading.Lock()

    def _monotonic(self) -> float:
        return time.monotonic()

    def _pace(self) -> None:
        with self._pace_lock:
            now = self._monotonic()
            while self._sent and now - self._sent[0] >= 60.0:
                self._sent.popleft()
            if len(self._sent) >= self.requests_per_minute:
                wait = 60.0 - (now - self._sent[0])
                if wait > 0:
                    self._sleep(wait)
                self._sent.popleft()
            self._sent.append(self._monotonic())

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        self._pace()
        return super()._request(method, path, **kwargs)


@dataclass
class _Catalog:
    """The records one refresh wants in the cache: {(entity, record_id): data}."""

    records: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    # record ids seen at more than one location become organisation-wide
    _locations: dict[tuple[str, str], set[int]] = field(default_factory=dict)

    def put(self, entity: str, record_id: str, data: dict[str, Any]) -> None:
        self.records[(entity, record_id)] = data

    def put_shared(self, entity: str, record_id: str, data: dict[str, Any], location: int) -> None:
        """A record a location lists that other locations may list too (programs, levels...)."""
        seen = self._locations.setdefault((entity, record_id), set())
        seen.add(location)
        self.records[(entity, record_id)] = {
            **data,
            "locationId": location if len(seen) == 1 else None,
        }


class IClassProSync:
    """Fills the cache from an iClassPro-shaped open API (`/api/open/v1/{account}/...`).

    `run(full=True)` reads the whole public catalog; `run(full=False)` only the class lists,
    for their openings (it falls back to a full refresh while the cache has no catalog).
    """

    def __init__(
        self,
        client: PortalClient,
        session_factory: sessionmaker[Session],
        media_dir: Path,
        *,
        timezone: str | None = None,
        download_media: bool = True,
        page_size: int = 100,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.client = client
        self.session_factory = session_factory
        self.timezone = timezone
        self.page_size = page_size
        self.clock = clock
        self.download_media = download_media
        # Images are fetched exactly as with the change feed (relative paths, /media/...).
        self._media = CatalogSync(client, session_factory, media_dir, clock=clock)
        self._lock = threading.Lock()
        self.skipped = 0

    def run(self, full: bool = True) -> SyncResult:
        with self._lock:
            started = time.monotonic()
            try:
                result = self._run(full)
            except Exception as exc:
                self._media._record_error(exc)
                raise
            log.info(
                "iClassPro %s refresh: %d change(s) applied, %d record(s) skipped, "
                "%d image(s) downloaded, %d ms",
                "full" if full else "openings",
                result.changes_applied,
                result.skipped,
                result.media_downloaded,
                (time.monotonic() - started) * 1000,
            )
            return result

    # ----- one refresh ---------------------------------------------------------------------

    def _run(self, full: bool) -> SyncResult:
        self.skipped = 0
        with self.session_factory() as session:
            cached = {
                (entity, record_id): data
                for entity, record_id, data in session.execute(
                    select(CatalogRecord.entity, CatalogRecord.record_id, CatalogRecord.data)
                )
            }
            state = session.get(SyncState, SYNC_STATE_ID)
            refresh_number = state.cursor if state else 0
            needs_success_mark = (
                state is None
                or state.last_error is not None
                or state.last_success_at is None
                or self.clock() - state.last_success_at >= SUCCESS_HEARTBEAT
            )
        if not full and ("settings", "org") not in cached:
            full = True
        if full:
            wanted = self._read_catalog(cached)
            owned: frozenset[str] | None = None  # every entity
        else:
            location_ids = sorted(
                {
                    int(record_id)
                    for (entity, record_id) in cached
                    if entity == "location" and record_id.isdigit()
                }
            )
            wanted = _Catalog()
            for location_id in location_ids:
                self._read_classes(wanted, location_id, cached)
            owned = _CLASS_ENTITIES

        page = _diff(cached, wanted.records, owned, refresh_number + 1)
        wrote = bool(page.changes)
        applied = 0
        if wrote or needs_success_mark:
            with write_session(self.session_factory) as session:
                if wrote:
                    applied, skipped = apply_page(session, page)
                    self.skipped += skipped
                states = SyncStateRepository(session)
                states.record_success(page.cursor if wrote else refresh_number, self.clock())
                states.set_media_dir(self._media.media_dir)
        downloaded = self._media._sync_media(catalog_changed=wrote) if self.download_media else 0
        return SyncResult(
            pages=1,
            changes_applied=applied,
            cursor=page.cursor if wrote else refresh_number,
            media_downloaded=downloaded,
            skipped=self.skipped,
        )

    def _read_catalog(self, cached: dict[tuple[str, str], str]) -> _Catalog:
        catalog = _Catalog()
        try:
            listed = self.client.open_locations()
        except errors.NotFound as exc:  # every account has this route: the account is unknown
            raise errors.UnknownAccount(exc.message, exc.status, exc.body) from exc
        locations = [loc for loc in listed if loc.active]
        if not locations:
            raise errors.BadResponse(
                _("The iClassPro account lists no open locations yet."), status=200
            )
        features = {"proShop": False, "parties": False, "meetTheStaff": False}
        for order, location in enumerate(locations):
            catalog.put("location", str(location.id), _location(location, order))
            self._read_location(catalog, location.id, features, cached)
        sessions = self._optional(self.client.open_sessions, "sessions") or []
        for term in sessions:
            catalog.put(
                "session",
                str(term.id),
                {
                    "id": term.id,
                    "name": term.name,
                    "startDate": term.start_date.isoformat() if term.start_date else None,
                },
            )
        first = locations[0]
        catalog.put(
            "settings",
            "org",
            {
                "name": first.name,
                "account": self.client.account,
                "timezone": self.timezone or "",
                "defaultLocationId": first.id,
                "features": {
                    "proShop": features["proShop"],
                    "welcomeInfo": False,
                    "findTheRightClass": True,
                    # Booking needs the facility's own system: a QR code hands it off.
                    "appointments": False,
                    "parties": features["parties"],
                    "meetTheStaff": features["meetTheStaff"],
                    "mobileApp": False,
                    "showInstructors": True,
                    "showTuition": False,
                    "checkIn": False,
                },
                "branding": {
                    "primaryColor": first.primary_color or "#1b5e9e",
                    "secondaryColor": first.secondary_color or "#f2a900",
                    "logo": first.logo,
                },
                "browseMode": True,
            },
        )
        return catalog

    def _read_location(
        self,
        catalog: _Catalog,
        location_id: int,
        features: dict[str, bool],
        cached: dict[tuple[str, str], str],
    ) -> None:
        menu = self._optional(lambda: self.client.open_booking_menu(location_id), "booking menu")
        camp_types: dict[int, OpenBookingItem] = {}
        for order, item in enumerate(menu or []):
            if item.target not in ("classes", "camps", "parties"):
                continue
            type_id = item.type_id
            if item.target == "camps" and type_id is not None:
                camp_types.setdefault(type_id, item)
            if item.target == "parties":
                features["parties"] = True
            catalog.put(
                "booking_menu",
                f"{location_id}-{order}",
                {
                    "id": location_id * 1000 + order,
                    "locationId": location_id,
                    "sortOrder": order,
                    "title": item.title,
                    "subTitle": item.sub_title,
                    "image": item.image,
                    "target": item.target,
                    "typeId": type_id,
                },
            )
        for type_id, item in camp_types.items():
            catalog.put_shared(
                "camp_type",
                str(type_id),
                {
                    "id": type_id,
                    "name": item.title,
                    "pluralName": item.plural_title or item.title,
                    "sortOrder": len(catalog.records),
                },
                location_id,
            )
        for kind in ("class", "camp"):
            programs = self._optional(
                partial(self.client.open_programs, location_id, kind), f"{kind} programs"
            )
            for program in programs or []:
                # Class and camp programs are numbered apart: keep them apart in the cache.
                record_id = str(program.id) if kind == "class" else f"camp-{program.id}"
                catalog.put_shared(
                    "program",
                    record_id,
                    {"id": program.id, "kind": kind, "name": program.name},
                    location_id,
                )
        levels = self._optional(lambda: self.client.open_levels(location_id), "levels")
        for level in levels or []:
            catalog.put_shared(
                "level",
                str(level.id),
                {
                    "id": level.id,
                    "name": level.name,
                    "color": level.color,
                    "textColor": level.text_color,
                    "sortOrder": level.sort_order,
                },
                location_id,
            )
        instructors = self._optional(
            lambda: self.client.open_instructors(location_id), "instructors"
        )
        for person in instructors or []:
            if not (person.first_name or person.last_name):
                continue
            features["meetTheStaff"] = True
            catalog.put_shared(
                "staff",
                str(person.id),
                {
                    "id": person.id,
                    "firstName": person.first_name,
                    "lastName": person.last_name,
                    "isInstructor": True,
                    "showOnPortal": True,
                },
                location_id,
            )
        self._read_classes(catalog, location_id, cached)
        self._read_camps(catalog, location_id, cached)
        products = self._optional(lambda: self.client.open_products(location_id), "ProShop")
        for product in products or []:
            if not product.show_on_customer_portal:
                continue
            features["proShop"] = True
            catalog.put_shared("product", str(product.id), _product(product), location_id)
        parties = self._optional(
            lambda: self.client._open_data(f"parties/create/{location_id}")[0], "parties"
        )
        if isinstance(parties, dict):
            catalog.put(
                "party_info",
                str(location_id),
                {
                    "id": location_id,
                    "locationId": location_id,
                    "availableDays": [
                        str(day) for day in parties.get("availableDays") or [] if day
                    ][:400],
                },
            )

    def _read_classes(
        self, catalog: _Catalog, location_id: int, cached: dict[tuple[str, str], str]
    ) -> None:
        try:
            classes = self.client.open_classes(location_id, limit=self.page_size)
        except (errors.AuthFailed, errors.BadRequest) as exc:
            if SIGN_IN_SENTENCE in exc.message.lower():
                raise SignInRequired(exc.message, exc.status, exc.body) from exc
            raise
        if not classes:
            self._check_sign_in(location_id)
        for item in classes:
            record = _class(item, location_id)
            record["description"] = self._description(
                "class", item.id, record, cached, partial(self.client.open_class, item.id)
            )
            catalog.put("class", str(item.id), record)

    def _check_sign_in(self, location_id: int) -> None:
        """An empty class list may be the account asking families to sign in (said in the
        envelope's message): say so rather than show an empty timetable."""
        _data, envelope = self.client._open_data(
            "classes", {"locationId": location_id, "page": 1, "limit": 1}
        )
        message = envelope.get("message") if isinstance(envelope, dict) else None
        if isinstance(message, str) and SIGN_IN_SENTENCE in message.lower():
            raise SignInRequired(message, 200, None)

    def _read_camps(
        self, catalog: _Catalog, location_id: int, cached: dict[tuple[str, str], str]
    ) -> None:
        camps = self._optional(
            lambda: self.client.open_camps(location_id, limit=self.page_size), "camps"
        )
        for item in camps or []:
            record = _camp(item, location_id)
            record["description"] = self._description(
                "camp", item.id, record, cached, partial(self.client.open_camp, item.id)
            )
            catalog.put("camp", str(item.id), record)

    def _description(
        self,
        entity: str,
        record_id: int,
        record: dict[str, Any],
        cached: dict[tuple[str, str], str],
        fetch: Callable[[], OpenClass | OpenCamp],
    ) -> str:
        """The record's sanitized description: the cached one while the list record has not
        changed (one request per class would be impolite every few minutes), else the detail's."""
        before = _loads(cached.get((entity, str(record_id))))
        if before is not None and _same_but_openings(before, record):
            return str(before.get("description") or "")
        try:
            detail = fetch()
        except (errors.NotFound, errors.BadRequest, errors.BadResponse) as exc:
            log.warning("no description for %s id=%s (%s)", entity, record_id, type(exc).__name__)
            return ""
        return sanitize_html(detail.description)

    def _optional(self, call: Callable[[], Any], what: str) -> Any:
        """`call()`, or None when the account answers that it does not offer this (a 400:
        the facility's plan lacks the feature, or 404 for a part it does not have)."""
        try:
            return call()
        except (errors.BadRequest, errors.NotFound) as exc:
            if isinstance(exc, errors.UnknownAccount):
                raise
            log.info("the account does not offer %s (HTTP %s)", what, exc.status)
            return None


# ----- open API records -> change-feed records ---------------------------------------------


def _loads(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _same_but_openings(before: dict[str, Any], record: dict[str, Any]) -> bool:
    skip = {"description", "openings", "capacity"}
    return {k: v for k, v in before.items() if k not in skip} == {
        k: v for k, v in record.items() if k not in skip
    }


def _location(location: OpenLocation, order: int) -> dict[str, Any]:
    return {
        "id": location.id,
        "name": location.name,
        "email": location.email,
        "phone": location.phone if location.show_phone_number_on_portal else "",
        "address": location.address if location.show_address_on_portal else "",
        "address2": location.address2 if location.show_address_on_portal else "",
        "city": location.city,
        "state": location.state,
        "zip": location.zip if location.show_address_on_portal else "",
        "country": location.country,
        "primaryColor": location.primary_color,
        "secondaryColor": location.secondary_color,
        "logo": location.logo,
        "hours": [],
        "sortOrder": order,
    }


def _schedule(slots: Iterable[OpenScheduleSlot]) -> list[dict[str, Any]]:
    return [
        {
            "dayNumber": slot.day_number,
            "dayName": slot.day_name,
            "startTime": slot.start_time,
            "endTime": slot.end_time,
        }
        for slot in slots
    ]


def _class(item: OpenClass, location_id: int) -> dict[str, Any]:
    start = item.start_date or item.dates.start
    end = item.end_date or item.dates.end
    openings = item.openings if item.openings is not None else 0
    return {
        "id": item.id,
        "locationId": location_id,
        "programId": item.program_id,
        "levelId": item.level_id,
        "name": item.name,
        "description": "",
        "minAgeMonths": item.min_age_months,
        "maxAgeMonths": item.max_age_months,
        "schedule": _schedule(item.schedule),
        "instructorNames": list(item.instructors),
        # The open API does not publish capacity; openings are what families see.
        "capacity": max(openings, 0),
        "openings": max(openings, 0),
        "allowWaitlist": item.allow_waitlist,
        "allowWebRegistration": item.allow_web_registration,
        "startDate": start.isoformat() if start else None,
        "endDate": end.isoformat() if end else None,
        "image": item.image,
    }


def _camp(item: OpenCamp, location_id: int) -> dict[str, Any]:
    first = item.schedule[0] if item.schedule else None
    openings = item.openings if item.openings is not None else (1 if item.has_openings else 0)
    return {
        "id": item.id,
        "locationId": location_id,
        "typeId": item.type_id,
        "programId": item.program_id,
        "name": item.name,
        "description": "",
        "minAge": item.min_age,
        "maxAge": item.max_age,
        "startDate": item.start_date.isoformat() if item.start_date else None,
        "endDate": item.end_date.isoformat() if item.end_date else None,
        "days": [],
        "dailyStart": first.start_time if first else None,
        "dailyEnd": first.end_time if first else None,
        "capacity": max(openings, 0),
        "openings": max(openings, 0),
        "allowChooseDays": item.allow_choose_days,
        "image": item.image,
    }


def _product(item: OpenProduct) -> dict[str, Any]:
    regular = _money_cents(item.price)
    active = _money_cents(item.active_price)
    sale = _money_cents(item.sale_price) if item.sale else None
    return {
        "id": item.id,
        "name": item.name,
        "sku": item.sku,
        "priceCents": regular if regular is not None else active,
        "salePriceCents": sale if sale is not None and sale != regular else None,
        "inventoryCount": item.inventory_count,
        "enableInventory": item.enable_inventory,
        "images": list(item.images),
        # Staff-written text shown as plain words: no markup at all.
        "shortDescription": _plain(item.short_description),
        "taxRate": item.tax_rate,
    }


def _plain(text: str) -> str:
    """Staff-written HTML as plain words (the ProShop shows no markup)."""
    if not text:
        return ""
    cleaned = nh3.clean(text, tags=set(), clean_content_tags={"script", "style"})
    return html.unescape(cleaned).strip()


def _diff(
    cached: dict[tuple[str, str], str],
    wanted: dict[tuple[str, str], dict[str, Any]],
    owned: frozenset[str] | None,
    seq: int,
) -> ChangePage:
    """The changes that turn `cached` into `wanted`, for the entities this refresh owns."""
    changes: list[dict[str, Any]] = []
    for (entity, record_id), data in sorted(wanted.items()):
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
        if cached.get((entity, record_id)) != text:
            changes.append(
                {"seq": seq, "entity": entity, "id": record_id, "op": "upsert", "data": data}
            )
    for entity, record_id in sorted(cached):
        if (owned is None or entity in owned) and (entity, record_id) not in wanted:
            changes.append(
                {"seq": seq, "entity": entity, "id": record_id, "op": "delete", "data": None}
            )
    return ChangePage.model_validate(
        {"changes": changes, "cursor": seq if changes else seq - 1, "hasMore": False}
    )


def refresh_due(last_full: float | None, now: float, full_refresh_s: float) -> bool:
    """Whether the next refresh reads the whole catalog (else only the openings)."""
    return last_full is None or now - last_full >= full_refresh_s


__all__ = ["IClassProSync", "PoliteClient", "SignInRequired", "refresh_due"]
