"""Shortcuts for reading the running portal over HTTP."""

from __future__ import annotations

import re
import uuid
from functools import partial
from types import SimpleNamespace
from typing import Any

import httpx

from portal.seed import DEMO_PASSWORD


def open_get(api: httpx.Client, path: str, **params: Any) -> httpx.Response:
    return api.get(f"/api/open/v1/demo{path}", params=params)


def feed(api: httpx.Client, after: int = 0, limit: int | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"after": after}
    if limit is not None:
        params["limit"] = limit
    response = api.get("/api/v1/demo/sync/changes", params=params)
    assert response.status_code == 200, response.text
    return response.json()


# --------------------------------------------------------------------------- family accounts

V1 = "/api/v1/demo"
CODE_RE = re.compile(r"\b(\d{6})\b")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def login(
    api: httpx.Client, email: str, password: str = DEMO_PASSWORD, device_id: str = "kiosk-test"
) -> httpx.Response:
    return api.post(
        f"{V1}/auth/login", json={"email": email, "password": password, "deviceId": device_id}
    )


def token_for(api: httpx.Client, email: str, password: str = DEMO_PASSWORD) -> str:
    response = login(api, email, password)
    assert response.status_code == 200, response.text
    return str(response.json()["token"])


def accept_outstanding_policies(api: httpx.Client, headers: dict[str, str]) -> None:
    """Read and accept every policy the family still has to, as a guardian does at the kiosk."""
    outstanding = api.get(f"{V1}/family/policies", headers=headers).json()["outstanding"]
    acceptances = [
        {"policyId": p["policyId"], "version": p["version"], "studentId": p["studentId"]}
        for p in outstanding
    ]
    response = api.post(
        f"{V1}/family/policies/accept",
        json={"acceptances": acceptances},
        headers={**headers, "Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 200, response.text


def field_errors(response: httpx.Response) -> dict[str, str]:
    return {e["field"]: e["message"] for e in response.json().get("errors", [])}


def mailbox(api: httpx.Client) -> list[dict[str, Any]]:
    response = api.get(f"{V1}/demo/mailbox")
    assert response.status_code == 200, response.text
    return list(response.json()["messages"])


def latest_code(api: httpx.Client, email: str) -> str:
    """The code of the newest password mail to `email`, read from the demo mailbox."""
    for message in mailbox(api):
        if message["to"] == email and "password" in message["subject"].lower():
            match = CODE_RE.search(message["body"])
            assert match, message["body"]
            return match.group(1)
    raise AssertionError(f"no password mail to {email}")


def account_body(**changes: Any) -> dict[str, Any]:
    """A valid Create Account body; `changes` maps dotted paths to new values."""
    body: dict[str, Any] = {
        "guardian": {
            "firstName": "Edna",
            "lastName": "Krabappel",
            "email": "edna@example.com",
            "phone": "217-555-0199",
            "address": {
                "line1": "19 Walnut St",
                "line2": "",
                "city": "Springfield",
                "state": "IL",
                "zip": "62701",
            },
        },
        "password": "chalk-and-apples",
        "students": [
            {
                "firstName": "Martin",
                "lastName": "Prince",
                "birthDate": "2016-05-01",
                "gender": "male",
            }
        ],
        "emergencyContact": {
            "name": "Seymour Skinner",
            "phone": "2175550123",
            "relationship": "Friend",
        },
        "deviceId": "kiosk-test",
    }
    for path, value in changes.items():
        set_path(body, path, value)
    return body


def set_path(body: Any, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node = body
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


# --------------------------------------------------------------------------- enrolled kiosks


# How long a test's HTTP call may wait for the portal's answer. Not a speed check (that is the
# bench): in `make test` three suites share two cores with PostgreSQL creating a database for
# every test, and a fresh portal's first answer has waited more than 10 s there for its commit.
HTTP_TIMEOUT_S = 60.0

# One-off requests with that patience (httpx's own default gives up after 5 s).
patient_http = SimpleNamespace(
    get=partial(httpx.get, timeout=HTTP_TIMEOUT_S),
    post=partial(httpx.post, timeout=HTTP_TIMEOUT_S),
)


def enroll(portal: Any, name: str = "Kiosk", location_id: int | None = 1) -> dict[str, Any]:
    """Enroll a kiosk as staff would: a pairing code from the portal, traded over HTTP."""
    code = portal.pairing_code(location_id=location_id)
    with httpx.Client(base_url=portal.url, timeout=HTTP_TIMEOUT_S) as client:
        response = client.post(f"{V1}/kiosks/enroll", json={"pairingCode": code, "name": name})
    assert response.status_code == 201, response.text
    return dict(response.json())


def enrolled_credential(portal: Any, name: str = "Kiosk") -> str:
    return str(enroll(portal, name)["credential"])


def kiosk_headers(credential: str) -> dict[str, str]:
    return {"X-Kiosk-Credential": credential}
