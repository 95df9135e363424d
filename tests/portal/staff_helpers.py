"""Shortcuts for the staff-mode tests: PIN sign-in, staff calls, family ids, the audit table."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from portal.models import AuditEntry, Family
from tests.portal.helpers import V1, bearer

PRIYA_PIN = "246813"
JASMINE_PIN = "135792"
FRONT_DESK = "kiosk-front-desk"
WRONG_PIN = "That PIN didn't work. Please try again."
THROTTLED = "Too many tries. Please wait 15 minutes or ask a manager."
SUSPENDED = "There is an issue with your account. Please contact us for further assistance"
ENDED = "Your session has ended. Please log in again."


def staff_login(
    api: httpx.Client, pin: str = PRIYA_PIN, device_id: str | None = FRONT_DESK
) -> httpx.Response:
    body: dict[str, Any] = {"pin": pin}
    if device_id is not None:
        body["deviceId"] = device_id
    return api.post(f"{V1}/staff/login", json=body)


def staff_token(api: httpx.Client, pin: str = PRIYA_PIN, device_id: str = FRONT_DESK) -> str:
    response = staff_login(api, pin, device_id)
    assert response.status_code == 200, response.text
    return str(response.json()["token"])


def search(api: httpx.Client, token: str, q: str) -> httpx.Response:
    return api.get(f"{V1}/staff/families", params={"q": q}, headers=bearer(token))


def found(api: httpx.Client, token: str, q: str) -> list[str]:
    """The names of the families a search finds, in the order answered."""
    response = search(api, token, q)
    assert response.status_code == 200, response.text
    return [f["name"] for f in response.json()["families"]]


def assist(api: httpx.Client, token: str, family_id: int) -> httpx.Response:
    return api.post(f"{V1}/staff/families/{family_id}/assist", headers=bearer(token))


def assisted_token(api: httpx.Client, token: str, family_id: int) -> str:
    response = assist(api, token, family_id)
    assert response.status_code == 200, response.text
    return str(response.json()["token"])


def audit(api: httpx.Client, token: str, **params: Any) -> list[dict[str, Any]]:
    response = api.get(f"{V1}/staff/audit", params=params, headers=bearer(token))
    assert response.status_code == 200, response.text
    return list(response.json()["entries"])


def family_id(portal: Any, name: str) -> int:
    with portal.session_factory() as session:
        return int(session.scalars(select(Family.id).where(Family.name == name)).one())


def audit_rows(portal: Any) -> list[AuditEntry]:
    """Every audit entry in the table, oldest first."""
    with portal.session_factory() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
