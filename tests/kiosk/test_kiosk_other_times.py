"""A full class's other times (kiosk.catalog_view.other_times), from a cache synced over HTTP
from the real portal: the same level at the same location with a free seat, earliest first."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.cache.db import open_cache
from kiosk.cache.repositories import CatalogRepository
from kiosk.catalog_view import other_times
from kiosk.sync.catalog import CatalogSync
from portal.models import ClassOffering as PortalClass
from portal.services import catalog as portal_catalog


@pytest.fixture
def client(portal, instant_client_class):
    with instant_client_class(portal.url, portal.account, timeout=5, max_retries=2) as client:
        yield client


def test_other_times_are_the_same_level_with_a_seat_earliest_in_the_week(portal, client, tmp_path):
    factory = open_cache(tmp_path / "kiosk" / "kiosk-cache.sqlite3")
    sync = CatalogSync(client, factory, tmp_path / "kiosk" / "media", download_media=False)
    sync.run()
    with portal.session_factory() as s:
        classes = s.scalars(select(PortalClass).where(PortalClass.location_id == 1)).all()
        full = next(
            c
            for c in classes
            if c.enrolled >= c.capacity
            and sum(o.level_id == c.level_id and o.enrolled < o.capacity for o in classes) >= 2
        )
        expected = {
            o.id for o in classes if o.level_id == full.level_id and o.enrolled < o.capacity
        }
    with factory() as session:
        offering = CatalogRepository(session).class_offering(full.id)
        found = other_times(session, offering)
    assert {o.id for o in found} == expected and full.id not in expected
    assert all(o.level_id == offering.level_id and o.openings > 0 for o in found)
    firsts = [min((s.day_number, s.start_time.zfill(5)) for s in o.schedule) for o in found]
    assert firsts == sorted(firsts)

    # One of them fills up: after the next sync it is no longer offered.
    taken = found[0].id
    with portal.session_factory.begin() as s:
        cls = portal_catalog.update_class(s, taken, allow_waitlist=True)
        cls.enrolled = cls.capacity
    sync.run()
    with factory() as session:
        again = other_times(session, CatalogRepository(session).class_offering(full.id))
    assert {o.id for o in again} == expected - {taken}
