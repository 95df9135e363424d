"""The kiosk's enrollment with the real portal: a pairing code traded for a device credential
kept 0600 in the data directory and sent on every call; enrolled again when revoked."""

from __future__ import annotations

import stat

from kiosk.api.client import PortalClient
from kiosk.api.errors import PortalError
from kiosk.config import load_settings
from kiosk.enrollment import credential_path, ensure_enrolled, load_credential
from kiosk.staff import StaffSession, StaffSignInFailed
from portal.seed import DEMO_STAFF_PINS
from tests.portal.helpers import V1

PIN = next(iter(DEMO_STAFF_PINS))


def _settings(portal, tmp_path, code: str | None):
    return load_settings(
        None, env={}, portal_url=portal.url, account="demo", data_dir=tmp_path, pairing_code=code
    )


def test_an_unenrolled_kiosk_cannot_sign_staff_in(portal, tmp_path):
    settings = _settings(portal, tmp_path, None)
    client = PortalClient(settings.portal_url, settings.account)
    assert ensure_enrolled(client, settings) is False
    staff = StaffSession(client, settings.device_id, None)
    try:
        staff.sign_in(PIN)
    except StaffSignInFailed as refused:
        assert refused.message.startswith("This kiosk is not enrolled.")
    else:
        raise AssertionError("an unenrolled kiosk signed staff in")


def test_a_pairing_code_enrolls_the_kiosk_once_and_the_credential_is_private(portal, tmp_path):
    settings = _settings(portal, tmp_path, portal.pairing_code())
    client = PortalClient(settings.portal_url, settings.account)
    assert ensure_enrolled(client, settings) is True
    path = credential_path(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    credential = load_credential(tmp_path)
    assert credential and credential.startswith("kc_")
    assert StaffSession(client, settings.device_id, None).sign_in(PIN).first_name == "Priya"

    # The next start keeps the same credential (the used code is not needed again).
    again = PortalClient(settings.portal_url, settings.account)
    assert ensure_enrolled(again, settings) is True
    assert load_credential(tmp_path) == credential
    assert again.kiosk_me()["name"].endswith(f"({settings.device_id})")


def test_a_revoked_kiosk_enrolls_again_with_a_new_code(portal, tmp_path):
    settings = _settings(portal, tmp_path, portal.pairing_code())
    client = PortalClient(settings.portal_url, settings.account)
    ensure_enrolled(client, settings)
    old = load_credential(tmp_path)
    staff = StaffSession(client, settings.device_id, None)
    staff.sign_in(PIN)
    me = client.kiosk_me()
    # Staff revoke it (say it was stolen and found again): it is refused at once ...
    client.staff_revoke_kiosk(staff._require_token(), int(me["id"]))
    try:
        client.kiosk_me()
    except PortalError as refused:
        assert refused.status == 401
    else:
        raise AssertionError("a revoked credential still works")
    # ... and a new code from staff enrolls it again.
    renewed = _settings(portal, tmp_path, portal.pairing_code())
    fresh = PortalClient(renewed.portal_url, renewed.account)
    assert ensure_enrolled(fresh, renewed) is True
    assert load_credential(tmp_path) not in (None, old)
    assert fresh.kiosk_me()["revoked"] is False


def test_the_credential_goes_only_to_the_portal(portal, tmp_path):
    settings = _settings(portal, tmp_path, portal.pairing_code())
    client = PortalClient(settings.portal_url, settings.account)
    ensure_enrolled(client, settings)
    sent = client._request("GET", client._v1("kiosks/me")).request.headers
    assert sent["X-Kiosk-Credential"] == load_credential(tmp_path)
    assert f"{V1}/kiosks/me" in client._request("GET", client._v1("kiosks/me")).url
    client.reconfigure("http://127.0.0.1:9", "other")
    assert not client.enrolled  # another portal or account never gets it
