"""Staff at a kiosk whose portal cannot answer: a PIN the portal accepted here before opens the
kiosk's own panel (settings, sync status, exit); the real portal over HTTP, a real SQLite cache."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from kiosk.api.client import PortalClient
from kiosk.cache import db
from kiosk.cache.db import open_cache
from kiosk.cache.models import StaffPinVerifier
from kiosk.staff import (
    OFFLINE_MAX_FAILURES,
    OfflineStaffPins,
    StaffMember,
    StaffSession,
    StaffSignInFailed,
    hash_local_pin,
)
from portal.models import AuditEntry
from portal.seed import DEMO_STAFF_PINS
from tests.portal.helpers import enrolled_credential

PIN = next(iter(DEMO_STAFF_PINS))  # Priya Nair's


@pytest.fixture
def pins(tmp_path) -> OfflineStaffPins:
    return OfflineStaffPins(open_cache(tmp_path / "cache.sqlite3"))


def _session(
    url: str, pins: OfflineStaffPins, account: str = "demo", credential: str | None = None, **kw
) -> StaffSession:
    client = PortalClient(url, account, max_retries=0)
    client.set_kiosk_credential(credential)  # staff sign in only at an enrolled kiosk
    return StaffSession(client, "kiosk-test", kw.pop("fallback", None), offline_pins=pins, **kw)


def test_a_pin_that_worked_online_opens_the_kiosk_panel_when_the_portal_is_gone(portal, pins):
    online = _session(portal.url, pins, credential=enrolled_credential(portal))
    member = online.sign_in(PIN)
    assert member.first_name == "Priya" and not online.offline_only
    assert pins.count() == 1
    with pins._session_factory() as session:  # the PIN itself is nowhere in the cache
        stored = session.scalars(select(StaffPinVerifier.verifier)).one()
    assert stored.startswith("$argon2id$") and PIN not in stored.split("$")[-1]

    url = portal.url
    portal.stop()
    offline = _session(url, pins)
    member = offline.sign_in(PIN)
    assert offline.offline_only and member.display_name == "Priya N."
    offline.end()
    with pytest.raises(StaffSignInFailed, match="only a PIN that has worked"):
        offline.sign_in("1357")  # a real PIN, but never used at this kiosk


def test_the_heartbeat_saying_offline_skips_the_portal_altogether(portal, pins):
    pins.remember(StaffMember(7, "Jasmine", "Carter"), "1357")
    staff = _session(portal.url, pins, portal_reachable=lambda: False)
    assert staff.sign_in("1357").first_name == "Jasmine" and staff.offline_only
    with portal.session_factory() as session:  # the portal never saw it: no sign-in audited
        assert session.scalars(select(AuditEntry.id)).first() is None


def test_a_kiosk_set_up_with_a_wrong_account_still_lets_its_staff_in(portal, pins):
    _session(portal.url, pins, credential=enrolled_credential(portal)).sign_in(PIN)
    wrong = _session(portal.url, pins, account="no-such-gym")
    assert wrong.sign_in(PIN).first_name == "Priya" and wrong.offline_only


def test_a_pin_the_portal_refuses_is_forgotten_here_too(portal, pins):
    pins.remember(StaffMember(99, "Old", "Employee"), "97531")
    with pytest.raises(StaffSignInFailed, match="didn't work"):
        _session(portal.url, pins, credential=enrolled_credential(portal)).sign_in("97531")
    assert pins.verify("97531") is None and pins.count() == 0


def test_wrong_pins_offline_are_throttled_like_the_portal_does(tmp_path, pins):
    staff = _session("http://127.0.0.1:9", pins, fallback=hash_local_pin("97531"))
    for _ in range(OFFLINE_MAX_FAILURES):
        with pytest.raises(StaffSignInFailed, match="only a PIN"):
            staff.sign_in("0000")
    with pytest.raises(StaffSignInFailed, match="Too many tries"):
        staff.sign_in("97531")  # even the right one, as the portal does
    assert not staff.signed_in


def test_the_settings_fallback_pin_still_works(pins):
    staff = _session("http://127.0.0.1:9", pins, fallback=hash_local_pin("97531"))
    assert staff.sign_in("97531").id == 0 and staff.offline_only


def test_a_version_2_cache_gets_the_table(tmp_path):
    path = tmp_path / "old.sqlite3"
    open_cache(path)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE staff_pin_verifier")
        conn.execute("PRAGMA user_version = 2")
    factory = open_cache(path)
    assert db.schema_version(factory) == db.SCHEMA_VERSION >= 3  # and on through later steps
    OfflineStaffPins(factory).remember(StaffMember(1, "A", "B"), "1234")
    assert OfflineStaffPins(factory).verify("1234") == StaffMember(1, "A", "B")
